"""Platform faults: 429s, 5xx, timeouts and dropped connections from the Web API are retried within Slack's
rules; a keyed thread appears exactly once; a permanent failure raises a clear error, logged without secrets."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator

import pytest
from slack_fakes import BOT_TOKEN, SECRET, FakeSlack
from slack_harness import POLL, Harness, buttons, fake_slack, harness

from adapters.slack.listeners import VOTE_NOT_SAVED
from adapters.slack.posting import SlackRefused, SlackUnavailable
from adapters.slack.retries import CONNECTION_RETRIES, RATE_LIMIT_RETRIES, SERVER_ERROR_RETRIES
from bot.config import Settings
from bot.models import Inline, Message, PostRef, Section
from bot.scheduler import Unpostable
from bot.store.polls import SqlitePolls

NOTE = Message("Week 1", (Section(paragraphs=((Inline("Talk about the ending."),),)),))


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await fake_slack().start()
    yield server
    await server.stop()


@pytest.fixture
async def slack(settings: Settings, fake: FakeSlack) -> AsyncIterator[Harness]:
    async for h in harness(settings, fake, api_timeout=0.1):
        yield h


def _keyed(fake: FakeSlack, key: str) -> list[dict]:
    """Every message in C1 (top level and replies) that carries `key`."""
    return [
        m for m in fake.history.get("C1", []) if (m.get("metadata") or {}).get("event_payload", {}).get("key") == key
    ]


async def test_a_rate_limited_call_waits_retry_after_then_succeeds(slack: Harness) -> None:
    slack.fake.fail("chat.postMessage", "429:3", "429:1")
    ref = await slack.adapter.chat.send("C1", NOTE, key="note")
    assert [c.fault for c in slack.fake.calls] == ["429:3", "429:1", ""]
    assert slack.waits.asked[0] >= 3 and slack.waits.asked[1] >= 1  # Retry-After honoured, in order
    assert len(_keyed(slack.fake, "note")) == 1 and ref.message_id == _keyed(slack.fake, "note")[0]["ts"]


@pytest.mark.parametrize("fault", ["500", "503", "html500", "timeout", "drop"])
async def test_reads_and_updates_are_retried_through_server_errors_and_lost_connections(
    slack: Harness, fault: str
) -> None:
    slack.fake.channels["C1"]["is_member"] = True
    slack.fake.fail("conversations.info", fault)
    assert await slack.adapter.chat.check_channel("C1") is None
    assert [c.fault for c in slack.fake.calls] == [fault, ""]


@pytest.mark.parametrize("fault", ["500", "503", "timeout", "drop", "applied-drop", "applied-timeout"])
async def test_a_keyed_thread_appears_exactly_once_whatever_fails(slack: Harness, fault: str) -> None:
    # Each post of the thread fails once: the parent, both replies; an "applied" fault lost only the answer.
    slack.fake.fail("chat.postMessage", fault, "", fault, fault)
    ref = await slack.adapter.chat.create_thread("C1", "Film club · Anora", [NOTE, NOTE], key="week-1")
    assert len(_keyed(slack.fake, "week-1")) == 1
    assert [len(_keyed(slack.fake, f"week-1/{n}")) for n in (1, 2)] == [1, 1]
    assert all(m["thread_ts"] == ref.thread_id for m in slack.fake.history["C1"] if m["ts"] != ref.thread_id)
    assert len(slack.fake.history["C1"]) == 3
    assert await slack.adapter.chat.find_post("C1", "week-1") == ref


async def test_a_poll_posted_after_a_lost_answer_is_stored_once_and_counts_votes(slack: Harness) -> None:
    slack.fake.fail("chat.postMessage", "applied-drop")
    ts, blocks = await slack.post_poll()
    assert len(slack.fake.history["C1"]) == 1  # the lost answer's post was found, not posted again
    first = buttons(blocks)[0]
    assert (await slack.click(first["action_id"], first["value"], "U2", ts))[0] == 200
    assert await slack.votes() == [(1, "U2", 0)]
    poll = await slack.adapter.chat.polls.at("C1", ts)
    assert poll is not None and poll.spec == POLL


@pytest.mark.parametrize(
    ("error", "words"),
    [("channel_not_found", "cannot see channel C9"), ("not_in_channel", "invite me"), ("is_archived", "archived")],
)
async def test_a_refusal_raises_a_clear_error_for_moderators(
    slack: Harness, error: str, words: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    slack.fake.channels["C9"] = {"id": "C9", "is_member": False}
    if error == "channel_not_found":
        del slack.fake.channels["C9"]
    if error == "is_archived":
        slack.fake.m_chat_postMessage = lambda args: {"ok": False, "error": "is_archived"}  # type: ignore[method-assign]
    with pytest.raises(SlackRefused) as raised:
        await slack.adapter.chat.create_thread("C9", "Film club", [NOTE], key="week-9")
    assert words in str(raised.value) and raised.value.error == error
    assert isinstance(raised.value, Unpostable)  # the scheduler reports it to moderators at once
    assert len(slack.fake.made("chat.postMessage")) == 1  # a refusal is not retried
    assert error in caplog.text and BOT_TOKEN not in caplog.text and SECRET not in caplog.text


@pytest.mark.parametrize("fault", ["500", "drop", "timeout", "429"])
async def test_retries_run_out_into_a_clear_error(slack: Harness, fault: str, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    slack.fake.fail("chat.update", *[fault] * 10)
    slack.fake.fail("conversations.info", *[fault] * 10)
    with pytest.raises(SlackUnavailable, match=r"did not answer conversations\.info for C1"):
        await slack.adapter.chat.check_channel("C1")
    tries = 1 + {"429": RATE_LIMIT_RETRIES, "500": SERVER_ERROR_RETRIES}.get(fault, CONNECTION_RETRIES)
    # Bounded, not forever; aiohttp itself resends an idempotent GET once when a kept-alive connection drops.
    assert tries <= len(slack.fake.made("conversations.info")) <= tries * (2 if fault == "drop" else 1)
    poll = await slack.adapter.chat.polls.open("T1", "C1", POLL)
    poll = await slack.adapter.chat.polls.posted(poll, "1700000000.000001")
    with pytest.raises(SlackUnavailable):
        await slack.adapter.chat.close_poll(PostRef("C1", "1700000000.000001"))
    assert BOT_TOKEN not in caplog.text and SECRET not in caplog.text


async def test_a_post_that_keeps_failing_is_not_posted_twice_and_says_so(slack: Harness) -> None:
    slack.fake.fail("chat.postMessage", *["applied-drop"] + ["500"] * 10)
    ref = await slack.adapter.chat.send("C1", NOTE, key="note-2")
    assert len(_keyed(slack.fake, "note-2")) == 1 and ref.message_id == _keyed(slack.fake, "note-2")[0]["ts"]
    slack.fake.faults.clear()
    slack.fake.fail("chat.postMessage", *["500"] * 10)
    with pytest.raises(SlackUnavailable, match=r"chat\.postMessage"):
        await slack.adapter.chat.send("C1", NOTE, key="note-3")
    assert _keyed(slack.fake, "note-3") == []


async def test_a_poll_slack_refuses_is_reported_to_the_member(slack: Harness) -> None:
    from slack_harness import with_poll

    await with_poll(slack.core)
    status, _ = await slack.command("/poll", "anora", channel="CX")  # the bot is not in CX
    await slack.adapter.drain()
    assert status == 200
    key, said = slack.fake.responses[-1]
    assert key == "cmd-U1" and said["response_type"] == "ephemeral" and "invite me" in said["text"]


class _FailingPolls(SqlitePolls):
    """The poll store with a disk that fails every vote write."""

    async def replace_vote(self, poll_id: int, user_id: str, option: int) -> bool:
        raise sqlite3.OperationalError("disk I/O error")


async def test_a_vote_the_database_cannot_save_is_not_counted_and_the_member_is_told(
    slack: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    ts, blocks = await slack.post_poll()
    slack.adapter.chat.polls.repo = _FailingPolls(slack.core.store)
    first = buttons(blocks)[0]
    with caplog.at_level(logging.ERROR):
        status, body = await slack.click(first["action_id"], first["value"], "U2", ts)
        await slack.adapter.drain()
    assert (status, body) == (200, "")
    assert slack.fake.responses[-1] == (
        "click-U2",
        {"text": VOTE_NOT_SAVED, "response_type": "ephemeral", "replace_original": False},
    )
    assert VOTE_NOT_SAVED == "Your vote could not be saved just now; please try again."
    assert await slack.votes() == [] and slack.fake.made("chat.update") == []
    assert "OperationalError" in caplog.text
