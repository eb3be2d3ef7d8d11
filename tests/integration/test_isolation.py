"""Clubs never see or change each other's reviews, schedules, queues or polls: every command tried across clubs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from bot.models import Incoming, Message, PollSpec
from bot.polls import PollError, PollService
from bot.store.polls import SqlitePolls
from tests.conftest import review_file
from tests.fakes.harness import text_of

A, B = "club-a", "club-b"


async def run(app: App, club: str, command: str, args: str = "") -> list[Message]:
    return await app.dispatch(Incoming(command, args, user_id=f"mod-{club}", club_id=club, is_moderator=True))


@pytest.fixture
async def club_app(app: App, tmp_path: Path) -> App:
    body = "Hidden Picture is club A's secret. Does the ending work? Its director won the Golden Lion at Venice."
    await app.import_paths([review_file(tmp_path, "h.md", "Hidden Picture", "2021", body)], club_id=A)
    return app


@pytest.mark.parametrize("command", ["review", "prompts", "trivia", "poll"])
async def test_a_club_only_review_is_invisible_to_other_clubs(club_app: App, command: str) -> None:
    assert "Hidden Picture" in text_of(await run(club_app, A, command, "hidden picture"))
    other = await run(club_app, B, command, "hidden picture")
    assert other[0].error and "Hidden Picture (2021)" not in text_of(other)


async def test_films_and_search_do_not_leak(club_app: App) -> None:
    assert "Hidden Picture" in text_of(await run(club_app, A, "films"))
    assert "Hidden Picture" not in text_of(await run(club_app, B, "films"))
    assert "Hidden Picture" not in text_of(await run(club_app, B, "films", "secret"))
    assert club_app.films.complete("hid", B) == []


async def test_schedules_cannot_be_seen_or_changed_across_clubs(club_app: App) -> None:
    added = await run(club_app, A, "schedule", "add anora #films friday 19:00 Europe/London")
    assert not added[0].error, text_of(added)
    mine = text_of(await run(club_app, A, "schedule", "list"))
    assert "Anora" in mine and "#1" in mine
    assert "Anora" not in text_of(await run(club_app, B, "schedule", "list"))
    for action in ("pause 1", "resume 1", "run-now 1", "remove 1"):
        refused = await run(club_app, B, "schedule", action)
        assert refused[0].error, f"{action} from another club was not refused: {text_of(refused)}"
    still = text_of(await run(club_app, A, "schedule", "list"))
    assert "Anora" in still and "paused" not in still.lower()


async def test_queues_are_per_club(club_app: App) -> None:
    assert not (await run(club_app, A, "queue", "add hidden picture"))[0].error
    assert (await run(club_app, B, "queue", "add hidden picture"))[0].error  # B cannot even name it
    assert "Hidden Picture" not in text_of(await run(club_app, B, "queue", "list"))
    await run(club_app, B, "queue", "remove 1")
    assert "Hidden Picture" in text_of(await run(club_app, A, "queue", "list"))


async def test_polls_refuse_votes_carrying_another_clubs_id(club_app: App) -> None:
    polls = PollService(SqlitePolls(club_app.store))
    poll = await polls.open(A, "chan", PollSpec("Best?", ("Yes", "No")))
    with pytest.raises(PollError):
        await polls.vote(poll.id, "intruder", 0, club_id=B)
    assert (await polls.tally(poll)).voters == 0
    await polls.vote(poll.id, "member", 1, club_id=A)
    assert (await polls.tally(poll)).counts == (0, 1)
