"""Growth figures side by side at 10,000 and 100,000 reviews: start-up, memory once the analysis cache is full,
the event loop's longest stall while another process's import is indexed, and film lookup.

Run: .venv/bin/python -m bench.bench_growth [--sizes 10000 100000] [--runs 3]

Each size gets a real SQLite file filled in bulk (films, reviews with full-text rows, cached analyses; the
film-change log's triggers fire as for an import). Start-up is a whole `filmclub console` process to ready (it
exits at end of input), cold (no saved index: built whole) and warm (the saved index read). Memory is a fresh
process that answers /review for random films until the analysis cache is full. The stall is the longest gap
of a 1 ms ticker on the running app's loop while it indexes a second process's write: 50 films (indexed as a
layer) and 3,000 films (rebuilt whole in a worker thread). Every figure is given over `--runs` runs (median,
and min–max), with the load average; it prints figures, it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_import import PARAGRAPHS
from bench.common import ROOT, machine, percentiles, timed, titles, typo
from bot.analysis import ANALYSER_VERSION, analyze
from bot.bootstrap import build_app
from bot.codec import analysis_to_json
from bot.config import Settings
from bot.store import SqliteStore
from bot.store.sqlite import film_slug

CLUB_CACHE_PROCESS = """
import asyncio, json, random, resource, sys, time
from pathlib import Path
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Incoming

async def main() -> None:
    db, names = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
    app = await build_app(Settings(database=db, seeds=db.parent / "no-seeds"))
    rng, answered = random.Random(5), 0
    start = time.perf_counter()
    while answered < 10000 and time.perf_counter() - start < 90:
        await app.dispatch(Incoming("review", rng.choice(names)))
        answered += 1
    with open("/proc/self/statm") as statm:
        rss = int(statm.read().split()[1]) * 4096 / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rss": rss, "peak": peak, "answered": answered, "kept": len(app._analyses),
                      "bytes": app.analyses_bytes}))
    await app.close()

asyncio.run(main())
"""

WRITER_PROCESS = """
import sqlite3, sys
db, count, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = sqlite3.connect(db, isolation_level=None)
raw.execute("PRAGMA busy_timeout = 10000")
raw.execute("BEGIN IMMEDIATE")
for i in range(first, first + count):
    cur = raw.execute("INSERT INTO films (slug, title, year, aliases) VALUES (?, ?, 2020, '[]')",
                      (f"written-later-{i}-2020", f"Written Later {i}"))
    raw.execute("INSERT INTO reviews (film_id, body, content_hash) VALUES (?, 'Late. It is good.', ?)",
                (cur.lastrowid, f"h{i}"))
raw.execute("COMMIT")
"""


def fill(db: Path, count: int) -> list[str]:
    """A database of `count` films, each with a ~150-word review, its search row and its cached analysis."""
    asyncio.run(_migrate(db))
    rng = random.Random(3)
    names = titles(count, seed=23)
    texts = [" ".join(rng.sample(PARAGRAPHS, 2)) for _ in range(20)]
    bodies = []
    for i, text in enumerate(texts):
        filled = text.format(title="The Film", year=2000, next_year=2001, director="Mara Okafor", actor="Ravi Novak",
                             rival="Lena Haddad")  # fmt: skip
        texts[i] = filled
        bodies.append(json.dumps(analysis_to_json(analyze(filled, title="The Film", year=2000)), ensure_ascii=False))
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("BEGIN")
    for i, title in enumerate(names):
        year = 1950 + i % 70
        cur = raw.execute(
            "INSERT INTO films (slug, title, year, aliases) VALUES (?, ?, ?, '[]')",
            (film_slug(title, year), title, year),
        )
        text = texts[i % len(texts)]
        cur = raw.execute(
            "INSERT INTO reviews (film_id, body, content_hash) VALUES (?, ?, ?)", (cur.lastrowid, text, f"h{i}")
        )
        review = cur.lastrowid
        raw.execute("INSERT INTO review_search (title, aliases, body, review_id) VALUES (?, '', ?, ?)",
                    (title, text, review))  # fmt: skip
        raw.execute("INSERT INTO analyses (review_id, version, body) VALUES (?, ?, ?)",
                    (review, ANALYSER_VERSION, bodies[i % len(bodies)]))  # fmt: skip
    raw.execute("COMMIT")
    raw.close()
    return names


async def _migrate(db: Path) -> None:
    await (await SqliteStore.open(db)).close()


def _env(db: Path) -> dict[str, str]:
    return {"FILMCLUB_DATABASE": str(db), "FILMCLUB_SEEDS": str(db.parent / "no-seeds"), "PATH": "",
            "HOME": str(db.parent)}  # fmt: skip


def startup(db: Path, *, cold: bool) -> tuple[float, float]:
    """Seconds (wall, and CPU of the process) for a whole console process to start, open the index and exit at
    end of input. CPU is the figure to trust on a loaded machine: wall time includes waiting for a core."""
    if cold:
        with sqlite3.connect(db) as raw:
            raw.execute("DELETE FROM film_index")
    command = [sys.executable, "-m", "bot", "console"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, input="", env=_env(db), cwd=ROOT, check=True, capture_output=True, text=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def memory(db: Path, names: list[str]) -> dict[str, float]:
    """RSS (MB) of a fresh process once /review of random films has filled the analysis cache."""
    listed = db.parent / "names.json"
    listed.write_text(json.dumps(names[:20000]))
    command = [sys.executable, "-c", CLUB_CACHE_PROCESS, str(db), str(listed)]
    out = subprocess.run(command, env={**_env(db), "PYTHONPATH": str(ROOT)}, cwd=ROOT, check=True,
                         capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


async def stall(db: Path, count: int, first: int) -> tuple[float, float, float]:
    """(longest loop stall ms, ms until the films are found) while another process's write of `count` films is
    indexed by a running app, and the longest stall of the same loop doing nothing as long again (the floor)."""
    app = await build_app(Settings(database=db, seeds=db.parent / "no-seeds"))
    gaps: list[float] = []
    stop = asyncio.Event()

    async def tick() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    try:
        await asyncio.to_thread(subprocess.run, [sys.executable, "-c", WRITER_PROCESS, str(db), str(count), str(first)],
                                check=True)  # fmt: skip
        ticker = asyncio.create_task(tick())
        await asyncio.sleep(0.05)
        gaps.clear()
        start, expected = time.perf_counter(), len(app.films) + count
        while len(app.films) < expected:  # cheap to poll: a lookup here would add its own time to the stall
            await app.sync(every=0)
            await asyncio.sleep(0.001)
        seen = time.perf_counter() - start
        assert app.find(f"written later {first + count - 1}").film is not None
        idle = await _idle_gap(gaps, seen)
        stop.set()
        await ticker
        return max(gaps[: len(gaps) - idle]) * 1e3 - 1.0, seen * 1e3, max(gaps[-idle:]) * 1e3 - 1.0
    finally:
        await app.close()


async def _idle_gap(gaps: list[float], seconds: float) -> int:
    """Let the ticker run alone as long again (the floor a loaded machine gives); how many gaps that added."""
    before = len(gaps)
    await asyncio.sleep(max(seconds, 0.2))
    return max(1, len(gaps) - before)


def lookups(db: Path) -> dict[str, tuple[float, float]]:
    """p50/p99 (ms) of exact, one-typo fuzzy and 3-letter autocomplete lookups on the app's index."""
    app = asyncio.run(build_app(Settings(database=db, seeds=db.parent / "no-seeds")))
    try:
        index = app.films
        rng = random.Random(2)
        sample = [f.title for f in rng.sample(index.films(), 1000)]
        it = iter(sample * 3)
        return {
            "exact": percentiles(timed(lambda: index.find(next(it)), 1000)),
            "fuzzy": percentiles(timed(lambda: index.find(typo(next(it), rng)), 1000)),
            "prefix": percentiles(timed(lambda: index.complete(next(it)[:3]), 1000)),
        }
    finally:
        asyncio.run(app.close())


def spread(values: list[float], unit: str, digits: int = 0) -> str:
    """Median and min–max of repeated runs."""
    med = statistics.median(values)
    return f"{med:,.{digits}f} {unit} ({min(values):,.{digits}f}–{max(values):,.{digits}f})"


def main() -> None:
    """Fill each size, then take every figure `--runs` times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"# growth benchmarks — {machine()}, load average {os.getloadavg()[0]:.2f} at start")
    rows: dict[str, dict[int, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"g{size}.db"
            began = time.perf_counter()
            names = fill(db, size)
            print(
                f"  filled {size:,} reviews in {time.perf_counter() - began:.1f} s ({db.stat().st_size / 2**20:.0f} MB)"
            )
            cold = [startup(db, cold=True) for _ in range(args.runs)]
            warm = [startup(db, cold=False) for _ in range(args.runs)]
            mem = [memory(db, names) for _ in range(args.runs)]
            small = [asyncio.run(stall(db, 50, 10_000_000 + 100 * r)) for r in range(args.runs)]
            big = [asyncio.run(stall(db, 3000, 20_000_000 + 10_000 * r)) for r in range(args.runs)]
            look = [lookups(db) for _ in range(args.runs)]
            figures = {
                "start-up to ready, saved index, wall": spread([w for w, _ in warm], "s", 2),
                "  CPU": spread([c for _, c in warm], "s", 2),
                "start-up to ready, index built whole, wall": spread([w for w, _ in cold], "s", 2),
                "  CPU ": spread([c for _, c in cold], "s", 2),
                "RSS once the analysis cache is full (MB)": spread([m["rss"] for m in mem], "MB"),
                "  peak RSS (MB)": spread([m["peak"] for m in mem], "MB"),
                "  analyses kept / estimated bytes": f"{mem[0]['kept']:,.0f} / {mem[0]['bytes'] / 2**20:.1f} MB "
                f"after {mem[0]['answered']:,.0f} /review",
                "loop stall, 50 films written elsewhere (ms)": spread([s[0] for s in small], "ms", 1),
                "  50 films: until found (ms)": spread([s[1] for s in small], "ms", 1),
                "  50 films: idle loop's longest stall, as long (ms)": spread([s[2] for s in small], "ms", 1),
                "loop stall, 3,000 films written elsewhere (ms)": spread([s[0] for s in big], "ms", 1),
                "  3,000 films: until found (ms)": spread([s[1] for s in big], "ms", 1),
                "  3,000 films: idle loop's longest stall, as long (ms)": spread([s[2] for s in big], "ms", 1),
            }
            for kind in ("exact", "fuzzy", "prefix"):
                figures[f"lookup {kind}, p50 (ms)"] = spread([x[kind][0] for x in look], "ms", 3)
                figures[f"lookup {kind}, p99 (ms)"] = spread([x[kind][1] for x in look], "ms", 3)
            for name, value in figures.items():
                rows.setdefault(name, {})[size] = value
                print(f"  {size:>7,}  {name:46} {value}")
    print(f"\n## side by side (median over {args.runs} runs, min–max), load average {os.getloadavg()[0]:.2f} at end")
    print(f"| figure | {' | '.join(f'{s:,} reviews' for s in args.sizes)} |")
    print(f"|---|{'---|' * len(args.sizes)}")
    for name, by_size in rows.items():
        print(f"| {name.strip()} | {' | '.join(by_size.get(s, '') for s in args.sizes)} |")


if __name__ == "__main__":
    main()
