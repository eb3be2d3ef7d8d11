"""Platform faults: 429s, 5xx, timeouts and dropped connections; each post lands exactly once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import discord
import discord.http
import pytest

from adapters.discord.chat import DiscordChat
from adapters.discord.client import FilmClubBot
from adapters.discord.fake_events import command
from adapters.discord.fake_faults import Fault
from adapters.discord.fake_server import FakeDiscord
from adapters.discord.retry import PostFailed, Retry, bound_read_time
from bot.models import Inline, Message, Section

from .conftest import TEXT_CHANNEL
from .helpers import interact
from .spec import check_all

POST = f"/channels/{TEXT_CHANNEL}/messages"
WEEK = Message("Week 12: Anora", (Section(paragraphs=((Inline("Discuss!"),),)),))
QUICK = Retry(attempts=3, first_delay=0.0)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """discord.py's waits (429 retry_after, 5xx backoff), recorded instead of slept."""
    recorded: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(delay: float, result: object = None) -> object:
        if delay > 0:
            recorded.append(delay)
        return await real_sleep(0, result)

    monkeypatch.setattr(discord.http.asyncio, "sleep", sleep)
    yield recorded


def posts(fake: FakeDiscord) -> list[dict[str, object]]:
    """The messages the fake holds in the text channel: what members would see."""
    return [m for m in fake.messages.values() if m["channel_id"] == str(TEXT_CHANNEL)]


def chat(bot: FilmClubBot) -> DiscordChat:
    return DiscordChat(bot, retry=QUICK)


@pytest.mark.parametrize("scope", ["user", "global"])
async def test_a_rate_limited_post_waits_retry_after_then_lands_once(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, waits: list[float], scope: str
):
    discord_fake.faults.append(Fault("429", POST, retry_after=2.5, scope=scope))  # type: ignore[arg-type]
    await chat(discord_bot).send(str(TEXT_CHANNEL), WEEK, key="k429")
    assert [r.path for r in discord_fake.requests if r.method == "POST"] == [POST, POST]
    assert waits == [2.5]  # exactly Discord's retry_after, no sooner
    assert len(posts(discord_fake)) == 1
    check_all(discord_fake.requests)


async def test_a_rate_limited_interaction_answer_is_retried_by_discord_py(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, waits: list[float]
):
    discord_fake.faults.append(Fault("429", "/interactions/", retry_after=0.7, scope="global"))
    sent = await interact(discord_bot, discord_fake, command(discord_fake, "help", {}, channel_id=TEXT_CHANNEL))
    callbacks = [r for r in sent if r.path.endswith("/callback")]
    assert len(callbacks) == 2 and callbacks[0].json == callbacks[1].json
    assert waits == [0.7]
    assert len([m for m in discord_fake.messages.values() if m["flags"] & 64]) == 1  # answered once


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_server_errors_are_retried_with_backoff_by_discord_py(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, waits: list[float], status: int
):
    discord_fake.faults.append(Fault("status", POST, status=status, times=2))
    await chat(discord_bot).send(str(TEXT_CHANNEL), WEEK, key="k5xx")
    assert len([r for r in discord_fake.requests if r.path == POST]) == 3
    assert waits == [1, 3]  # discord.py's own backoff: 1 s, then 3 s
    assert len(posts(discord_fake)) == 1


async def test_a_503_which_discord_py_does_not_retry_is_retried_by_us(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    discord_fake.faults.append(Fault("status", POST, status=503))
    await chat(discord_bot).send(str(TEXT_CHANNEL), WEEK, key="k503")
    assert len([r for r in discord_fake.requests if r.path == POST]) == 2
    assert len(posts(discord_fake)) == 1


@pytest.mark.parametrize("kind", ["drop", "hang"])
async def test_a_post_whose_answer_is_lost_is_resent_with_its_nonce_and_appears_once(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, kind: str
):
    bound_read_time(discord_bot, 0.2)  # a hang counts as lost after 0.2 s (30 s in production)
    discord_fake.faults.append(Fault(kind, POST, applied=True))  # type: ignore[arg-type]
    ref = await chat(discord_bot).send(str(TEXT_CHANNEL), WEEK, key="klost")
    assert [m["id"] for m in posts(discord_fake)] == [ref.message_id]  # exactly once, and it is the ref
    sent = [r.json for r in discord_fake.requests if r.path == POST]
    assert len(sent) == 2 and sent[0]["nonce"] == sent[1]["nonce"] and sent[1]["enforce_nonce"] is True


async def test_a_post_without_a_key_also_gets_a_nonce_so_a_resend_is_harmless(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    discord_fake.faults.append(Fault("drop", POST, applied=True))
    await chat(discord_bot).send(str(TEXT_CHANNEL), WEEK)
    assert len(posts(discord_fake)) == 1


async def test_a_thread_whose_answer_was_lost_is_found_not_duplicated(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    discord_fake.faults.append(Fault("drop", f"{POST}/", applied=True))  # POST …/messages/{id}/threads
    ref = await chat(discord_bot).create_thread(str(TEXT_CHANNEL), "Week 12", [WEEK, WEEK], key="kthread")
    threads = [c for c in discord_fake.channels.values() if c["type"] == 11]
    assert [t["id"] for t in threads] == [ref.thread_id]
    assert len(posts(discord_fake)) == 1 and len(discord_fake.requests) >= 4


async def test_missing_permissions_fail_at_once_with_a_message_for_moderators(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, caplog: pytest.LogCaptureFixture
):
    discord_fake.faults.append(Fault("status", POST, status=403, code=50013, message="Missing Permissions"))
    with pytest.raises(PostFailed) as failed:
        await chat(discord_bot).send(str(TEXT_CHANNEL), WEEK, key="k403")
    text = str(failed.value)
    assert f"<#{TEXT_CHANNEL}>" in text and "Missing Permissions" in text and "50013" in text
    assert isinstance(failed.value.__cause__, discord.Forbidden)
    assert len([r for r in discord_fake.requests if r.path == POST]) == 1  # a refusal is not retried
    assert "Missing Permissions" in caplog.text and "fake.bot.token" not in caplog.text


async def test_retries_are_bounded_and_the_last_failure_is_raised(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.WARNING)
    discord_fake.faults.append(Fault("drop", POST, times=10))
    with pytest.raises(PostFailed, match="failed after 3 attempts"):
        await chat(discord_bot).send(str(TEXT_CHANNEL), WEEK, key="kgone")
    assert len([r for r in discord_fake.requests if r.path == POST]) == 3
    assert posts(discord_fake) == []
    assert caplog.text.count("attempt") == 3


async def test_an_answer_whose_response_was_lost_is_not_posted_twice(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    discord_fake.faults.append(Fault("drop", "/interactions/", applied=True))
    payload = command(discord_fake, "review", {"film": "anora"}, channel_id=TEXT_CHANNEL)
    sent = await interact(discord_bot, discord_fake, payload)
    # The apology that follows is refused (40060: already acknowledged): the member sees one answer.
    assert [r.path.endswith("/callback") for r in sent] == [True, True]
    assert [m["embeds"][0]["title"][:5] for m in discord_fake.messages.values()] == ["Anora"]
