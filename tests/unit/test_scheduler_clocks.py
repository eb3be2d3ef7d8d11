"""Time is the database's: a process whose clock runs ahead, a clock that jumps and comes back, and two
processes whose clocks differ neither silence a schedule nor post anything early or twice (a live owner's
lease with the other process's clock ahead: test_scheduler_faults.py)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.config import Settings
from bot.scheduler import LEASE, MAX_SLEEP
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock, SkewedClock
from tests.fakes.harness import Bot, start_bot, states, utc

MONDAY = utc(2025, 1, 6, 12, 0)
FRIDAY_7PM = utc(2025, 1, 10, 19, 0)  # Europe/London is on GMT in January
YEAR_AHEAD = MONDAY + timedelta(days=365)  # Tuesday 6 January 2026: its Friday is beyond the 12 h grace
WITHIN_GRACE_OF_A_FRIDAY = utc(2026, 1, 2, 20, 0)  # a year ahead, an hour after that week's thread was due
DAYS_AHEAD = MONDAY + timedelta(days=5)  # Saturday: Friday's thread would be 17 h late, beyond grace
ADD = "/schedule add anora #films friday 19:00 Europe/London"


async def jump_and_return(bot: Bot, db: FakeClock, own: SkewedClock, whose: str, to: datetime) -> None:
    """One pass while a clock reads `to`, then one more once it is right again. `whose`: the process's own
    clock only, or the database's (the host's clock, so the process's too)."""
    before = db.now()
    if whose == "process":
        own.offset = to - before
    else:
        db.jump(to)
    await bot.scheduler.tick()
    if whose == "process":
        assert await states(bot) == []  # nothing is due by the database's clock: nothing is recorded
        assert await bot.scheduler.next_wake() == own.now() + MAX_SLEEP  # slept on its own clock, waking in time
    own.offset = timedelta(0)
    db.jump(before)
    await bot.scheduler.tick()


@pytest.mark.parametrize(
    ("whose", "to"),
    [
        ("process", YEAR_AHEAD),
        ("database", YEAR_AHEAD),
        ("database", WITHIN_GRACE_OF_A_FRIDAY),
        ("process", DAYS_AHEAD),
        ("database", DAYS_AHEAD),
    ],
)
async def test_a_clock_that_jumps_ahead_and_returns_never_silences_the_schedule(
    settings: Settings, whose: str, to: datetime
) -> None:
    platform, db = FakePlatform(), FakeClock(MONDAY)
    own = SkewedClock(db, timedelta(0))
    bot = await start_bot(settings, platform, db, own)
    try:
        await bot.say(ADD)
        await jump_and_return(bot, db, own, whose, to)
        assert "next: Fri 10 Jan 2025 19:00 GMT" in await bot.say("/schedule list")
        for week in range(2):
            db.set(FRIDAY_7PM + timedelta(weeks=week))
            await bot.scheduler.tick()
        titles = [t.title for t in platform.threads()]
        this_week = ["Week of 10 January 2025 · Anora (2024)", "Week of 17 January 2025 · Anora (2024)"]
        # A clock that jumped into a Friday's grace window did post that Friday's thread: it cannot be unposted.
        early = ["Week of 2 January 2026 · Anora (2024)"] if to == WITHIN_GRACE_OF_A_FRIDAY else []
        assert titles == early + this_week
        assert "skipped" not in await states(bot)  # the skips the fast clock recorded are forgotten
    finally:
        await bot.close()


async def test_a_process_whose_clock_runs_ahead_posts_nothing_early(settings: Settings) -> None:
    platform, db = FakePlatform(), FakeClock(FRIDAY_7PM - timedelta(minutes=3))
    bot = await start_bot(settings, platform, db, SkewedClock(db, timedelta(minutes=5)))
    try:
        await bot.say(ADD)
        await bot.scheduler.tick()
        assert platform.threads() == []
        assert await bot.scheduler.next_wake() == FRIDAY_7PM + timedelta(minutes=5)  # 19:00 by the database
        db.set(FRIDAY_7PM)
        await bot.scheduler.tick()
        assert len(platform.threads()) == 1 and await states(bot) == ["posted"]
    finally:
        await bot.close()


async def test_two_schedulers_5_minutes_apart_post_every_occurrence_once_and_whole(settings: Settings) -> None:
    platform, db = FakePlatform(), FakeClock(MONDAY)
    slow = await start_bot(settings, platform, db, SkewedClock(db, timedelta(minutes=-2)))
    fast = await start_bot(settings, platform, db, SkewedClock(db, timedelta(minutes=3)))
    try:
        await slow.say(ADD + " poll_hours 24")
        await fast.say("/schedule add anora #talk friday 19:00 America/New_York")
        for week in range(4):
            for at in (timedelta(minutes=-2), timedelta(0), LEASE, timedelta(hours=6), timedelta(hours=24)):
                db.set(FRIDAY_7PM + timedelta(weeks=week) + at)
                ticks = (slow.scheduler.tick(), fast.scheduler.tick(), slow.scheduler.tick(), fast.scheduler.tick())
                await asyncio.gather(*ticks)
                if at < timedelta(0):
                    assert len(platform.threads("films")) == week  # the fast clock posts nothing early
        keys = [p.key for p in platform.posts if p.key]
        assert len(keys) == len(set(keys))
        for channel in ("films", "talk"):
            threads = platform.threads(channel)
            assert len(threads) == 4
            for thread in threads:  # whole: its poll inside it, with the recap once the poll closed
                assert len([p for p in platform.in_thread(thread.ref) if p.key and p.key.endswith(":poll")]) == 1
        recaps = [p for p in platform.posts if p.key and p.key.endswith(":recap")]
        assert len(recaps) == 4 + 3  # #films closes each poll after 24 h; #talk at the next week's thread
        assert await states(slow) == ["closed"] * 4
    finally:
        await slow.close()
        await fast.close()


async def test_a_retry_set_while_the_clock_ran_hours_ahead_does_not_hold_the_post_back(settings: Settings) -> None:
    platform, db = FakePlatform(), FakeClock(MONDAY)
    bot = await start_bot(settings, platform, db)
    try:
        await bot.say(ADD)
        db.set(FRIDAY_7PM + timedelta(hours=2))  # the host's clock runs two hours ahead
        bot.chat.fail["create_thread"] = 1
        await bot.scheduler.tick()  # claimed, failed once: retry (and lease) set for 21:00:30 by that clock
        assert platform.threads() == [] and await states(bot) == ["claimed"]
        db.jump(FRIDAY_7PM + timedelta(minutes=1))  # corrected: a retry more than an hour ahead is void
        await bot.scheduler.tick()
        assert len(platform.threads()) == 1 and await states(bot) == ["posted"]
    finally:
        await bot.close()
