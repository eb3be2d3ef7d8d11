"""Core figures: /review from the analysis cache, film lookup, memory and start-up."""

from __future__ import annotations

import asyncio
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, atimed, machine, report, timed, titles, typo
from bot.analysis import analyze
from bot.bootstrap import build_app
from bot.config import Settings
from bot.ingest import read_review
from bot.lookup import FilmIndex
from bot.models import Film, Incoming, ReviewDoc
from bot.store import SqliteStore

REVIEWS = 10_000
TITLES = 100_000


async def fill(store: SqliteStore, count: int) -> list[str]:
    """Store `count` reviews, each with the Anora analysis cached under its id."""
    seed = read_review(ROOT / "seeds" / "anora.md")
    analysis = analyze(seed.text, title=seed.title, year=seed.year)
    names = titles(count)
    for i, title in enumerate(names):
        review, _ = await store.upsert_review(ReviewDoc(title=title, year=1950 + i % 70, text=seed.text))
        await store.save_analysis(review.id, analysis)
    return names


async def bench_review(db: Path) -> None:
    """/review answered from the cache with 10,000 reviews stored."""
    store = await SqliteStore.open(db)
    names = await fill(store, REVIEWS)
    app = await build_app(Settings(database=db, seeds=db.parent / "no-seeds"), store=store)
    rng = random.Random(1)
    conditions = f"({REVIEWS:,} reviews stored, in process)"
    warm = await atimed(lambda: app.dispatch(Incoming("review", "anora")), 1)  # fills the memory cache
    warm = await atimed(lambda: app.dispatch(Incoming("review", names[0])), 2000)
    report("/review, one film, memory cache", warm, "p50 ≤ 2 ms, p99 ≤ 5 ms", conditions)
    spread = await atimed(lambda: app.dispatch(Incoming("review", rng.choice(names))), 2000)
    report("/review, random films (memory + SQLite cache)", spread, "p50 ≤ 2 ms, p99 ≤ 5 ms", conditions)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'resident memory, peak':48} {rss:8.1f} MB  target ≤ 150 MB  {conditions}")
    await app.close()


def bench_lookup() -> None:
    """Exact, fuzzy and prefix lookup among 100,000 titles."""
    films = [Film(i, f"f{i}", t, 1950 + i % 70) for i, t in enumerate(titles(TITLES, seed=3))]
    start = time.perf_counter()
    index = FilmIndex(films)
    print(f"{'film index build':48} {time.perf_counter() - start:8.3f} s   ({TITLES:,} titles)")
    rng = random.Random(2)
    sample = [f.title for f in rng.sample(films, 1000)]
    it = iter(sample * 3)
    conditions = f"({TITLES:,} titles)"
    report("lookup, exact title", timed(lambda: index.find(next(it)), 1000), "p99 ≤ 2 ms", conditions)
    report(
        "lookup, one-letter typo (fuzzy)",
        timed(lambda: index.find(typo(next(it), rng)), 1000),
        "p99 ≤ 2 ms",
        conditions,
    )
    hits = sum(index.find(typo(f.title, rng)).film == f for f in films[:1000] if len(f.title) > 5)
    total = sum(len(f.title) > 5 for f in films[:1000])
    print(f"{'lookup, typo finds the film (titles > 5 chars)':48} {hits / total:8.1%}   ({total} queries)")
    report("autocomplete, 3-letter prefix", timed(lambda: index.complete(next(it)[:3]), 1000), "p99 ≤ 2 ms", conditions)


def bench_startup(db: Path) -> None:
    """Console start-up to ready: a process that starts, imports unchanged seeds, and exits at end of input."""
    env = {"FILMCLUB_DATABASE": str(db), "PATH": "", "HOME": str(db.parent)}
    command = [sys.executable, "-m", "bot", "console"]
    subprocess.run(command, input="", env=env, cwd=ROOT, check=True, capture_output=True)  # first start imports
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, input="", env=env, cwd=ROOT, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    report("console start-up to ready (whole process)", samples, "≤ 1 s", "(seeds already imported)")


def main() -> None:
    """Run every core benchmark and print its figures."""
    print(f"# core benchmarks — {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(bench_review(Path(tmp) / "bench.db"))  # first: its memory figure excludes the lookup's
        bench_lookup()
        bench_startup(Path(tmp) / "startup.db")


if __name__ == "__main__":
    main()
