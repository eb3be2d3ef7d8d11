"""Another process (the shell, a second bot) changes schedules: the running scheduler sees it within a second."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from asyncio.subprocess import PIPE
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import WEEKDAYS
from bot.config import Settings
from bot.scheduler import MAX_SLEEP, WATCH_EVERY, Scheduler
from bot.store.schedules import Occurrence, ScheduleStore
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import Bot, start_bot, text_of, utc

FRIDAY_7PM = utc(2025, 1, 10, 19, 0)  # Europe/London is on GMT in January
ROOT = Path(__file__).resolve().parents[2]


async def until(check: Callable[[], object]) -> None:
    """Let the scheduler's tasks run until `check()` holds (loopback only; the fake clock does not move)."""
    for _ in range(2000):
        if check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the running scheduler never got there")


async def posted(bot: Bot, schedule_id: int = 1) -> Occurrence:
    """The schedule's one occurrence, once the running scheduler has posted all of it."""
    for _ in range(2000):
        found = await _history(bot, schedule_id)
        if found and found[0].state == "posted":
            return found[0]
        await asyncio.sleep(0.01)
    raise AssertionError("the running scheduler never posted the thread")


async def test_a_schedule_added_by_another_process_is_posted_at_its_time(settings: Settings) -> None:
    platform, clock = FakePlatform(), FakeClock(FRIDAY_7PM - timedelta(minutes=10))
    bot = await start_bot(settings, platform, clock)
    task = asyncio.create_task(bot.scheduler.run())
    other = await start_bot(settings, FakePlatform(), clock)  # its own connection: a second process
    try:
        await until(lambda: bot.scheduler.asleep.is_set())
        assert bot.scheduler.wake_at == clock.now() + MAX_SLEEP  # nothing scheduled yet
        assert "added" in await other.say("/schedule add anora #films friday 19:00 Europe/London")
        clock.advance(WATCH_EVERY)  # the running bot's change detection polls
        await until(lambda: bot.scheduler.wake_at == FRIDAY_7PM)
        clock.set(FRIDAY_7PM)
        occ = await posted(bot)
        assert occ.due == "2025-01-10T19:00:00Z" and not occ.late
        assert "late" not in text_of(platform.threads("films")[0].messages)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await other.close()
        await bot.close()


async def shell(settings: Settings, *argv: str) -> str:
    """Run `python -m bot ARGV…` in its own process on the test's database; its standard output."""
    env = {**os.environ, "FILMCLUB_DATABASE": str(settings.database), "FILMCLUB_SEEDS": str(settings.seeds)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *argv, cwd=ROOT, env=env, stdout=PIPE, stderr=PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    return out.decode()


async def test_the_readme_shell_form_reaches_a_running_discord_bot(settings: Settings) -> None:
    platform, clock = FakePlatform(), FakeClock(datetime.now(UTC).replace(microsecond=0))
    bot = await start_bot(settings, platform, clock)
    discord = Scheduler(bot.app, bot.chat, clock, platform="discord")
    task = asyncio.create_task(discord.run())
    try:
        await until(lambda: discord.asleep.is_set())
        # ten minutes on, by the running bot's clock: within its old 15-minute re-read, so only the change
        # detection can make it post on time
        at = (clock.now() + timedelta(minutes=11)).astimezone(ZoneInfo("Europe/London")).replace(second=0)
        argv = ["schedule", "--club", "123456789", "--json", "add", "anora", "--platform", "discord"]
        argv += ["--channel", "987654321", "--day", WEEKDAYS[at.weekday()], "--time", f"{at:%H:%M}"]
        argv += ["--timezone", "Europe/London"]
        [added] = json.loads(await shell(settings, *argv))["schedules"]
        assert added["platform"] == "discord" and added["club"] == "123456789"
        due = datetime.fromisoformat(added["next_runs"][0])
        assert due == at
        clock.advance(WATCH_EVERY)
        await until(lambda: discord.wake_at == due)
        clock.set(due)
        occ = await posted(bot, added["id"])
        assert occ.thread is not None and occ.thread.channel_id == "987654321" and not occ.late
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await bot.close()


async def _history(bot: Bot, schedule_id: int = 1) -> list[Occurrence]:
    return await ScheduleStore(bot.app.store).history(schedule_id)


async def test_the_change_check_wakes_the_scheduler_without_rebuilding_the_film_index(settings: Settings) -> None:
    clock = FakeClock(FRIDAY_7PM - timedelta(minutes=10))
    bot, other = await start_bot(settings, FakePlatform(), clock), await start_bot(settings, FakePlatform(), clock)
    try:
        told: list[int] = []
        bot.app.on_change(lambda: told.append(bot.app.generation))
        generation = bot.app.generation
        await bot.app.check_changes()
        assert told == []  # nothing changed elsewhere
        await other.say("/queue add anora")  # e.g. a vote or a queue entry written by the other process
        await bot.app.check_changes()
        assert told == [generation] and bot.app.generation == generation  # told, and no index rebuilt
        await bot.app.check_changes()
        assert len(told) == 1  # told once per change
    finally:
        await other.close()
        await bot.close()
