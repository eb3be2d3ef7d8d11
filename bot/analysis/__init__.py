"""Pure analysis: one review text in, an Analysis out (no I/O, no await)."""

from __future__ import annotations

import re

from bot.models import Analysis, Prompt, Source, Summary

ANALYSER_VERSION = "0.1.0"

_SENTENCE = re.compile(r"[^.!?]+[.!?]+")


def analyze(text: str, *, title: str, year: int | None = None, director: str | None = None) -> Analysis:
    """Analyse one review text (first version: extractive summary and the review's own questions)."""
    sentences = [(m.group().strip(), m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    points = tuple(s for s, _, _ in sentences[:4])
    questions = tuple(
        Prompt(text=s, kind="explicit", source=Source(s, a, b)) for s, a, b in sentences if s.endswith("?")
    )
    tldr = points[0] if points else ""
    return Analysis(
        title=title, year=year, summary=Summary(tldr, points[1:]), prompts=questions, version=ANALYSER_VERSION
    )
