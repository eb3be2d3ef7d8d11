"""The award reader's output: one fact a review states, with its evidence and confidence."""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.text import Span
from bot.models import AwardResult


@dataclass(frozen=True)
class Fact:
    """One award fact the review states, with the evidence's confidence."""

    subject: str
    kind: str  # film | person
    film: str  # the film the fact belongs to
    body: str | None
    category: str | None
    result: AwardResult
    span: Span
    index: int
    confidence: float
    count: bool = False
    shown: str | None = None  # the category as the review writes it ("Best Foreign Language Film")
    # Stated in full by one construction: a named subject, an explicit result verb, and a catalogue category with
    # its body in the same clause ("X won Best Actor at the Oscars"), or an item under an award heading.
    complete: bool = False

    @property
    def category_shown(self) -> str | None:
        """The category as members read it: as written where the text names it, else the canonical name."""
        return self.shown or self.category
