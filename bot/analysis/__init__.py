"""Pure analysis: one review text in, an Analysis out (no I/O, no await)."""

from __future__ import annotations

from bot.analysis.page import article_text
from bot.analysis.polls import build_polls
from bot.analysis.prompts import build_prompt_set
from bot.analysis.spoilers import spoiler_flags
from bot.analysis.summary import summarise
from bot.analysis.text import split_sentences
from bot.analysis.trivia import AwardReader, award_facts
from bot.models import Analysis

ANALYSER_VERSION = "2.3.0"

__all__ = ["ANALYSER_VERSION", "analyze"]


def analyze(
    text: str, *, title: str, year: int | None = None, director: str | None = None, awards: AwardReader = "agree"
) -> Analysis:
    """Analyse one review text into summary, prompts, trivia, polls and spoilers (`awards` picks the award
    reader; see bot.analysis.trivia.award_facts). A pasted page's tail (comments, share rows, related links) is
    not read (bot.analysis.page)."""
    text = article_text(text)
    spans = split_sentences(text)
    flags = spoiler_flags(spans, text)
    summary = summarise(spans, flags, title)
    prompts, note = build_prompt_set(spans, flags, text, title, director, tldr=summary.tldr)
    return Analysis(
        title=title,
        year=year,
        summary=summary,
        prompts=prompts,
        trivia=award_facts(spans, text, title, awards),
        polls=build_polls(prompts, title, spans),
        spoilers=tuple(s.source for s, f in zip(spans, flags, strict=True) if f),
        version=ANALYSER_VERSION,
        prompts_note=note,
    )
