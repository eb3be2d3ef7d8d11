"""An extractive summary: a verdict sentence as tl;dr and 3-5 key points in the review's order."""

from __future__ import annotations

import re

from bot.analysis.evidence import stance
from bot.analysis.text import Span, display
from bot.models import Summary

_VERDICT = re.compile(
    r"\b(?:beautiful(?:ly)?|compelling|tragic|funny|masterpiece|masterful|terrific|brilliant|"
    r"remarkable|moving|powerful|stunning|thoughtful|flawed|uneven|disappointing|triumph|"
    r"gripping|tender|haunting|excellent|superb|mediocre|dull|boring|essential|must-see|"
    r"one of the (?:best|finest|most|more)|worth|recommend\w*|first rate|great|mess|misfire|failure|"
    r"slog|tedious|lifeless|hollow|forgettable|overlong|triumphant|delight\w*|joy)\b",
    re.I,
)
_LABEL = re.compile(
    r"[A-Z][\w ]{0,20}:\s+(?=[A-Z])"
    # a dateline: "CANNES, May 27 — ", "LONDON — "
    r"|[A-Z][A-Z.’' -]{2,30}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*[—–]\s*(?=[A-Z])"
)
_AWARD = re.compile(r"\b(?:won|wins|nominated|nominations?|Oscars?|BAFTAs?|Golden Globes?|Palme|Golden Lion)\b")
_LEADING_PRONOUN = re.compile(
    r"^(?:This|That|These|Those|It|Its|They|Their|Them|He|She|His|Her|Him|Such"
    r"|(?:None|All|Some|Most|Both|Each|Neither) of (?:this|that|these|those|them|it))\b"
)
_BOILERPLATE = re.compile(
    r"share|subscribe|comment|reply|email|cookie|newsletter|click|sign up|rated \d|grade:|"
    r"written by|permalink|required fields|settings|"
    # editorial notes and warnings speak about the page, not the film
    r"translated (?:from|by)|originally (?:appeared|published|ran)|the original (?:appeared|ran)|"
    r"spoiler (?:warning|alert)|reviewed (?:at|on)|running time|"
    # web chrome: magazine and site promotions, photo credits
    r"never miss|welcome to|sign in|register|photo(?:graph)?:|image:|credit:|courtesy of|getty|all rights",
    re.I,
)


def summarise(spans: list[Span], flags: list[bool], title: str) -> Summary:
    """A one-to-two-sentence tl;dr and 3-5 key points, never cut, never a lost pronoun."""
    bare = [_unlabelled(s) for s in spans]
    interview = {s.block for s in spans if _SPEAKER.match(s.sentence)}
    debris = _debris_blocks(bare) | interview
    answers = {i for i in range(1, len(spans)) if _answer(spans[i - 1], spans[i])}
    prose = [
        (i, s) for i, s in enumerate(bare) if _usable(s) and not flags[i] and s.block not in debris and i not in answers
    ]
    if len(prose) < 3:
        prose = [(i, s) for i, s in enumerate(bare) if _usable(s) and i not in answers and s.block not in interview]
    if not prose:
        return Summary(spans[0].sentence if spans else "")
    first = prose[0][0]
    # A verdict is a full statement (8+ words); the opening sentence gets a small edge.
    verdicts = [p for p in prose if len(p[1].sentence.split()) >= 8] or prose
    tldr = max(verdicts, key=lambda p: _verdict_score(p[1], p[0], len(spans), title) + (0.5 if p[0] == first else 0))
    points = _key_points(prose, tldr[0])
    return Summary(display(tldr[1].sentence), tuple(display(s.sentence) for _, s in points))


# An interview's speaker label: the lines of a Q&A are the interviewee's words, not the review's points.
_SPEAKER = re.compile(r"(?:Q|A|Q\.|A\.)\s*:\s")


def _answer(before: Span, span: Span) -> bool:
    """ "Is it too long? Barely, but ...": a reply to the question before it, read only with it."""
    if before.block != span.block or not before.sentence.rstrip().endswith("?"):
        return False
    head = span.sentence.split(",", 1)[0]
    return "," in span.sentence and len(head.split()) <= 2


def _debris_blocks(spans: list[Span]) -> set[int]:
    """Paragraphs made mostly of fragments (a credits block, a listings line): none of it summarises."""
    total: dict[int, int] = {}
    unusable: dict[int, int] = {}
    for s in spans:
        total[s.block] = total.get(s.block, 0) + 1
        unusable[s.block] = unusable.get(s.block, 0) + (not _usable(s))
    return {b for b, n in total.items() if n >= 3 and unusable[b] >= 2 * n / 3}


def _unlabelled(span: Span) -> Span:
    """A sentence without a short label before a colon ("VOR: Devotes itself ...")."""
    m = _LABEL.match(span.sentence)
    if not m:
        return span
    return Span(span.sentence[m.end() :], span.start + m.end(), span.end, span.block)


def _usable(span: Span) -> bool:
    """A whole prose sentence that stands alone."""
    s = span.sentence
    if len(s.split()) < 6 or len(s) > 300 or not s.rstrip("”’\"')").endswith((".", "!")):
        return False
    if s.count("“") != s.count("”") or s.count('"') % 2:
        return False  # a quotation cut by the splitter
    if _mostly_names(s):
        return False  # a credits line or a list of names
    if _CONNECTIVE.match(s):
        return False  # "And ...", "But ...": a reply to the sentence before it
    return not _LEADING_PRONOUN.match(s) and not _BOILERPLATE.search(s) and not s.endswith("?")


_CONNECTIVE = re.compile(r"^(?:And|But|So|Yes|Sure|Or|Well|Now|Still|Yet|Also|Then|Alas|Anyway|Plus)\b")
# An anecdote or first-person aside: the writer's own story, not the verdict on the film.
_ANECDOTE = re.compile(r"\b(?:I|me|my|I[’']ve|I[’']m|I[’']d|we|our)\b")


def _mostly_names(sentence: str) -> bool:
    """More capitalised words than not: a list, a title line, a heading."""
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    return sum(1 for w in words if w[0].isupper()) > 0.5 * len(words)


def _verdict_score(span: Span, index: int, total: int, title: str) -> float:
    """How much a sentence reads like the review's verdict on the film."""
    s = span.sentence
    score = 2.0 * len(_VERDICT.findall(s)) + 1.0 * abs(stance(s))
    if _ANECDOTE.search(s):
        score -= 1.5  # the writer's own story
    score += 2.5 if title.lower() in s.lower() else 1.0 if re.search(r"\bthe (?:film|movie)\b", s, re.I) else 0.0
    score += 1.0 if index < 3 or index >= total - 4 else 0.0
    if _AWARD.search(s):
        score -= 3.0  # an award statement is trivia, not the verdict
    return score - len(s) / 400


def _key_points(prose: list[tuple[int, Span]], tldr: int) -> list[tuple[int, Span]]:
    """The first usable sentence of each paragraph, spread across the review (3-5)."""
    by_block: dict[int, tuple[int, Span]] = {}
    for i, span in prose:
        if i != tldr:
            by_block.setdefault(span.block, (i, span))
    firsts = list(by_block.values())
    if len(firsts) < 3:
        firsts = [p for p in prose if p[0] != tldr]
    step = max(1, len(firsts) / 5)
    picked = [firsts[int(k * step)] for k in range(min(5, len(firsts)))]
    return sorted(dict(picked).items())
