"""Stored polls: open, vote (one per member unless multiple choice; a change replaces), tally, close."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.models import PollSpec, PollTally
from bot.store.polls import SqlitePolls, from_text

DEFAULT_HOURS = 168  # a poll started by a command stays open a week, like the weekly thread


class PollError(Exception):
    """A vote that cannot be recorded; the message is safe to show the member."""


class PollClosed(PollError):
    """The poll has closed: its results are final."""


@dataclass(frozen=True)
class Poll:
    """A stored poll: where it was posted, its question and options, and when it closes."""

    id: int
    club_id: str
    channel_id: str
    spec: PollSpec
    title: str | None = None
    message_id: str | None = None
    closes_at: datetime | None = None
    closed_at: datetime | None = None

    def is_open(self, now: datetime) -> bool:
        """Whether votes are still taken at `now`."""
        return self.closed_at is None and (self.closes_at is None or now < self.closes_at)


@dataclass(frozen=True)
class Vote:
    """A recorded vote: the poll after it, the member's choices and the new tally."""

    poll: Poll
    choices: tuple[int, ...]
    tally: PollTally


class PollService:
    """The poll rules over a repository. Closing times are by the database's clock (db_now()), so two processes
    whose clocks differ close a poll at the same moment; `now` replaces it in tests that need no database clock."""

    def __init__(self, repo: SqlitePolls, now: Callable[[], datetime] | None = None) -> None:
        self.repo = repo
        self._now = now

    async def now(self) -> datetime:
        """The time polls open, close and take votes by."""
        return self._now() if self._now is not None else await self.repo.db_now()

    async def open(
        self,
        club_id: str,
        channel_id: str,
        spec: PollSpec,
        title: str | None = None,
        *,
        closes_at: datetime | None = None,
        hours: float | None = DEFAULT_HOURS,
        key: str | None = None,
    ) -> Poll:
        """Store a new poll, closing at `closes_at` or after `hours` (None: only when closed).

        With a `key` stored before (a retry or a restart of the same post), that poll is returned instead.
        """
        if len(spec.options) < 2:
            raise ValueError("a poll needs at least two options")
        if closes_at is None and hours is not None:
            closes_at = await self.now() + timedelta(hours=hours)
        closes_at = closes_at.replace(microsecond=0) if closes_at else None  # stored to the second
        poll_id = await self.repo.insert(
            club_id, channel_id, title, spec.question, spec.options, spec.multiple, closes_at, key
        )
        if key is None:
            return Poll(poll_id, club_id, channel_id, spec, title, None, closes_at)
        stored = await self.get(poll_id)
        assert stored is not None
        return stored

    async def posted(self, poll: Poll, message_id: str) -> Poll:
        """Remember the message that shows the poll."""
        await self.repo.set_message(poll.id, message_id)
        return Poll(poll.id, poll.club_id, poll.channel_id, poll.spec, poll.title, message_id, poll.closes_at)

    async def get(self, poll_id: int) -> Poll | None:
        """A poll by id."""
        row = await self.repo.row(poll_id)
        return _poll(row) if row else None

    async def at(self, channel_id: str, message_id: str) -> Poll | None:
        """The poll shown by a message."""
        row = await self.repo.row_by_message(channel_id, message_id)
        return _poll(row) if row else None

    async def vote(self, poll_id: int, user_id: str, option: int, club_id: str | None = None) -> Vote:
        """Record a member's vote; PollError if the poll is unknown (or another club's), closed or has no such option."""
        poll = await self.get(poll_id)
        if poll is None or (club_id is not None and poll.club_id != club_id):
            raise PollError("This poll no longer exists.")
        if not 0 <= option < len(poll.spec.options):
            raise PollError("That option is not part of this poll.")
        if not poll.is_open(await self.now()):
            raise PollClosed("This poll has closed; its results are final.")
        write = self.repo.toggle_vote if poll.spec.multiple else self.repo.replace_vote
        if not await write(poll.id, user_id, option):
            raise PollClosed("This poll has closed; its results are final.")
        choices = tuple(await self.repo.choices(poll.id, user_id))
        return Vote(poll, choices, await self.tally(poll))

    async def tally(self, poll: Poll) -> PollTally:
        """The counts per option, in option order, and the number of voters."""
        counts, voters = await self.repo.counts(poll.id)
        options = poll.spec.options
        return PollTally(options, tuple(counts.get(i, 0) for i in range(len(options))), voters)

    async def close(self, poll: Poll) -> tuple[Poll, PollTally]:
        """Close the poll (closing twice is harmless) and return it with its final tally."""
        await self.repo.close(poll.id, await self.now())
        closed = await self.get(poll.id)
        assert closed is not None
        return closed, await self.tally(closed)

    async def due(self) -> list[Poll]:
        """Open polls whose closing time has passed: the adapter closes them and shows the results."""
        return [_poll(r) for r in await self.repo.due(await self.now())]


def _poll(row: aiosqlite.Row) -> Poll:
    spec = PollSpec(row["question"], tuple(json.loads(row["options"])), multiple=bool(row["multiple"]))
    return Poll(
        int(row["id"]),
        row["club_id"],
        row["channel_id"],
        spec,
        row["title"],
        row["message_id"],
        from_text(row["closes_at"]),
        from_text(row["closed_at"]),
    )
