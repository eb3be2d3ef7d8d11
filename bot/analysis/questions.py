"""The review's own questions, verbatim, including those inside quotations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.text import Span

_OPENERS = {"(": ")", "“": "”", "[": "]", "«": "»"}
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
            # Not a URL's query string; "??" and "?!" end one question, at their last mark.
            if ch == "?" and not re.match(r"[\w=&/%?!]", s[i + 1 : i + 2]) and not _title_mark(s, i):
                found.extend(_question(span, i))
    return found


def _question(span: Span, qmark: int) -> list[Question]:
    """The question ending at `qmark`, walking back to an unclosed opener."""
    s = span.sentence
    depth: dict[str, int] = {}
    start = 0
    quoted = False
    run = qmark
    while run > 0 and s[run - 1] in "?!":
        run -= 1
    for i in range(run - 1, -1, -1):
        ch = s[i]
        if ch in _CLOSERS:
            depth[ch] = depth.get(ch, 0) + 1
        elif ch in _OPENERS:
            closer = _OPENERS[ch]
            if depth.get(closer, 0):
                depth[closer] -= 1
            else:
                start, quoted = i + 1, ch in "“«"
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
    while start < qmark and s[start] in " \t*_\u00a0":
        start += 1
    speaker = _SPEAKER.match(s, start)
    start = speaker.end() if speaker else start
    text = s[start : qmark + 1]
    if len(text.split()) < 2 and not text[:-1].isupper() and not (quoted and text[:-1].strip("?!").isalpha()):
        return []  # a lone word ("Why?") is a fragment, unless it is quoted speech ("Really?")
    return [Question(text, span.start + start, span.start + qmark + 1, quoted, span)]


# An interview's speaker label ("Q: Why ...?"): the question starts after it.
_SPEAKER = re.compile(r"(?:Q|Q\.|Question|Interviewer)\s*:\s+")
# "for Shall We Dance? and Babel": a title ending in "?", the sentence running on in lower case.
_TITLE_RUN = re.compile(r"(?:^|[a-z,]\s)((?:[A-Z][\w’'-]*\s){1,6}[A-Z][\w’'-]*)$")


def _title_mark(s: str, i: int) -> bool:
    """Whether the "?" at `i` ends a title-case title inside a running sentence rather than a question."""
    if not re.match(r"\s+(?:and|or|to|in|is|was|with|as|for)\b|,\s+[a-z]", s[i + 1 :]):
        return False
    before = _TITLE_RUN.search(s[:i])
    return before is not None and before.start(1) > 0 and not _SPEAKER.match(s)
