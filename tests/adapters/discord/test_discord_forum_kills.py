"""Weekly threads in a Discord forum channel whole and exactly once: real worker processes posting through
discord.py to the fake REST API are SIGKILLed at seeded points (before or after Discord applies the Nth post);
after a restart the forum holds one post per occurrence with every part once, the parts a run without a kill
posts. A forum post carries no nonce, so only finding it again (by its title among the forum's threads)
keeps a kill between "Discord created the post" and "the store recorded it" from giving a second post."""

from __future__ import annotations

import os
import signal
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.fake_routes import route
from adapters.discord.fake_server import GUILD_ID, FakeDiscord, Json, Request
from bot.config import Settings
from bot.scheduler import LEASE
from tests.fakes.harness import utc
from tests.fakes.kills import add_weekly_schedule, seeded_kills
from tests.fakes.kills import run_worker as kill_run_worker

from .conftest import FORUM_CHANNEL
from .spec import check_all, check_response

FRIDAY_7PM = utc(2025, 1, 10, 19, 0)
pytestmark = pytest.mark.slow


@dataclass
class KillingDiscord(FakeDiscord):
    """The fake REST API, SIGKILLing the worker at its `kill_at`-th post (after applying it, if `applied`).

    A post is a message create or a forum post; `responses` keeps every answer for checking against the spec.
    """

    kill_at: int = 0
    applied: bool = False
    pid: int = 0
    posted: int = 0

    def _route(self, method: str, parts: list[str], body: Any) -> tuple[int, Any] | None:
        is_post = method == "POST" and parts[0] == "channels" and parts[2:] in (["messages"], ["threads"])
        self.posted += is_post
        if not is_post or self.posted != self.kill_at or not self.pid:
            return super()._route(method, parts, body)
        answer = super()._route(method, parts, body) if self.applied else (503, {"message": "killed", "code": 0})
        os.kill(self.pid, signal.SIGKILL)
        return answer


async def add_schedule(settings: Settings) -> None:
    await add_weekly_schedule(
        settings, f"anora <#{FORUM_CHANNEL}> friday 19:00 Europe/London", str(GUILD_ID), str(FORUM_CHANNEL), "discord"
    )


async def run_worker(settings: Settings, fake: KillingDiscord, now: str) -> int:
    return await kill_run_worker("tests.fakes.discord_worker", settings, fake.base, now, fake)


def answer(fake: FakeDiscord, request: Request) -> Any:
    """What the fake answers to a read now (reads change nothing)."""
    result = route(fake, request.method, request.path.strip("/").split("/"), None)
    assert result is not None and result[0] == 200, result
    return result[1]


def _part(message: Json) -> str:
    if message.get("poll"):
        return "poll: " + message["poll"]["question"]["text"]
    embeds = message.get("embeds") or [{}]
    return str(embeds[0].get("title") or embeds[0].get("description") or message.get("content"))[:60]


def forum_posts(fake: FakeDiscord) -> Counter[tuple[str, str]]:
    """How often the forum holds each post (by title) and each part inside a post."""
    threads = {c["id"]: c["name"] for c in fake.channels.values() if c.get("parent_id") == str(FORUM_CHANNEL)}
    parts = Counter((threads[m["channel_id"]], _part(m)) for m in fake.messages.values() if m["channel_id"] in threads)
    return parts + Counter(("post", name) for name in threads.values())


async def one_run(
    settings: Settings, kill_at: int, applied: bool, *, late: bool = False
) -> tuple[Counter[tuple[str, str]], bool]:
    """Post, kill, restart; `late`: the restart comes after Discord forgot the nonces (a few minutes)."""
    async with KillingDiscord(kill_at=kill_at, applied=applied) as fake:
        fake.add_channel(FORUM_CHANNEL, 15, "film-forum")
        await add_schedule(settings)
        start = FRIDAY_7PM + timedelta(minutes=1)
        killed = await run_worker(settings, fake, start.isoformat()) != 0
        if late:
            fake.nonces.clear()
        for n in (1, 2):  # the restart after the lease ran out, and one more pass that must find nothing to do
            await run_worker(settings, fake, (start + n * (LEASE + timedelta(seconds=5))).isoformat())
        check_all(fake.requests)
        for request in fake.requests:
            if request.method == "GET" and "/threads" in request.path:
                check_response(request.method, request.path, answer(fake, request))
        return forum_posts(fake), killed


def fresh(settings: Settings, tmp_path: Path, n: int) -> Settings:
    return Settings(database=tmp_path / f"run{n}" / "filmclub.db", seeds=settings.seeds)


async def test_a_kill_after_discord_made_the_forum_post_gives_no_second_post(settings: Settings, tmp_path: Path):
    whole, _ = await one_run(fresh(settings, tmp_path, 0), 0, False)
    assert sum(1 for k in whole if k[0] == "post") == 1 and set(whole.values()) == {1}, whole
    got, killed = await one_run(fresh(settings, tmp_path, 1), 1, True)  # the forum post itself, applied
    assert killed
    assert sum(n for k, n in got.items() if k[0] == "post") == 1, got
    assert got == whole


@pytest.mark.parametrize("late", [False, True], ids=["within-nonce-window", "after-nonce-window"])
async def test_seeded_kills_leave_one_whole_forum_post_and_one_poll(settings: Settings, tmp_path: Path, late: bool):
    whole, _ = await one_run(fresh(settings, tmp_path, 0), 0, False)
    posts = sum(n for k, n in whole.items() if k[0] != "post")
    bad = await seeded_kills(
        lambda n, kill_at, applied: one_run(fresh(settings, tmp_path, n), kill_at, applied, late=late), whole, posts, 12
    )
    assert bad == []
