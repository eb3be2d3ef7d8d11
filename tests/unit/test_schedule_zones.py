"""`/schedule add` reads the same time zones as `filmclub schedule add --timezone`: EST, UTC+1, UTC-05:00, Area/City."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.models import Incoming
from bot.schedule_parse import BadInput, parse_add
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import Bot, start_bot, utc

ZONES = [("EST", "EST"), ("UTC+1", "Etc/GMT-1"), ("UTC-05:00", "Etc/GMT+5"), ("Europe/London", "Europe/London")]


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[Bot]:
    b = await start_bot(settings, FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0)))
    yield b
    await b.close()


def shell(zone: str) -> str:
    """The zone as `filmclub schedule add anora --timezone ZONE …` reads it (options, no free text)."""
    options = (("film", "anora"), ("channel", "films"), ("day", "fri"), ("time", "19:00"), ("timezone", zone))
    return parse_add(Incoming("schedule", "", options=options), "", "Europe/London").tz


@pytest.mark.parametrize(("typed", "stored"), ZONES)
async def test_the_chat_command_reads_the_zones_the_shell_reads(bot: Bot, typed: str, stored: str) -> None:
    reply = await bot.say(f"/schedule add anora #films friday 19:00 {typed}")
    assert "Schedule #1 added" in reply and f"Anora (2024) in #films every week on Friday at 19:00 ({stored})" in reply
    assert shell(typed) == stored


@pytest.mark.parametrize(("typed", "stored"), ZONES)
def test_the_zone_may_come_as_a_key_or_in_any_case(typed: str, stored: str) -> None:
    args = f"anora #films fri 19:00 tz:{typed.lower()}"
    assert parse_add(Incoming("schedule", args), args, "Europe/London").tz == stored


def test_an_offset_in_minutes_is_refused_without_a_wrong_suggestion() -> None:
    with pytest.raises(BadInput, match="not an IANA time zone") as refused:
        shell("UTC+05:30")
    assert "Did you mean" not in str(refused.value)


def test_a_zone_name_before_the_day_stays_part_of_the_title() -> None:
    args = "cuba #films fri 19:00"  # "Cuba" is also an IANA zone name
    request = parse_add(Incoming("schedule", args), args, "Europe/London")
    assert request.film == "cuba" and request.tz == "Europe/London"
