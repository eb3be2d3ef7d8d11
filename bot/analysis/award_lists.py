"""Award sections without verbs: a heading ("Academy Award Nominations:") and item lines."""

from __future__ import annotations

import re

from bot.analysis.awards import Draft
from bot.analysis.lexicon import find_bodies, tidy_category
from bot.analysis.subjects import FILM
from bot.analysis.text import Span
from bot.models import AwardResult

_HEADING = re.compile(
    r"^(?P<body>.*?)\s*(?P<kind>Nominations?|Nominees?|Nominated|Awards?|Wins|Won|Winners?|"
    r"Honou?rs|Prizes|Accolades)\s*:\s*$",
    re.I,
)
_BODY_PREFIX = re.compile(r"^([^:;()]{3,60}?)(?:\s*\([^)]*\))?\s*:\s*(.+)$")


def list_facts(spans: list[Span], text: str) -> tuple[list[Draft], set[int]]:
    """Facts from award sections, and the indexes of the lines they used."""
    facts: list[Draft] = []
    used: set[int] = set()
    i = 0
    while i < len(spans):
        head = _HEADING.match(spans[i].sentence)
        if not head:
            i += 1
            continue
        result: AwardResult = "nominated" if head.group("kind").lower().startswith("nomin") else "won"
        heading_body = find_bodies(head.group("body"))
        used.add(i)
        j = i + 1
        while j < len(spans) and _next_line(text, spans[j - 1], spans[j]):
            body = heading_body[0][2] if heading_body else None
            facts.extend(_line_facts(spans[i], spans[j], body, result, j))
            used.add(j)
            j += 1
        i = j
    return facts, used


def _next_line(text: str, prev: Span, line: Span) -> bool:
    """An item line right under the previous line (no blank line, no new heading)."""
    gap = text[prev.end : line.start]
    return gap.count("\n") == 1 and not gap.strip() and not _HEADING.match(line.sentence)


def _line_facts(head: Span, line: Span, body: str | None, result: AwardResult, index: int) -> list[Draft]:
    """One fact per item of a line ("Cannes Film Festival: Jury Prize (tie); Vulcain Prize (A, editing)")."""
    text = line.sentence
    prefixed = _BODY_PREFIX.match(text)
    if prefixed and find_bodies(prefixed.group(1)):
        body, text = find_bodies(prefixed.group(1))[0][2], prefixed.group(2)
    if body is None:
        return []
    span = Span(f"{head.sentence}\n{line.sentence}", head.start, line.end, head.block)
    if line.start - head.end != 1:
        span = Span(line.sentence, line.start, line.end, line.block)
    facts = []
    for item in _items(text):
        category = tidy_category(re.sub(r"\s*\(.*?\)\s*", " ", item))
        people = _people(item)
        for who in people or [FILM]:
            facts.append(Draft(who, body, category, result, span, index))
    return facts


def _items(text: str) -> list[str]:
    """Items split at semicolons, or at commas outside brackets."""
    if ";" in text:
        return [x.strip() for x in text.split(";") if x.strip()]
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [x.strip() for x in [*parts, cur] if x.strip()]


def _people(item: str) -> list[str]:
    """Names in an item's brackets ("(Flora V., editing, and J. Poupard, cinematography)")."""
    inside = re.search(r"\(([^)]*)\)", item)
    if not inside:
        return []
    found = re.findall(r"\b([A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)*)", inside.group(1))
    return [f for f in found if f.lower() not in ("tie", "shared")]
