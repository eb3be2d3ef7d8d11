"""Shared steps of the crash tests that kill real worker processes (tests/fakes/*_worker.py) at seeded points."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections import Counter
from collections.abc import Awaitable, Callable, Hashable
from typing import Protocol, TypeVar

from bot.config import Settings
from bot.models import Incoming
from tests.conftest import ROOT
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import start_bot, utc

KILLS = int(os.environ.get("FILMCLUB_KILLS", "6"))  # runs of each seeded loop; FILMCLUB_KILLS=40 for the full run
K = TypeVar("K", bound=Hashable)


class Killer(Protocol):
    """A fake platform server that SIGKILLs the worker whose pid it holds."""

    pid: int


async def add_weekly_schedule(settings: Settings, line: str, club_id: str, channel_id: str, platform: str) -> None:
    """A moderator's `/schedule add <line>` on the database of `settings`."""
    bot = await start_bot(settings, FakePlatform(), FakeClock(utc(2025, 1, 6, 12, 0)))
    incoming = Incoming(
        "schedule", f"add {line}", club_id=club_id, channel_id=channel_id, is_moderator=True, platform=platform
    )
    try:
        await bot.app.dispatch(incoming)
    finally:
        await bot.close()


async def run_worker(module: str, settings: Settings, api: str, now: str, fake: Killer) -> int:
    """One scheduler pass in a real process (`python -m module DB API NOW`); 0, or -SIGKILL when the fake killed it."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", module, str(settings.database), api, now,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    fake.pid = proc.pid
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    fake.pid = 0
    assert proc.returncode in (0, -signal.SIGKILL), err.decode()
    return proc.returncode or 0


async def seeded_kills(
    run: Callable[[int, int, bool], Awaitable[tuple[Counter[K], bool]]], whole: Counter[K], posts: int, seed: int
) -> list[tuple[int, bool, Counter[K]]]:
    """KILLS runs of `run(n, kill_at, applied)`, each killed at a seeded post (applied or not) and restarted; the
    runs whose parts differ from `whole` (a run without a kill), with what was missing or extra. Printed too."""
    rng = random.Random(seed)
    bad: list[tuple[int, bool, Counter[K]]] = []
    for n in range(1, KILLS + 1):
        kill_at, applied = rng.randint(1, posts), rng.random() < 0.5
        got, killed = await run(n, kill_at, applied)
        assert killed
        if got != whole:
            bad.append((kill_at, applied, got - whole + (whole - got)))
    print(f"\n{KILLS} kills, {len(bad)} runs with a missing or duplicate part: {bad}")
    return bad
