"""Sentences that give away the ending or late plot, so adapters can hide them.

A sentence is marked for what it reveals, never for a single word: a character's death, a plot outcome, a twist's
content, how the film ends, or a story event told as late ("eventually", "in the end"). Each event needs a character
for its subject (a pronoun, a character noun, or a name the review writes capitalised mid-sentence) and counts
neither in a hypothetical ("could have died"), in another sense ("death metal"), in the film's awards or making, nor
in a set-up ("One day, they find a dog ... it turns out it has an owner"). Under a reviewer's own spoiler warning, and in a
paragraph that has begun to tell the ending, the plot narration is hidden too, but not the reviewer's opinions. The
word lists are data: bot/analysis/data/spoiler_words.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.analysis.lexicon import BODY_RE
from bot.analysis.text import Span

# A short line naming spoilers ("SPOILERS", "Warning: Spoilers", "*** Major spoilers below ***") is a warning.
_WARNING_LINE = re.compile(r"^\W*(?:[\w’'-]+\W+){0,3}spoilers?\b\W*(?:[\w’'-]+\W*){0,3}$", re.I)
_HEADING = re.compile(r"^(?:#|[A-Z0-9][A-Z0-9 ,'’:!?…-]{3,}$)")
# The reviewer's own voice: a sentence told in it is their anecdote or opinion, not the film's plot.
_FIRST_PERSON = re.compile(r"\b(?:I|I[’']m|I[’']ve|I[’']d|me|my|we|We)\b")
_WORD = re.compile(r"[\w’'-]+|\([^)]{0,60}\)")
# A clause opens after these: a hypothetical before a verb counts only in the verb's own clause.
_CLAUSE = re.compile(r"[,;:—–()]|\b(?:and|but|while|as|because|though|although|so)\b", re.I)
_CAPITAL = re.compile(r"(?<![.!?:\"“]\s)\b[A-Z][a-zà-ÿ’'-]+")
# A past or third-person verb form: the story's event after a subject ("he leaves", "she boarded").
_FINITE = re.compile(
    r"^[a-z]+(?:s|ed)$|^(?:went|came|took|left|found|gave|made|saw|told|became|fell|ran|won|lost|got|"
    r"kept|met|sold|bought|broke|shot|died|knew|began|fled|hid|wrote|stole|drove|flew|sat|stood)$"
)
# How far back from a verb its subject and its clause's opening are looked for (characters).
_REACH = 160
# The share of the text where "eventually" or "later" still orders the premise's events (judged by position).
_OPENING = 0.4
_PLAIN = frozenset({"is", "was", "has", "does", "as", "its", "this", "his", "us", "yes", "always", "less", "unless"})


@dataclass(frozen=True)
class _Lexicon:
    """The spoiler vocabulary, compiled once."""

    pronouns: frozenset[str]
    characters: frozenset[str]
    between: frozenset[str]
    not_names: frozenset[str]
    relatives: frozenset[str]
    passive: re.Pattern[str]
    intransitive: re.Pattern[str]
    active: re.Pattern[str]
    shoot: re.Pattern[str]
    turns_into: re.Pattern[str]
    backstory: re.Pattern[str]
    commits: re.Pattern[str]
    idioms: re.Pattern[str]
    noun_after_time: re.Pattern[str]
    death_nouns: re.Pattern[str]
    seen: re.Pattern[str]
    counterfactual: re.Pattern[str]
    strong: re.Pattern[str]
    anchors: re.Pattern[str]
    weak: re.Pattern[str]
    not_events: frozenset[str]
    negated: re.Pattern[str]
    twist: re.Pattern[str]
    turns_out: re.Pattern[str]
    ends: re.Pattern[str]
    frame_content: re.Pattern[str]
    frames: re.Pattern[str]
    announce: re.Pattern[str]
    warning: re.Pattern[str]
    promise: re.Pattern[str]
    dead: re.Pattern[str]
    metaphor: re.Pattern[str]
    hypothetical: re.Pattern[str]
    infinitive: re.Pattern[str]
    meta: re.Pattern[str]
    setup: re.Pattern[str]
    premise_opener: re.Pattern[str]
    opinion: re.Pattern[str]


def _alt(words: list[str]) -> str:
    """A whole-word alternation of `words`, longest first (a straight apostrophe also matches a curly one)."""
    escaped = (re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))
    return r"(?<![\w-])(?i:" + "|".join(escaped) + r")(?![\w-])"


def _plurals(words: list[str]) -> frozenset[str]:
    return frozenset(words) | {w + ("es" if w.endswith(("s", "sh", "ch")) else "s") for w in words}


@cache
def _lexicon() -> _Lexicon:
    raw = resources.files("bot.analysis").joinpath("data/spoiler_words.toml").read_text(encoding="utf-8")
    d = tomllib.loads(raw)
    subj, death, out, twist, end, neg = d["subjects"], d["death"], d["outcome"], d["twist"], d["ending"], d["negative"]
    neg = {**neg, "metaphor": neg["metaphor"] + death["dead_idioms"]}
    aux = r"(?:is|was|are|were|gets|got|get|been|be|being)\s+(?:\w+ly\s+)?"
    nouns = "|".join(sorted(_plurals(subj["characters"]), key=len, reverse=True))
    person_noun = r"(?:(?:the|a|an|his|her|their)\s+)?(?:\w+\s+){0,2}?(?:" + nouns + r")"
    person = r"(?:him|her|them|himself|herself|themselves|[A-Z][\w’'-]+|" + person_noun + r")\b"
    return _Lexicon(
        pronouns=frozenset(subj["pronouns"]),
        characters=_plurals(subj["characters"]),
        between=frozenset(subj["between"]),
        not_names=frozenset(subj["not_names"]),
        relatives=frozenset(subj["relatives"]),
        passive=re.compile(r"\b" + aux + _alt(death["passive"])),
        intransitive=re.compile(_alt(death["intransitive"])),
        active=re.compile(_alt(death["active"]) + r"\s+(?:off\b|" + person + r"(?:\s+off\b)?)"),
        shoot=re.compile(
            _alt(death["shoot"]) + r"\s+(?:him|her|them|himself|herself|themselves|" + person_noun + r")\b"
        ),
        turns_into=re.compile(
            _alt(death["turns_into"]) + r"\s+(?:a|an|the)\s+(?:\w+\s+)?" + _alt(death["killings"] + ["bloodbath"])
        ),
        backstory=re.compile(_alt(neg["backstory"])),
        commits=re.compile(_alt(death["commits"]) + r"\s+(?:[\w-]+\s+){0,3}?" + _alt(death["killings"])),
        idioms=re.compile(_alt(death["idioms"])),
        noun_after_time=re.compile(
            _alt(death["time_preps"])
            + r"\s+(?:(?:his|her|their|[A-Z][\w’'-]+['’]s)\s+(?:own\s+)?|the\s+)"
            + _alt(death["nouns"])
            + r"(?:\s+of\s+(?:his|her|their|the|[A-Z]))?",
        ),
        death_nouns=re.compile(r"(?<![\w-])(?:" + "|".join(death["nouns"]) + r")(?![\w-])"),
        seen=re.compile(_alt(death["perceive"]) + r"\s+(?:\S+\s+){0,4}?" + _alt(death["seen"])),
        counterfactual=re.compile(r"\b(?i:had|if only)\s+(?:he|she|they|[A-Z][\w’'-]+)\s+" + _alt(death["survive"])),
        strong=re.compile(_alt(out["strong"])),
        anchors=re.compile(_alt(out["anchors"])),
        weak=re.compile(_alt(out["weak_anchors"])),
        not_events=frozenset(out["not_events"]),
        negated=re.compile(_alt(out["negated"]) + r"\s+[a-z]+"),
        twist=re.compile(_alt(twist["cues"]) + r"\s*,?\s+(?:\w+\W+){2}"),
        turns_out=re.compile(_alt(twist["turns_out"])),
        ends=re.compile(
            _alt(end["ends"]) + r"\s+(?:with|when|as|on|in|at)?\s*(?:a|an|the|her|his|their|him|them|[A-Z])"
        ),
        frame_content=re.compile(
            _alt(end["frames"])
            + r"\s*,?\s+(?:in which|where|when|of (?:his|her|their|him|them)\b)|"
            + _alt(end["frames"])
            + r"\s*[,:—]\s+(?:(?:his|her|their|the|a)\s+\w+|[A-Z][\w’'-]+|he|she|they)\s+"
            r"(?:\w+\s+)?\w+ing\b"
            + "|"
            + _alt(end["frames"])
            + r"\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:in which|where|when)\b"
        ),
        frames=re.compile(_alt(end["frames"])),
        announce=re.compile(_alt(end["announce"])),
        warning=re.compile(_alt(d["warning"]["cues"])),
        promise=re.compile(_alt(d["warning"]["promises"])),
        dead=re.compile(r"(?:\b(?:is|was|are|were|been)\s+|['’]s\s+)(?:\w+ly\s+)?" + _alt(death["dead"]) + r"(?!\s*-)"),
        metaphor=re.compile(_alt(neg["metaphor"])),
        hypothetical=re.compile(_alt(neg["hypothetical"])),
        infinitive=re.compile(_alt(neg["infinitive"]) + r"(?:\s+[\w’'-]+){0,2}\s*$"),
        meta=re.compile(_alt(neg["meta"])),
        setup=re.compile(_alt(neg["setup"])),
        premise_opener=re.compile(
            r"\W*" + _alt(neg["premise_openers"]) + r"[^,;]{0,60}?" + _alt(neg["premise_deaths"]) + r"[^,;]{0,60},"
        ),
        opinion=re.compile(_alt(neg["opinion"])),
    )


def _names(spans: list[Span]) -> frozenset[str]:
    """Capitalised words the text writes mid-sentence: the names a subject may be."""
    return frozenset(m.group() for s in spans for m in _CAPITAL.finditer(s.sentence, 1))


def _subject(before: str, names: frozenset[str]) -> bool:
    """True when the words just before a verb end in a character subject."""
    lex = _lexicon()
    words = [w for w in _WORD.findall(before[-_REACH:]) if not w.startswith("(")][-6:]
    while words and (words[-1].lower() in lex.between or words[-1].lower().endswith("ly")):
        words.pop()
    if words and words[-1].lower() in lex.relatives:
        words = words[:-1][-2:]
    if not words:
        return False
    last = words[-1]
    low = last.lower()
    if low.endswith(("’s", "'s")):  # a possessive modifies the next word; "he's" is "he is"
        return low[:-2] in lex.pronouns
    if low in lex.pronouns or low in lex.characters:
        return True
    return last[0].isupper() and last in names and low not in _PLAIN and low not in lex.not_names


def _clause_before(sentence: str, at: int) -> str:
    """The sentence's text from the start of the clause that holds position `at`."""
    start = max(0, at - _REACH)
    starts = [m.end() for m in _CLAUSE.finditer(sentence, start, at)]
    return sentence[(starts[-1] if starts else start) : at]


def _event(sentence: str, m: re.Match[str], names: frozenset[str], *, idiom: bool = False) -> bool:
    """A matched event with a character subject and no hypothetical before it in its clause."""
    lex = _lexicon()
    prefix = _clause_before(sentence, m.start())
    if re.search(r"\bonly to\s*$", prefix):
        return True
    if lex.hypothetical.search(prefix) or lex.backstory.search(prefix):
        return False
    if not idiom and lex.infinitive.search(prefix):  # "to just not die"; an idiom may be an infinitive
        return False
    return idiom or _subject(sentence[: m.start()], names)


def _death(s: str, names: frozenset[str]) -> bool:
    """A character dies or is killed in the sentence."""
    lex = _lexicon()
    if any(_event(s, m, names) for p in (lex.passive, lex.intransitive, lex.commits) for m in p.finditer(s)):
        return True
    for m in (*lex.active.finditer(s), *lex.shoot.finditer(s)):
        if m.group().split()[-1] == "off" or _event(s, m, names):
            return True
    if lex.turns_into.search(s):
        return True
    if any(_event(s, m, names) for m in lex.dead.finditer(s)):  # "Anna was dead", "he's dead"
        return True
    if any(_event(s, m, names, idiom=True) for m in lex.idioms.finditer(s)):
        return True
    return bool(lex.noun_after_time.search(s) or lex.seen.search(s) or lex.counterfactual.search(s))


def _narrates(s: str, names: frozenset[str]) -> bool:
    """A character subject then a story verb ("she leaves", "he does not see her")."""
    lex = _lexicon()
    for m in _WORD.finditer(s):
        word = m.group()
        if word.startswith("(") or not _FINITE.match(word) or word in lex.not_events or word in _PLAIN:
            continue
        prefix = _clause_before(s, m.start())
        if (
            _subject(s[: m.start()], names)
            and not lex.hypothetical.search(prefix)
            and not lex.infinitive.search(prefix)
        ):
            return True
    return any(_subject(s[: m.start()], names) for m in lex.negated.finditer(s))


def _twist(s: str, names: frozenset[str]) -> bool:
    """A twist told with its content ("it turns out the lodger was the thief")."""
    lex = _lexicon()
    if lex.twist.search(s):
        return True
    return any(_subject(s[: m.start()], names) or _owned(s[: m.start()], names) for m in lex.turns_out.finditer(s))


def _owned(before: str, names: frozenset[str]) -> bool:
    """True when the words before a verb end in a character's thing ("Tom's letter", "her plan")."""
    words = _WORD.findall(before[-_REACH:])[-2:]
    if len(words) < 2 or words[-1][:1].isupper():
        return False
    owner = words[0]
    low = owner.lower()
    if low in ("his", "her", "their"):
        return True
    return low.endswith(("’s", "'s")) and _subject(owner[:-2], names)


def _ending(s: str, names: frozenset[str]) -> bool:
    """How the film ends, told with its content; or a death in the ending."""
    lex = _lexicon()
    if lex.ends.search(s) or lex.frame_content.search(s):
        return True
    return bool(lex.frames.search(s) and lex.death_nouns.search(s) and not lex.metaphor.search(s))


def reveals(sentence: str, names: frozenset[str], *, setup: bool = False, opening: bool = False) -> bool:
    """True when the sentence reveals a death, an outcome, a twist, the ending or late plot. `setup`: it belongs
    to the review's account of the premise, where a death or a discovery is the story's start; `opening`: it is
    in the review's first part or in a synopsis paragraph; in either, "eventually" and "later" order first-act
    events."""
    lex = _lexicon()
    s = lex.metaphor.sub(" ", sentence)
    if lex.meta.search(s) or BODY_RE.search(s):
        return False
    if _ending(s, names):
        return True
    late = lex.anchors.search(s) or (None if opening or setup else lex.weak.search(s))
    if late and _narrates(s, names):
        return True
    if setup and not late:
        return False
    if _death(s, names) or _twist(s, names):
        return True
    return any(_event(s, m, names) for m in lex.strong.finditer(s))


def _premise(spans: list[Span], i: int, text: str) -> bool:
    """The sentence is set-up: a set-up cue in it or the sentence before it in its paragraph, or an opening
    "When X dies, ..." / "Upon the death of X, ..." clause in the first third of the text."""
    lex = _lexicon()
    window = [spans[i]] + ([spans[i - 1]] if i and spans[i - 1].block == spans[i].block else [])
    if any(lex.setup.search(s.sentence) for s in window):
        return True
    return spans[i].start < len(text) / 3 and bool(lex.premise_opener.match(spans[i].sentence))


def _synopses(spans: list[Span]) -> list[bool]:
    """Per sentence: its paragraph was opened earlier by a set-up cue ("The plot follows ..."), so it is a synopsis,
    where "eventually" orders the premise's events."""
    lex = _lexicon()
    opened: set[int] = set()
    out: list[bool] = []
    for span in spans:
        out.append(span.block in opened)
        if lex.setup.search(span.sentence):
            opened.add(span.block)
    return out


def _warns(sentence: str) -> bool:
    """The reviewer warns that the plot follows (and does not promise to keep it back)."""
    lex = _lexicon()
    return bool(lex.warning.search(sentence) or _WARNING_LINE.match(sentence)) and not lex.promise.search(sentence)


def spoiler_flags(spans: list[Span], text: str) -> list[bool]:
    """One flag per sentence: True where the sentence reveals late plot."""
    lex = _lexicon()
    names = _names(spans)
    flags: list[bool] = []
    warned = False
    synopses = _synopses(spans)
    telling = -1  # the paragraph whose plot narration is being hidden (after an ending told or announced)
    for i, span in enumerate(spans):
        line_start = text.rfind("\n", 0, span.start) + 1
        if _HEADING.match(text[line_start : span.end].strip()) and not _warns(span.sentence):
            warned = False
        setup = _premise(spans, i, text)
        synopsis = span.start < _OPENING * len(text) or synopses[i]
        content = reveals(span.sentence, names, setup=setup, opening=synopsis)
        narrates = _narrates(span.sentence, names) and not _FIRST_PERSON.search(span.sentence)
        told = span.block == telling and narrates and not lex.opinion.search(span.sentence)
        # under the reviewer's own warning, the plot they tell is hidden, their opinions and the premise are not
        flags.append(content or told or (warned and narrates and not setup))
        # only an ending told or announced goes on in the paragraph's narration; another reveal stands alone
        if (
            told
            or lex.announce.search(span.sentence)
            or (content and _ending(lex.metaphor.sub(" ", span.sentence), names))
        ):
            telling = span.block
        elif span.block != telling:
            telling = -1
        if _warns(span.sentence):
            warned = True
    return flags
