"""Weekly Slack threads whole and exactly once: real worker processes posting through slack_sdk to the fake Web API
are SIGKILLed at seeded random points (before or after Slack applies the Nth post); after a restart the channel holds
every part of the thread (parent, each reply, the poll) exactly once, the same parts a run without a kill posts."""

from __future__ import annotations

import os
import signal
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from slack_fakes import FakeSlack

from bot.config import Settings
from bot.scheduler import LEASE
from tests.fakes.harness import utc
from tests.fakes.kills import add_weekly_schedule, seeded_kills
from tests.fakes.kills import run_worker as kill_run_worker

FRIDAY_7PM = utc(2025, 1, 10, 19, 0)
pytestmark = pytest.mark.slow


@dataclass
class KillingSlack(FakeSlack):
    """The fake Web API, SIGKILLing the worker at its `kill_at`-th chat.postMessage (after applying it, if `applied`)."""

    kill_at: int = 0
    applied: bool = False
    pid: int = 0
    posted: int = 0

    def m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        self.posted += 1
        if self.posted != self.kill_at or not self.pid:
            return super().m_chat_postMessage(args)
        answer = super().m_chat_postMessage(args) if self.applied else {"ok": False, "error": "killed"}
        os.kill(self.pid, signal.SIGKILL)
        return answer


async def add_schedule(settings: Settings) -> None:
    await add_weekly_schedule(settings, "anora <#C1|films> friday 19:00 Europe/London", "T1", "C1", "slack")


async def run_worker(settings: Settings, fake: KillingSlack, now: str) -> int:
    return await kill_run_worker("tests.fakes.slack_worker", settings, fake.api_url, now, fake)


def keys(fake: FakeSlack) -> Counter[str]:
    """How many messages the channel holds with each key."""
    return Counter(m["metadata"]["event_payload"]["key"] for m in fake.history.get("C1", []) if m.get("metadata"))


async def one_run(settings: Settings, kill_at: int, applied: bool) -> tuple[Counter[str], bool]:
    fake = await KillingSlack(channels={"C1": {"id": "C1", "is_member": True}}, kill_at=kill_at,
                              applied=applied).start()  # fmt: skip
    try:
        await add_schedule(settings)
        start = FRIDAY_7PM + timedelta(minutes=1)
        killed = await run_worker(settings, fake, start.isoformat()) != 0
        for n in (1, 2):  # the restart after the lease ran out, and one more pass that must find nothing to do
            await run_worker(settings, fake, (start + n * (LEASE + timedelta(seconds=5))).isoformat())
        return keys(fake), killed
    finally:
        await fake.stop()


def fresh(settings: Settings, tmp_path: Path, n: int) -> Settings:
    return Settings(database=tmp_path / f"run{n}" / "filmclub.db", seeds=settings.seeds)


async def test_seeded_kills_leave_one_whole_thread_and_one_poll(settings: Settings, tmp_path: Path) -> None:
    whole, _ = await one_run(fresh(settings, tmp_path, 0), 0, False)
    assert whole and set(whole.values()) == {1}
    assert any(k.endswith(":thread") for k in whole) and any(k.endswith(":poll") for k in whole)
    bad = await seeded_kills(
        lambda n, kill_at, applied: one_run(fresh(settings, tmp_path, n), kill_at, applied), whole, whole.total(), 12
    )
    assert bad == []
