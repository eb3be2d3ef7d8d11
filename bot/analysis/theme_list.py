"""Themes from the curated list (prompts/themes_list.toml) that a review dwells on."""

from __future__ import annotations

import re
from functools import cache

from bot.analysis.text import Span
from bot.wording import wording


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    table: dict[str, list[str]] = wording("themes_list")["themes"]
    return {
        theme: re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I
        )
        for theme, words in table.items()
    }


def listed_themes(spans: list[Span], headings: set[int], exclude: str = "", limit: int = 2) -> list[tuple[str, Span]]:
    """Up to `limit` listed themes the review dwells on, most mentioned first: three mentions, or mentions in two
    paragraphs, or one in a heading (a theme named twice in one passing sentence is a metaphor, not a theme)."""
    found: list[tuple[int, int, str, Span]] = []
    for order, (theme, pattern) in enumerate(_patterns().items()):
        hits = [s for s in spans if pattern.search(s.sentence) and not pattern.search(exclude)]
        count = sum(len(pattern.findall(s.sentence)) for s in hits)
        if count >= 3 or len({s.block for s in hits}) >= 2 or any(s.start in headings for s in hits):
            prose = [s for s in hits if s.start not in headings] or hits
            found.append((-count, order, theme, prose[0]))
    return [(theme, span) for _, _, theme, span in sorted(found)[:limit]]
