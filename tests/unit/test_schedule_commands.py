"""`/schedule` and `/queue`: free text and structured options, clear errors at add time, per club."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType

import pytest

from bot.config import Settings
from bot.models import Incoming
from bot.schedule_parse import BadInput, channel_id, parse_add
from tests.conftest import review_file
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import Bot, start_bot, text_of, utc


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[Bot]:
    platform = FakePlatform(forbidden={"announcements": "the bot may not create threads there"})
    b = await start_bot(settings, platform, FakeClock(utc(2025, 1, 6, 12, 0)))
    yield b
    await b.close()


def parse(args: str, *options: tuple[str, str]):
    return parse_add(Incoming("schedule", args, options=options), args, "Europe/London")


def test_free_text_positional_form() -> None:
    req = parse("anora #films friday 19:00 Europe/London every 2 poll_hours 48")
    assert (req.film, req.channel, req.weekday, req.at.isoformat(), req.tz) == (
        "anora",
        "films",
        4,
        "19:00:00",
        "Europe/London",
    )
    assert (req.every, req.poll_hours) == (2, 48)


def test_key_value_form_with_a_multi_word_film_and_the_default_zone() -> None:
    req = parse('film:"the substance" channel:films day:fri time:9:05')
    assert (req.film, req.channel, req.weekday, req.at.isoformat(), req.tz) == (
        "the substance", "films", 4, "09:05:00", "Europe/London",
    )  # fmt: skip
    assert parse("face/off #films sat 20:00").film == "face/off"


def test_structured_options_as_discord_sends_them() -> None:
    req = parse("", ("film", "anora"), ("channel", "123456"), ("day", "sunday"), ("time", "18:30"), ("every", "3"))
    assert (req.channel, req.weekday, req.every, req.tz) == ("123456", 6, 3, "Europe/London")


@pytest.mark.parametrize(
    ("text", "expected"), [("<#123456>", "123456"), ("<#C0123|films>", "C0123"), ("#films", "films"), ("C01", "C01")]
)
def test_channel_references_of_every_platform(text: str, expected: str) -> None:
    assert channel_id(text) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("anora #films friday 25:00", "“25:00” is not a time of day"),
        ("anora #films friday 19:60", "“19:60” is not a time of day"),
        ("anora #films friday 19:00 Europe/Londn", "Did you mean Europe/London?"),
        ("anora #films friday 19:00 Mars/Olympus_Mons", "“Mars/Olympus_Mons” is not an IANA time zone"),
        ("anora #films day:funday 19:00", "“funday” is not a day of the week"),
        ("anora #films friday", "What time?"),
        ("anora friday 19:00", "Which channel?"),
        ("#films friday 19:00", "Which film?"),
        ("anora #films 19:00", "Which day of the week?"),
        ("anora #films friday 19:00 every 0", "every must be a whole number from 1 to 52"),
        ("anora #films friday 19:00 poll_hours lots", "poll_hours must be a whole number"),
    ],
)
def test_bad_input_gets_a_specific_message(args: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        parse(args)


async def test_errors_reach_the_moderator_at_add_time(bot: Bot) -> None:
    assert "“25:00” is not a time of day" in await bot.say("/schedule add anora #films friday 25:00")
    assert "Europe/Londn" in await bot.say("/schedule add anora #films friday 19:00 Europe/Londn")
    denied = await bot.say("/schedule add anora #announcements friday 19:00")
    assert "I cannot post weekly threads in #announcements: the bot may not create threads there" in denied
    assert "The film queue is empty" in await bot.say("/schedule add queue #films friday 19:00")
    assert "I don't know a film called “zzzz”" in await bot.say("/schedule add zzzz #films friday 19:00")
    assert "No weekly threads" in await bot.say("/schedule list")


async def test_members_are_refused(bot: Bot) -> None:
    for line in ("/schedule list", "/queue add anora"):
        assert "Only moderators" in await bot.say(line, moderator=False)


async def test_clubs_never_see_or_change_each_others_schedules_or_queues(bot: Bot) -> None:
    await bot.say("/schedule add anora #films friday 19:00", club="a")
    await bot.say("/queue add anora", club="a")
    assert "No weekly threads" in await bot.say("/schedule list", club="b")
    assert "empty" in await bot.say("/queue list", club="b")
    assert "There is no schedule #1" in await bot.say("/schedule remove 1", club="b")
    assert "There is no schedule #1" in await bot.say("/schedule run-now 1", club="b")
    assert "#1 Anora (2024)" in await bot.say("/schedule list", club="a")


async def test_list_shows_the_next_runs_in_local_time(bot: Bot) -> None:
    await bot.say("/schedule add anora <#C1|films> fri 19:00 America/New_York every 2 poll_hours 48")
    listing = await bot.say("/schedule list")
    assert "#1 Anora (2024) → #C1 · Friday 19:00 America/New_York · every 2 weeks · poll 48 h" in listing
    assert "Fri 10 Jan 2025 19:00 EST, Fri 24 Jan 2025 19:00 EST, Fri 07 Feb 2025 19:00 EST" in listing


async def test_queue_remove_by_position_or_title(bot: Bot, tmp_path: Path) -> None:
    await bot.app.import_paths([review_file(tmp_path, "heat.md", "Heat", "1995")])
    await bot.say("/queue add anora")
    await bot.say("/queue add heat")
    assert "Heat (1995) is off the queue" in await bot.say("/queue remove 2")
    assert "off the queue" in await bot.say("/queue remove anora")
    assert "no number 5" in await bot.say("/queue remove 5")


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The `filmclub` command, on the test's database and seeds."""
    from bot import cli

    monkeypatch.setenv("FILMCLUB_DATABASE", str(settings.database))
    monkeypatch.setenv("FILMCLUB_SEEDS", str(settings.seeds))
    return cli


async def test_the_cli_prints_next_runs_as_iso_times_with_offsets(
    cli: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["schedule", "add", "anora", "--channel", "films", "--day", "fri", "--time", "19:00"]
    argv = [*args, "--timezone", "America/New_York", "--json"]
    assert await _main(cli, argv) == 0
    added = json.loads(capsys.readouterr().out)["schedules"][0]
    assert added["timezone"] == "America/New_York" and len(added["next_runs"]) == 3
    assert all(r.endswith(("-05:00", "-04:00")) and "T19:00:00" in r for r in added["next_runs"])
    assert await _main(cli, ["schedule", "--json", "list"]) == 0
    assert json.loads(capsys.readouterr().out)["schedules"][0]["id"] == added["id"]
    assert await _main(cli, [*args, "--timezone", "Nowhere/Land"]) == 1
    assert "not an IANA time zone" in capsys.readouterr().err
    assert await _main(cli, ["schedule", "remove", str(added["id"])]) == 0


async def _main(cli, argv: list[str]) -> int:
    """Run the CLI in a worker thread (it starts its own event loop)."""
    import asyncio

    return await asyncio.to_thread(cli.main, argv)


def test_text_of_is_shared() -> None:
    assert text_of([]) == ""


async def test_the_same_schedule_twice_is_refused_with_the_first_ones_number(bot: Bot) -> None:
    assert "Schedule #1 added" in await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    again = await bot.say("/schedule add anora #films fri 19:00 Europe/London every 2")
    assert "Schedule #1 already posts Anora (2024) in #films on Friday at 19:00 (Europe/London)" in again
    assert "Schedule #2 added" in await bot.say("/schedule add anora #films friday 20:00 Europe/London")
    assert "Schedule #3 added" in await bot.say("/schedule add anora #talk friday 19:00 Europe/London")
    assert "Schedule #4 added" in await bot.say("/schedule add anora #films friday 19:00 Europe/London", club="b")
    assert "#4" not in await bot.say("/schedule list")  # another club's schedule is no duplicate


async def test_the_shell_refuses_the_same_schedule_twice(cli: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["schedule", "add", "anora", "--channel", "films", "--day", "fri", "--time", "19:00"]
    assert await _main(cli, args) == 0
    assert await _main(cli, args) == 1
    assert "Schedule #1 already posts Anora (2024) in #films" in capsys.readouterr().err


async def test_a_film_already_in_the_queue_is_not_queued_twice(bot: Bot) -> None:
    assert "Anora (2024) is number 1" in await bot.say("/queue add anora")
    assert "Anora (2024) is already number 1 in the queue" in await bot.say("/queue add anorra")
    assert "1. Anora (2024)" in await bot.say("/queue list") and "2." not in await bot.say("/queue list")
