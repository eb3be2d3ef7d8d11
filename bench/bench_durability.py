"""What `synchronous = FULL` costs against NORMAL (WAL): one vote, many members voting at once, a first start-up.

Run: .venv/bin/python -m bench.bench_durability [--votes 500] [--folder PATH]

Each mode opens a fresh SQLite file in `--folder` (default: a temporary folder; put it on the disk the bot's
database lives on, since what FULL adds is one fsync of the WAL per commit) and records votes through
PollService, as a Slack vote is before its answer. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, atimed, machine, report
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import PollSpec
from bot.polls import PollService
from bot.store import SqliteStore, db
from bot.store.polls import SqlitePolls


async def _votes(store: SqliteStore, count: int, label: str) -> None:
    polls = PollService(SqlitePolls(store))
    poll = await polls.open("club", "channel", PollSpec("Which?", ("A", "B", "C")))
    users = iter(range(10**9))
    one = await atimed(lambda: polls.vote(poll.id, f"u{next(users)}", 1), count)
    report(f"{label}: one vote (a commit)", one, conditions="sequential")
    start = time.perf_counter()
    await asyncio.gather(*(polls.vote(poll.id, f"c{i}", i % 3) for i in range(count)))
    each = (time.perf_counter() - start) / count
    print(f"{label}: {count} votes at once  {each * 1e3:8.3f} ms per vote")


async def _mode(folder: Path, mode: str, votes: int) -> None:
    """One mode on a new file: its first start-up, then votes."""
    start = time.perf_counter()
    app = await build_app(Settings(database=folder / "bench.db", seeds=ROOT / "seeds"))
    print(f"{mode}: first start-up (migrations, seeds imported)  {(time.perf_counter() - start) * 1e3:8.1f} ms")
    try:
        await _votes(app.store, votes, mode)
    finally:
        await app.close()


async def main(votes: int, folder: Path | None) -> None:
    """Each mode twice, alternating, after a warm-up."""
    print(f"bench_durability — {machine()}; database folder {folder or 'a temporary folder'}")
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        await _mode(Path(scratch), "WARM-UP", 20)  # imports and the analysis cache, out of the first figure
        for mode in ("NORMAL", "FULL", "NORMAL", "FULL"):
            db.SYNCHRONOUS = mode
            await _mode(Path(scratch) / str(time.monotonic_ns()), mode, votes)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--votes", type=int, default=500)
    parser.add_argument("--folder", type=Path, help="where the databases go (the disk to measure)")
    args = parser.parse_args()
    asyncio.run(main(args.votes, args.folder))
