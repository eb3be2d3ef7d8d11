"""Stage 3: the result a cue states in its clause — weighed against negation and modality."""

from __future__ import annotations

import itertools
import re

from bot.analysis.award_reader.mentions import Cue
from bot.analysis.award_reader.words import words
from bot.models import AwardResult

_NOT_NEGATION = re.compile(
    r"\b(?:not only|not just|no doubt|no less|no fewer|no more than|never before|not least|no stranger|not one but)\b",
    re.I,
)
# "would later win", "would go on to win": narrated past, not a prediction.
_NARRATED = re.compile(r"\bwould\s+(?:later|eventually|go on to|soon|then)\b", re.I)


_NEGATION_REACH = 45  # a negation governs the cue only from a few words before it ("did not win", "never won an")


def clauses(sentence: str) -> list[tuple[int, int]]:
    """The sentence cut at clause boundaries (semicolons, dashes, brackets, "but", ", who")."""
    cuts = [0, *(m.start() for m in words().boundary.finditer(sentence) if not _list_colon(sentence, m)), len(sentence)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


_OPENS_LIST = {
    ":": re.compile(r":\s*(?:Best|Outstanding|[A-Z][\w’' ]{0,30}(?:,|;| and ))"),
    "(": re.compile(r"\(\s*(?:for\s|winning\s|won\s|Best\s|[A-Z][\w’']*(?:,| and ))"),
}


def _list_colon(sentence: str, m: re.Match[str]) -> bool:
    """A colon or bracket that opens a list of awards ("five Oscars: Best Picture, Director, ...", "a sweep
    (Globes, SAG, BAFTA)") joins its clause rather than ending it."""
    mark, at = m.group(), m.start()
    if mark == ")":
        mark, at = "(", sentence.rfind("(", 0, at)
        if at < 0:
            return False
    pattern = _OPENS_LIST.get(mark)
    return pattern is not None and pattern.match(sentence, at) is not None


def clause_of(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause holding position `pos`."""
    return next(((a, b) for a, b in spans if a <= pos < b), spans[-1])


def decide(cue: Cue, sentence: str, clause: tuple[int, int]) -> AwardResult | None:
    """The cue's result, "contender" under a modal, or None when the clause negates it."""
    before = sentence[max(clause[0], cue.start - _NEGATION_REACH) : cue.start]
    negated = words().negator.search(before) and not _NOT_NEGATION.search(before)
    if negated or _negated_after(sentence[cue.end : clause[1]]):
        return None
    modal = words().modal.search(before) is not None and not _NARRATED.search(sentence[clause[0] : cue.end])
    # "X winning Best Picture would make him feel better": a gerund whose clause goes on under a modal
    modal = modal or (
        _GERUND.fullmatch(sentence[cue.start : cue.end]) is not None and _modal_after(sentence, cue, clause)
    )
    if cue.kind in {"won", "nominated", "recognized"}:
        return "contender" if modal else cue.kind  # type: ignore[return-value]
    if cue.kind == "contender":
        return "contender"
    return None if modal else "lost"


_GERUND = re.compile(r"\w+ing", re.I)


def _modal_after(sentence: str, cue: Cue, clause: tuple[int, int]) -> bool:
    """A modal verb later in the cue's clause ("... winning Best Picture would ...")."""
    return re.search(r"\b(?:would|could|might|should|may)\b", sentence[cue.end : clause[1]], re.I) is not None


def _negated_after(after: str) -> bool:
    """ "won nothing", "nominated for nothing": a negation right after the cue."""
    return re.match(r"\s*(?:nothing|none|no\b(?!\s+(?:fewer|less|more)\b))", after, re.I) is not None
