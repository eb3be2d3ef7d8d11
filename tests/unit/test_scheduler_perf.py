"""A pass costs what is due: the stored next due time, kept right through every change (no timing here)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta

import pytest

from bot.clock import Recurrence, parse_utc, utc_text
from bot.config import Settings
from bot.scheduler import MAX_SLEEP
from bot.store.db import migrations
from bot.store.schedules import HORIZON, INSERT_SCHEDULE, ScheduleStore
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import Bot, start_bot, utc

MONDAY = utc(2025, 1, 6, 12, 0)
FRIDAY_7PM = utc(2025, 1, 10, 19, 0)  # Europe/London is on GMT in January


def far(club: str) -> tuple[object, ...]:
    """A schedule added on MONDAY for Sundays 09:00 UTC: nothing of it is due this week before Sunday."""
    return (club, "console", "anora-2024", "films", "mods", 6, "09:00", "UTC", 1, None, "2025-01-06T12:00",
            utc_text(MONDAY), "test")  # fmt: skip


@pytest.fixture
def platform() -> FakePlatform:
    return FakePlatform()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


@pytest.fixture
async def bot(settings: Settings, platform: FakePlatform, clock: FakeClock) -> AsyncIterator[Bot]:
    b = await start_bot(settings, platform, clock)
    yield b
    await b.close()


@pytest.fixture
def recurrences(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts how often any schedule's occurrences are computed."""
    calls = [0]
    original = Recurrence.occurrences

    def counted(self: Recurrence, after: datetime) -> Iterator[tuple[datetime, datetime]]:
        calls[0] += 1
        return original(self, after)

    monkeypatch.setattr(Recurrence, "occurrences", counted)
    yield calls


async def stored_next_due(bot: Bot, schedule_id: int) -> str | None:
    row = await bot.app.store.fetchone("SELECT next_due FROM schedules WHERE id = ?", (schedule_id,))
    assert row is not None
    return None if row[0] is None else str(row[0])


async def test_a_pass_among_1000_far_schedules_reads_and_computes_only_the_due_one(
    bot: Bot, platform: FakePlatform, clock: FakeClock, recurrences: list[int]
) -> None:
    store = ScheduleStore(bot.app.store)
    for i in range(1000):
        await store.add(far(f"club{i:04d}"))
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    assert [s.id for s in await store.due("console", FRIDAY_7PM)] == [1001]
    clock.set(FRIDAY_7PM)
    recurrences[0] = 0
    await bot.scheduler.tick()
    wake = await bot.scheduler.next_wake()
    assert len(platform.threads()) == 1
    assert recurrences[0] <= 3  # the due schedule's occurrences only, never the other 1,000
    assert await store.due("console", FRIDAY_7PM) == []
    assert wake == FRIDAY_7PM + MAX_SLEEP
    assert await stored_next_due(bot, 1001) == "2025-01-17T19:00:00Z"


async def test_next_wake_follows_add_pause_resume_run_now_and_remove(bot: Bot, clock: FakeClock) -> None:
    five, ten = MONDAY + timedelta(minutes=5), MONDAY + timedelta(minutes=10)
    assert await bot.scheduler.next_wake() == MONDAY + MAX_SLEEP
    await bot.say("/schedule add anora #films monday 12:05 Europe/London")
    assert await bot.scheduler.next_wake() == five
    await bot.say("/schedule add anora #talk monday 12:10 Europe/London")
    assert await bot.scheduler.next_wake() == five
    await bot.say("/schedule pause 1")
    assert await bot.scheduler.next_wake() == ten
    clock.set(MONDAY + timedelta(minutes=1))
    await bot.say("/schedule resume 1")
    assert await bot.scheduler.next_wake() == five
    await bot.say("/schedule remove 2")
    assert await bot.scheduler.next_wake() == five
    await bot.say("/schedule run-now 1")  # claims 12:05 now: open work, and the schedule moves a week on
    assert await bot.scheduler.next_wake() == clock.now()
    assert await stored_next_due(bot, 1) == "2025-01-13T12:05:00Z"
    await bot.scheduler.tick()
    assert await bot.scheduler.next_wake() == clock.now() + MAX_SLEEP
    await bot.say("/schedule remove 1")
    assert await bot.scheduler.next_wake() == clock.now() + MAX_SLEEP


async def test_an_occurrence_recorded_elsewhere_is_not_posted_again_and_the_schedule_moves_on(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    """A process that records without updating next_due (an older version) leaves it early: harmless."""
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    async with bot.app.store.transaction() as db:
        await db.execute(
            "INSERT INTO occurrences (schedule_id, occurrence, due, state) VALUES (1, '2025-01-10T19:00', ?, 'closed')",
            (utc_text(FRIDAY_7PM),),
        )
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    assert platform.threads() == []
    assert await stored_next_due(bot, 1) == "2025-01-17T19:00:00Z"


async def test_a_database_from_before_next_due_is_migrated_and_its_schedule_still_posts(
    settings: Settings, platform: FakePlatform, clock: FakeClock
) -> None:
    settings.database.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(settings.database)
    for number, script in migrations():
        if number <= 3:
            old.executescript(script)
    values = ("console", "console", "anora-2024", "films", "mods", 4, "19:00", "Europe/London", 1, None,
              "2025-01-06T12:00", utc_text(MONDAY), "test")  # fmt: skip
    old.execute(INSERT_SCHEDULE, values)
    old.execute("PRAGMA user_version = 3")
    old.commit()
    old.close()
    bot = await start_bot(settings, platform, clock)
    try:
        assert await stored_next_due(bot, 1) == ""  # not computed yet: the next pass does it
        assert await bot.scheduler.next_wake() == MONDAY
        await bot.scheduler.tick()
        assert await stored_next_due(bot, 1) == utc_text(FRIDAY_7PM)
        assert await bot.scheduler.next_wake() == MONDAY + MAX_SLEEP
        clock.set(FRIDAY_7PM)
        await bot.scheduler.tick()
        assert len(platform.threads()) == 1
    finally:
        await bot.close()


STATES = ("claimed", "thread_posted", "poll_posted", "posted", "tallied", "closed", "skipped", "failed")


def old_next_work(rows: list[dict[str, object]]) -> str | None:
    """The one-scan formula the indexed query replaced: MAX(close_at, retry_at) for open polls, else retry/lease."""
    values = []
    for r in rows:
        if r["state"] == "posted":
            values.append(None if r["close_at"] is None else max(str(r["close_at"]), str(r["retry_at"])))
        elif r["state"] in ("claimed", "thread_posted", "poll_posted", "tallied"):
            values.append(max(str(r["retry_at"]), str(r["lease_until"])))
    present = [v for v in values if v is not None]
    return min(present) if present else None


def old_work(rows: list[dict[str, object]], owner: str, t: str) -> set[int]:
    """The full scan; a lease or retry set beyond t + HORIZON (by a clock that ran ahead) is void."""
    beyond = utc_text(parse_utc(t) + HORIZON)
    return {
        int(str(r["id"]))
        for r in rows
        if not (t < str(r["retry_at"]) <= beyond)
        and (r["owner"] == owner or not (t < str(r["lease_until"]) <= beyond))
        and (
            r["state"] in ("claimed", "thread_posted", "poll_posted", "tallied")
            or (r["state"] == "posted" and r["close_at"] is not None and str(r["close_at"]) <= t)
        )
    }


async def test_the_indexed_work_queries_answer_as_the_full_scans_did(bot: Bot, clock: FakeClock) -> None:
    rng = random.Random(3)
    store = ScheduleStore(bot.app.store)
    for i in range(6):
        values = list(far(f"club{i}"))
        values[1] = ("console", "discord")[i % 2]
        await store.add(tuple(values))
    times = ["", *(f"2025-01-{d:02d}T12:00:00Z" for d in range(6, 16)), "2025-01-09T12:30:00Z", "2025-01-12T12:30:00Z"]
    for _ in range(150):  # small random tables, so that every kind of row decides the answer now and then
        rows = [random_row(rng, n, times) for n in range(1, rng.randint(2, 12))]
        async with bot.app.store.transaction() as db:
            await db.execute("DELETE FROM occurrences")
            await db.executemany(
                "INSERT INTO occurrences (id, schedule_id, occurrence, due, state, owner, retry_at, lease_until,"
                " close_at) VALUES (:id, :schedule_id, 'w' || :id, '2025-01-06T12:00:00Z', :state, :owner,"
                " :retry_at, :lease_until, :close_at)",
                rows,
            )
        for platform, ids in (("console", {1, 3, 5}), ("discord", {2, 4, 6})):
            mine = [r for r in rows if r["schedule_id"] in ids]
            assert await store.next_work(platform) == (old_next_work(mine) or None)  # the store reads "" as none
            for t in times[1::3]:
                clock.jump(parse_utc(t))  # the database's clock, which the work query reads as db_now()
                found = {o.id for o in await store.work(platform, "me")}
                assert found == old_work(mine, "me", t)


def random_row(rng: random.Random, n: int, times: list[str]) -> dict[str, object]:
    """An occurrence row in any state, with retry, lease and close times drawn from `times`."""
    return {
        "id": n, "schedule_id": rng.randint(1, 6), "state": rng.choice(STATES), "owner": rng.choice(["me", "other"]),
        "retry_at": rng.choice(times[:6] + [""] * 6), "lease_until": rng.choice(times),
        "close_at": rng.choice([None, *times[1:]]),
    }  # fmt: skip
