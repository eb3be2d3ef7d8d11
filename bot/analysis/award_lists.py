"""Award sections without verbs: a heading ("Academy Award Nominations:") and item lines."""

from __future__ import annotations

import re

from bot.analysis.award_draft import Draft
from bot.analysis.lexicon import CATEGORY_RE, find_bodies, tidy_category
from bot.analysis.subjects import FILM
from bot.analysis.text import Span
from bot.models import AwardResult

_HEADING = re.compile(
    r"^(?P<body>.*?)\s*(?P<kind>Nominations?|Nominees?|Nominated|Awards?|Wins|Won|Winners?|"
    r"Honou?rs|Prizes|Accolades)\s*:\s*$",
    re.I,
)
_NAME = re.compile(r"[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)*")
_GAP = re.compile(r"[ \t]*\n[ \t]*(?:[-*•·–+]\s+|\d{1,2}[.)]\s+)?")  # one line break, maybe a bullet
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
            source = spans[j] if j > i + 1 else Span(text[spans[i].start : spans[j].end], spans[i].start, spans[j].end)
            facts.extend(_line_facts(source, spans[j], body, result, j))
            used.add(j)
            j += 1
        i = j
    return facts, used


def _next_line(text: str, prev: Span, line: Span) -> bool:
    """An item line right under the previous line (no blank line, no new heading)."""
    gap = text[prev.end : line.start]
    return bool(_GAP.fullmatch(gap)) and not _HEADING.match(line.sentence)


def _line_facts(span: Span, line: Span, body: str | None, result: AwardResult, index: int) -> list[Draft]:
    """One fact per item of a line ("Cannes Film Festival: Jury Prize (tie); Vulcain Prize (A, editing)")."""
    text = line.sentence
    prefixed = _BODY_PREFIX.match(text)
    if prefixed and find_bodies(prefixed.group(1)):
        body, text = find_bodies(prefixed.group(1))[0][2], prefixed.group(2)
    facts = []
    for item in _items(text):
        item_body, category, people = _item(item)
        if item_body or body:
            facts += [Draft(who, item_body or body, category, result, span, index) for who in people or [FILM]]
    return facts


def _item(item: str) -> tuple[str | None, str, list[str]]:
    """An item's own body (in brackets), its category and the people it names."""
    body = None
    people: list[str] = []
    for inside in re.findall(r"\(([^)]*)\)", item):
        found = find_bodies(inside)
        if found:
            body = found[0][2]
        else:
            people += [p for p in _NAME.findall(inside) if p.lower() not in ("tie", "shared")]
    bare = re.sub(r"\s*\(.*?\)\s*", " ", item).strip()
    category, _, who = bare.partition(", ")
    if who and _NAME.fullmatch(who.strip()):
        people.append(who.strip())
    return body, tidy_category(category), people


def _items(text: str) -> list[str]:
    """Items split at semicolons, or at commas when every part is a category."""
    if ";" in text:
        return [x.strip() for x in text.split(";") if x.strip()]
    parts = [x.strip() for x in re.split(r",\s*(?![^()]*\))", text) if x.strip()]
    if len(parts) > 1 and all(CATEGORY_RE.fullmatch(re.sub(r"\s*\(.*?\)", "", p)) for p in parts):
        return parts
    return [text.strip()]
