"""The poll rules of bot.polls on a real SQLite store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import PollSpec
from bot.polls import PollClosed, PollError, PollService
from bot.store import SqliteStore
from bot.store.polls import SqlitePolls

SPEC = PollSpec("Best scene?", ("Wedding", "Diner", "Ending"))
T0 = datetime(2025, 3, 2, 18, 0, tzinfo=UTC)


class Clock:
    """A settable clock."""

    def __init__(self) -> None:
        self.at = T0

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
async def store(tmp_path) -> AsyncIterator[SqliteStore]:
    async with await SqliteStore.open(tmp_path / "polls.db") as store:
        yield store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def polls(store: SqliteStore, clock: Clock) -> PollService:
    return PollService(SqlitePolls(store), clock)


async def test_one_vote_per_member_and_a_change_replaces(polls: PollService) -> None:
    poll = await polls.open("T1", "C1", SPEC, "Poll · Anora")
    await polls.vote(poll.id, "U1", 0)
    await polls.vote(poll.id, "U2", 0)
    vote = await polls.vote(poll.id, "U1", 2)
    assert vote.choices == (2,)
    assert vote.tally.counts == (1, 0, 1)
    assert vote.tally.voters == 2
    again = await polls.vote(poll.id, "U1", 2)  # the same click twice counts once
    assert again.tally.counts == (1, 0, 1)


async def test_multiple_choice_toggles_each_option(polls: PollService) -> None:
    poll = await polls.open("T1", "C1", PollSpec(SPEC.question, SPEC.options, multiple=True))
    await polls.vote(poll.id, "U1", 0)
    vote = await polls.vote(poll.id, "U1", 1)
    assert vote.choices == (0, 1)
    assert vote.tally.counts == (1, 1, 0) and vote.tally.voters == 1
    vote = await polls.vote(poll.id, "U1", 0)
    assert vote.choices == (1,)
    assert vote.tally.counts == (0, 1, 0)


async def test_closed_polls_refuse_votes_and_keep_the_final_tally(polls: PollService) -> None:
    poll = await polls.open("T1", "C1", SPEC)
    await polls.vote(poll.id, "U1", 1)
    closed, tally = await polls.close(poll)
    assert closed.closed_at == T0
    assert tally.counts == (0, 1, 0)
    with pytest.raises(PollClosed):
        await polls.vote(poll.id, "U2", 0)
    _, again = await polls.close(closed)
    assert again == tally


async def test_a_poll_closes_at_its_time(polls: PollService, clock: Clock) -> None:
    poll = await polls.open("T1", "C1", SPEC, hours=1)
    assert poll.closes_at == T0 + timedelta(hours=1)
    assert await polls.due() == []
    clock.at = T0 + timedelta(hours=1)
    assert [p.id for p in await polls.due()] == [poll.id]
    with pytest.raises(PollClosed):
        await polls.vote(poll.id, "U1", 0)
    await polls.close(poll)
    assert await polls.due() == []


async def test_unknown_polls_and_options_are_refused(polls: PollService) -> None:
    poll = await polls.open("T1", "C1", SPEC)
    with pytest.raises(PollError):
        await polls.vote(poll.id, "U1", 3)
    with pytest.raises(PollError):
        await polls.vote(poll.id + 100, "U1", 0)
    with pytest.raises(ValueError):
        await polls.open("T1", "C1", PollSpec("Yes?", ("Yes",)))


async def test_a_poll_is_found_by_its_message(polls: PollService) -> None:
    poll = await polls.posted(await polls.open("T1", "C1", SPEC, "Poll"), "1700000000.000100")
    found = await polls.at("C1", "1700000000.000100")
    assert found == poll
    assert await polls.at("C2", "1700000000.000100") is None


async def test_concurrent_votes_are_all_counted(polls: PollService) -> None:
    poll = await polls.open("T1", "C1", SPEC)
    await asyncio.gather(*(polls.vote(poll.id, f"U{n}", n % 3) for n in range(60)))
    # every member changes their mind at once: still one vote each
    await asyncio.gather(*(polls.vote(poll.id, f"U{n}", 0) for n in range(0, 60, 2)))
    tally = await polls.tally(poll)
    assert tally.voters == 60
    assert sum(tally.counts) == 60
    assert tally.counts[0] == 30 + 10


async def test_a_vote_for_another_clubs_poll_is_refused_and_stores_nothing(polls: PollService) -> None:
    poll = await polls.open("T1", "C1", SPEC)
    with pytest.raises(PollError, match="no longer exists"):
        await polls.vote(poll.id, "U1", 0, club_id="T2")
    assert (await polls.tally(poll)).voters == 0
    assert (await polls.vote(poll.id, "U1", 0, club_id="T1")).tally.counts == (1, 0, 0)


async def test_a_keyed_poll_is_stored_once_so_every_message_of_it_counts_and_closes_together(
    store: SqliteStore, clock: Clock
) -> None:
    service = PollService(SqlitePolls(store), clock)
    first = await service.open("T1", "C1", SPEC, hours=None, key="filmclub:1:2025-01-10T19:00:poll")
    await service.vote(first.id, "U1", 0)
    again = await service.open("T1", "C1", SPEC, hours=None, key="filmclub:1:2025-01-10T19:00:poll")
    assert again.id == first.id
    await service.vote(again.id, "U2", 2)
    _, tally = await service.close(again)
    assert tally.counts == (1, 0, 1) and tally.voters == 2
    assert (await service.get(first.id)).closed_at is not None  # type: ignore[union-attr]
    other = await service.open("T1", "C1", SPEC, hours=None)
    assert other.id != first.id


async def test_polls_close_by_the_databases_clock_not_a_process_clock(tmp_path) -> None:
    """Without an injected clock a poll opens, takes votes and falls due by db_now(): two processes whose own
    clocks differ close it at the same moment."""
    from tests.fakes.clock import FakeClock

    db_clock = FakeClock(T0)
    async with await SqliteStore.open(tmp_path / "shared.db", db_clock) as store:
        polls = PollService(SqlitePolls(store))
        poll = await polls.open("T1", "C1", SPEC, "Poll · Anora", hours=24)
        assert poll.closes_at == T0 + timedelta(hours=24)
        assert await polls.due() == []
        db_clock.set(T0 + timedelta(hours=25))
        assert [p.id for p in await polls.due()] == [poll.id]
        with pytest.raises(PollClosed):
            await polls.vote(poll.id, "U1", 0)
