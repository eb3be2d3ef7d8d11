"""Sentence splitting with exact character offsets into the original text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.models import Source


@dataclass(frozen=True)
class Span:
    """A sentence of the text: `text[start:end] == sentence`; `line` is its block."""

    sentence: str
    start: int
    end: int
    block: int = 0

    @property
    def source(self) -> Source:
        """The span as the model's Source."""
        return Source(self.sentence, self.start, self.end)


# Abbreviations whose full stop never ends a sentence (titles, company suffixes).
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "bros",
        "inc",
        "ltd",
        "co",
        "corp",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "no",
        "vol",
        "pp",
        "fig",
        "approx",
        "dept",
        "est",
        "mt",
        "ft",
        "ave",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "a.k.a",
    ]
)
# A terminator, closing quotes/brackets, then the gap before the next sentence.
# A terminator, closing quotes/brackets, then space; or glued to the next sentence ("tide.The").
_END = re.compile(r"(?:[.!?]+|…)[\"'”’)\]*_]*(?=\s+|$)|(?<=[a-z]{2})[.!?](?=[A-Z][a-z]+\b)")
# Markdown/HTML/list debris that may open a line: headings, bullets, empty links.
_LEAD = re.compile(r"^(?:\s|#{1,6}\s|[*+•·\-–—]\s|\d{1,2}[.)]\s|>\s?|\[\]\(<?>?\)|<[^>\n]{0,40}>)+")
_TRAIL = re.compile(r"(?:\s|<[^>\n]{0,40}>)+$")
_BLANK = re.compile(r"\n[ \t]*\n")


def split_sentences(text: str) -> list[Span]:
    """Split `text` into sentences; lines ending without punctuation stand alone."""
    spans: list[Span] = []
    lower = _writes_lowercase(text)
    for block, (start, end) in enumerate(_lines(text)):
        spans.extend(_split_line(text, start, end, block, lower))
    return spans


_AFTER_STOP = re.compile(r"(?<=[a-z\d)])[.!?]+\s+([A-Za-z])")


def _writes_lowercase(text: str) -> bool:
    """Whether the writer opens sentences in lower case ("ok so. how is this"): then a lower-case word after
    a full stop starts a sentence too."""
    heads = [m.group(1) for m in _AFTER_STOP.finditer(text)]
    return len(heads) >= 4 and sum(h.islower() for h in heads) > 0.6 * len(heads)


def _lines(text: str) -> list[tuple[int, int]]:
    """Logical lines: a newline joins two lines only when prose clearly wraps."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n", text + "\n"):
        end = m.start()
        if out and _wraps(text, out[-1], pos, end):
            out[-1] = (out[-1][0], end)
        else:
            out.append((pos, end))
        pos = m.end()
    return [(a, b) for a, b in out if text[a:b].strip()]


def _wraps(text: str, prev: tuple[int, int], start: int, end: int) -> bool:
    """True when a hard-wrapped line continues the previous one (lowercase start)."""
    before = text[prev[0] : prev[1]].rstrip()
    after = text[start:end].lstrip()
    if not before or not after or before.endswith((".", "!", "?", ":", "…")):
        return False
    return after[0].islower() and len(before) > 40


def _split_line(text: str, start: int, end: int, block: int, lower: bool = False) -> list[Span]:
    """Sentences of one logical line."""
    spans: list[Span] = []
    cut = start
    for m in _END.finditer(text, start, end):
        if _is_boundary(text, m.start(), m.end(), end, lower):
            spans.extend(_trimmed(text, cut, m.end(), block))
            cut = m.end()
    spans.extend(_trimmed(text, cut, end, block))
    return spans


def _is_boundary(text: str, dot: int, after: int, end: int, lower: bool = False) -> bool:
    """Whether the terminator at `dot` really ends a sentence."""
    nxt = text[after:end].lstrip()
    if not nxt:
        return True
    if text[dot] == "." and _abbreviation(text, dot):
        return False
    if (text[dot] in ".…" and text[dot : dot + 2] in ("..", ".…")) or text[dot] == "…":
        # An ellipsis ends a sentence only before a normally capitalised word.
        return bool(re.match(r"[A-Z][a-z]", nxt))
    if lower and re.match(r"[a-z]", nxt):
        return True
    return bool(re.match(r"[\"'“‘(\[*_#]*[A-Z0-9À-Þ]", nxt))


def _abbreviation(text: str, dot: int) -> bool:
    """A known abbreviation or an initial ("J. Smith", "J.K. Simmons") before this full stop."""
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1)
    # "J. Smith", "J.K. Simmons", "T.J. Miller": initials, single capitals joined by full stops
    return word.lower() in _ABBREV or bool(re.fullmatch(r"(?:[A-Z]\.){0,2}[A-Z]", word))


def _trimmed(text: str, start: int, end: int, block: int) -> list[Span]:
    """The span without leading Markdown/HTML debris or trailing space."""
    chunk = text[start:end]
    lead = _LEAD.match(chunk)
    a = start + (lead.end() if lead else 0)
    trail = _TRAIL.search(text[a:end])
    b = a + trail.start() if trail else end
    if b <= a or not re.search(r"\w", text[a:b]):
        return []
    return [Span(text[a:b], a, b, block)]


def words(text: str) -> int:
    """Rough word count."""
    return len(re.findall(r"\w+(?:['’]\w+)?", text))


def display(text: str) -> str:
    """A sentence as people should read it: HTML entities decoded, Markdown emphasis and links dropped."""
    text = html.unescape(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"<[^>\n]{1,40}>", "", text)
    return re.sub(r"\s+", " ", text).strip()
