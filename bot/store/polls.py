"""SqlitePolls: polls and their votes in the SqliteStore (SQL constants below, `?` parameters only)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import aiosqlite

from bot.store.sqlite import SqliteStore

INSERT_POLL = """
INSERT INTO polls (club_id, channel_id, title, question, options, multiple, closes_at, post_key)
VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (post_key) WHERE post_key IS NOT NULL DO NOTHING
"""
POLL_ID_BY_KEY = "SELECT id FROM polls WHERE post_key = ?"
SET_MESSAGE = "UPDATE polls SET message_id = ? WHERE id = ?"
POLL_BY_ID = "SELECT * FROM polls WHERE id = ?"
POLL_BY_MESSAGE = "SELECT * FROM polls WHERE channel_id = ? AND message_id = ?"
DUE_POLLS = """
SELECT * FROM polls WHERE closed_at IS NULL AND closes_at IS NOT NULL AND closes_at <= ? ORDER BY closes_at, id
"""
CLOSE_POLL = "UPDATE polls SET closed_at = ? WHERE id = ? AND closed_at IS NULL"
# Votes are written only while the poll is open, checked in the same statement as the write.
DELETE_USER_VOTES = "DELETE FROM poll_votes WHERE poll_id = ? AND user_id = ?"
DELETE_VOTE = "DELETE FROM poll_votes WHERE poll_id = ? AND user_id = ? AND option = ?"
HAS_VOTE = "SELECT 1 FROM poll_votes WHERE poll_id = ? AND user_id = ? AND option = ?"
INSERT_VOTE = """
INSERT OR IGNORE INTO poll_votes (poll_id, user_id, option)
SELECT id, ?, ? FROM polls WHERE id = ? AND closed_at IS NULL
"""
IS_OPEN = "SELECT 1 FROM polls WHERE id = ? AND closed_at IS NULL"
COUNTS = "SELECT option, COUNT(*) AS n FROM poll_votes WHERE poll_id = ? GROUP BY option"
VOTERS = "SELECT COUNT(DISTINCT user_id) FROM poll_votes WHERE poll_id = ?"
USER_CHOICES = "SELECT option FROM poll_votes WHERE poll_id = ? AND user_id = ? ORDER BY option"


def to_text(when: datetime | None) -> str | None:
    """A time as the store writes it: UTC, to the second, so that text order is time order."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


def from_text(text: str | None) -> datetime | None:
    """A stored time, timezone-aware."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) if text else None


class SqlitePolls:
    """The poll repository on a SqliteStore: rows in, rows out; the rules live in bot.polls."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    async def insert(
        self,
        club_id: str,
        channel_id: str,
        title: str | None,
        question: str,
        options: Sequence[str],
        multiple: bool,
        closes_at: datetime | None,
        key: str | None = None,
    ) -> int:
        """Store a new open poll; its id (with a `key` already stored: that poll's id)."""
        values = (club_id, channel_id, title, question, json.dumps(list(options)), int(multiple), to_text(closes_at))
        async with self.store.transaction() as db:
            cur = await db.execute(INSERT_POLL, (*values, key))
            if cur.rowcount == 1:
                return int(cur.lastrowid or 0)
            async with db.execute(POLL_ID_BY_KEY, (key,)) as found:
                row = await found.fetchone()
            assert row is not None
            return int(row[0])

    async def set_message(self, poll_id: int, message_id: str) -> None:
        """Remember where the poll was posted."""
        async with self.store.transaction() as db:
            await db.execute(SET_MESSAGE, (message_id, poll_id))

    async def db_now(self) -> datetime:
        """The database's clock (db_now()): what every process sharing the database agrees on."""
        row = await self.store.fetchone("SELECT db_now() AS now", ())
        assert row is not None and row["now"]
        moment = from_text(row["now"])
        assert moment is not None
        return moment

    async def row(self, poll_id: int) -> aiosqlite.Row | None:
        """One poll by id."""
        return await self.store.fetchone(POLL_BY_ID, (poll_id,))

    async def row_by_message(self, channel_id: str, message_id: str) -> aiosqlite.Row | None:
        """The poll posted as that message."""
        return await self.store.fetchone(POLL_BY_MESSAGE, (channel_id, message_id))

    async def due(self, now: datetime) -> list[aiosqlite.Row]:
        """Open polls whose closing time has come."""
        return await self.store.fetchall(DUE_POLLS, (to_text(now),))

    async def replace_vote(self, poll_id: int, user_id: str, option: int) -> bool:
        """Make `option` the member's only vote; False if the poll is closed."""
        async with self.store.transaction() as db:
            if not await _exists(db, IS_OPEN, (poll_id,)):
                return False
            await db.execute(DELETE_USER_VOTES, (poll_id, user_id))
            await db.execute(INSERT_VOTE, (user_id, option, poll_id))
            return True

    async def toggle_vote(self, poll_id: int, user_id: str, option: int) -> bool:
        """Add the member's vote for `option`, or take it back; False if the poll is closed."""
        async with self.store.transaction() as db:
            if not await _exists(db, IS_OPEN, (poll_id,)):
                return False
            if await _exists(db, HAS_VOTE, (poll_id, user_id, option)):
                await db.execute(DELETE_VOTE, (poll_id, user_id, option))
            else:
                await db.execute(INSERT_VOTE, (user_id, option, poll_id))
            return True

    async def close(self, poll_id: int, now: datetime) -> None:
        """Mark the poll closed (once; closing again changes nothing)."""
        async with self.store.transaction() as db:
            await db.execute(CLOSE_POLL, (to_text(now), poll_id))

    async def counts(self, poll_id: int) -> tuple[dict[int, int], int]:
        """Votes per option index, and how many members voted."""
        rows = await self.store.fetchall(COUNTS, (poll_id,))
        voters = await self.store.fetchone(VOTERS, (poll_id,))
        return {int(r["option"]): int(r["n"]) for r in rows}, int(voters[0]) if voters else 0

    async def choices(self, poll_id: int, user_id: str) -> list[int]:
        """The options a member voted for."""
        return [int(r[0]) for r in await self.store.fetchall(USER_CHOICES, (poll_id, user_id))]


async def _exists(db: aiosqlite.Connection, query: str, params: tuple[object, ...]) -> bool:
    async with db.execute(query, params) as cur:
        return await cur.fetchone() is not None
