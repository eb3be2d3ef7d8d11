"""Stage 1: the award mentions of one sentence — bodies, categories, counts and result cues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.analysis.award_reader.catalogue import Body, Catalogue, Category, catalogue, normalise_key
from bot.analysis.award_reader.words import words

_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_COUNT = re.compile(
    r"(?<![\w.])(?P<n>\d{1,2}|" + "|".join(_NUMBERS) + r")(?:[- ]time)?[- ]"
    r"(?P<mid>(?:[\w’'.]+ ){0,3}?)"
    r"(?P<noun>nominations?|nods?|noms|awards?|wins|prizes?|trophies|statuettes|Oscars|Academy Awards|BAFTAs|Baftas|"
    r"Golden Globes|Globes|Césars|Cesars|Goyas|Emmys|winner|nominee)\b",
    re.I,
)
_MARKER = re.compile(r"(?<![\w-])(?:best|outstanding|most)\s+", re.I)
_CONTINUE = re.compile(
    r"^(?:\s*\([^()]{0,60}\))?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*)(?:(?:the\s+)?best\s+)?", re.I
)
_BARE_START = re.compile(
    r"\b(?:won|wins|win|winning|for|nominated in|nominations? in)\s+(?:the\s+)?(?=[A-Z])|:\s*(?=[A-Z])"
)
_TOP = re.compile(r"(?<![\w-])(?:top|highest|main|biggest|grand) (?:prize|award|honou?r)\b", re.I)
_HYPHEN_CUE = re.compile(r"-(?:(?P<won>winning|winner|winners)|(?P<nominated>nominated|nominee|nominees))\b", re.I)
_WEAK = frozenset(
    [
        "went home with",
        "goes home with",
        "walked away with",
        "walks away with",
        "took",
        "takes",
        "taking",
        "brought",
        "landed",
        "earned",
        "earns",
        "earning",
        "received",
        "receives",
        "receiving",
        "shared",
        "secured",
        "claimed",
        "claims",
        "collected",
        "collects",
        "garnered",
        "garnering",
        "grabbed",
        "bagged",
        "nabbed",
        "snagged",
        "nabbing",
        "win",
    ]
)
_CLOSE = frozenset(
    [
        "race",
        "campaign",
        "campaigning",
        "talk",
        "push",
        "bid",
        "chatter",
        "poised",
        "named",
        "selected",
        "cited",
        "honour",
        "honor",
    ]
)
_AFTER_FOR = frozenset(["screenplay", "cinematography", "editing", "directing", "casting", "makeup", "score"])


LONGEST = 1500  # characters: no real award statement is longer


@dataclass(frozen=True)
class BodyMention:
    start: int
    end: int
    body: Body


@dataclass(frozen=True)
class CategoryMention:
    start: int
    end: int
    category: Category
    body: Body | None  # the body whose own category it is (a named prize), else None
    anchor: int = -1  # where the list it continues begins ("Best Picture, Director and Actor")

    @property
    def pos(self) -> int:
        """The position that ties it to a cue: its list's head."""
        return self.anchor if self.anchor >= 0 else self.start


@dataclass(frozen=True)
class CountMention:
    start: int
    end: int
    number: int
    nomination: bool  # "14 nominations" (else wins or awards)
    body: Body | None


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # won | nominated | lost | beat | contender | recognized
    weak: bool = False  # counts only with an award mention right after it
    close: bool = False  # counts only with an award mention right beside it


@dataclass(frozen=True)
class Mentions:
    bodies: tuple[BodyMention, ...]
    categories: tuple[CategoryMention, ...]
    counts: tuple[CountMention, ...]
    cues: tuple[Cue, ...]


@cache
def find_mentions(sentence: str, default: Body | None = None) -> Mentions:
    """Every award mention of a sentence, left to right; `default` is the body of the sentences before, which
    names the categories of a sentence that names no body."""
    if len(sentence) > LONGEST:
        return Mentions((), (), (), ())  # a run-on scrape line, not a statement (cost grows with its mentions)
    cat = catalogue()
    bodies = tuple(
        BodyMention(m.start(), m.end(), cat.alias_body[normalise_key(m.group())])
        for m in cat.alias_re.finditer(sentence)
    )
    categories = _categories(sentence, cat, bodies if bodies or default is None else (BodyMention(-1, -1, default),))
    return Mentions(bodies, categories, _counts(sentence, bodies), _cues(sentence))


def _context_body(at: int, bodies: tuple[BodyMention, ...]) -> Body | None:
    """The body a category at `at` belongs to: the nearest one named before it, else after it."""
    before = [b for b in bodies if b.end <= at and b.start >= 0] or [b for b in bodies if b.start < 0]
    after = [b for b in bodies if b.start >= at]
    pick = before[-1] if before else after[0] if after else None
    return pick.body if pick else None


def _longest(text: str, cat: Catalogue, body: Body | None, start: int) -> CategoryMention | None:
    """The longest catalogue category that `text` begins with (up to nine words)."""
    words_ = re.findall(r"[^\s,;:()\[\]]+|[,;:]", text[:120])
    for n in range(min(9, len(words_)), 0, -1):
        phrase = " ".join(words_[:n])
        if phrase[-1] in ",;:":
            continue
        found = cat.category(phrase, body)
        if found:
            end = text.find(words_[n - 1]) + len(words_[n - 1])
            own = body if body and normalise_key(phrase) in body.categories else None
            return CategoryMention(start, start + end, found, own or (cat.prize_body(phrase) if found else None))
    return None


def _categories(sentence: str, cat: Catalogue, bodies: tuple[BodyMention, ...]) -> tuple[CategoryMention, ...]:
    found: list[CategoryMention] = []
    for m in _MARKER.finditer(sentence):
        body = _context_body(m.start(), bodies)
        hit = _longest(sentence[m.end() :], cat, body, m.end())
        hit = hit or _longest(sentence[m.start() :], cat, body, m.start())
        if hit:
            found.append(CategoryMention(m.start(), hit.end, hit.category, hit.body))
    found.extend(_named_prizes(sentence, cat, bodies))
    for m in _BARE_START.finditer(sentence):  # "won Picture, Director and Actor", "nominated for Supporting Actor"
        body = _context_body(m.end(), bodies)
        hit = _longest(sentence[m.end() :], cat, body, m.end())
        if hit and body is not None:
            found.append(hit)
    found.extend(_after_for(sentence, cat, bodies))
    for m in _TOP.finditer(sentence):
        body = _context_body(m.start(), bodies)
        if body and body.top:
            found.append(CategoryMention(m.start(), m.end(), body.categories[normalise_key(body.top)], body))
    found = _without_overlaps(found)
    return tuple(sorted(_continued(sentence, cat, bodies, found), key=lambda c: c.start))


@cache
def _prize_re() -> re.Pattern[str]:
    """Named prizes of particular bodies ("Palme d'Or", "Golden Lion", "Jury Prize"), any case."""
    cat = catalogue()
    keys = {k for b in cat.bodies for k in b.categories if len(k.split()) > 1 or "'" in k or b.kind == "festival"}
    keys |= {k for k in cat.generic if len(k.split()) > 1}
    keys -= {"actor", "actress", "director", "screenplay", "script", "direction", "film", "picture"}
    # keys hold possessives without their apostrophe ("peoples choice award"): the text may have one either way
    alts = sorted(
        (re.sub(r"(?<=\w)s\\ ", r"(?:s|['’]s|s['’])\\ ", re.escape(k).replace("'", "['’]")) for k in keys),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.I)


def _named_prizes(sentence: str, cat: Catalogue, bodies: tuple[BodyMention, ...]) -> list[CategoryMention]:
    out = []
    for m in _prize_re().finditer(sentence):
        key = normalise_key(m.group())
        body = _context_body(m.start(), bodies) or cat.prize_body(key)
        found = cat.category(key, body)
        generic_only = body is None or key not in body.categories
        lower_ok = key.endswith((" prize", " award"))  # "the acting prize" is a prize in any case
        if found is None or (generic_only and not m.group()[0].isupper() and not lower_ok):
            continue  # a generic phrase counts only as a capitalised name ("Supporting Actress")
        out.append(CategoryMention(m.start(), m.end(), found, None if generic_only else body))
    return out


def _after_for(sentence: str, cat: Catalogue, bodies: tuple[BodyMention, ...]) -> list[CategoryMention]:
    """A lower-case craft after "for" ("nominated for adapted screenplay")."""
    out = []
    for m in re.finditer(r"\bfor (?:the |her |his |its |their )?([a-z][a-z -]+)", sentence):
        body = _context_body(m.start(), bodies)
        hit = _longest(m.group(1), cat, body, m.start(1))
        if hit and (len(sentence[hit.start : hit.end].split()) > 1 or sentence[hit.start : hit.end] in _AFTER_FOR):
            out.append(hit)
    return out


def _continued(
    sentence: str, cat: Catalogue, bodies: tuple[BodyMention, ...], found: list[CategoryMention]
) -> list[CategoryMention]:
    """A list after a category continues it: "Best Picture, Director and Actor"."""
    out = list(found)
    for first in found:
        end, body = first.end, first.body or _context_body(first.start, bodies)
        while (m := _CONTINUE.match(sentence[end:])) and m.end() > 0:
            hit = _longest(sentence[end + m.end() :], cat, body, end + m.end())
            if hit is None:
                break
            taken = next((o for o in out if o.start <= hit.start < o.end), None)
            if taken is not None and taken.start < end + m.start():
                break
            if taken is not None:  # the next item was found on its own ("... and Best Screenplay"): it joins the run
                out.remove(taken)
                hit = taken
            hit = CategoryMention(hit.start, hit.end, hit.category, hit.body, first.pos)
            out.append(hit)
            end = hit.end
    return _without_overlaps(out)


def _without_overlaps(found: list[CategoryMention]) -> list[CategoryMention]:
    """Longest mention wins where two overlap."""
    keep: list[CategoryMention] = []
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in keep):
            keep.append(c)
    return sorted(keep, key=lambda c: c.start)


_WINNING_N = re.compile(r"\((?:winning|won|with)\s+(\d{1,2}|" + "|".join(_NUMBERS) + r")(?:\s+wins?)?\)", re.I)
_FOR_N = re.compile(r"\bnominated\s+for\s+(\d{1,2}|" + "|".join(_NUMBERS) + r")\b(?!\s*[-\w])", re.I)
_GENERIC_NOUNS = frozenset(
    ["award", "awards", "wins", "prize", "prizes", "trophies", "statuettes", "winner", "nominee"]
)


def _counts(sentence: str, bodies: tuple[BodyMention, ...]) -> tuple[CountMention, ...]:
    """ "14 nominations", "three Oscars", "a two-time Oscar winner": a count needs an award noun or a body."""
    out = []
    for m in _COUNT.finditer(sentence):
        raw, noun = m.group("n").lower(), m.group("noun").lower()
        number = int(raw) if raw.isdigit() else _NUMBERS[raw]
        body = next((b.body for b in bodies if m.start() <= b.start < m.end() + 25), None)
        nomination = noun.startswith(("nom", "nod")) or noun == "nominee"
        if number < 1 or (noun in _GENERIC_NOUNS and body is None):
            continue
        out.append(CountMention(m.start(), m.end(), number, nomination, body))
    for m in _FOR_N.finditer(sentence):  # "nominated for five": the noun understood
        raw = m.group(1).lower()
        number = int(raw) if raw.isdigit() else _NUMBERS[raw]
        if number > 1 and not any(c.start <= m.start(1) < c.end for c in out):
            out.append(CountMention(m.start(1), m.end(1), number, True, None))
    for m in _WINNING_N.finditer(sentence):  # "Nominated for 4 Golden Globes (winning 2)"
        prior = [c for c in out if c.end <= m.start()]
        raw = m.group(1).lower()
        if prior:
            number = int(raw) if raw.isdigit() else _NUMBERS[raw]
            out.append(CountMention(m.start(1), m.end(1), number, False, prior[-1].body))
    return tuple(sorted(out, key=lambda c: c.start))


def _cues(sentence: str) -> tuple[Cue, ...]:
    found: list[Cue] = []
    for kind, pattern in words().cues:
        for m in pattern.finditer(sentence):
            low = m.group().lower()
            found.append(Cue(m.start(), m.end(), kind, weak=low in _WEAK, close=low in _CLOSE))
    for m in _HYPHEN_CUE.finditer(sentence):
        found.append(Cue(m.start(), m.end(), "won" if m.group("won") else "nominated"))
    keep: list[Cue] = []
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in keep):
            keep.append(c)
    return tuple(sorted(keep, key=lambda c: c.start))
