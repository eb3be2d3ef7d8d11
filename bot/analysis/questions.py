"""The review's own questions, verbatim, including those inside quotations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.text import Span

_OPENERS = {"(": ")", "“": "”", "[": "]"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


@dataclass(frozen=True)
class Question:
    """A question the review asks, with where it stands in the text."""

    text: str
    start: int
    end: int
    quoted: bool
    sentence: Span


def explicit_questions(spans: list[Span]) -> list[Question]:
    """Every question of the review: from its opening (sentence, bracket or quote) to "?"."""
    found: list[Question] = []
    for span in spans:
        s = span.sentence
        for i, ch in enumerate(s):
            if ch == "?" and not re.match(r"[\w=&/%]", s[i + 1 : i + 2]):  # not a URL's query string
                found.extend(_question(span, i))
    return found


def _question(span: Span, qmark: int) -> list[Question]:
    """The question ending at `qmark`, walking back to an unclosed opener."""
    s = span.sentence
    depth: dict[str, int] = {}
    start = 0
    quoted = False
    for i in range(qmark - 1, -1, -1):
        ch = s[i]
        if ch in _CLOSERS:
            depth[ch] = depth.get(ch, 0) + 1
        elif ch in _OPENERS:
            closer = _OPENERS[ch]
            if depth.get(closer, 0):
                depth[closer] -= 1
            else:
                start, quoted = i + 1, ch == "“"
                break
        elif ch == "‘" or (ch == "'" and (i == 0 or s[i - 1] in " (") and s[i + 1 : i + 2].isalpha()):
            start, quoted = i + 1, True  # a single quotation mark opens a quoted question
            break
        elif ch == '"' and s.count('"', 0, i) % 2 == 0 and s.count('"', i + 1, qmark) % 2 == 0:
            # An opening straight quote not closed before the "?" ('Is "Title" good?' keeps its start).
            start, quoted = i + 1, True
            break
        elif ch in "?!":
            start = i + 1
            break
    while start < qmark and s[start] in " \t*_":
        start += 1
    text = s[start : qmark + 1]
    if len(text.split()) < 2 and not text[:-1].isupper():
        return []
    return [Question(text, span.start + start, span.start + qmark + 1, quoted, span)]
