"""Award sections without verbs: a heading ("Academy Award Nominations:") and item lines."""

from __future__ import annotations

import re

from bot.analysis.award_draft import Draft
from bot.analysis.lexicon import CATEGORY_RE, find_bodies, tidy_category
from bot.analysis.subjects import FILM
from bot.analysis.text import Span
from bot.models import AwardResult

_HEADING = re.compile(
    r"^(?P<body>.*?)\s*(?P<kind>Awards?\s*(?:&|and)\s*(?:Nominations|Honou?rs)|Nominations?|Nominees?|Nominated|"
    r"Awards?|Wins|Won|Winners?|Honou?rs|Prizes|Accolades)\s*(?P<colon>:?)\s*$",
    re.I,
)
_NAME = re.compile(r"[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)*")
_GAP = re.compile(r"[ \t]*\n[ \t]*(?:[-*•·–+]\s+|\d{1,2}[.)]\s+)?")  # one line break, maybe a bullet
_FIRST_GAP = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:[-*•·–+]\s+|\d{1,2}[.)]\s+)?")  # a blank line allowed
_BODY_PREFIX = re.compile(r"^([^:;()]{3,60}?)(?:\s*\([^)]*\))?\s*(?::|\s[–-]\s)\s*(.+)$")
# A result stated on the item itself: "Best Actress (won)", "Nominated: SAG Award for ...".
_ITEM_RESULT = re.compile(
    r"\((?P<a>won|winner|win|nominated|nominee|nomination)\)|^(?P<b>won|winner|nominated|nominee)\s*:\s*", re.I
)


def list_facts(spans: list[Span], text: str) -> tuple[list[Draft], set[int]]:
    """Facts from award sections, and the indexes of the lines they used."""
    facts: list[Draft] = []
    used: set[int] = set()
    i = 0
    while i < len(spans):
        head = _heading(spans[i])
        if not head:
            i += 1
            continue
        kind = head.group("kind").lower()
        result: AwardResult | None = "nominated" if kind.startswith("nomin") else "won"
        if re.search(r"&|and|accolade|honou?r", kind):
            result = None  # a mixed section: each item says what it is
        heading_body = find_bodies(head.group("body"))
        body = heading_body[0][2] if heading_body else None
        used.add(i)
        j = i + 1
        while j < len(spans) and _next_line(text, spans[j - 1], spans[j], first=j == i + 1):
            whole = text[spans[i].start : spans[j].end]
            source = spans[j] if j > i + 1 else Span(whole, spans[i].start, spans[j].end)
            facts.extend(_line_facts(source, spans[j], body, result, j))
            used.add(j)
            j += 1
        i = j
    return facts, used


def _heading(span: Span) -> re.Match[str] | None:
    """A section heading: ends with a colon, or is a short line of its own."""
    head = _HEADING.match(span.sentence)
    if head and not head.group("colon"):
        # Without a colon, only "Awards", "Oscar Nominations", "Awards & Nominations" count.
        lead = head.group("body").strip(" #*")
        if (lead and not find_bodies(lead)) or not span.sentence[0].isupper():
            return None
    return head


def _next_line(text: str, prev: Span, line: Span, first: bool) -> bool:
    """An item line right under the previous line (no blank line, no new heading)."""
    gap = text[prev.end : line.start]
    prose = line.sentence.endswith(".") and len(line.sentence.split()) > 12
    return bool((_FIRST_GAP if first else _GAP).fullmatch(gap)) and not _heading(line) and not prose


def _line_facts(span: Span, line: Span, body: str | None, result: AwardResult | None, index: int) -> list[Draft]:
    """One fact per item of a line ("Cannes Film Festival: Jury Prize (tie); Vulcain Prize (A, editing)")."""
    text = line.sentence
    prefixed = _BODY_PREFIX.match(text)
    if prefixed and find_bodies(prefixed.group(1)):
        body, text = find_bodies(prefixed.group(1))[0][2], prefixed.group(2)
    facts = []
    for item in _items(text):
        outcome, item = _item_result(item, result)
        item_body, category, people = _item(item)
        if outcome and (item_body or body) and category:
            facts += [Draft(who, item_body or body, category, outcome, span, index) for who in people or [FILM]]
    return facts


def _item_result(item: str, result: AwardResult | None) -> tuple[AwardResult | None, str]:
    """The item's own result marker, if any, and the item without it."""
    m = _ITEM_RESULT.search(item)
    if not m:
        return result, item
    word = (m.group("a") or m.group("b")).lower()
    own: AwardResult = "nominated" if word.startswith("nomin") else "won"
    return own, (item[: m.start()] + item[m.end() :]).strip()


def _item(item: str) -> tuple[str | None, str, list[str]]:
    """An item's own body (in brackets or in its text), its category and the people it names."""
    body = None
    people: list[str] = []
    for inside in re.findall(r"\(([^)]*)\)", item):
        found = find_bodies(inside)
        if found:
            body = found[0][2]
        else:
            people += [p for p in _NAME.findall(inside) if p.lower() not in ("tie", "shared")]
    bare = re.sub(r"\s*\(.*?\)\s*", " ", item).strip()
    named = find_bodies(bare)
    after = bare[named[0][1] :] if named else ""
    if named and not body and re.match(r"\s*(?:for|:|[–-])\s", after):
        # "Critics Choice Award for Best Acting Ensemble": the body, then its category.
        body, bare = named[0][2], re.sub(r"^(?:for|:|[–-])\s*", "", after.strip())
    category, _, who = bare.partition(", ")
    if who and find_bodies(who.strip()) and find_bodies(who.strip())[0][0] == 0 and not body:
        body = find_bodies(who.strip())[0][2]  # "Best Original Score, Golden Globes": the body after the comma
    elif who and _NAME.fullmatch(who.strip()):
        people.append(who.strip())
    return body, tidy_category(category), people


def _items(text: str) -> list[str]:
    """Items split at semicolons, or at commas when every part is a category."""
    if ";" in text:
        return [x.strip() for x in text.split(";") if x.strip()]
    parts = [x.strip() for x in re.split(r",\s*(?![^()]*\))", text) if x.strip()]
    bare = [_ITEM_RESULT.sub("", re.sub(r"\s*\((?!won|winner|nomin)[^)]*\)", "", p)).strip() for p in parts]
    if len(parts) > 1 and all(CATEGORY_RE.fullmatch(b) for b in bare):
        return parts
    return [text.strip()]
