"""The ports the core depends on: a chat platform, a store and a clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Protocol

from bot.models import Analysis, Film, Message, PollTally, PostRef, Review, ReviewDoc

ImportOutcome = Literal["created", "updated", "unchanged"]


class ChatPort(Protocol):
    """What an adapter must do for the core (scheduler, notifications)."""

    async def send(self, channel_id: str, message: Message) -> PostRef:
        """Post one message to a channel (or into a thread, if channel_id names one)."""
        ...

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """Open a thread titled `title` in a channel and post `messages` in it.

        `key` is an idempotency key: posting the same key twice must not make two threads
        where the platform allows the adapter to prevent it.
        """
        ...

    async def close_poll(self, ref: PostRef) -> PollTally:
        """End the poll posted at `ref` and return its final counts."""
        ...


class Store(Protocol):
    """Films, reviews and cached analyses (SQLite in production)."""

    async def upsert_review(self, doc: ReviewDoc, club_id: str = "") -> tuple[Review, ImportOutcome]:
        """Store a parsed review; unchanged content changes nothing."""
        ...

    async def films(self, club_id: str | None = None) -> list[Film]:
        """Every film with a review visible to the club (None: every film)."""
        ...

    async def reviews_for(self, film_id: int, club_id: str = "") -> list[Review]:
        """The film's reviews visible to the club: the club's own first, then global ones."""
        ...

    async def cached_analysis(self, review_id: int, version: str) -> Analysis | None:
        """The stored analysis of a review by that analyser version, if any."""
        ...

    async def save_analysis(self, review_id: int, analysis: Analysis) -> None:
        """Cache an analysis under its version."""
        ...

    async def search(self, query: str, club_id: str = "", limit: int = 10) -> list[Film]:
        """Full-text search over titles and review text visible to the club."""
        ...


class Clock(Protocol):
    """Time, injected so the scheduler can be tested without sleeping."""

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...

    async def sleep_until(self, when: datetime) -> None:
        """Return at `when` (or at once if it has passed)."""
        ...
