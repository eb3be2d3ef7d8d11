"""Exactly once: a crash after any step of posting or closing, then a restart, leaves one of each."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from bot.config import Settings
from bot.scheduler import LEASE
from bot.store.schedules import ScheduleStore
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock, SkewedClock
from tests.fakes.harness import Bot, start_bot, utc

FRIDAY_7PM = utc(2025, 1, 10, 19, 0)
POST_STEPS = ("claimed", "thread_created", "thread_posted", "poll_sent", "poll_posted", "posted")
CLOSE_STEPS = ("poll_closed", "tallied", "recap_sent", "closed")


class Crash(BaseException):
    """The process dies here (BaseException: no handler of the scheduler catches it)."""


def crash_at(bot: Bot, step: str) -> None:
    async def on_step(name: str) -> None:
        if name == step:
            raise Crash(step)

    bot.scheduler.on_step = on_step


async def restart(bot: Bot, settings: Settings, platform: FakePlatform, clock: FakeClock) -> Bot:
    """Kill `bot` and start a new process once the dead one's lease has run out."""
    await bot.close()
    clock.advance(LEASE)
    return await start_bot(settings, platform, clock)


def recaps(platform: FakePlatform) -> list[object]:
    return [p for p in platform.posts if p.key and p.key.endswith(":recap")]


@pytest.mark.parametrize("step", POST_STEPS)
async def test_a_crash_while_posting_then_a_restart_posts_exactly_one_thread_and_poll(
    settings: Settings, step: str
) -> None:
    platform, clock = FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0))
    bot = await start_bot(settings, platform, clock)
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM)
    crash_at(bot, step)
    with pytest.raises(Crash):
        await bot.scheduler.tick()
    bot = await restart(bot, settings, platform, clock)
    try:
        await bot.scheduler.tick()
        await bot.scheduler.tick()
        [thread] = platform.threads()
        assert len(platform.polls()) == 1 and len(platform.in_thread(thread.ref)) == 1
        [occ] = await ScheduleStore(bot.app.store).history(1)
        assert occ.state == "posted" and occ.thread == thread.ref and not occ.late
    finally:
        await bot.close()


@pytest.mark.parametrize("step", CLOSE_STEPS)
async def test_a_crash_while_closing_then_a_restart_posts_exactly_one_recap(settings: Settings, step: str) -> None:
    platform, clock = FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0))
    bot = await start_bot(settings, platform, clock)
    await bot.say("/schedule add anora #films friday 19:00 Europe/London poll_hours 24")
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    clock.set(FRIDAY_7PM + timedelta(hours=24))
    crash_at(bot, step)
    with pytest.raises(Crash):
        await bot.scheduler.tick()
    bot = await restart(bot, settings, platform, clock)
    try:
        await bot.scheduler.tick()
        assert len(recaps(platform)) == 1 and platform.polls()[0].closed
        assert [o.state for o in await ScheduleStore(bot.app.store).history(1)] == ["closed"]
    finally:
        await bot.close()


async def test_a_live_process_keeps_its_claim_until_its_lease_runs_out(settings: Settings) -> None:
    platform, clock = FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0))
    first = await start_bot(settings, platform, clock)
    await first.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM)
    crash_at(first, "thread_posted")
    with pytest.raises(Crash):
        await first.scheduler.tick()
    second = await start_bot(settings, platform, clock)
    try:
        await second.scheduler.tick()  # the first process may still be alive: hands off
        assert len(platform.threads()) == 1 and platform.polls() == []
        assert await second.scheduler.next_wake() == FRIDAY_7PM + LEASE
        clock.advance(LEASE)
        await second.scheduler.tick()
        assert len(platform.threads()) == 1 and len(platform.polls()) == 1
    finally:
        await first.close()
        await second.close()


async def test_a_platform_that_cannot_find_posts_again_may_repeat_one_after_a_crash(settings: Settings) -> None:
    """The console's limit, documented: without find_post a crash between post and record repeats it."""
    platform, clock = FakePlatform(keyed=False), FakeClock(utc(2025, 1, 6, 12, 0))
    bot = await start_bot(settings, platform, clock)
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM)
    crash_at(bot, "thread_created")
    with pytest.raises(Crash):
        await bot.scheduler.tick()
    bot = await restart(bot, settings, platform, clock)
    try:
        await bot.scheduler.tick()
        assert len(platform.threads()) == 2 and len(platform.polls()) == 1
    finally:
        await bot.close()


async def test_two_schedulers_racing_on_one_database_post_each_occurrence_once(settings: Settings) -> None:
    import asyncio

    platform, clock = FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0))
    a = await start_bot(settings, platform, clock)
    b = await start_bot(settings, platform, clock)
    try:
        await a.say("/schedule add anora #films friday 19:00 Europe/London poll_hours 24")
        await a.say("/schedule add anora #talk friday 19:00 America/New_York")
        for week in range(4):
            clock.set(FRIDAY_7PM + timedelta(weeks=week, hours=6))
            await asyncio.gather(a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick())
        keys = [p.key for p in platform.posts if p.key]
        assert len(keys) == len(set(keys))
        assert len(platform.threads("films")) == 4 and len(platform.threads("talk")) == 4
        assert len(recaps(platform)) == 6  # three weeks closed on each schedule
    finally:
        await a.close()
        await b.close()


@pytest.mark.parametrize("ahead", [timedelta(0), timedelta(minutes=5)], ids=["same clock", "5 minutes ahead"])
async def test_a_live_owner_renews_its_lease_while_a_post_waits_so_no_one_takes_over(
    settings: Settings, ahead: timedelta
) -> None:
    """The other process's clock may run minutes ahead: leases are measured on the database's clock."""
    platform, clock = FakePlatform(keyed=False), FakeClock(utc(2025, 1, 6, 12, 0))  # a second post would show
    first = await start_bot(settings, platform, clock)
    second = await start_bot(settings, platform, clock, SkewedClock(clock, ahead))
    await first.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM)
    release, real = asyncio.Event(), first.chat.create_thread

    async def slow_thread(*args: Any, **kwargs: Any) -> Any:
        await release.wait()  # a long Retry-After back-off inside the platform call
        return await real(*args, **kwargs)

    first.chat.create_thread = slow_thread  # type: ignore[method-assign]
    working = asyncio.create_task(first.scheduler.tick())
    try:
        for _ in range(12):  # three leases' worth of waiting
            clock.advance(LEASE / 4)
            await asyncio.sleep(0.05)  # the renewal's write
            await second.scheduler.tick()
        assert "create_thread" not in second.chat.calls  # the other process never took the live owner's work
        release.set()
        await working
        assert len(platform.threads()) == 1 and len(platform.polls()) == 1
    finally:
        release.set()
        await asyncio.gather(working, return_exceptions=True)
        await first.close()
        await second.close()


async def test_a_process_that_lost_its_lease_posts_nothing(settings: Settings) -> None:
    platform, clock = FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0))
    bot = await start_bot(settings, platform, clock)
    try:
        await bot.say("/schedule add anora #films friday 19:00 Europe/London")
        clock.set(FRIDAY_7PM)

        async def taken_over(name: str) -> None:
            if name == "claimed":  # another process took the row over while this one was away
                async with bot.app.store.transaction() as db:
                    await db.execute("UPDATE occurrences SET owner = 'another-process'")

        bot.scheduler.on_step = taken_over
        await bot.scheduler.tick()
        assert "create_thread" not in bot.chat.calls and platform.posts == []
        [occ] = await ScheduleStore(bot.app.store).history(1)
        assert occ.state == "claimed" and occ.attempts == 0  # left to its new owner, not counted as a failure
    finally:
        await bot.close()
