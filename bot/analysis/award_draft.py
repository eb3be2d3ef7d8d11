"""An award fact while it is being read, before context fills its gaps."""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.text import Span
from bot.models import AwardResult

CREDIT = "\x00credit:"


@dataclass(frozen=True)
class Draft:
    """An award fact before context fills its gaps."""

    subject: str
    body: str | None
    category: str | None
    result: AwardResult
    span: Span
    index: int
    count: bool = False
    credit: str | None = None  # "Best Director for Nolan": a name that may be the winner
