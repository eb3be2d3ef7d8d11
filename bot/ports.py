"""The ports the core depends on: a chat platform, a store and a clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Protocol

from bot.models import Analysis, Film, Message, PollTally, PostRef, Review, ReviewDoc

ImportOutcome = Literal["created", "updated", "unchanged"]


class ChatPort(Protocol):
    """What an adapter must do for the core (scheduler, notifications).

    `key` arguments are idempotency keys: the adapter uses them where its platform can
    (Discord: message nonce with enforce_nonce; Slack: message metadata) so that a retry or
    a restart does not post twice, and `find_post` finds a post made with a key again.
    """

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        """Post one message to a channel, or into `thread` (a ref that create_thread returned)."""
        ...

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """Open a thread titled `title` (a thread from a starter message, a forum post, or a
        parent message with replies) and post `messages` in it; the ref has thread_id set.

        Called again with a `key` it was called with before, it returns that thread and posts only
        the parts still missing, wherever the platform lets each part be found again."""
        ...

    async def find_post(self, channel_id: str, key: str, *, thread: PostRef | None = None) -> PostRef | None:
        """The post or thread made earlier with `key` (inside `thread`, for a reply), if the platform can find it."""
        ...

    async def close_poll(self, ref: PostRef) -> PollTally:
        """End the poll posted at `ref` and return its final counts."""
        ...

    async def check_channel(self, channel_id: str) -> str | None:
        """None if the bot can post threads in the channel, else a reason a moderator understands."""
        ...


class Store(Protocol):
    """Films, reviews and cached analyses (SQLite in production)."""

    async def upsert_review(
        self, doc: ReviewDoc, club_id: str = "", *, seed: bool = False
    ) -> tuple[Review, ImportOutcome]:
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
