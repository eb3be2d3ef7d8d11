"""The answer and rendering caches of the Slack adapter: fast repeats, never a stale or shared answer."""

from __future__ import annotations

import asyncio
import json
from functools import partial
from pathlib import Path

import pytest
from slack_harness import Harness

from adapters.answers import Answers, no_error
from adapters.slack import listeners
from adapters.slack.replies import response_body
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Incoming, Message, Section
from tests.conftest import review_file


def shown(body: str) -> str:
    return json.dumps(json.loads(body)["blocks"])


async def test_a_reimported_review_is_answered_anew(slack: Harness, tmp_path: Path) -> None:
    path = review_file(tmp_path, "kite.md", "Paper Kite", "2021", "Paper Kite is about wind. Is wind a character?")
    assert (await slack.core.import_paths([path])).ok
    status, first = await slack.command("/review", "paper kite")
    assert status == 200 and "wind" in shown(first)
    assert (await slack.command("/review", "paper kite"))[1] == first  # the repeat comes from the cache
    review_file(tmp_path, "kite.md", "Paper Kite", "2021", "Paper Kite is about string. Is string a character?")
    assert (await slack.core.import_paths([path])).updated
    status, again = await slack.command("/review", "paper kite")
    assert status == 200 and "string" in shown(again) and "wind" not in shown(again)


async def test_a_review_changed_by_another_process_is_answered_anew(
    slack: Harness, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = review_file(tmp_path, "kite.md", "Paper Kite", "2021", "Paper Kite is about wind. Is wind a character?")
    assert (await slack.core.import_paths([path])).ok
    first = (await slack.command("/review", "paper kite"))[1]
    assert "wind" in shown(first) and (await slack.command("/review", "paper kite"))[1] == first
    other = await build_app(settings)  # `filmclub import` beside the running bot
    try:
        review_file(tmp_path, "kite.md", "Paper Kite", "2021", "Paper Kite is about string. Is string a character?")
        assert (await other.import_paths([path])).updated
    finally:
        await other.close()
    monkeypatch.setattr(slack.core, "sync", partial(slack.core.sync, every=0))  # no second's wait for the check
    assert "string" in shown((await slack.command("/review", "paper kite"))[1])


async def test_a_new_film_is_found_after_an_earlier_miss(slack: Harness, tmp_path: Path) -> None:
    before = json.loads((await slack.command("/review", "paper kite"))[1])
    assert before["response_type"] == "ephemeral"  # not found
    assert (await slack.core.import_paths([review_file(tmp_path, "kite.md", "Paper Kite", "2021")])).ok
    after = json.loads((await slack.command("/review", "paper kite"))[1])
    assert after["response_type"] == "in_channel"


async def test_answers_are_per_workspace(slack: Harness, tmp_path: Path) -> None:
    path = review_file(tmp_path, "ours.md", "Club Secret", "2022", "Club Secret is our film. Is it good?")
    assert (await slack.core.import_paths([path], club_id="T1")).ok
    mine = json.loads((await slack.command("/review", "club secret", team="T1"))[1])
    theirs = json.loads((await slack.command("/review", "club secret", team="T2"))[1])
    assert mine["response_type"] == "in_channel" and theirs["response_type"] == "ephemeral"


class Core:
    """Just what Answers reads of the core: its generation."""

    generation = 0

    async def sync(self) -> None:
        """Nothing imported elsewhere."""


async def test_answers_expire_skip_errors_and_other_commands() -> None:
    now = [0.0]
    calls: list[str] = []
    answers = Answers(Core(), no_error, size=2, ttl=5.0, clock=lambda: now[0])  # type: ignore[arg-type]

    async def ok() -> list[Message]:
        calls.append("ok")
        return [Message(title="t")]

    async def failed() -> list[Message]:
        calls.append("failed")
        return [Message(title="sorry", error=True)]

    review = Incoming("review", "anora", club_id="T1", platform="slack")
    assert await answers.get(review, ok) == await answers.get(review, ok)
    assert calls == ["ok"]
    now[0] = 5.0  # expired
    await answers.get(review, ok)
    await answers.get(review, failed)  # fresh again: the kept answer wins
    assert calls == ["ok", "ok"]
    await answers.get(Incoming("review", "nope", club_id="T1"), failed)
    await answers.get(Incoming("review", "nope", club_id="T1"), failed)
    await answers.get(Incoming("poll", "anora", club_id="T1"), ok)
    await answers.get(Incoming("poll", "anora", club_id="T1"), ok)
    await answers.get(Incoming("review", "anora", club_id="T1", is_moderator=True), ok)
    assert calls == ["ok", "ok", "failed", "failed", "ok", "ok", "ok"]
    Core.generation = 1
    try:
        await answers.get(review, ok)
    finally:
        Core.generation = 0
    assert calls[-1] == "ok" and len(calls) == 8


async def test_answers_keep_at_most_size() -> None:
    calls: list[str] = []

    async def ok() -> list[Message]:
        calls.append("ok")
        return [Message(title="t")]

    answers = Answers(Core(), no_error, size=2)  # type: ignore[arg-type]
    for film in ("a", "b", "c", "a"):
        await answers.get(Incoming("review", film), ok)
    assert len(calls) == 4  # "a" was the oldest when "c" came


def test_rendered_bodies_are_not_shared_between_answers() -> None:
    message = Message(title="Anora", sections=(Section(title="Summary"),))
    first = response_body(message)
    first[0]["blocks"].append({"type": "divider"})
    first[0]["text"] = "changed"
    second = response_body(message)
    assert second[0]["text"] == "Anora" and {"type": "divider"} not in second[0]["blocks"]


async def test_a_slow_answer_is_acked_at_once_and_follows_then_repeats_from_memory(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listeners, "ACK_BUDGET", 0.01)  # Slack allows 3 s; the ack must never wait for slow work
    release, real = asyncio.Event(), slack.core.dispatch

    async def slow(incoming: Incoming) -> list[Message]:
        await release.wait()
        return await real(incoming)

    monkeypatch.setattr(slack.core, "dispatch", slow)
    status, body = await slack.command("/review", "anora")
    assert (status, body) == (200, "")  # acked empty, within the budget
    release.set()
    await slack.adapter.drain()
    ((key, followed),) = slack.fake.responses
    assert key == "cmd-U1" and followed["response_type"] == "in_channel" and followed["blocks"]
    status, body = await slack.command("/review", "anora")  # kept: answered in the ack this time
    assert status == 200 and json.loads(body)["blocks"] == followed["blocks"]
