"""The Slack app served over loopback against FakeSlack, for the reliability tests: real bolt, real slack_sdk."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import aiohttp
from slack_fakes import BOT_TOKEN, SECRET, FakeSlack, check_calls, click_body, command_body, post

from adapters.slack.server import EVENTS_PATH, SlackAdapter, build, serve, session, web_client
from bot.app import App
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import PollSpec
from bot.polls import PollService
from bot.store.polls import SqlitePolls

POLL = PollSpec("Is Ani's ending hopeful?", ("Hopeful", "Bleak", "Both"))


class Clock:
    """A settable UTC clock for poll closing."""

    def __init__(self) -> None:
        self.at = datetime(2025, 3, 2, 18, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


@dataclass
class Waits:
    """An injected sleep that records what it was asked to wait and returns at once."""

    asked: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


@dataclass(repr=False)
class Harness:
    fake: FakeSlack
    adapter: SlackAdapter
    core: App
    http: aiohttp.ClientSession
    url: str
    clock: Clock
    waits: Waits

    async def command(
        self, name: str, text: str = "", user: str = "U1", channel: str = "C1", team: str = "T1"
    ) -> tuple[int, str]:
        return await post(self.http, self.url, command_body(self.fake, name, text, user, channel, team))

    async def click(
        self, action_id: str, value: str, user: str = "U1", ts: str = "", team: str = "T1"
    ) -> tuple[int, str]:
        return await post(self.http, self.url, click_body(self.fake, action_id, value, user, ts, "C1", team))

    async def votes(self) -> list[tuple[int, str, int]]:
        rows = await self.core.store.fetchall("SELECT poll_id, user_id, option FROM poll_votes ORDER BY 1, 2, 3")
        return [(int(r[0]), str(r[1]), int(r[2])) for r in rows]

    async def post_poll(self, spec: PollSpec = POLL, film: str = "anora", team: str = "T1") -> tuple[str, list[dict]]:
        """/poll FILM with `spec` as the film's poll idea: the poll message's ts and blocks."""
        await with_poll(self.core, spec, film)
        status, body = await self.command("/poll", film, team=team)
        assert status == 200 and body == "", body
        await self.adapter.drain()
        posted = self.fake.made("chat.postMessage")[-1]
        return self.fake.history[posted["channel"]][0]["ts"], posted["blocks"]


def fake_slack() -> FakeSlack:
    return FakeSlack(
        users={"U1": {}, "U2": {}, "UADMIN": {"is_admin": True}, "UMOD": {}},
        groups={"S0MODS01": {"handle": "film-mods", "users": ["UMOD"]}},
        channels={"C1": {"id": "C1", "is_member": True}, "CX": {"id": "CX", "is_member": False}},
    )


async def harness(
    settings: Settings, fake: FakeSlack, *, api_timeout: float = 10.0, check: bool = True
) -> AsyncIterator[Harness]:
    """The app on a free loopback port; retries back off 1 ms and Retry-After waits are recorded, not slept."""
    core = await build_app(settings)
    clock, waits = Clock(), Waits()
    async with session(api_timeout) as api, aiohttp.ClientSession() as http:
        client = web_client(BOT_TOKEN, fake.api_url, api, backoff=0.001, sleep=waits)
        polls = PollService(SqlitePolls(core.store), clock)
        adapter = build(
            core, client, signing_secret=SECRET, moderator_group="film-mods", update_interval=0.01, polls=polls,
            backoff=0.001, sleep=waits,
        )  # fmt: skip
        core.chat = adapter.chat
        runner = await serve(adapter, "127.0.0.1", 0)
        port = runner.addresses[0][1]
        try:
            yield Harness(fake, adapter, core, http, f"http://127.0.0.1:{port}{EVENTS_PATH}", clock, waits)
            await adapter.drain()
        finally:
            await runner.cleanup()
            await core.close()
    if check:
        check_calls(fake.calls)


async def with_poll(core: App, spec: PollSpec = POLL, film: str = "anora") -> None:
    """Give the film's stored analysis `spec` as its poll idea (the analyser's polls are another issue's work)."""
    match = core.find(film)
    assert match.film is not None, film
    review = await core.review_of(match.film)
    assert review is not None
    analysis = await core.analysis(review)
    await core.store.save_analysis(review.id, replace(analysis, polls=(spec,)))
    core.forget_analyses()  # the in-memory cache would hide the stored poll


def buttons(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
