"""Award sections: a heading line ("Academy Award Nominations:", "Other Awards:") and the item lines under it.

Capsule reviews list awards without verbs; the heading says the result and, often, the body. An item line is
"Category", "Category; Category (Person)" or "Body: Category; ...". Only categories the catalogue knows are
read, so a stray line under a heading gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.analysis.award_reader.catalogue import Body, Category, catalogue, normalise_key, shown_category
from bot.analysis.award_reader.entities import Index
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
            head = _heading(line)
            if head is not None:
                section = head
                continue
            if section is None:
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
