"""Who an award cue is about: the subject on its left, or the names on its right."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.names import MODIFIED, Name

FILM = "\x00film"  # stands for the reviewed film until its title is filled in
PERSON = "\x00person"  # a pronoun for the last person named in an award statement
_PREP = re.compile(
    r"\b(?:of|from|by|with|in|at|on|for|to|about|like|than|against|as|into|over|after|"
    r"before|alongside|starring|behind|under|between|among|beside|including)\s+"
    r"(?:(?:the|a|an|his|her|its|their|filmmaker|director|actor|actress|star|writer|producer)\s+)?$",
    re.I,
)
_FILM_REF = re.compile(
    # "Sciamma's film": a maker's film with no title after it is the one reviewed.
    r"\b[A-ZÀ-Þ][\w-]+[’'](?:s)?\s+(?:(?:new|latest|fourth|third|second|first|fifth|sixth)\s+)?(?:film|movie|feature)\b"
    r"(?![’']s| [A-Z])|"
    r"\b(?:[Tt]he|[Tt]his|[Oo]ur|[Ii]ts)\s+(?:[\w-]+\s+){0,2}?(?:film|movie|picture|feature|drama|"
    r"comedy|thriller|documentary|flick)\b(?![’']s)|^\W*[A-Z][a-z]+ (?:drama|comedy|thriller|film)\b(?![’']s)"
)
_PRONOUN = re.compile(r"\bit\b(?! (?:is|was) (?!nominated|awarded|named))|\b(?:he|she|they|who|which|that)\b", re.I)
_JOIN = re.compile(r"^(?:,\s*(?:and\s+|&\s+)?|\s+(?:and|&|ad|or)\s+)$")


@dataclass(frozen=True)
class Cand:
    """A possible subject: a name, a film reference or a pronoun."""

    text: str
    start: int
    end: int
    kind: str  # name | film | pronoun | relative


def chains(sentence: str, names: list[Name]) -> list[list[Name]]:
    """Names grouped where the text coordinates them ("A, B and C")."""
    groups: list[list[Name]] = []
    for name in names:
        if groups and _JOIN.match(sentence[groups[-1][-1].end : name.start]):
            groups[-1].append(name)
        else:
            groups.append([name])
    return groups


# A possessive owner of a piece of craft is its credit: "Ludwig Göransson's score won the Oscar".
_CRAFT = re.compile(
    r"[’']s? (?:[a-z-]+ )?(?:score|music|screenplay|script|cinematography|editing|"
    r"costumes?|costume design|production design|songs?|makeup|photography|performance|portrayal)\b"
)


def _modifier(sentence: str, name: Name) -> bool:
    """A name used as a modifier: possessive (not of a craft) or before a role noun."""
    after = sentence[name.end : name.end + 30]
    if _CRAFT.match(after):
        return False
    return bool(MODIFIED.match(after)) or after.startswith(("’s", "'s", "’ ", "' "))


def _comma_owner(sentence: str, before: Name, name: Name) -> bool:
    """A possessive joined to the previous name by a bare comma: a new phrase, not a coordinated name."""
    return _modifier(sentence, name) and bool(re.fullmatch(r",\s*", sentence[before.end : name.start]))


def _prep(sentence: str, pos: int) -> bool:
    """Whether a preposition (or "starring") governs the word at `pos`."""
    return bool(_PREP.search(sentence[max(0, pos - 30) : pos]))


def candidates(sentence: str, names: list[Name], lo: int, hi: int) -> list[Cand]:
    """Subject candidates in sentence[lo:hi], in order."""
    out: list[Cand] = []
    for group in chains(sentence, [n for n in names if lo <= n.start < hi]):
        kind = "name" if not _prep(sentence, group[0].start) else "prepname"
        if _modifier(sentence, group[-1]) and len(group) == 1:
            continue
        if len(group) > 1:
            # "A, B's composer, received": a possessive in the run is an apposition's owner, not a subject.
            group = [n for n in group if sentence[n.end : n.end + 2] not in ("’s", "'s")] or group
        out.extend(Cand(n.text, n.start, n.end, kind) for n in group)
    for m in _FILM_REF.finditer(sentence, lo, hi):
        if not _prep(sentence, m.start()):
            out.append(Cand(FILM, m.start(), m.end(), "film"))
    for m in _PRONOUN.finditer(sentence, lo, hi):
        word = m.group().lower()
        kind = "relative" if word in ("who", "which", "that") else "pronoun"
        if kind == "relative" and not re.search(r"[\w’'”\"]\s*,?\s*$", sentence[lo : m.start()]):
            continue
        out.append(Cand(_pronoun(word), m.start(), m.end(), kind))
    return sorted(out, key=lambda c: c.start)


def _pronoun(word: str) -> str:
    """What a pronoun stands for."""
    return FILM if word == "it" else PERSON if word in ("he", "she", "they") else word


def pick_subjects(sentence: str, names: list[Name], lo: int, hi: int, strict: bool = False) -> list[str]:
    """The subject(s) of a cue at `hi` whose clause starts at `lo`."""
    cands = candidates(sentence, names, lo, hi)
    # A name after a preposition is the subject only if no comma closes its phrase.
    cands = [x for x in cands if x.kind != "prepname" or ("," not in sentence[x.end : hi] and not strict)]
    if cands and cands[-1].kind == "relative":
        return _antecedent(sentence, names, cands[-1].start)
    for kinds in (("name", "film", "pronoun"), ("prepname",)):
        picked = [c for c in cands if c.kind in kinds]
        if picked:
            first = picked[0]
            if first.kind in ("name", "prepname"):
                return [c.text for c in picked if c.kind == first.kind and _same_group(sentence, first, c)]
            return [first.text]
    return []


def _antecedent(sentence: str, names: list[Name], pos: int) -> list[str]:
    """The name a relative pronoun at `pos` refers to."""
    before = [n for n in names if n.end <= pos]
    if not before:
        return []
    if not sentence[:pos].rstrip().endswith(","):
        # Cleft "it was X by Y that ...": the focus, not the credit after "by".
        free = [n for n in before if not _prep(sentence, n.start)]
        before = free or before
    return _group_of(sentence, names, before[-1])


def _same_group(sentence: str, first: Cand, other: Cand) -> bool:
    """Whether `other` is coordinated with `first` (checked by the text between)."""
    if other.start == first.start:
        return True
    gap = sentence[first.end : other.start]
    if re.search(r"\b(?:who|whom|whose|which|that)\b", gap):
        return False
    if re.search(r"\b(?:for|of|in|from|by|with|as|like)\s+[A-Z][^,]*\s+(?:and|&)\s+$", gap):
        return False  # "Yakusho, known for Shall We Dance? and Babel,": Babel is coordinated with the object
    # "Blanchett, who plays Lydia Tár,": the name inside the relative clause is its object
    return bool(re.fullmatch(r"(?:(?:,\s*|\s+and\s+|\s+&\s+|\s+ad\s+)[^,]*?)+", gap)) and len(gap) < 80


def _group_of(sentence: str, names: list[Name], name: Name) -> list[str]:
    """The coordinated group that holds `name`."""
    for group in chains(sentence, names):
        if name in group:
            return [n.text for n in group]
    return [name.text]


def objects(sentence: str, names: list[Name], lo: int, hi: int) -> list[str]:
    """Names on the right of a cue (the beaten, the winner, a recipient)."""
    stop = re.search(r",\s*(?:who|which|that)\b|\s(?:in|for|at|with|on)\s|[;]", sentence[lo:hi])
    hi = lo + stop.start() if stop else hi
    for group in chains(sentence, [n for n in names if lo <= n.start < hi]):
        if len(group) > 1:
            # "went to Parasite, Sciamma's film ...": a possessive after a comma opens a new phrase.
            group = [n for i, n in enumerate(group) if not i or not _comma_owner(sentence, group[i - 1], n)]
        if not _modifier(sentence, group[0]) or len(group) > 1:
            return [n.text for n in group]
    return []


_LIST_HEAD = re.compile(
    r"(?:awards?|prizes?|Oscars|BAFTAs|Emmys|Globes|nominations|nods|honou?rs|trophies|categories|wins|"
    r"statuettes|\d+|each|following|them|these)\s*$",
    re.I,
)


def colon_list(sentence: str, names: list[Name], lo: int, hi: int) -> list[str]:
    """Names listed after a colon in sentence[lo:hi] ("won 11 awards: A and B")."""
    colon = sentence.find(": ", lo, hi)
    if colon < 0 or not _LIST_HEAD.search(sentence, lo, colon):
        return []  # "beating Spider-Man: Across the Spider-Verse" is a title, not a list
    groups = chains(sentence, [n for n in names if n.start > colon])
    return [n.text for n in groups[0]] if groups and groups[0][0].start < colon + 4 else []
