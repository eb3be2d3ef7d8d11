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
        if ch in _CLOSERS or (ch == "’" and not s[i + 1 : i + 2].isalpha()):
            depth[ch] = depth.get(ch, 0) + 1  # a closing quote, not an apostrophe ("Colm’s")
        elif ch in _OPENERS:
            closer = _OPENERS[ch]
            if depth.get(closer, 0):
                depth[closer] -= 1
            else:
                start, quoted = i + 1, ch in "“«"
                break
        elif ch == "‘" and depth.get("’", 0):
            depth["’"] -= 1  # "his tedious ‘niceness’ compensate ...?": a scare-quoted word inside the question
        elif ch == "‘" or (ch == "'" and (i == 0 or s[i - 1] in " (") and s[i + 1 : i + 2].isalpha()):
            start, quoted = i + 1, True  # a single quotation mark opens a quoted question
            break
        elif ch == '"' and s.count('"', 0, i) % 2 == 0 and s.count('"', i + 1, qmark) % 2 == 0:
            # An opening straight quote not closed before the "?" ('Is "Title" good?' keeps its start).
            start, quoted = i + 1, True
            break
        elif ch in "?!" and not any(depth.values()):
            start = i + 1  # the question before ends here ("?!" inside a bracket or a quote does not)
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


# Lead-ins a question is cleaned of: connectives and a short label before a colon ("Put it this way:").
_LEAD_IN = re.compile(
    r"^(?:(?:So|And|But|Well|Now|Still|Yet|Then|Also|Indeed|Anyway|Okay|OK|Although|Though|Besides|Plus|Again)\b,?\s+"
    r"|[A-Z][^:?!.]{0,40}:\s+)+"
)
# "No." / "No, ..." answers; "No easy answers are forthcoming." does not.
_ANSWER = re.compile(
    r"^\W*(?:(?:Yes|No|Nope|Hardly|Never)\b(?=\s*(?:[.,!;:—–”\"’)]|$))|(?:Of course|Absolutely|Not at all|Definitely|"
    r"Certainly|Not really)\b)",
    re.I,
)
_RHETORICAL = re.compile(
    r",\s*(?:isn[’']t|aren[’']t|doesn[’']t|don[’']t|wasn[’']t|won[’']t|right|no)\b[^,]*\?$"
    r"|\b(?:registered|subscribe|sign (?:in|up)|log in|newsletter)\b",
    re.I,
)
_PRONOUN_HEAD = re.compile(r"^(?:\w+\s+){0,2}(?:he|she|it|they|him|her|them|this|that|these|those)\b", re.I)
# "Is it fair to call ...", "When is it time to ...": an "it" that points forward at a clause, not back at a referent.
_EXPLETIVE_IT = re.compile(r"\bit\b(?:\s+(?!it\b)[\w’'-]+){0,3}?,?\s+(?:to|that|whether)\b", re.I)


def expletive_it(question: str, at: int | None = None) -> bool:
    """Whether the "it" at `at` (else the first "it" among the first three words) points forward at a clause."""
    if at is None:
        first = re.match(r"^(?:\w+\s+){0,2}?(?=it\b)", question, re.I)
        if first is None:
            return False
        at = first.end()
    return bool(_EXPLETIVE_IT.match(question, at))


_FIRST_PERSON = re.compile(r"\b(?:I|me|my|I[’']d|I[’']m)\b")


def clean_question(q: Question, spans: list[Span], text: str, title: str) -> str | None:
    """The question as a club prompt, or None when it is rhetorical, a fragment, answered or an epigraph's."""
    raw = re.sub(r"\s+\?$", "?", re.sub(r"\s+", " ", q.text)).strip()
    if re.match(r"Or\b", raw) or not raw[:1].isalpha():
        return None
    if raw[:1].islower():
        if not _LEAD_IN.match(raw[:1].upper() + raw[1:]):
            return None  # a fragment cut from a sentence
        raw = raw[:1].upper() + raw[1:]
    cleaned = _LEAD_IN.sub("", raw)
    cleaned = re.sub(r"\s*\([^()]{3,}\)\s*(?=\?$)", "", cleaned)  # an aside in brackets before the "?"
    cleaned = cleaned[:1].upper() + cleaned[1:]
    words = re.findall(r"[\w’'-]+", cleaned)
    if len(words) < 4 or len(cleaned) > 200 or _RHETORICAL.search(cleaned) or _FIRST_PERSON.search(cleaned):
        return None
    titled = set(re.findall(r"[\w’'-]+", title))
    if sum(w[0].isupper() and w not in titled for w in words) > 0.6 * len(words):
        return None  # a heading or a title in title case
    if _PRONOUN_HEAD.match(cleaned) and title.lower() not in cleaned.lower() and not expletive_it(cleaned):
        return None  # "Was he good?": the referent is in another sentence
    if _answered(q, spans) or _epigraph(q, spans, text):
        return None
    return cleaned


def _answered(q: Question, spans: list[Span]) -> bool:
    """ "Does it make sense? No.": answered at once, in the same sentence or the next of its paragraph."""
    after = q.sentence.sentence[q.end - q.sentence.start :]
    if _ANSWER.match(after):
        return True
    later = [s for s in spans if s.start >= q.sentence.end and s.block == q.sentence.block][:1]
    return bool(later and _ANSWER.match(later[0].sentence) and not after.strip())


def _epigraph(q: Question, spans: list[Span], text: str) -> bool:
    """A question in an opening quotation or block quote, or one followed by an attribution line."""
    first_prose = next((s.block for s in spans if len(s.sentence.split()) >= 12), 0)
    if q.sentence.block >= first_prose and q.sentence.block > 0:
        return False
    line = text[text.rfind("\n", 0, q.sentence.start) + 1 : q.sentence.end].lstrip()
    following = text[q.sentence.end : q.sentence.end + 80].lstrip()
    return line[:1] in "“\">*_‘'" or bool(re.match(r"[—–-]\s*[A-Z]", following))
