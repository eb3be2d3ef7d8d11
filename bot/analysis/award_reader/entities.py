"""Stage 2a: the entities a fact can be about — the reviewed film, other named films, people.

A subject is never a heading, a sentence's first word, a nationality, a common noun or a fragment:
a person is two to four capitalised words none of which is in the `not_name` list (or a surname of
such a name given elsewhere in the review); another film is a title set off by italics, quotes, a
year in brackets, or a title-case run opened by an article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from bot.analysis.award_reader.catalogue import QUOTES, catalogue, normalise_key
from bot.analysis.award_reader.words import words

# One way only to match a word (a lookahead for its lower-case letter, then a possessive run): the runs built
# from it backtrack over words, never inside them, so a long title-case headline stays linear.
_TOKEN = r"(?:[A-ZÀ-Þ]\.(?:[A-ZÀ-Þ]\.)*|[A-ZÀ-Þ](?=[\w’'-]*[a-zß-ÿ])[\w’'-]*+)"
_PARTICLE = r"(?:de|del|della|di|da|dos|das|van|von|der|den|du|le|la|bin|al|el|ter|y)"
_RUN = re.compile(rf"{_TOKEN}(?:\s(?:{_PARTICLE}\s)?{_TOKEN})*")
_SMALL = r"(?:of|the|in|and|a|an|for|to|on|at|from|with|is|or|&)"
_ARTICLE_TITLE = re.compile(rf"\b(?:The|A|An)\s{_TOKEN}(?:\s(?:{_SMALL}\s)*{_TOKEN}){{0,6}}")
_MARKED = r"(?:\*{1,2}|_)(?P<i>[A-Z0-9][^*_\n]{0,60}?)(?:\*{1,2}|_)(?!\w)|[“\"](?P<q>[A-Z0-9][^”\"\n]{0,60}?)[”\"]"
_SET_OFF = re.compile(rf"{_MARKED}|(?P<y>{_TOKEN}(?:\s(?:{_SMALL}\s)*{_TOKEN}){{0,6}})\s\((?:19|20)\d\d\)")
_SET_OFF_NO_YEAR = re.compile(_MARKED)
_YEAR = re.compile(r"\((?:19|20)\d\d\)")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_LONE_SUBJECT = re.compile(
    rf"(?:^|(?<=[\s,(]))({_TOKEN}|[A-Z][A-Z0-9]{{1,5}})(?=,\s+(?P<who>who\b)|,\s+which\b|,\s+(?:nominated|winner)\b|"
    r"\s+(?:won|wins|was|were|is|has|had|took|takes|picked|earned|received|got|went|goes|lost|scooped|swept|landed)\b)"
)
# A title-case run joined by small words ("All Quiet on the Western Front"): a title, never a person.
_JOINED_TITLE = re.compile(
    rf"(?<![\w’'-]){_TOKEN}(?:\s{_TOKEN})*(?:\s(?:of|on|the|in|at|a|an|for|to|from|with)(?:\s(?:the|a|an))?\s{_TOKEN}(?:\s{_TOKEN})*)+"
)

Kind = Literal["film", "person"]


@dataclass(frozen=True)
class Entity:
    """A film or a person named (or referred to) at [start, end) of a sentence."""

    start: int
    end: int
    name: str
    kind: Kind
    own: bool = False  # the reviewed film
    via: str = "name"  # name | lone (one unknown word before its verb) | ref (the film, it) | pronoun (he, she)
    possessive: bool = False


@dataclass(frozen=True)
class Index:
    """What the whole review names: its title, the people's full names and their short forms, other films."""

    title: str
    title_re: re.Pattern[str]
    people: frozenset[str]
    short: dict[str, str]  # surname or first name -> full name, where only one person has it
    films: frozenset[str]
    vocabulary: frozenset[str]  # words the review writes in lower case


def fold(text: str) -> str:
    """Lower case without accents or curly quotes, for comparing names."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()


def _title_re(title: str) -> re.Pattern[str]:
    core = re.escape(title.strip()).translate(QUOTES).replace(r"\ ", r"\s+")
    alts = [core]
    short = re.split(r"[:(]", title)[0].strip()
    if short != title.strip() and len(short.split()) > 1:
        alts.append(re.escape(short).replace(r"\ ", r"\s+"))
    flags = 0 if len(title.split()) == 1 else re.I
    bare = re.sub(r"^(?:The|A|An)\s+", "", title.strip())
    if bare != title.strip():  # "A Prophet" is also written "Prophet" (capitalised, as a name)
        alts.append("(?-i:" + re.escape(bare).replace(r"\ ", r"\s+") + ")")
    return re.compile(r"(?<![\w-])(?:(?:The|A|An)\s+)?(?:" + "|".join(alts) + r")(?![\w-])", flags)


def build_index(sentences: Iterable[str], title: str) -> Index:
    """Scan the review once for names and films."""
    texts = list(sentences)
    vocabulary = frozenset(w for s in texts for w in re.findall(r"\b[a-z][a-z'-]+\b", s))
    stub = Index(title, _title_re(title), frozenset(), {}, frozenset(), vocabulary)
    found = [e for s in texts for e in _people(s, stub)]
    people = {e.name for e in found if " " in e.name and e.kind == "person"}
    films = {name for s in texts for name in _other_films(s, stub)} | {e.name for e in found if e.kind == "film"}
    return Index(title, stub.title_re, frozenset(people), _short_forms(people), frozenset(films), vocabulary)


def _short_forms(people: set[str]) -> dict[str, str]:
    """Surnames and first names that point at one person only."""
    owners: dict[str, set[str]] = {}
    for full in people:
        parts = [p for p in full.split() if p.rstrip(".") not in {"Jr", "Sr", "II", "III", "IV"}]
        for part in {parts[0], parts[-1]}:
            if len(part) > 2 and not part.endswith("."):
                owners.setdefault(part, set()).add(full)
    return {part: next(iter(names)) for part, names in owners.items() if len(names) == 1}


def _bad_token(token: str, first: bool, index: Index) -> bool:
    bare = re.sub(r"['’]s?$", "", token)
    if first and bare in index.short:
        return False  # a surname the review gives in full elsewhere ("Blunt was nominated")
    low = fold(bare)
    plural = low.endswith("s") and low[:-1] in words().not_name  # "Americans", "Italians": no names either
    if low in words().not_name or plural or any(ch.isdigit() for ch in token):
        return True
    return first and (low in index.vocabulary or low.endswith(("ing", "ed", "ly")))


def _people(sentence: str, index: Index) -> list[Entity]:
    """Runs of capitalised words split at words that cannot be part of a name."""
    out = []
    lead = len(sentence) - len(sentence.lstrip(" \"“'‘*_#>-•(["))
    for run in _RUN.finditer(sentence):
        tokens = [(m.start() + run.start(), m.group()) for m in re.finditer(r"\S+", run.group())]
        group: list[tuple[int, str]] = []
        for pos, tok in [*tokens, (-1, "")]:
            particle = re.fullmatch(_PARTICLE, tok) is not None
            if tok and (particle or not _bad_token(tok, pos == lead, index)):
                group.append((pos, tok))
                if re.search(r"['’]s?$", tok):  # "Wells’ Aftersun": the possessive ends the name
                    out.extend(_person(sentence, group, index))
                    group = []
                continue
            while group and re.fullmatch(_PARTICLE, group[-1][1]):
                group.pop()
            if group:
                out.extend(_person(sentence, group, index))
            group = []
    return out


def _person(sentence: str, group: list[tuple[int, str]], index: Index) -> list[Entity]:
    start, end = group[0][0], group[-1][0] + len(group[-1][1])
    name = sentence[start:end]
    possessive = bool(_POSSESSIVE.match(sentence[end:])) or bool(re.search(r"['’]s?$", name))
    name = re.sub(r"['’]s?$", "", name)
    if len(group) > 4 or catalogue().alias_re.search(name) or index.title_re.fullmatch(name) or _is_prize(name):
        return []
    if any(fold(t) in words().not_film for _, t in group):
        return []  # "Oslo Trilogy", "Berlinale Blog": a series or an outlet, no person
    if len(group) == 1:
        full = index.short.get(name)
        return [Entity(start, end, full, "person", possessive=possessive)] if full else []
    tokens = [fold(t) for _, t in group]
    if tokens[0] not in given_names() and any(t in index.vocabulary for t in tokens):
        return [Entity(start, end, name, "film", possessive=possessive)]  # "Poor Things", not a person
    return [Entity(start, end, name, "person", possessive=possessive)]


def _is_prize(name: str) -> bool:
    """A category or a named prize ("Un Certain Regard", "Supporting Actress") is never a person or a title."""
    key = normalise_key(name)
    return catalogue().category(name, None) is not None or any(key in b.categories for b in catalogue().bodies)


@cache
def given_names() -> frozenset[str]:
    """The shipped list of common given names (data/given_names.txt)."""
    raw = resources.files("bot.analysis").joinpath("data/given_names.txt").read_text(encoding="utf-8")
    return frozenset(w for line in raw.splitlines() if not line.startswith("#") for w in line.split())


def _other_films(sentence: str, index: Index) -> list[str]:
    """Titles set off in the sentence, and title-case runs opened by an article."""
    # The "(year)" alternative backtracks over long title-case runs: tried only where a year in brackets stands.
    set_off = _SET_OFF if _YEAR.search(sentence) else _SET_OFF_NO_YEAR
    names = [next(g for g in m.groups() if g) for m in set_off.finditer(sentence)]
    names += [m.group() for m in _ARTICLE_TITLE.finditer(sentence)]
    names += [m.group() for m in _JOINED_TITLE.finditer(sentence) if _joined_ok(m.group(), sentence, m.start(), index)]
    # A possessive ends a title run: "The Father's Anthony Hopkins" names the film, then a person.
    names = [
        n
        if index.title_re.fullmatch(n)  # "Child's Pose" is the title, not a maker's "Pose"
        else _after_maker(re.split(r"(?<=\w)['’]s?\s", n)[0] if n.split()[0] in {"The", "A", "An"} else n)
        for n in names
    ]
    return [n.strip(" ,.") for n in names if _film_like(n.strip(" ,."), index)]


def _after_maker(name: str) -> str:
    """ "Jonathan Glazer's The Zone of Interest": the title after a maker's possessive."""
    parts = re.split(r"(?<=\w)['’]s?\s+(?=[A-Z0-9])", name, maxsplit=1)
    return parts[1] if len(parts) == 2 and len(parts[0].split()) <= 3 else name


def _joined_ok(name: str, sentence: str, start: int, index: Index) -> bool:
    """A joined run is a title when it does not open the sentence with a common word and holds no name word list."""
    first = name.split()[0]
    at_start = start <= len(sentence) - len(sentence.lstrip(" \"“'‘*_#>-•(["))
    if first in {"The", "A", "An"}:
        return True
    if fold(first) in given_names() or re.search(r"\s(?:for|with|from|to)\s", name):
        return False  # "Viola Davis for Fences": a person, then a title
    if len(name.split()) >= 4 and not at_start:
        return True  # "All Quiet on the Western Front": a long joined run is a title whatever its first word
    return fold(first) not in words().not_name and not (at_start and fold(first) in index.vocabulary)


def _film_like(name: str, index: Index) -> bool:
    tokens = name.split()
    if not tokens or len(tokens) > 8 or index.title_re.fullmatch(name) or catalogue().alias_re.search(name):
        return False
    if any(fold(t) in words().not_film for t in tokens):
        return False
    if len(tokens) == 1:
        return fold(tokens[0]) not in words().not_name and fold(tokens[0]) not in index.vocabulary
    if tokens[0] not in {"The", "A", "An"}:
        return len(tokens) <= 6
    return len(tokens) > 1 and fold(tokens[1]) not in words().not_name


def sentence_entities(sentence: str, index: Index) -> list[Entity]:
    """Every entity of one sentence, left to right, overlaps resolved (names before references)."""
    found: list[Entity] = []
    for m in index.title_re.finditer(sentence):
        found.append(Entity(m.start(), m.end(), index.title, "film", own=True, possessive=_is_poss(sentence, m.end())))
    for name in index.films:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence):
            found.append(Entity(m.start(), m.end(), name, "film", possessive=_is_poss(sentence, m.end())))
    people = _people(sentence, index)
    found.extend(people)
    for e in people:  # "Carla Simón's Alcarràs": a title right after a maker's possessive
        title = re.match(
            rf"(?:['’]s?)?\s+((?:The |A |An )?{_TOKEN}(?:\s(?:{_SMALL}\s)*{_TOKEN}){{0,6}})", sentence[e.end :]
        )
        if e.possessive and title and not catalogue().alias_re.search(title.group(1)) and not _is_prize(title.group(1)):
            a, name = e.end + title.start(1), title.group(1)
            found.append(Entity(a, a + len(name), name, "film", possessive=_is_poss(sentence, a + len(name))))
    for m in _LONE_SUBJECT.finditer(sentence):
        # A single unknown name right before its verb ("Belfast went home with", "Nishijima, who plays ...,"):
        # the subject as written; a film unless "who" or a given name says person.
        word = m.group(1)
        if fold(word) in words().not_name or fold(word) in index.vocabulary or _is_prize(word):
            continue
        if catalogue().alias_re.fullmatch(word) or index.title_re.fullmatch(word):
            continue
        kind: Kind = "person" if m.group("who") or fold(word) in given_names() else "film"
        found.append(Entity(m.start(1), m.end(1), index.short.get(word, word), kind, via="lone"))
    for m in words().film_ref.finditer(sentence):
        found.append(
            Entity(
                m.start(),
                m.end(),
                index.title,
                "film",
                own=True,
                via="ref",
                possessive=_is_poss(sentence, m.end()) or m.group().lower().endswith(("its", "'s", "’s")),
            )
        )
    for m in words().person_pronoun.finditer(sentence):
        found.append(
            Entity(m.start(), m.end(), "", "person", via="pronoun", possessive=m.group().lower() in {"his", "her"})
        )
    keep: list[Entity] = []
    rank = {"name": 0, "lone": 1, "ref": 2, "pronoun": 3}  # a lone word yields to any name it overlaps
    for e in sorted(found, key=lambda e: (rank[e.via], e.kind != "film", -(e.end - e.start), e.start)):
        if all(e.end <= k.start or e.start >= k.end for k in keep):
            keep.append(e)
    return sorted(keep, key=lambda e: e.start)


def _is_poss(sentence: str, end: int) -> bool:
    return bool(_POSSESSIVE.match(sentence[end:]))
