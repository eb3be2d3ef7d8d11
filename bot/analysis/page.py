"""Which part of a pasted web page is the review: the article ends where its comments, share rows or related
links begin (the markers are data: data/page_words.toml).

Hand-written rather than a boilerplate library (jusText, trafilatura): those read HTML, and a review reaches the
bot as text. The tail is blanked, not cut, so every offset into the text stays true.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Markdown and list debris around a marker line: "## Comments", "**Share this:**", "3 Comments", "— Related —".
_DEBRIS = re.compile(r"^[\s#*_>|•·\-–—\[\]()]+|[\s#*_|:•·\-–—»«›‹\[\]()]+$")
_COUNT = re.compile(r"^\d+\s+|\s*\(\d+\)$|\s+\d+$")
# The article must come first: this many words before a marker, and this share of the whole text's words.
MIN_WORDS_BEFORE = 60
MIN_SHARE_BEFORE = 0.4
# A paragraph of prose: a line this long that ends a sentence.
_PROSE_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")


@dataclass(frozen=True)
class _Markers:
    strong: frozenset[str]
    weak: frozenset[str]
    comment: re.Pattern[str]


@cache
def _markers() -> _Markers:
    raw = resources.files("bot.analysis").joinpath("data/page_words.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    return _Markers(
        strong=frozenset(data["tail"]["strong"]),
        weak=frozenset(data["tail"]["weak"]),
        comment=re.compile("|".join(f"(?:{p})" for p in data["comments"]["openers"]), re.I),
    )


def _bare(line: str) -> str:
    """A line as a marker is written: no debris, no count, lower case."""
    return _COUNT.sub("", _DEBRIS.sub("", line)).strip().lower()


def _kind(line: str) -> str | None:
    """Whether one line of the text is a strong marker, a weak one or none."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    markers = _markers()
    bare = _bare(stripped)
    if bare in markers.strong or markers.comment.search(stripped):
        return "strong"
    return "weak" if bare in markers.weak else None


def _prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and bool(_SENTENCE_END.search(line))


def article_end(text: str) -> int:
    """Where the article ends in the text: the offset of the first line that opens the page's tail, or its length."""
    lines = text.splitlines(keepends=True)
    total = len(text.split())
    offset, words = 0, 0
    starts = []
    for line in lines:
        starts.append((offset, words, line))
        offset += len(line)
        words += len(line.split())
    for i, (start, before, line) in enumerate(starts):
        kind = _kind(line)
        if kind is None or before < MIN_WORDS_BEFORE or before < MIN_SHARE_BEFORE * total:
            continue
        if kind == "strong":
            return start
        # a weak marker ends the article only if no prose follows it before the next marker
        rest = (ln for _, _, ln in starts[i + 1 :])
        if not any(_prose(ln) for ln in _until_marker(rest)):
            return start
    return len(text)


def _until_marker(lines: Iterable[str]) -> list[str]:
    out = []
    for line in lines:
        if _kind(line):
            break
        out.append(line)
    return out


def article_text(text: str) -> str:
    """The text with the page's tail blanked (spaces, newlines kept), so offsets into it stay those of the text."""
    end = article_end(text)
    if end >= len(text):
        return text
    return text[:end] + re.sub(r"[^\n]", " ", text[end:])
