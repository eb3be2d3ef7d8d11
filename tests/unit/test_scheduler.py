"""The weekly thread: posted at its time with summary, prompts and poll; missed runs; queue; recap."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.store.schedules import ScheduleStore
from tests.conftest import review_file
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import Bot, start_bot, states, text_of, utc

MONDAY = utc(2025, 1, 6, 12, 0)
FRIDAY_7PM = utc(2025, 1, 10, 19, 0)  # Europe/London is on GMT in January


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


async def test_the_thread_appears_at_its_time_with_summary_prompts_and_a_poll(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    reply = await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    assert "Schedule #1 added" in reply and "Fri 10 Jan 2025 19:00 GMT" in reply
    await bot.scheduler.tick()
    assert platform.threads() == []
    clock.set(FRIDAY_7PM - timedelta(seconds=1))
    await bot.scheduler.tick()
    assert platform.threads() == []
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    [thread] = platform.threads("films")
    assert thread.title == "Week of 10 January 2025 · Anora (2024)"
    body = text_of(thread.messages)
    assert "In short" in body and "Discussion prompts" in body and "late" not in body
    spoilers = [i.text for m in thread.messages for s in m.sections for b in s.bullets for i in b if i.spoiler]
    assert spoilers == ["Was the ending a punishment?"]
    [poll] = platform.in_thread(thread.ref)
    assert poll.messages[0].poll is not None and len(poll.messages[0].poll.options) >= 2
    assert await states(bot) == ["posted"]
    assert thread.key == "filmclub:1:2025-01-10T19:00:thread" and poll.key == "filmclub:1:2025-01-10T19:00:poll"


async def test_a_second_pass_posts_nothing_more(bot: Bot, platform: FakePlatform, clock: FakeClock) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM)
    for _ in range(3):
        await bot.scheduler.tick()
    assert len(platform.threads()) == 1 and len(platform.polls()) == 1


async def test_the_poll_closes_at_the_end_of_the_week_with_a_recap(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    [poll] = platform.polls()
    spec = poll.messages[0].poll
    assert spec is not None
    platform.votes[poll.ref.message_id] = (5, 2, *([0] * (len(spec.options) - 2)))
    clock.set(FRIDAY_7PM + timedelta(days=7) - timedelta(minutes=1))
    await bot.scheduler.tick()
    assert not poll.closed
    clock.set(FRIDAY_7PM + timedelta(days=7))
    await bot.scheduler.tick()
    assert poll.closed
    thread = platform.threads()[0]
    recap = [p for p in platform.in_thread(thread.ref) if p.key and p.key.endswith(":recap")]
    assert len(recap) == 1
    text = text_of(recap[0].messages)
    assert f"{spec.options[0]} won with 5 of 7 votes (71%)" in text and "Turnout: 7 voted." in text
    # the next week's thread was posted at the same moment, and its own poll is open
    assert len(platform.threads()) == 2
    assert await states(bot) == ["closed", "posted"]


async def test_poll_hours_closes_the_poll_earlier(bot: Bot, platform: FakePlatform, clock: FakeClock) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London poll_hours 48")
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    clock.set(FRIDAY_7PM + timedelta(hours=48))
    await bot.scheduler.tick()
    assert platform.polls()[0].closed
    assert "nobody voted" in text_of(platform.posts[-1].messages)


async def test_a_missed_run_within_grace_is_posted_late_with_a_line_saying_so(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM + timedelta(hours=11))  # the bot was down; grace is 12 h
    await bot.scheduler.tick()
    [thread] = platform.threads()
    assert "Posted late: this thread was due Friday 10 January 19:00" in text_of(thread.messages)


async def test_a_missed_run_beyond_grace_is_skipped_and_listed(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM + timedelta(hours=13))
    await bot.scheduler.tick()
    assert platform.threads() == []
    assert await states(bot) == ["skipped"]
    assert "skipped: 1 (2025-01-10T19:00)" in await bot.say("/schedule list")


async def test_several_missed_runs_post_at_most_one_thread(bot: Bot, platform: FakePlatform, clock: FakeClock) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM + timedelta(weeks=3, hours=2))
    await bot.scheduler.tick()
    [thread] = platform.threads()
    assert thread.title == "Week of 31 January 2025 · Anora (2024)"
    assert await states(bot) == ["skipped", "skipped", "skipped", "posted"]


async def test_the_queue_advances_week_by_week_then_runs_dry(
    bot: Bot, platform: FakePlatform, clock: FakeClock, tmp_path
) -> None:
    await bot.app.import_paths([review_file(tmp_path, "heat.md", "Heat", "1995")])
    assert "Anora (2024) is number 1" in await bot.say("/queue add anora")
    assert "Heat (1995) is number 2" in await bot.say("/queue add heat")
    assert "1. Anora (2024)\n2. Heat (1995)" in await bot.say("/queue list")
    await bot.say("/schedule add queue #films friday 19:00 Europe/London")
    for week in range(3):
        clock.set(FRIDAY_7PM + timedelta(weeks=week))
        await bot.scheduler.tick()
    titles = [t.title for t in platform.threads()]
    assert titles == ["Week of 10 January 2025 · Anora (2024)", "Week of 17 January 2025 · Heat (1995)"]
    assert (await states(bot))[-1] == "failed"
    report = [p for p in platform.posts if p.ref.channel_id == "mods"]
    assert len(report) == 1 and "the film queue is empty" in text_of(report[0].messages)
    assert "The film queue is empty" in await bot.say("/queue list")


async def test_a_failing_platform_is_retried_with_backoff_then_reported(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    bot.chat.fail["create_thread"] = 2
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    assert platform.threads() == [] and "retrying" in text_of(platform.posts[0].messages)
    assert await bot.scheduler.next_wake() == FRIDAY_7PM + timedelta(seconds=30)
    clock.advance(timedelta(seconds=30))
    await bot.scheduler.tick()
    assert platform.threads() == []
    clock.advance(timedelta(minutes=2))
    await bot.scheduler.tick()
    assert len(platform.threads()) == 1 and await states(bot) == ["posted"]


async def test_a_post_that_keeps_failing_is_reported_and_never_lost_silently(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    bot.chat.fail["create_thread"] = 100
    clock.set(FRIDAY_7PM)
    for _ in range(6):
        await bot.scheduler.tick()
        clock.advance(timedelta(hours=1))
    assert platform.threads() == [] and await states(bot) == ["failed"]
    reports = [text_of(p.messages) for p in platform.posts if p.ref.channel_id == "mods"]
    assert len(reports) == 2 and "retrying" in reports[0] and "could not be posted" in reports[1]
    assert "failed: 2025-01-10T19:00 — PlatformError" in await bot.say("/schedule list")


async def test_run_now_posts_this_weeks_thread_at_once_and_only_once(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    assert "Posting the thread of Fri 10 Jan 2025 19:00 GMT" in await bot.say("/schedule run-now 1")
    await bot.scheduler.tick()
    assert len(platform.threads()) == 1
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    assert len(platform.threads()) == 1
    assert "Fri 17 Jan 2025 19:00 GMT" in await bot.say("/schedule list")


async def test_pause_holds_threads_and_resume_does_not_post_the_missed_weeks(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    assert "paused" in await bot.say("/schedule pause 1")
    clock.set(FRIDAY_7PM + timedelta(hours=1))
    await bot.scheduler.tick()
    assert "Next thread: Fri 17 Jan 2025" in await bot.say("/schedule resume 1")
    await bot.scheduler.tick()
    assert platform.threads() == []
    clock.set(FRIDAY_7PM + timedelta(weeks=1))
    await bot.scheduler.tick()
    assert len(platform.threads()) == 1


async def test_remove_stops_the_schedule(bot: Bot, platform: FakePlatform, clock: FakeClock) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    assert "removed" in await bot.say("/schedule remove 1")
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    assert platform.threads() == [] and "No weekly threads" in await bot.say("/schedule list")


async def test_the_loop_sleeps_until_the_due_time_and_wakes_when_schedules_change(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    task = asyncio.create_task(bot.scheduler.run())
    try:
        await asyncio.wait_for(bot.scheduler.asleep.wait(), 5)
        assert bot.scheduler.wake_at == MONDAY + timedelta(minutes=15)  # nothing scheduled: re-read only
        bot.scheduler.asleep.clear()
        await bot.say("/schedule add anora #films friday 19:00 Europe/London")
        await asyncio.wait_for(bot.scheduler.asleep.wait(), 5)
        assert bot.scheduler.wake_at == MONDAY + timedelta(minutes=15)
        clock.set(FRIDAY_7PM - timedelta(minutes=5))
        bot.scheduler.asleep.clear()
        clock.set(FRIDAY_7PM - timedelta(minutes=4))  # the 15-minute re-read falls due
        await asyncio.wait_for(bot.scheduler.asleep.wait(), 5)
        assert bot.scheduler.wake_at == FRIDAY_7PM and platform.threads() == []
        bot.scheduler.asleep.clear()
        clock.set(FRIDAY_7PM)
        await asyncio.wait_for(bot.scheduler.asleep.wait(), 5)
        assert len(platform.threads()) == 1
        assert bot.scheduler.wake_at == FRIDAY_7PM + timedelta(minutes=15)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_a_thread_posted_minutes_late_is_recorded_and_labelled_late(
    bot: Bot, platform: FakePlatform, clock: FakeClock
) -> None:
    await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    clock.set(FRIDAY_7PM + timedelta(minutes=12, seconds=30))  # the 12.5 minutes: the bot was busy or down
    await bot.scheduler.tick()
    [occ] = await ScheduleStore(bot.app.store).history(1)
    assert occ.state == "posted" and occ.late
    [thread] = platform.threads("films")
    assert "Posted late: this thread was due Friday 10 January 19:00" in text_of(thread.messages)
