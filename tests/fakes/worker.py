"""A headless scheduler process for the crash tests: `python -m tests.fakes.worker DB JOURNAL NOW [STEP] [--ahead S]`.

It runs one scheduler pass at the wall-clock time NOW (ISO 8601, the database's clock) on the SQLite file DB,
posting to the JournalChat file JOURNAL. With STEP it prints `AT STEP` when posting reaches that step and
hangs there, so that the test can SIGKILL it mid-post. With --ahead S the process's own clock runs S seconds
ahead of the database's.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import App
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Analysis, Review
from bot.ports import ChatPort, Clock
from bot.scheduler import Scheduler
from tests.fakes.harness import canned_analysis
from tests.fakes.journal import JournalChat

ROOT = Path(__file__).resolve().parents[2]


class OffsetClock:
    """Real time passing from a chosen start."""

    def __init__(self, start: datetime) -> None:
        self.start, self.t0 = start, time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.t0)

    async def sleep_until(self, when: datetime) -> None:
        await asyncio.sleep(max(0.0, (when - self.now()).total_seconds()))


@asynccontextmanager
async def canned_app(db: str, chat: ChatPort | None = None, clock: Clock | None = None) -> AsyncIterator[App]:
    """The bot's app on the SQLite file `db` (on the database's clock `clock`) with the canned analysis, closed
    on the way out (for every worker)."""
    app = await build_app(Settings(database=Path(db), seeds=ROOT / "seeds"), chat, clock=clock)

    async def analysis(review: Review) -> Analysis:
        return canned_analysis(review)

    app.analysis = analysis  # type: ignore[method-assign]
    try:
        yield app
    finally:
        await app.close()


async def main(db: str, journal: str, now: str, step: str | None, ahead: timedelta = timedelta(0)) -> int:
    chat, clock = JournalChat(Path(journal)), OffsetClock(datetime.fromisoformat(now))
    async with canned_app(db, chat, clock) as app:
        scheduler = Scheduler(app, chat, OffsetClock(datetime.fromisoformat(now) + ahead))

        async def on_step(name: str) -> None:
            if name == step:
                print(f"AT {name}", flush=True)
                await asyncio.Event().wait()  # hang here until killed

        scheduler.on_step = on_step
        await scheduler.tick()
    print("DONE", flush=True)
    return 0


def _ahead(argv: list[str]) -> tuple[list[str], timedelta]:
    """The positional arguments, and how far `--ahead SECONDS` puts this process's clock ahead of the database's."""
    if "--ahead" not in argv:
        return argv, timedelta(0)
    i = argv.index("--ahead")
    return argv[:i] + argv[i + 2 :], timedelta(seconds=float(argv[i + 1]))


if __name__ == "__main__":
    args, ahead = _ahead(sys.argv[1:])
    sys.exit(asyncio.run(main(args[0], args[1], args[2], args[3] if len(args) > 3 else None, ahead)))
