"""`/schedule run-now` posts this week's thread; pressed again it says so and offers an extra, never a future week."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.models import Incoming
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import Bot, start_bot, states, utc

TUESDAY = utc(2025, 12, 2, 10, 0)  # the day: a Thursday schedule, run-now pressed twice
THURSDAY_7PM = utc(2025, 12, 4, 19, 0)  # Europe/London is on GMT in December


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TUESDAY)


@pytest.fixture
async def bot(settings: Settings, clock: FakeClock) -> AsyncIterator[Bot]:
    """A bot with a Thursday schedule; its platform is `bot.chat.platform`."""
    b = await start_bot(settings, FakePlatform(), clock)
    await b.say("/schedule add anora #films thursday 19:00 Europe/London")
    yield b
    await b.close()


def titles(bot: Bot) -> list[str]:
    return [t.title or "" for t in bot.chat.platform.threads("films")]


async def test_pressed_twice_it_posts_this_weeks_thread_once_and_offers_an_extra(bot: Bot) -> None:
    assert "Posting the thread of Thu 04 Dec 2025 19:00 GMT" in await bot.say("/schedule run-now 1")
    await bot.scheduler.tick()
    again = await bot.app.dispatch(Incoming("schedule", "run-now 1", channel_id="mods", is_moderator=True))
    await bot.scheduler.tick()
    assert titles(bot) == ["Week of 4 December 2025 · Anora (2024)"]  # not "Week of 11 December" too
    [reply] = again
    text = " ".join(i.text for s in reply.sections for p in s.paragraphs for i in p)
    assert "Thu 04 Dec 2025 19:00 GMT for schedule #1 is already posted" in text
    assert "/schedule run-now 1 extra" in text and [b.argument for b in reply.buttons] == ["run-now 1 extra"]
    assert "next: Thu 11 Dec 2025 19:00 GMT" in await bot.say("/schedule list")


async def test_the_extra_is_posted_now_and_the_coming_weeks_stay(bot: Bot, clock: FakeClock) -> None:
    await bot.say("/schedule run-now 1")
    await bot.scheduler.tick()
    clock.advance(timedelta(minutes=5))
    assert "extra thread" in await bot.say("/schedule run-now 1 extra")
    await bot.scheduler.tick()
    assert titles(bot) == ["Week of 4 December 2025 · Anora (2024)", "Week of 2 December 2025 · Anora (2024)"]
    clock.set(THURSDAY_7PM)
    await bot.scheduler.tick()
    assert len(titles(bot)) == 2  # this week's was posted early: not again at its time
    clock.set(THURSDAY_7PM + timedelta(weeks=1))
    await bot.scheduler.tick()
    assert titles(bot)[-1] == "Week of 11 December 2025 · Anora (2024)"
    assert await states(bot) == ["closed", "closed", "posted"]


async def test_after_this_weeks_thread_was_posted_at_its_time_run_now_offers_an_extra(
    bot: Bot, clock: FakeClock
) -> None:
    clock.set(THURSDAY_7PM)
    await bot.scheduler.tick()
    clock.set(THURSDAY_7PM + timedelta(days=1))  # Friday: the week's thread exists
    assert "already posted" in await bot.say("/schedule run-now 1")
    await bot.scheduler.tick()
    assert titles(bot) == ["Week of 4 December 2025 · Anora (2024)"]
    assert "next: Thu 11 Dec 2025 19:00 GMT" in await bot.say("/schedule list")


async def test_a_failed_week_is_posted_again_by_run_now(bot: Bot, clock: FakeClock) -> None:
    bot.chat.fail["create_thread"] = 100
    clock.set(THURSDAY_7PM)
    for _ in range(6):
        await bot.scheduler.tick()
        clock.advance(timedelta(hours=1))
    assert await states(bot) == ["failed"]
    bot.chat.fail["create_thread"] = 0
    assert "Posting the thread of Fri 05 Dec 2025 01:00 GMT" in await bot.say("/schedule run-now 1")
    await bot.scheduler.tick()
    assert titles(bot) == ["Week of 5 December 2025 · Anora (2024)"]
    assert "next: Thu 11 Dec 2025 19:00 GMT" in await bot.say("/schedule list")
