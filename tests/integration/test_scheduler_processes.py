"""Real processes on one SQLite file: SIGKILL mid-post then restart, and several schedulers racing."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.scheduler import LEASE
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import start_bot, utc
from tests.fakes.journal import read_journal

ROOT = Path(__file__).resolve().parents[2]
FRIDAY_7PM = utc(2025, 1, 10, 19, 0)
pytestmark = pytest.mark.slow


async def add_schedule(settings: Settings) -> None:
    bot = await start_bot(settings, FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0)))
    try:
        assert "added" in await bot.say("/schedule add anora #films friday 19:00 Europe/London")
    finally:
        await bot.close()


async def worker(
    settings: Settings, journal: Path, now: str, step: str | None = None, ahead: timedelta = timedelta(0)
) -> asyncio.subprocess.Process:
    args = [str(settings.database), str(journal), now, *([step] if step else [])]
    args += ["--ahead", str(ahead.total_seconds())] if ahead else []
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.fakes.worker", *args,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


async def finish(proc: asyncio.subprocess.Process) -> str:
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    return out.decode()


def posts(journal: Path, op: str) -> list[dict[str, object]]:
    return [r for r in read_journal(journal) if r["op"] == op]


@pytest.mark.parametrize("step", ["claimed", "thread_created", "thread_posted", "poll_sent", "poll_posted"])
async def test_sigkill_mid_post_then_restart_leaves_exactly_one_thread(
    settings: Settings, tmp_path: Path, step: str
) -> None:
    await add_schedule(settings)
    journal = tmp_path / "platform.jsonl"
    proc = await worker(settings, journal, (FRIDAY_7PM + timedelta(minutes=1)).isoformat(), step)
    assert proc.stdout is not None
    line = await asyncio.wait_for(proc.stdout.readline(), 60)
    assert line.decode().strip() == f"AT {step}"
    proc.send_signal(signal.SIGKILL)
    await proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    restart = FRIDAY_7PM + timedelta(minutes=2) + LEASE
    assert "DONE" in await finish(await worker(settings, journal, restart.isoformat()))
    [thread] = posts(journal, "thread")
    [poll] = posts(journal, "poll")
    assert thread["key"] == "filmclub:1:2025-01-10T19:00:thread" and poll["in_thread"] == thread["thread_id"]
    # and a third start finds nothing left to do
    await finish(await worker(settings, journal, (restart + timedelta(minutes=1)).isoformat()))
    assert len(posts(journal, "thread")) == 1 and len(posts(journal, "poll")) == 1


async def test_processes_racing_on_one_database_post_the_occurrence_once(settings: Settings, tmp_path: Path) -> None:
    await add_schedule(settings)
    journal = tmp_path / "platform.jsonl"
    now = (FRIDAY_7PM + timedelta(minutes=1)).isoformat()
    procs = [await worker(settings, journal, now) for _ in range(4)]
    await asyncio.gather(*(finish(p) for p in procs))
    assert len(posts(journal, "thread")) == 1 and len(posts(journal, "poll")) == 1


async def test_a_process_whose_clock_is_5_minutes_ahead_leaves_a_live_owners_occurrence_alone(
    settings: Settings, tmp_path: Path
) -> None:
    await add_schedule(settings)
    journal = tmp_path / "platform.jsonl"
    now = FRIDAY_7PM + timedelta(minutes=1)
    owner = await worker(settings, journal, now.isoformat(), "claimed")  # claims, then hangs alive mid-post
    assert owner.stdout is not None
    assert (await asyncio.wait_for(owner.stdout.readline(), 60)).decode().strip() == "AT claimed"
    fast = await worker(settings, journal, now.isoformat(), ahead=timedelta(minutes=5))
    assert "DONE" in await finish(fast)
    assert [r for r in read_journal(journal) if r["id"].endswith(f"-{fast.pid}")] == []  # took nothing over
    owner.send_signal(signal.SIGKILL)
    await owner.communicate()
    restart = now + LEASE + timedelta(minutes=1)  # the dead owner's lease ran out by the database's clock
    assert "DONE" in await finish(await worker(settings, journal, restart.isoformat(), ahead=timedelta(minutes=5)))
    assert len(posts(journal, "thread")) == 1 and len(posts(journal, "poll")) == 1
