"""Durability of votes: a real `filmclub run slack` process (HTTP mode) on one SQLite file is SIGKILLed while
votes stream in; after a restart every vote whose click got a 200 is stored, and the file passes integrity_check."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from slack_fakes import BOT_TOKEN, SECRET, FakeSlack, click_body, command_body, post
from slack_harness import POLL

from bot.bootstrap import build_app
from bot.config import Settings
from bot.polls import PollService
from bot.store.polls import SqlitePolls
from tests.conftest import ROOT

WORKERS, KILL_AFTER = 24, 120
TS = "1700000000.000001"


@dataclass
class Member:
    """One member's clicks in order, and which of them got a 200."""

    user: str
    sent: list[int] = field(default_factory=list)
    acked: list[bool] = field(default_factory=list)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack(channels={"C1": {"id": "C1", "is_member": True}}).start()
    yield server
    await server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _start(settings: Settings, fake: FakeSlack, port: int) -> asyncio.subprocess.Process:
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": str(settings.database.parent),
        "FILMCLUB_DATABASE": str(settings.database), "FILMCLUB_SEEDS": str(settings.seeds),
        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url,
        "SLACK_PORT": str(port), "FILMCLUB_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "slack", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def _up(http: aiohttp.ClientSession, url: str, fake: FakeSlack) -> None:
    for _ in range(3000):  # start-up of a fresh interpreter on loopback
        try:
            if (await post(http, url, command_body(fake, "/help")))[0] == 200:
                return
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.01)
    raise AssertionError("the Slack app did not come up")


async def _click(http: aiohttp.ClientSession, url: str, fake: FakeSlack, member: Member, option: int) -> bool:
    member.sent.append(option)
    member.acked.append(False)
    try:
        status, _ = await post(http, url, click_body(fake, f"vote:{option}", f"1:{option}", member.user, TS))
    except (aiohttp.ClientError, TimeoutError):
        return False
    member.acked[-1] = status == 200
    return member.acked[-1]


def _stored(db: Path) -> dict[str, list[int]]:
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = raw.execute("SELECT user_id, option FROM poll_votes WHERE poll_id = 1").fetchall()
    out: dict[str, list[int]] = {}
    for user, option in rows:
        out.setdefault(user, []).append(int(option))
    return out


@pytest.mark.slow
async def test_acknowledged_votes_survive_sigkill(settings: Settings, fake: FakeSlack) -> None:
    core = await build_app(settings)
    polls = PollService(SqlitePolls(core.store))
    await polls.posted(await polls.open("T1", "C1", POLL, hours=None), TS)
    await core.close()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/slack/events"
    members: list[Member] = []
    acked = asyncio.Event()
    count = 0

    async def worker(http: aiohttp.ClientSession, n: int) -> None:
        nonlocal count
        for round_ in range(10_000):
            member = Member(f"U{n:02d}x{round_:04d}")
            members.append(member)
            for option in (round_ % 3, (round_ + n) % 3):  # a vote, then a change that replaces it
                if not await _click(http, url, fake, member, option):
                    return  # the process is gone
                count += 1
                if count >= KILL_AFTER:
                    acked.set()

    proc = await _start(settings, fake, port)
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
            await _up(http, url, fake)
            workers = [asyncio.create_task(worker(http, n)) for n in range(WORKERS)]
            await asyncio.wait_for(acked.wait(), 60)
            proc.send_signal(signal.SIGKILL)  # mid-stream: some clicks in flight, some being written
            await proc.wait()
            await asyncio.gather(*workers)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()

    proc = await _start(settings, fake, port)  # the restart, on the same file
    try:
        async with aiohttp.ClientSession() as http:
            await _up(http, url, fake)
            after = Member("UAFTER")
            assert await _click(http, url, fake, after, 2)
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()

    stored = _stored(settings.database)
    acknowledged = [m for m in members if any(m.acked)]
    assert len(acknowledged) * 2 >= KILL_AFTER and any(not all(m.acked) for m in members)  # the kill landed mid-stream
    for member in acknowledged:
        last = max(i for i, ok in enumerate(member.acked) if ok)
        # Its last acknowledged vote, or a later click that was written but whose 200 was lost in the kill.
        assert len(stored.get(member.user, [])) == 1, member
        assert stored[member.user][0] in member.sent[last:], member
    assert stored["UAFTER"] == [2]
    print(f"\n{sum(sum(m.acked) for m in members)} acknowledged votes before SIGKILL; all stored after restart")
