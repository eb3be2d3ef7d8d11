"""Award sections: a heading line ("Academy Award Nominations:", "Other Awards:") and the item lines under it.

Capsule reviews list awards without verbs; the heading says the result and, often, the body. An item line is
"Category", "Category; Category (Person)" or "Body: Category; ...". Only categories the catalogue knows are
read, so a stray line under a heading gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.analysis.award_reader.catalogue import Body, Category, catalogue, normalise_key, shown_category
from bot.analysis.award_reader.entities import Index, sentence_entities
from bot.analysis.award_reader.facts import Fact
from bot.analysis.text import Span
from bot.models import AwardResult

_HEADING = re.compile(
    r"^\W*(?P<head>[^:\n]{0,60}?)\s*\b(?P<kind>nominations?|nominees?|nods|awards?|wins|winners?|prizes|honou?rs|"
    r"accolades)\s*:?\s*$",
    re.I,
)
_ITEM = re.compile(r"^\s*(?:[-*•]\s*)?(?:(?P<body>[^:;\n]{2,60}?)\s*:\s*)?(?P<rest>\S.*)$")
_BRACKET = re.compile(r"\s*\(([^()]*)\)")


def section_facts(spans: list[Span], index: Index) -> Iterator[Fact]:
    """Facts from award sections: the heading's result and body apply to the lines of its block."""
    section: tuple[Body | None, AwardResult] | None = None
    for i, span in enumerate(spans):
        for line in span.sentence.splitlines():
            head = _heading(line) or _results_heading(line)
            if head is not None:
                section = head
                continue
            if section is None:
                continue
            winner = _winner(line, section[0], index)
            if winner is not None:
                subject, kind, film, body, category, shown = winner
                yield Fact(
                    subject, kind, film, body.name, category.name, section[1], span, i, 0.9, shown=shown, complete=True
                )
                continue
            items = list(_items(line, section[0], index))
            if not items:
                section = None  # the first line that lists no award ends the section
            for subject, kind, body, category, shown in items:
                film = subject if kind == "film" else index.title
                yield Fact(
                    subject,
                    kind,
                    film,
                    body.name,
                    category.name,
                    section[1] if section else "won",
                    span,
                    i,
                    0.9,
                    shown=shown,
                    complete=True,
                )


def _heading(line: str) -> tuple[Body | None, AwardResult] | None:
    """A heading line's body (None for "Other Awards") and result, or None when the line is no heading."""
    m = _HEADING.match(line)
    if m is None or len(line) > 70 or (not line.rstrip().endswith(":") and not line.strip().istitle()):
        return None
    head = m.group("head")
    found = catalogue().alias_re.search(head)
    body = catalogue().alias_body.get(normalise_key(found.group())) if found else None
    if body is None and head.strip() and head.strip().lower() not in {"other", "more", "major", "selected", "key"}:
        return None
    result: AwardResult = "nominated" if m.group("kind").lower().startswith(("nomin", "nod")) else "won"
    return body, result


_RESULTS_WORD = re.compile(r"\b(?P<kind>winners?|results|prizes|awards|nominees|nominations)\b", re.I)


def _results_heading(line: str) -> tuple[Body | None, AwardResult] | None:
    """A results list's headline: a short line that names a body and its winners or nominees ("Berlinale 2024:
    the full list of winners", "The winners of the 2024 Spirit Awards")."""
    text = line.strip(" #*")
    if not text or len(text.split()) > 12 or text.endswith((".", "?", "!")):
        return None
    found = catalogue().alias_re.search(text)
    if found is None:
        return None
    outside = text[: found.start()] + " " + text[found.end() :]
    kind = _RESULTS_WORD.search(outside)
    if kind is None or _GUESS.search(outside):
        return None
    body = catalogue().alias_body.get(normalise_key(found.group()))
    nominees = kind.group("kind").lower().startswith("nomin")
    return body, "nominated" if nominees else "won"


# "Oscars 2025: our predictions for the winners": a list of guesses, not of results
_GUESS = re.compile(
    r"\b(?:predict\w*|should|will|would|could|may|might|odds|contenders?|picks?|bets?|forecasts?|snubs?|"
    r"hopefuls?|wish\w*|guess\w*|who)\b",
    re.I,
)
_WINNER_LINE = re.compile(r"^\s*(?:[-*•]\s*)?(?P<cat>[^:\n]{2,70}?)\s*:\s+(?P<rest>\S.*)$")


def _winner(line: str, body: Body | None, index: Index) -> tuple[str, str, str, Body, Category, str] | None:
    """A results line "Category: Winner" ("Best Director: Ann Cole, for Marsh Light", "Golden Bear: Marsh Light"):
    (subject, kind, film, body, category, shown) when the category is the body's and the winner an entity of the
    category's kind."""
    m = _WINNER_LINE.match(line)
    if m is None or body is None:
        return None
    category = catalogue().category(m.group("cat"), body)
    if category is None:
        return None
    rest = m.group("rest")
    named = [e for e in sentence_entities(rest, index) if e.via == "name"]
    if not named or rest[: named[0].start].strip(" *_\"“'‘"):
        return None
    first = named[0]
    if category.kind != "any" and category.kind != first.kind:
        return None
    film = first.name if first.kind == "film" else next((e.name for e in named[1:] if e.kind == "film"), index.title)
    return first.name, first.kind, film, body, category, shown_category(m.group("cat"), category, body)


def _items(line: str, heading_body: Body | None, index: Index) -> Iterator[tuple[str, str, Body, Category, str]]:
    """(subject, kind, body, category) for each known category on an item line."""
    m = _ITEM.match(line)
    if m is None:
        return
    body = heading_body
    if m.group("body"):
        found = catalogue().alias_re.search(m.group("body"))
        if found is None:
            return
        body = catalogue().alias_body.get(normalise_key(found.group()))
    if body is None:
        return
    for part in m.group("rest").split(";"):
        people = [n for b in _BRACKET.findall(part) for n in _names(b, index)]
        name = _BRACKET.sub("", part).strip(" ,.")
        category = catalogue().category(name, body)
        if category is None:
            continue
        shown = shown_category(name, category, body)
        if not people:
            yield index.title, "film", body, category, shown
        for person in people:
            yield person, "person", body, category, shown


def _names(inside: str, index: Index) -> list[str]:
    """People named inside brackets: full names, or short forms the review gives in full elsewhere."""
    out = []
    for chunk in re.split(r",|\band\b", inside):
        token = chunk.strip()
        if token in index.people:
            out.append(token)
        elif token in index.short:
            out.append(index.short[token])
        elif re.fullmatch(r"[A-ZÀ-Þ][\w’'-]+(?: [A-ZÀ-Þ][\w’'-]+){1,3}", token):
            out.append(token)
    return out
