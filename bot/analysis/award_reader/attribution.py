"""Stage 2b: whose award it is — the subject of the cue's clause, weighed by how it was found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.analysis.award_reader.entities import Entity, Index, fold
from bot.analysis.award_reader.mentions import CategoryMention, Cue
from bot.analysis.award_reader.words import words

# An entity right after these is an object ("for X", "over X"), not the clause's subject.
OBJECT_OF = re.compile(
    r"\b(?:for|over|against|beating|than|like|as|with|from|in|of|to|by|about|behind|alongside|including|unlike|"
    r"besides|opposite|ahead of|beat|beats|defeating|edging out|into|on|at|after|before|under|via|per)\s+"
    r"(?:(?:the|a|an|fellow|rival|co-star|costar|co-stars|director|actor|actress|star|stars|writer|filmmaker)\s+)*"
    r"(?:[\w’'-]+['’]s?\s+)?[\"“'‘*_]*$",
    re.I,
)
_MODIFIER = re.compile(
    r"^\s*(?:star|stars|actor|actress|director|filmmaker|writer|lead|co-star|costar|helmer)\s+$", re.I
)
_TALK = frozenset({"buzz", "talk", "chatter", "campaign", "push", "awards chatter"})
_RIGHT_CUES = frozenset({"went to", "goes to", "gone to"})
_OBJECT_CUES = frozenset(
    {"earned", "earns", "earning", "brought", "won", "landed", "gave", "handed", "nabbed", "awarded"}
)
_OWN_WORK = re.compile(
    r"^\s*(?:new |latest |last |debut |own )?(?:film|movie|feature|drama|picture|thriller|comedy|documentary)\b", re.I
)


class _Recent(Protocol):
    @property
    def subject(self) -> str: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Pick:
    """The subject chosen for a cue, how sure the choice is, and the film it belongs to."""

    who: Entity
    weight: float
    film: str
    person_nearby: bool
    credits: dict[int, tuple[Entity, ...]] = field(default_factory=dict)  # category end -> its credited people

    def for_category(self, c: CategoryMention) -> tuple[Entity, ...]:
        """The people credited beside the category ("Most Promising Actor (Manenti)", "Best Director (for A and
        B)") take it; else the subject."""
        return self.credits.get(c.end, (self.who,))


def attribute(
    cue: Cue, clause: tuple[int, int], entities: list[Entity], sentence: str, index: Index, cuts: list[tuple[int, int]]
) -> Pick | None:
    """The entity the cue's statement is about, or None when nothing fits well enough."""
    people = any(e.kind == "person" and e.via == "name" for e in entities)
    found = _choose(cue, clause, entities, sentence, cuts)
    if found is None:
        if people:
            return None
        own = Entity(0, 0, index.title, "film", own=True, via="ref")
        found = (own, 0.6)
    who, weight = found
    if who.via == "pronoun" and not who.name:
        return None
    film = _film_of(who, entities, sentence, index)
    return Pick(who, weight, film, people, _credits(sentence, entities))


def _maker_films(entities: list[Entity]) -> list[Entity]:
    """A maker's possessive before a title ("Glazer's The Zone of Interest") stands aside for the title."""
    out = []
    for e, nxt in zip(entities, [*entities[1:], None], strict=False):
        if e.kind == "person" and e.possessive and nxt is not None and nxt.kind == "film" and nxt.start - e.end <= 4:
            continue
        out.append(e)
    return out


def _choose(
    cue: Cue, clause: tuple[int, int], entities: list[Entity], sentence: str, cuts: list[tuple[int, int]]
) -> tuple[Entity, float] | None:
    a, b = clause
    entities = _maker_films(entities)
    low = sentence[cue.start : cue.end].lower()
    after = [e for e in entities if cue.end <= e.start < b]
    if low.startswith(("gave ", "handed ")):  # "the Academy gave it the Oscar": the pronoun is the winner
        inside = [e for e in entities if cue.start <= e.start < cue.end and e.name]
        if inside:
            return inside[0], 0.9
    if cue.kind == "contender" and low in _TALK and after:
        gap = sentence[cue.end : after[0].start]
        if re.fullmatch(r"\s+(?:\w+\s+){0,3}?for\s+(?:the\s+)?", gap):
            return after[0], 0.9  # "Oscar buzz for Nishijima's performance"
    if low in _RIGHT_CUES and after:
        return after[0], 0.9
    if (
        after
        and low in _OBJECT_CUES
        and re.fullmatch(r"\s*", sentence[cue.end : after[0].start])
        and (after[0].via != "ref" or low in {"awarded", "gave", "handed"})
    ):
        return after[0], 0.9  # "earned him a nomination"
    passive = re.match(r"\s+by\s+", sentence[cue.end : b])
    if passive and after and after[0].start == cue.end + passive.end():
        return after[0], 0.9
    before = [e for e in entities if a <= e.end <= cue.start]
    relative = re.match(r"\s*[,(]?\s*(?:who|which|whose)\b[^,()]*[,)]", sentence[a : cue.start])
    if relative and a > 0:  # "Nishijima, who plays Kafuku, was nominated": the clause's subject comes before it
        prior = [e for e in entities if e.end <= a]
        if prior:
            return prior[-1], 0.9
    for e in reversed(before):
        if OBJECT_OF.search(sentence[a : e.start]) or _is_modifier(e, entities, sentence):
            continue
        if e.possessive and e.kind == "person" and _OWN_WORK.match(sentence[e.end :].lstrip("’'s")):
            continue  # "Baker's film won": the film, found below
        return e, 1.0 if e.via == "name" else 0.8
    if a > 0 and re.match(r"\s*[,(]?\s*(?:who|which|whose)\b", sentence[a : a + 10]):
        prior = [e for e in entities if e.end <= a]
        if prior:
            return prior[-1], 0.85
    if a == 0 or not before:
        later = [
            e
            for e in entities
            if e.start >= cue.end and e.via != "pronoun" and not OBJECT_OF.search(sentence[: e.start])
        ]
        head = sentence[: cue.start].strip(' *_#-•"“')
        opener = re.search(r",\s+$", sentence[: later[0].start]) if later else None
        if later and (head == "" or re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)?", head)):
            # "Winner of the Palme d'Or, Parasite is ...", "Nominated for six Baftas, the film picked up two"
            return later[0], 0.8 if opener else 0.6
    return None


def _is_modifier(e: Entity, entities: list[Entity], sentence: str) -> bool:
    """ "The Substance star Demi Moore": the film only qualifies the person after it."""
    nxt = next((x for x in entities if x.start >= e.end), None)
    return nxt is not None and nxt.kind == "person" and bool(_MODIFIER.match(sentence[e.end : nxt.start]))


def _film_of(who: Entity, entities: list[Entity], sentence: str, index: Index) -> str:
    """The film a fact belongs to: the subject if a film; for a person, "X star Y" or "for <Film>" after."""
    if who.kind == "film":
        return who.name
    prev = [e for e in entities if e.end <= who.start and e.kind == "film" and not e.own and e.via == "name"]
    if prev and _MODIFIER.match(sentence[prev[-1].end : who.start]):
        return prev[-1].name
    for e in entities:
        if (
            e.start > who.end
            and e.kind == "film"
            and e.via == "name"
            and re.search(r"\bfor\s+(?:the\s+)?$|\bin\s+$", sentence[: e.start])
        ):
            return e.name
    return index.title


def _credits(sentence: str, entities: list[Entity]) -> dict[int, tuple[Entity, ...]]:
    """People named in brackets right after a category ("Director (Richard Attenborough)", "Director (for A and
    B)") or "for <Person>" after it, keyed by where the category ends; a person joined by "and" shares it."""
    out: dict[int, tuple[Entity, ...]] = {}
    last: tuple[int, Entity] | None = None  # the key and the person credited just before
    for e in entities:
        if e.kind != "person" or e.via != "name" or e.possessive:
            last = None
            continue  # "Best Actor for Wim Wenders' Perfect Days": the maker of the film is not credited
        m = re.search(r"\s*(?:\(\s*(?:for\s+)?|\bfor\s+)$", sentence[: e.start])
        if m:
            out[m.start()] = (e,)
            last = (m.start(), e)
        elif last is not None and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", sentence[last[1].end : e.start]):
            out[last[0]] = (*out[last[0]], e)
            last = (last[0], e)
        else:
            last = None
    return out


_FRONTED = re.compile(r"^\W*(?:even )?(?:though|although|while|whilst|when|after|before|since|once)\s", re.I)


def cataphor(e: Entity, entities: Sequence[Entity], sentence: str) -> Entity:
    """ "Though he won the Oscar in 1998, Affleck ...": a pronoun in a fronted clause is the name that opens the
    main clause after it."""
    if e.via != "pronoun" or not _FRONTED.match(sentence):
        return e
    comma = sentence.find(",", e.end)
    if comma < 0 or "," in sentence[: e.start]:
        return e
    after = next((x for x in entities if x.start > comma), None)
    if after is None or after.kind != "person" or after.via != "name" or sentence[comma + 1 : after.start].strip():
        return e
    return replace(e, name=after.name)


def resolve_pronoun(e: Entity, recent: Sequence[_Recent], last_person: str | None = None) -> Entity:
    """ "he"/"she" is the one person of the facts just before, else the one person the sentence before named,
    else left unresolved (a pronoun already resolved stays)."""
    if e.via != "pronoun" or e.name:
        return e
    people = {f.subject for f in recent if f.kind == "person"}
    if len(people) == 1:
        return replace(e, name=next(iter(people)))
    return replace(e, name=last_person) if last_person and not people else e


def beaten(cue: Cue, clause: tuple[int, int], entities: list[Entity], sentence: str) -> Entity | None:
    """The entity right after a "beating"/"over" cue (the person when a film only qualifies them)."""
    after = [e for e in entities if cue.end <= e.start < clause[1] and e.via in {"name", "lone"}]
    bare = re.match(r"\s+([A-ZÀ-Þ][\w’'-]*[a-zß-ÿ]|[A-Z][A-Z0-9]{1,5})\b(?!\s+[A-Z])", sentence[cue.end :])
    if bare and (not after or after[0].start > cue.end + bare.end()) and fold(bare.group(1)) not in words().not_name:
        a = cue.end + bare.start(1)  # "beat Maestro to the Golden Lion": a one-word title
        after = [Entity(a, a + len(bare.group(1)), bare.group(1), "film"), *after]
    after = _maker_films(after)
    if not after:
        return None
    gap = sentence[cue.end : after[0].start]
    plain = re.fullmatch(
        r"\s*(?:(?:the|a|fellow|favou?rite|frontrunner|front-runner|rival|[a-z]+-winning)\s+)*", gap, re.I
    )
    # "ahead of another highly-divisive movie, Roman Polanski's An Officer and a Spy": a described title
    described = re.fullmatch(
        r"\s*(?:[\w-]+\s+){0,4}(?:film|movie|drama|picture|documentary|contender|rival)s?,\s+(?:[A-Z][\w-]+\s+){0,3}?"
        r"(?:[\w-]+['’]s?\s+)?",
        gap,
    )
    if not plain and not described:
        return None
    return after[1] if _is_modifier(after[0], entities, sentence) and len(after) > 1 else after[0]


def winner_after(cue: Cue, clause: tuple[int, int], entities: list[Entity], sentence: str) -> Pick | None:
    """ "lost to Y", "lost Best Picture at the Oscars to Y": Y won."""
    if re.search(r"\b(?:to|by)$", sentence[cue.start : cue.end], re.I):
        who = beaten(cue, clause, entities, sentence)
    else:
        later = re.search(r"\s(?:to|by)\s+(?=\S)", sentence[cue.end : clause[1]])
        if later is None:
            return None
        at = cue.end + later.end() - 1
        who = beaten(Cue(at - 2, at, "lost"), clause, entities, sentence)
    return Pick(who, 0.9, who.name if who.kind == "film" else "", True) if who else None
