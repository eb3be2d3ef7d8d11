"""Schedules, film queues and occurrence claims: the SQL (constant, `?` only) and a typed store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import aiosqlite

from bot.clock import Recurrence, parse_utc, utc_text
from bot.models import PostRef
from bot.store.sqlite import SqliteStore

OPEN = ("claimed", "thread_posted", "poll_posted")  # claimed but not yet fully posted
CLOSING = ("posted", "tallied")  # posted; the poll still to be closed and recapped

INSERT_SCHEDULE = """
INSERT INTO schedules (club_id, platform, film_slug, channel_id, report_channel, weekday, at_time, tz,
    every_weeks, poll_hours, start_local, not_before, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
SCHEDULES_OF_CLUB = "SELECT * FROM schedules WHERE club_id = ? AND removed = 0 ORDER BY id"
SCHEDULE_OF_CLUB = "SELECT * FROM schedules WHERE club_id = ? AND id = ? AND removed = 0"
ACTIVE_SCHEDULES = "SELECT * FROM schedules WHERE platform = ? AND removed = 0 AND paused = 0 ORDER BY id"
# next_due (migration 004) is each running schedule's first unrecorded occurrence; '' is "not computed
# yet" and sorts first, so a pass computes it. Both queries use the partial index schedules_next_due.
DUE_SCHEDULES = """
SELECT * FROM schedules WHERE platform = ? AND removed = 0 AND paused = 0 AND next_due <= ? ORDER BY next_due, id
"""
NEXT_DUE = "SELECT MIN(next_due) FROM schedules WHERE platform = ? AND removed = 0 AND paused = 0"
SCHEDULE_AND_MARK = """
SELECT s.*, (SELECT MAX(o.due) FROM occurrences o WHERE o.schedule_id = s.id AND o.due <= db_now()) AS mark
FROM schedules s WHERE s.id = ?
"""
SET_NEXT_DUE = "UPDATE schedules SET next_due = ? WHERE id = ?"
SCHEDULE_BY_ID = "SELECT * FROM schedules WHERE id = ?"
SET_PAUSED = "UPDATE schedules SET paused = ?, not_before = ? WHERE club_id = ? AND id = ? AND removed = 0"
REMOVE_SCHEDULE = "UPDATE schedules SET removed = 1 WHERE club_id = ? AND id = ? AND removed = 0"

QUEUE_ADD = "INSERT INTO film_queue (club_id, film_slug, added_by) VALUES (?, ?, ?)"
QUEUE_OF_CLUB = "SELECT id, film_slug FROM film_queue WHERE club_id = ? AND used_by IS NULL ORDER BY id"
QUEUE_REMOVE = "DELETE FROM film_queue WHERE club_id = ? AND id = ? AND used_by IS NULL"
QUEUE_TAKE = "UPDATE film_queue SET used_by = ? WHERE id = ?"

# Time in SQL is the database's clock, db_now() (bot.store.db.connect), never a process's own: a lease ends
# `?` seconds after db_now(), and every lease, retry and close time is compared against db_now().
DB_NOW = "SELECT db_now()"
_IN = "strftime('%Y-%m-%dT%H:%M:%SZ', db_now(), ? || ' seconds')"
# No lease or retry is ever set further ahead than HORIZON (a lease is 2 minutes, the longest back-off 30): one
# dated beyond db_now() + HORIZON was set while the clock ran ahead, and is void once the clock is back.
HORIZON = timedelta(hours=1)
_BEYOND = f"strftime('%Y-%m-%dT%H:%M:%SZ', db_now(), '+{int(HORIZON.total_seconds())} seconds')"
# A schedule's watermark is its latest occurrence recorded by db_now(); the rows dated after db_now() (claimed
# early by run-now, or recorded while the clock ran ahead) are only stepped over, so a clock that ran a year
# ahead and came back cannot move a schedule's next run a year on.
WATERMARK = "SELECT MAX(due) FROM occurrences WHERE schedule_id = ? AND due <= db_now()"
AHEAD = "SELECT occurrence FROM occurrences WHERE schedule_id = ? AND due > db_now()"
CLAIM = f"""
INSERT INTO occurrences (schedule_id, occurrence, due, state, film_slug, late, owner, lease_until, close_at, error)
VALUES (?, ?, ?, ?, ?, ?, ?, {_IN}, ?, ?) ON CONFLICT (schedule_id, occurrence) DO NOTHING
"""
# A skip is recorded only for an occurrence already past by the database's clock, so a skipped row dated in
# the future was left by a clock that jumped ahead and came back (or by an older version that trusted a
# process's clock): it is forgotten, so that its week is posted when it comes.
FUTURE_SKIPS = """
SELECT DISTINCT o.schedule_id FROM occurrences o JOIN schedules s ON s.id = o.schedule_id
WHERE s.platform = ? AND o.state = 'skipped' AND o.due > db_now()
"""
FORGET_FUTURE_SKIP = "DELETE FROM occurrences WHERE schedule_id = ? AND state = 'skipped' AND due > db_now()"
OCCURRENCE = "SELECT * FROM occurrences WHERE id = ?"
OCCURRENCE_OF = "SELECT * FROM occurrences WHERE schedule_id = ? AND occurrence = ?"
ACQUIRE = f"""
UPDATE occurrences SET owner = ?, lease_until = {_IN}
WHERE id = ? AND state = ? AND (retry_at <= db_now() OR retry_at > {_BEYOND})
    AND (owner = ? OR lease_until <= db_now() OR lease_until > {_BEYOND})
"""
ADVANCE = f"""
UPDATE occurrences SET state = ?, attempts = 0, retry_at = '', error = NULL, lease_until = {_IN},
    thread_channel = COALESCE(?, thread_channel), thread_message = COALESCE(?, thread_message),
    thread_id = COALESCE(?, thread_id), poll_channel = COALESCE(?, poll_channel),
    poll_message = COALESCE(?, poll_message), poll_thread = COALESCE(?, poll_thread), tally = COALESCE(?, tally),
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = ? AND owner = ?
"""
RENEW = f"UPDATE occurrences SET lease_until = {_IN} WHERE id = ? AND owner = ? AND lease_until > ''"
SET_FILM = "UPDATE occurrences SET film_slug = ? WHERE id = ?"
RETRY_LATER = f"""
UPDATE occurrences SET attempts = ?, retry_at = {_IN}, lease_until = {_IN}, error = ? WHERE id = ? AND owner = ?
RETURNING retry_at
"""
FAIL = "UPDATE occurrences SET state = 'failed', error = ?, lease_until = '' WHERE id = ? AND owner = ?"
# Open work of this platform's schedules that this process may pick up now. Each branch of the OR
# seeks an index (occurrences_state, occurrences_closing); the unary + keeps the planner off the
# retry_at index for open polls, of which there are as many as running schedules.
WORK = f"""
SELECT o.* FROM occurrences o JOIN schedules s ON s.id = o.schedule_id
WHERE s.platform = ? AND (o.owner = ? OR o.lease_until <= db_now() OR o.lease_until > {_BEYOND}) AND (
    (o.state IN ('claimed', 'thread_posted', 'poll_posted', 'tallied')
        AND (o.retry_at <= db_now() OR o.retry_at > {_BEYOND}))
    OR (o.state = 'posted' AND o.close_at <= db_now() AND (+o.retry_at <= db_now() OR +o.retry_at > {_BEYOND})))
ORDER BY o.due, o.id
"""
# When open work next becomes possible: a retry, a lease running out, or a poll to close, i.e. the
# least of MAX(retry_at, lease_until) over unfinished posts and of MAX(close_at, retry_at) over open
# polls; the latter is the first close_at in index order, or a retry of a failed close (retry_at set).
NEXT_WORK = """
SELECT MIN(at) FROM (
    SELECT MAX(o.retry_at, o.lease_until) AS at FROM occurrences o JOIN schedules s ON s.id = o.schedule_id
    WHERE s.platform = ? AND o.state IN ('claimed', 'thread_posted', 'poll_posted', 'tallied')
    UNION ALL
    SELECT * FROM (
        SELECT o.close_at FROM occurrences o JOIN schedules s ON s.id = o.schedule_id
        WHERE s.platform = ? AND o.state = 'posted' AND +o.retry_at <= o.close_at ORDER BY o.close_at LIMIT 1)
    UNION ALL
    SELECT o.retry_at FROM occurrences o JOIN schedules s ON s.id = o.schedule_id
    WHERE s.platform = ? AND o.state = 'posted' AND o.retry_at > '' AND o.retry_at > o.close_at
)
"""
HISTORY = "SELECT * FROM occurrences WHERE schedule_id = ? ORDER BY due DESC, id DESC LIMIT ?"


@dataclass(frozen=True)
class Schedule:
    """A club's weekly thread: when, where, which film (None: the queue)."""

    id: int
    club_id: str
    platform: str
    film_slug: str | None
    channel_id: str
    report_channel: str
    weekday: int
    at: time
    tz: str
    every: int
    poll_hours: int | None
    start_local: datetime
    not_before: str
    paused: bool

    @property
    def recurrence(self) -> Recurrence:
        """The schedule's occurrences in wall-clock time."""
        return Recurrence(self.weekday, self.at, self.tz, self.every, self.start_local)


@dataclass(frozen=True)
class Occurrence:
    """One claimed (or skipped) occurrence of a schedule and how far its posting got."""

    id: int
    schedule_id: int
    occurrence: str
    due: str
    state: str
    film_slug: str | None
    late: bool
    attempts: int
    error: str | None
    thread: PostRef | None
    poll: PostRef | None
    close_at: str | None
    tally: str | None


def _schedule(row: aiosqlite.Row) -> Schedule:
    return Schedule(
        int(row["id"]), row["club_id"], row["platform"], row["film_slug"], row["channel_id"], row["report_channel"],
        int(row["weekday"]), time.fromisoformat(row["at_time"]), row["tz"], int(row["every_weeks"]),
        row["poll_hours"], datetime.fromisoformat(row["start_local"]), row["not_before"], bool(row["paused"]),
    )  # fmt: skip


def _ref(channel: str | None, message: str | None, thread: str | None) -> PostRef | None:
    return PostRef(channel, message, thread) if channel and message else None


def _occurrence(row: aiosqlite.Row) -> Occurrence:
    return Occurrence(
        int(row["id"]), int(row["schedule_id"]), row["occurrence"], row["due"], row["state"], row["film_slug"],
        bool(row["late"]), int(row["attempts"]), row["error"],
        _ref(row["thread_channel"], row["thread_message"], row["thread_id"]),
        _ref(row["poll_channel"], row["poll_message"], row["poll_thread"]), row["close_at"], row["tally"],
    )  # fmt: skip


def floor(schedule: Schedule, watermark: str | None) -> datetime:
    """The instant after which the schedule's occurrences are still unrecorded (and may be posted)."""
    return max([parse_utc(schedule.not_before), *([parse_utc(watermark)] if watermark else [])])


def unrecorded(
    schedule: Schedule, watermark: str | None, ahead: frozenset[str], after: datetime | None = None
) -> Iterator[tuple[datetime, datetime]]:
    """(wall, due) of the schedule's occurrences after its floor (and `after`) that are not recorded `ahead`."""
    start = max(floor(schedule, watermark), after) if after else floor(schedule, watermark)
    return ((w, d) for w, d in schedule.recurrence.occurrences(start) if w.isoformat(timespec="minutes") not in ahead)


def first_unrecorded(schedule: Schedule, watermark: str | None, ahead: frozenset[str] = frozenset()) -> str | None:
    """The schedule's first unrecorded occurrence as UTC text (None: it has no further one)."""
    upcoming = next(unrecorded(schedule, watermark, ahead), None)
    return utc_text(upcoming[1]) if upcoming else None


@dataclass(frozen=True)
class Claim:
    """An occurrence to record: posted (`post`) or skipped (with the reason)."""

    wall: datetime
    due: datetime
    post: bool
    late: bool = False
    reason: str | None = None
    close_at: datetime | None = None


class ScheduleStore:
    """Schedules, queues and occurrences on the SqliteStore; every command-facing query is per club."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    async def _rows(self, query: str, params: tuple[object, ...]) -> list[aiosqlite.Row]:
        # execute and fetch in one job of the connection's thread: a transaction of another task
        # must not start between them, or its BEGIN IMMEDIATE meets this read's stale snapshot.
        return list(await self.store.db.execute_fetchall(query, params))

    async def _row(self, query: str, params: tuple[object, ...]) -> aiosqlite.Row | None:
        rows = await self._rows(query, params)
        return rows[0] if rows else None

    async def add(self, values: tuple[object, ...]) -> Schedule:
        """Store a schedule (the INSERT_SCHEDULE columns, in order)."""
        async with self.store.transaction() as db:
            cur = await db.execute(INSERT_SCHEDULE, values)
            new_id = int(cur.lastrowid or 0)
            await _refresh_next(db, new_id)
        found = await self._row(SCHEDULE_BY_ID, (new_id,))
        assert found is not None
        return _schedule(found)

    async def of_club(self, club_id: str) -> list[Schedule]:
        """The club's schedules, oldest first."""
        return [_schedule(r) for r in await self._rows(SCHEDULES_OF_CLUB, (club_id,))]

    async def get(self, club_id: str, schedule_id: int) -> Schedule | None:
        """One of the club's schedules."""
        row = await self._row(SCHEDULE_OF_CLUB, (club_id, schedule_id))
        return _schedule(row) if row else None

    async def by_id(self, schedule_id: int) -> Schedule | None:
        """Any schedule, removed ones too (the scheduler closes their polls)."""
        row = await self._row(SCHEDULE_BY_ID, (schedule_id,))
        return _schedule(row) if row else None

    async def active(self, platform: str) -> list[Schedule]:
        """Running schedules of one platform, every club."""
        return [_schedule(r) for r in await self._rows(ACTIVE_SCHEDULES, (platform,))]

    async def due(self, platform: str, now: datetime) -> list[Schedule]:
        """Running schedules of one platform with an unrecorded occurrence due by `now` (or not computed)."""
        return [_schedule(r) for r in await self._rows(DUE_SCHEDULES, (platform, utc_text(now)))]

    async def next_due(self, platform: str) -> str | None:
        """The earliest next_due of the platform's running schedules ('' if one is not computed yet)."""
        row = await self._row(NEXT_DUE, (platform,))
        return None if row is None or row[0] is None else str(row[0])

    async def refresh_next(self, schedule_ids: list[int]) -> None:
        """Recompute the schedules' next_due from their rows and recorded occurrences, in one transaction."""
        async with self.store.transaction() as db:
            for schedule_id in schedule_ids:
                await _refresh_next(db, schedule_id)

    async def set_paused(self, club_id: str, schedule_id: int, paused: bool, now: datetime) -> bool:
        """Pause or resume; resuming starts afresh, so weeks missed while paused are not posted late."""
        async with self.store.transaction() as db:
            cur = await db.execute(SET_PAUSED, (int(paused), utc_text(now), club_id, schedule_id))
            await _refresh_next(db, schedule_id)
            return cur.rowcount == 1

    async def remove(self, club_id: str, schedule_id: int) -> bool:
        """Stop a schedule for good (its open poll is still closed at the week's end)."""
        async with self.store.transaction() as db:
            cur = await db.execute(REMOVE_SCHEDULE, (club_id, schedule_id))
            return cur.rowcount == 1

    async def queue_add(self, club_id: str, film_slug: str, user_id: str) -> None:
        """Put a film at the end of the club's queue."""
        async with self.store.transaction() as db:
            await db.execute(QUEUE_ADD, (club_id, film_slug, user_id))

    async def queue(self, club_id: str) -> list[tuple[int, str]]:
        """The club's queued films (row id, slug), next first."""
        return [(int(r[0]), str(r[1])) for r in await self._rows(QUEUE_OF_CLUB, (club_id,))]

    async def queue_remove(self, club_id: str, item_id: int) -> bool:
        """Take one entry off the club's queue."""
        async with self.store.transaction() as db:
            cur = await db.execute(QUEUE_REMOVE, (club_id, item_id))
            return cur.rowcount == 1

    async def watermark(self, schedule_id: int) -> str | None:
        """The latest due time recorded for the schedule, up to db_now()."""
        row = await self._row(WATERMARK, (schedule_id,))
        return str(row[0]) if row and row[0] else None

    async def ahead(self, schedule_id: int) -> frozenset[str]:
        """The schedule's occurrences (wall-clock text) recorded for after db_now(): run-now's, or a fast clock's."""
        return frozenset(str(r[0]) for r in await self._rows(AHEAD, (schedule_id,)))

    async def now(self) -> datetime:
        """The database's clock, db_now(): what every lease, retry and due time is measured against."""
        row = await self._row(DB_NOW, ())
        assert row is not None
        return parse_utc(str(row[0]))

    async def forget_future_skips(self, platform: str) -> None:
        """Drop skipped rows dated after db_now() (a clock that jumped ahead and back), so their weeks still post."""
        found = [int(r[0]) for r in await self._rows(FUTURE_SKIPS, (platform,))]
        if not found:
            return  # the usual case: a read, no write lock
        async with self.store.transaction() as db:
            for schedule_id in found:
                await db.execute(FORGET_FUTURE_SKIP, (schedule_id,))
                await _refresh_next(db, schedule_id)

    async def record(
        self, schedule: Schedule, claims: list[Claim], owner: str, lease: timedelta
    ) -> list[tuple[int, str]]:
        """Insert the claims in one transaction; (id, state) of the ones to post that this call won.

        UNIQUE(schedule_id, occurrence) makes the claim: of racing processes exactly one inserts.
        A queue schedule takes its film off the queue in the same transaction, and the schedule's
        next_due moves past what is now recorded in it too. The lease ends `lease` after db_now().
        """
        won: list[tuple[int, str]] = []
        async with self.store.transaction() as db:
            for c in claims:
                film, state, error = schedule.film_slug, "claimed" if c.post else "skipped", c.reason
                item = await _next_in_queue(db, schedule.club_id) if c.post and film is None else None
                if c.post and film is None:
                    film = item[1] if item else None
                    state, error = ("claimed", None) if item else ("failed", "queue_empty")
                close = utc_text(c.close_at) if c.close_at else None
                params = (schedule.id, c.wall.isoformat(timespec="minutes"), utc_text(c.due), state, film)
                cur = await db.execute(CLAIM, (*params, int(c.late), owner, _seconds(lease), close, error))
                if cur.rowcount == 1 and state != "skipped":
                    won.append((int(cur.lastrowid or 0), state))
                    if item:
                        await db.execute(QUEUE_TAKE, (won[-1][0], item[0]))
            await _refresh_next(db, schedule.id)
        return won

    async def occurrence(self, occurrence_id: int) -> Occurrence | None:
        """One occurrence by id."""
        row = await self._row(OCCURRENCE, (occurrence_id,))
        return _occurrence(row) if row else None

    async def occurrence_of(self, schedule_id: int, wall: datetime) -> Occurrence | None:
        """The occurrence of a schedule at a wall-clock time, if recorded."""
        row = await self._row(OCCURRENCE_OF, (schedule_id, wall.isoformat(timespec="minutes")))
        return _occurrence(row) if row else None

    async def acquire(self, occ: Occurrence, owner: str, lease: timedelta) -> bool:
        """Take (or renew) the lease on unfinished work; False if another live process holds it by db_now()."""
        async with self.store.transaction() as db:
            cur = await db.execute(ACQUIRE, (owner, _seconds(lease), occ.id, occ.state, owner))
            return cur.rowcount == 1

    async def advance(
        self, occ_id: int, owner: str, state: str, lease: timedelta, *, thread: PostRef | None = None,
        poll: PostRef | None = None, tally: str | None = None,
    ) -> bool:  # fmt: skip
        """Record a finished step (and its refs), renewing the lease; False if this process lost it."""
        t = (thread.channel_id, thread.message_id, thread.thread_id) if thread else (None, None, None)
        p = (poll.channel_id, poll.message_id, poll.thread_id) if poll else (None, None, None)
        async with self.store.transaction() as db:
            cur = await db.execute(ADVANCE, (state, _seconds(lease), *t, *p, tally, occ_id, owner))
            return cur.rowcount == 1

    async def renew(self, occ_id: int, owner: str, lease: timedelta) -> bool:
        """Extend this process's lease to `lease` after db_now() while it works; False if it lost the lease."""
        async with self.store.transaction() as db:
            cur = await db.execute(RENEW, (_seconds(lease), occ_id, owner))
            return cur.rowcount == 1

    async def retry_later(self, occ: Occurrence, owner: str, wait: timedelta, error: str) -> str | None:
        """Count a failed attempt; the work is picked up again `wait` after db_now() (returned; None: lease lost)."""
        params = (occ.attempts + 1, _seconds(wait), _seconds(wait), error, occ.id, owner)
        async with self.store.transaction() as db:
            rows = list(await db.execute_fetchall(RETRY_LATER, params))
        return str(rows[0][0]) if rows else None

    async def fail(self, occ_id: int, owner: str, error: str) -> None:
        """Give up on an occurrence (reported to moderators and shown in /schedule list)."""
        async with self.store.transaction() as db:
            await db.execute(FAIL, (error, occ_id, owner))

    async def work(self, platform: str, owner: str) -> list[Occurrence]:
        """Unfinished occurrences and polls due to close that this process may take now, by db_now()."""
        return [_occurrence(r) for r in await self._rows(WORK, (platform, owner))]

    async def next_work(self, platform: str) -> str | None:
        """When open work next becomes possible (UTC text), if there is any."""
        row = await self._row(NEXT_WORK, (platform, platform, platform))
        return str(row[0]) if row and row[0] else None

    async def history(self, schedule_id: int, limit: int = 20) -> list[Occurrence]:
        """The schedule's latest occurrences, newest first."""
        return [_occurrence(r) for r in await self._rows(HISTORY, (schedule_id, limit))]


def _seconds(span: timedelta) -> int:
    """A lease or a wait as whole seconds, for the `? || ' seconds'` of _IN."""
    return int(span.total_seconds())


async def _refresh_next(db: aiosqlite.Connection, schedule_id: int) -> None:
    """Set next_due from the row and its watermark as this transaction sees them (never a stale copy)."""
    async with db.execute(SCHEDULE_AND_MARK, (schedule_id,)) as cur:
        row = await cur.fetchone()
    async with db.execute(AHEAD, (schedule_id,)) as cur:
        ahead = frozenset(str(r[0]) for r in await cur.fetchall())
    if row is not None:
        await db.execute(SET_NEXT_DUE, (first_unrecorded(_schedule(row), row["mark"], ahead), schedule_id))


async def _next_in_queue(db: aiosqlite.Connection, club_id: str) -> tuple[int, str] | None:
    async with db.execute(QUEUE_OF_CLUB, (club_id,)) as cur:
        row = await cur.fetchone()
    return (int(row[0]), str(row[1])) if row else None
