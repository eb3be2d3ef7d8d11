"""Document-level award reading: context for bodies and pronouns, then one fact per statement."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis.award_draft import Draft
from bot.analysis.award_lists import list_facts
from bot.analysis.awards import sentence_facts
from bot.analysis.cues import AWARDISH, find_cues
from bot.analysis.lexicon import find_bodies
from bot.analysis.names import find_names, fold, full_name
from bot.analysis.subjects import FILM, PERSON
from bot.analysis.text import Span, display

# Two or three capitalised words (or initials: "J.K. Simmons"), maybe with a particle ("Guillermo del Toro"); no article, no possessive.
_PERSON_LIKE = re.compile(
    r"(?!(?:The|A|An) )(?:(?:[A-Z]\.){1,3}|[A-Z][\w-]+)(?: (?:de|del|da|di|van|von|der|le|la) )?(?: ?[A-Z][\w.-]+){1,2}"
)


_ROLE = re.compile(r"([A-ZÀ-Þ][\w’'-]+(?: [A-ZÀ-Þ][\w’'-]+){0,2}) \((?:[A-ZÀ-Þ][\w’'.-]+)(?: [A-ZÀ-Þ][\w’'.-]+)+\)")


_PLAYS = re.compile(
    r"\b(?:plays|playing|played|portrays|portraying|portrayed)\s+([A-ZÀ-Þ][\w’'-]+(?: [A-ZÀ-Þ][\w’'-]+)+)"
)


def read_awards(spans: list[Span], text: str, title: str) -> list[Draft]:
    """All award facts of a review, with context resolved and duplicates merged."""
    listed, used = list_facts(spans, text)
    known = [n.text for s in spans for n in find_names(s.sentence)]
    cast = _characters(text)
    drafts = [_resolve(f, [], spans, known, title, cast) for f in listed]
    last_fact = -10
    for i, span in enumerate(spans):
        if i in used or _headline(span.sentence) or span.sentence.rstrip().endswith("?"):
            continue
        facts = _share_categories(sentence_facts(_readable(span), i, context=i - last_fact <= 3))
        facts = [replace(f, span=span) for f in facts]  # read decoded, sourced from the text as it is
        resolved: list[Draft] = []
        for f in facts:  # a pronoun may point at a fact earlier in the same sentence
            resolved.append(_resolve(f, drafts + resolved, spans, known, title, cast))
        facts = resolved
        facts = _settle(_from_rivals(facts, drafts))
        drafts.extend(f for f in facts if f.subject)
        last_fact = i if facts else last_fact
    return _dedupe(drafts)


def _readable(span: Span) -> Span:
    """The sentence with HTML entities and tags decoded ("Picture &#8211; Drama"), for reading only."""
    if "&" not in span.sentence and "<" not in span.sentence:
        return span
    return replace(span, sentence=display(span.sentence))


def _headline(sentence: str) -> bool:
    """A title-case or upper-case heading line: it repeats the body, never adds to it."""
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    if len(words) < 4 or sentence.rstrip().endswith((".", "?", "!", ":")):
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) > 0.7


def _resolve(
    f: Draft, prior: list[Draft], spans: list[Span], known: list[str], title: str, cast: frozenset[str] = frozenset()
) -> Draft:
    """Fill the film, pronouns, full names and missing bodies from the context."""
    subject = f.subject
    if subject == FILM or fold(subject) == fold(title):
        subject = title
    elif subject == PERSON:
        # A surname counts once it resolves to a full name ("Simmons won ..., and he also ...").
        recent = [d for d in prior[::-1] if d.index >= f.index - 3]
        recent = [d for d in recent if _PERSON_LIKE.fullmatch(full_name(d.subject, known)) and d.subject != title]
        people = [full_name(d.subject, known) for d in recent]
        # "McDonagh has been here before. In Bruges, which won him ...": a person named in the sentence just
        # before, with no award of his own there, is nearer than an award subject two sentences back.
        between = _recent_people(spans[: f.index], f.index - 1, title, known, cast)[:1] if f.index else []
        if people and recent[0].index < f.index - 1 and between and between[0] not in people:
            people = between
        people = people or _recent_people(spans, f.index, title, known, cast)
        subject = people[0] if people else ""
    elif subject in ("who", "which", "that"):
        subject = ""
    else:
        subject = full_name(subject, known)
    if f.credit and fold(f.credit) != fold(title):
        person = full_name(f.credit, known)
        # "Best Director for Nolan": a person known by full name wins it; "for Oppenheimer" names a film.
        # A name opening with an article ("for The Holdovers") is a title, not a person.
        film_like = person.startswith(("The ", "A ", "An ")) or person in _films(prior)
        subject = person if " " in person and not film_like else subject
    body = f.body
    category = f.category
    recent = [d for d in prior[::-1] if d.index >= f.index - 3]
    if body is None and category is None and f.result != "recognized" and recent:
        # The award of the statement before; its category only when that statement named one.
        same = [d for d in recent if d.index == recent[0].index and d.category]
        body = recent[0].body
        category = recent[0].category if len({d.category for d in same}) == 1 else None
    if body is None:
        body = _context_body(spans, f.index)
    return replace(f, subject=subject, body=body, category=category)


def _films(prior: list[Draft]) -> set[str]:
    """Subjects already seen with a film's own category."""
    return {d.subject for d in prior if d.category and re.search(r"Picture|Film\b", d.category)}


def _characters(text: str) -> frozenset[str]:
    """Character names, known by the actor named in brackets after them ("Mollie Kyle (Lily Gladstone)")."""
    return frozenset(fold(m.group(1)) for m in _ROLE.finditer(text)) | frozenset(
        fold(m.group(1)) for m in _PLAYS.finditer(text)
    )


def _recent_people(
    spans: list[Span], index: int, title: str, known: list[str], cast: frozenset[str] = frozenset()
) -> list[str]:
    """Full names of people in this and the two previous sentences, nearest last-mentioned first.

    In the sentence itself only names before its first personal pronoun count ("She ... the first Native
    American actor to win": the name after "she" cannot be what "she" points back to).
    """
    found: list[str] = []
    for i in range(index, max(-1, index - 3), -1):
        sentence = spans[i].sentence
        pronoun = re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir)\b", sentence) if i == index else None
        names = [n for n in find_names(sentence) if not pronoun or n.start < pronoun.start()]
        full = [full_name(n.text, known) for n in names[::-1]]
        # A character wins nothing: the pronoun of an award statement points at a person (the actor).
        found += [n for n in full if _PERSON_LIKE.fullmatch(n) and n != title and fold(n) not in cast]
    return found


def _context_body(spans: list[Span], index: int) -> str | None:
    """The award body of the nearest award sentence, looking back first."""
    order = [index, *range(index - 1, -1, -1), *range(index + 1, len(spans))]
    for i in order:
        s = spans[i].sentence
        bodies = find_bodies(s)
        if bodies and (find_cues(s) or AWARDISH.search(s)):
            return bodies[-1 if i < index else 0][2]  # the mention nearest this sentence
    return None


def _share_categories(facts: list[Draft]) -> list[Draft]:
    """ "Nominated for Best Picture but lost to X": a loss without its own category takes the sentence's."""
    out: list[Draft] = []
    for f in facts:
        named = [g for g in out if g.category and not g.count]
        # "won Best Actor at the Oscars, and a SAG Award": a fact with its own other body keeps no category
        other_body = f.body is not None and named and named[-1].body not in (None, f.body)
        if f.category is None and not f.count and f.result in ("lost", "won") and named and not other_body:
            f = replace(f, category=named[-1].category, body=f.body or named[-1].body)
        out.append(f)
    return out


def _from_rivals(facts: list[Draft], prior: list[Draft]) -> list[Draft]:
    """ "X lost to Curtis": the race is the one Curtis was just said to have won."""
    if any(f.category for f in facts):
        return facts
    known = {
        d.category for f in facts for d in prior if d.subject == f.subject and d.category and d.index >= f.index - 3
    }
    if len(known) != 1:
        return facts
    category = known.pop()
    return [replace(f, category=category) if f.result in ("lost", "won", "contender") else f for f in facts]


def _settle(facts: list[Draft]) -> list[Draft]:
    """Within one sentence: a predicted winner beaten by a stated one has lost."""
    won = {(f.body, f.category) for f in facts if f.result == "won" and f.category}
    winners = {(f.body, f.category, fold(f.subject)) for f in facts if f.result == "won"}
    out = []
    for f in facts:
        if f.result == "contender" and (f.body, f.category, fold(f.subject)) in winners:
            continue  # "X won Best Actress and deserved five more": her own win, no rival's
        if f.result == "contender" and (f.body, f.category) in won and f.category:
            f = replace(f, result="lost")
        out.append(f)
    # A prediction whose outcome the same sentence states (won or lost) is not a prediction any more.
    # "After its Venice win, the film is a frontrunner for Best Picture": a race named apart stays open.
    lost = {(fold(f.subject), f.body) for f in out if f.result in ("lost", "won")}
    settled = {(fold(f.subject), f.body, f.category) for f in out if f.result in ("lost", "won")}
    won_count = {fold(f.subject) for f in out if f.result == "won" and f.count}
    return [
        f
        for f in out
        if not (
            f.result == "contender"
            and (fold(f.subject), f.body) in lost
            and (f.category is None or (fold(f.subject), f.body, f.category) in settled)
        )
        and not (f.result == "nominated" and not f.category and not f.count and fold(f.subject) in won_count)
    ]


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One fact per statement: no repeats, no bare fact beside a specific one."""
    seen: dict[tuple[str, str, str, str], Draft] = {}
    key: tuple[str, str, str, str]
    for d in drafts:
        key = (fold(d.subject), d.body or "", fold(d.category or ""), d.result)
        kept = seen.setdefault(key, d)
        if d.count and not kept.count:
            seen[key] = replace(kept, count=True)
    out = []
    for key, d in seen.items():
        group = [k for k in seen if k[0] == key[0] and k[1] == key[1] and k[3] == key[3] and k != key]
        if not key[2] and not d.count and any(k[2] for k in group):
            continue
        if key[2] and any(k[2].startswith(f"{key[2]} for ") for k in group):
            continue
        out.append(d)
    return out
