"""The Slack adapter end to end: slack-bolt's own HTTP handling, slack_sdk's own client, a fake Web API."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from slack_fakes import (
    BOT_TOKEN,
    SECRET,
    FakeSlack,
    check_blocks,
    check_calls,
    click_body,
    command_body,
    post,
    sign,
)
from slack_harness import POLL, Clock

from adapters.slack.server import EVENTS_PATH, SlackAdapter, build, serve, web_client
from bot.app import App
from bot.bootstrap import build_app
from bot.commands import REGISTRY, command
from bot.config import Settings
from bot.models import Incoming, Message, PostRef, Prompt, Section, Source
from bot.polls import PollService
from bot.render import moderators_only
from bot.store.polls import SqlitePolls


@dataclass
class Harness:
    fake: FakeSlack
    adapter: SlackAdapter
    core: App
    http: aiohttp.ClientSession
    url: str
    clock: Clock

    async def command(self, name: str, text: str = "", user: str = "U1", channel: str = "C1") -> tuple[int, str]:
        return await post(self.http, self.url, command_body(self.fake, name, text, user, channel))

    async def click(self, action_id: str, value: str, user: str = "U1", ts: str = "") -> tuple[int, str]:
        return await post(self.http, self.url, click_body(self.fake, action_id, value, user, ts))


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack(
        users={"U1": {}, "U2": {}, "UADMIN": {"is_admin": True}, "UMOD": {}},
        groups={"S0MODS01": {"handle": "film-mods", "users": ["UMOD"]}},
        channels={"C1": {"id": "C1", "is_member": True}, "CX": {"id": "CX", "is_member": False}},
    ).start()
    yield server
    await server.stop()


async def _harness(settings: Settings, fake: FakeSlack) -> AsyncIterator[Harness]:
    core = await build_app(settings)
    clock = Clock()
    async with aiohttp.ClientSession() as session, aiohttp.ClientSession() as http:
        client = web_client(BOT_TOKEN, fake.api_url, session)
        polls = PollService(SqlitePolls(core.store), clock)
        adapter = build(
            core, client, signing_secret=SECRET, moderator_group="film-mods", update_interval=0.02, polls=polls
        )
        core.chat = adapter.chat
        runner = await serve(adapter, "127.0.0.1", 0)
        port = runner.addresses[0][1]
        try:
            yield Harness(fake, adapter, core, http, f"http://127.0.0.1:{port}{EVENTS_PATH}", clock)
            await adapter.drain()
        finally:
            await runner.cleanup()
            await core.close()
    check_calls(fake.calls)


@pytest.fixture
async def slack(settings: Settings, fake: FakeSlack) -> AsyncIterator[Harness]:
    async for harness in _harness(settings, fake):
        yield harness


async def _with_poll(core: App) -> None:
    """Give Anora's stored analysis a poll (the analyser's polls are another issue's work)."""
    match = core.find("anora")
    assert match.film is not None
    review = await core.review_of(match.film)
    assert review is not None
    analysis = await core.analysis(review)
    await core.store.save_analysis(review.id, replace(analysis, polls=(POLL,)))
    core.forget_analyses()  # the in-memory cache would hide the stored poll


def _shown(value: object) -> list[str]:
    """Every text Slack renders from a message body (button values are never shown)."""
    if isinstance(value, dict):
        own = [value["text"]] if isinstance(value.get("text"), str) else []
        return own + [t for k, v in value.items() if k != "value" for t in _shown(v)]
    return [t for v in value for t in _shown(v)] if isinstance(value, list) else []


def _texts(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


async def test_review_is_answered_in_the_ack(slack: Harness) -> None:
    status, body = await slack.command("/review", "anora")
    assert status == 200
    ack = json.loads(body)
    assert ack["response_type"] == "in_channel"
    assert ack["blocks"][0]["type"] == "header"
    assert ack["blocks"][0]["text"]["text"] == "Anora (2024) · dir. Sean Baker"
    assert "Discussion prompts" in _texts(ack["blocks"])
    check_blocks(ack["blocks"])
    await slack.adapter.drain()
    assert slack.fake.made("chat.postMessage") == []  # nothing beyond the ack


async def test_a_typo_gets_suggestions_only_for_the_member(slack: Harness) -> None:
    status, body = await slack.command("/review", "anroa")
    ack = json.loads(body)
    assert status == 200 and ack["response_type"] == "ephemeral"
    assert "Did you mean: Anora (2024)" in _texts(ack["blocks"])


async def test_help_is_ephemeral(slack: Harness) -> None:
    ack = json.loads((await slack.command("/help"))[1])
    assert ack["response_type"] == "ephemeral" and "/review" in _texts(ack["blocks"])


async def test_bad_and_stale_signatures_get_401(slack: Harness) -> None:
    body = command_body(slack.fake, "/review", "anora")
    assert (await post(slack.http, slack.url, body, sign(body, secret="wrong")))[0] == 401
    stale = sign(body, timestamp=int(datetime.now(UTC).timestamp()) - 600)
    assert (await post(slack.http, slack.url, body, stale))[0] == 401
    assert slack.fake.calls == []


async def _post_poll(slack: Harness) -> tuple[str, list[dict]]:
    await _with_poll(slack.core)
    status, body = await slack.command("/poll", "anora")
    assert status == 200 and body == ""  # acked at once; the poll follows as a message
    await slack.adapter.drain()
    [posted] = slack.fake.made("chat.postMessage")
    assert posted["channel"] == "C1"
    ts = slack.fake.history["C1"][0]["ts"]
    return ts, posted["blocks"]


def _buttons(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


async def test_a_poll_counts_200_concurrent_votes_exactly(slack: Harness) -> None:
    ts, blocks = await _post_poll(slack)
    buttons = _buttons(blocks)
    assert [b["text"]["text"] for b in buttons] == list(POLL.options)
    rng = random.Random(7)
    final = {f"U{n:03d}": rng.randrange(3) for n in range(100)}

    async def member(user: str) -> None:
        for option in (rng.randrange(3), final[user]):  # a first vote, then the one that stands
            status, _ = await slack.click(buttons[option]["action_id"], buttons[option]["value"], user, ts)
            assert status == 200

    await asyncio.gather(*(member(u) for u in final))
    await slack.adapter.drain()
    poll = await slack.adapter.chat.polls.at("C1", ts)
    assert poll is not None
    tally = await slack.adapter.chat.polls.tally(poll)
    expected = tuple(list(final.values()).count(i) for i in range(3))
    assert tally.counts == expected and tally.voters == 100
    updates = slack.fake.made("chat.update")
    assert 1 <= len(updates) < 200  # coalesced
    last = _texts(updates[-1]["blocks"])
    for option, count in zip(POLL.options, expected, strict=True):
        assert f"*{option}*\\n`" in last and f"` {count} vote" in last
    assert "100 members voted" in last


async def test_changing_a_vote_replaces_it(slack: Harness) -> None:
    ts, blocks = await _post_poll(slack)
    hopeful, bleak, _ = _buttons(blocks)
    await slack.click(hopeful["action_id"], hopeful["value"], "U1", ts)
    await slack.click(bleak["action_id"], bleak["value"], "U1", ts)
    await slack.adapter.drain()
    last = _texts(slack.fake.made("chat.update")[-1]["blocks"])
    assert "` 0 votes" in last and "` 1 vote" in last and "1 member voted" in last


async def test_a_closed_poll_shows_final_results_and_refuses_votes(slack: Harness) -> None:
    ts, blocks = await _post_poll(slack)
    first = _buttons(blocks)[0]
    await slack.click(first["action_id"], first["value"], "U1", ts)
    await slack.adapter.drain()
    tally = await slack.adapter.chat.close_poll(PostRef("C1", ts))
    assert tally.counts == (1, 0, 0)
    final = slack.fake.made("chat.update")[-1]
    assert "Final results" in _texts(final["blocks"]) and _buttons(final["blocks"]) == []
    await slack.click(first["action_id"], first["value"], "U2", ts)
    await slack.adapter.drain()
    key, refusal = slack.fake.responses[-1]
    assert key == "click-U2" and refusal["response_type"] == "ephemeral" and "closed" in refusal["text"]


async def test_a_poll_closes_at_its_time(slack: Harness) -> None:
    await _post_poll(slack)
    assert await slack.adapter.chat.close_due() == 0
    slack.clock.at += timedelta(days=7)
    assert await slack.adapter.chat.close_due() == 1
    assert "Final results" in _texts(slack.fake.made("chat.update")[-1]["blocks"])


async def test_a_review_cannot_ping_anyone(settings: Settings, fake: FakeSlack, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    loud = "Everyone <!channel> should see it, <!here> too, ask <@U999> & <!subteam^S1>."
    front = "title: Loud Film\nyear: 2021\nauthor: <@U999> <!everyone>"
    (seeds / "loud.md").write_text(f"---\n{front}\n---\n{loud} Is it a classic?\n", encoding="utf-8")
    async for slack in _harness(replace(settings, seeds=seeds), fake):
        # Whatever the analyser keeps of the text, the summary and a spoiler prompt carry it here.
        film = slack.core.find("loud film").film
        assert film is not None
        review = await slack.core.review_of(film)
        assert review is not None
        analysis = await slack.core.analysis(review)
        prompt = Prompt(loud, "explicit", Source(loud, 0, len(loud)), spoiler=True)
        summary = replace(analysis.summary, tldr=loud)
        await slack.core.store.save_analysis(review.id, replace(analysis, summary=summary, prompts=(prompt,)))
        slack.core.forget_analyses()
        status, body = await slack.command("/review", "loud film")
        assert status == 200
        raw = "\n".join(_shown(json.loads(body)))
        assert "<!" not in raw and "<@" not in raw
        assert "&lt;!channel&gt;" in raw and "&lt;@U999&gt;" in raw and "&amp;" in raw
        spoiler = next(b for b in _buttons(json.loads(body)["blocks"]) if b["action_id"].startswith("spoilers:"))
        await slack.click(spoiler["action_id"], spoiler["value"])
        await slack.adapter.drain()
        revealed = "\n".join(_shown(slack.fake.responses[-1][1]))
        assert "&lt;!channel&gt;" in revealed and "<!" not in revealed


async def test_moderator_only_commands_are_refused_politely(slack: Harness) -> None:
    @command("modonly", moderator=True)
    async def modonly(app: App, incoming: Incoming) -> list[Message]:
        """A moderator-only command for this test."""
        return [
            Message(
                "done",
                (
                    Section(
                        paragraphs=(()),
                    ),
                ),
            )
        ]

    try:
        refused = json.loads((await slack.command("/modonly", "", "U1"))[1])
        assert refused["response_type"] == "ephemeral"
        assert refused["text"] == moderators_only("modonly").sections[0].paragraphs[0][0].text
        assert json.loads((await slack.command("/modonly", "", "UADMIN"))[1])["text"] == "done"
        assert json.loads((await slack.command("/modonly", "", "UMOD"))[1])["text"] == "done"
    finally:
        del REGISTRY["modonly"]


async def test_spoilers_and_command_buttons_answer_the_member(slack: Harness) -> None:
    ack = json.loads((await slack.command("/review", "anora"))[1])
    buttons = {b["action_id"]: b for b in _buttons(ack["blocks"])}
    more = buttons["command:0"]
    await slack.click(more["action_id"], more["value"])
    spoilers = [b for a, b in buttons.items() if a.startswith("spoilers:")]
    for button in spoilers:
        await slack.click(button["action_id"], button["value"])
    await slack.adapter.drain()
    answers = [body for key, body in slack.fake.responses if key == "click-U1"]
    public = [a for a in answers if a["response_type"] == "in_channel"]
    assert len(public) == 1 and public[0]["replace_original"] is False
    assert "Discussion prompts" in _texts(public[0]["blocks"])
    private = [a for a in answers if a["response_type"] == "ephemeral"]
    assert len(private) == len(spoilers) >= 1
    for answer in answers:
        check_blocks(answer["blocks"])


async def test_threads_keys_and_channel_checks(slack: Harness) -> None:
    chat = slack.adapter.chat
    note = Message("Week 1", (Section(paragraphs=((),)),))
    ref = await chat.create_thread("C1", "Film club · Anora", [note, note], key="week-1")
    assert ref.thread_id == ref.message_id
    replies = slack.fake.made("chat.postMessage")[1:]
    assert [r["thread_ts"] for r in replies] == [ref.thread_id] * 2
    assert await chat.find_post("C1", "week-1") == ref
    sent = await chat.send("C1", note, key="note-1")
    assert slack.fake.made("chat.postMessage")[-1]["metadata"]["event_payload"]["key"] == "note-1"
    assert await chat.find_post("C1", "note-1") == sent
    assert await chat.find_post("C1", "missing") is None
    assert await chat.check_channel("C1") is None
    assert "invite" in (await chat.check_channel("CX") or "")
    assert "cannot see" in (await chat.check_channel("CNONE") or "")


async def test_a_scheduled_poll_is_sent_found_and_closed_by_its_ref(slack: Harness) -> None:
    chat = slack.adapter.chat
    intro = Message("Week 2", (Section(paragraphs=((),)),), poll=POLL)
    thread = await chat.create_thread("C1", "Film club · Anora", [], key="week-2")
    ref = await chat.send("C1", intro, thread=thread, key="week-2-poll")
    posts = slack.fake.made("chat.postMessage")
    assert posts[-1]["thread_ts"] == thread.thread_id and _buttons(posts[-1]["blocks"])
    assert "metadata" not in posts[-2] or posts[-2]["metadata"]["event_payload"]["key"] != "week-2-poll"
    tally = await chat.close_poll(ref)
    assert tally.options == POLL.options and tally.voters == 0
    # A top-level post is found again by its key (replies are not in conversations.history).
    top = await chat.send("C1", intro, key="week-2-top")
    found = await chat.find_post("C1", "week-2-top")
    assert found == top
    assert (await chat.close_poll(found)).voters == 0


async def test_a_recap_reply_is_found_again_in_its_thread(slack: Harness) -> None:
    # The scheduler looks for a thread's recap among the thread's replies (conversations.history has none),
    # so a restart after the recap was posted does not post a second one.
    chat = slack.adapter.chat
    thread = await chat.create_thread("C1", "Film club · Anora", [], key="week-3")
    recap = Message("Results", (Section(paragraphs=((),)),))
    sent = await chat.send("C1", recap, thread=thread, key="week-3:recap")
    assert await chat.find_post("C1", "week-3:recap") is None  # not in the channel's history
    assert await chat.find_post("C1", "week-3:recap", thread=thread) == sent
