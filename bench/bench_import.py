"""Import figures: 1,000 generated review files through App.import_paths, with a profile of where time goes.

Run: .venv/bin/python -m bench.bench_import [--reviews 1000] [--runs 3] [--top 25]

Each run imports the same generated folder into a fresh SQLite file (parse, store, analyse, cache the
analysis, rebuild the film index), end to end. The figure is the median run; one more run under
cProfile says where the time goes (main thread only: SQLite work on aiosqlite's thread shows up as
the event loop waiting in select). It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import machine, titles
from bot.bootstrap import build_app
from bot.config import Settings

FIRST = ("Mara", "Tomas", "Ines", "Kwame", "Lena", "Ravi", "Sofia", "Jonah", "Aiko", "Dmitri", "Nadia", "Oren")
LAST = ("Okafor", "Lindqvist", "Moreau", "Takahashi", "Bennett", "Castillo", "Novak", "Haddad", "Reyes", "Kowalski")
AWARDS = (
    "{actor} won the BAFTA Award for Best Actress for the role, and deserved it.",
    "The film was nominated for the Academy Award for Best Picture in {next_year}.",
    "{director} took home the Palme d'Or at Cannes, beating {rival} in a close race.",
    "{actor} is a strong contender for the Golden Globe for Best Actor this winter.",
    "It won Best Cinematography at the Independent Spirit Awards, and {rival} was nominated for Best Supporting Actor.",
)
PARAGRAPHS = (
    "{director} is no stranger to stories about people on the edge, and {title} ({year}) is his most assured film "
    "yet. From the first scene the camera stays close to {actor}, whose restless energy carries the story through "
    "its quieter stretches. The city is shot in long, patient takes that let the noise of the street into every "
    "room, and the result feels less like a plot than a season lived alongside someone.",
    "What makes {title} so compelling is its balance of humour and heartache. A dinner scene that begins as a farce "
    "ends in a silence nobody at the table can break, and {actor} plays both halves without a visible seam. Does the "
    "film earn that turn, or does it lean on the performance to cover a jump in the writing? I kept asking myself "
    "that on the way home.",
    "The screenplay is at its best when it trusts the audience. Information arrives sideways, in overheard phone "
    "calls and half-finished arguments, and {director} never stops to explain what a glance already said. Some "
    "viewers will find the middle hour slow; I found it generous, a space in which the characters get to be more "
    "than their function in the plot.",
    "Not everything works. A subplot about {rival}'s failing restaurant feels imported from another film, and the "
    "score underlines emotions the images had already made plain. How much of the family's past do we actually need "
    "to understand the choice at the centre of the story? The film seems unsure, and it shows in the editing.",
    "The ending divides people, and it should. Without giving too much away, the final scene returns to the "
    "kitchen where the story began, and what changed is written on {actor}'s face rather than spoken aloud. Is it a "
    "reconciliation, or a surrender dressed up as one? The film refuses to say, and the refusal is its boldest move.",
    "Technically, {title} is superb. The cinematography favours natural light and deep shadows, the sound design "
    "lets distant traffic and rain do the work of a score, and the production design fills every flat with objects "
    "that tell you who lived there before. It is a film you could watch with the sound off and still follow.",
    "It also belongs to a conversation about who gets to tell stories about work and money. {director} spent a "
    "year with the families the film is based on, and that research shows in small, precise details: the way rent "
    "is counted in coins, the jokes that only make sense after a double shift. Whether outsiders can ever get this "
    "fully right is a fair question to bring to the discussion.",
    "Seen next to the director's earlier films, {title} feels like a summation. The same themes of loyalty, class "
    "and the price of staying put return, but the anger of the early work has softened into something closer to "
    "compassion. Some will miss the old edge. I think the film is braver for letting it go.",
    "The supporting cast deserves more than a line. {rival} brings a wounded dignity to a role that could have been "
    "a cliché, and the children are directed with rare tact, never cute and never used. Their scenes together have "
    "the loose, overlapping rhythm of real conversation, which is harder to stage than any action sequence.",
    "In the end, {title} is a film about what people owe each other, and about the moment when a debt becomes a "
    "bond. It is not perfect, and it is not trying to be. It is alive, and in a year of polished and forgettable "
    "releases, that counts for a great deal. See it with someone you can argue with afterwards.",
)


def review_text(rng: random.Random, title: str, year: int) -> str:
    """A 400–1,000-word review of a made-up film: template paragraphs, names and award sentences varied."""
    names = {
        "title": title, "year": year, "next_year": year + 1,
        "director": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "actor": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "rival": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
    }  # fmt: skip
    chosen = rng.sample(PARAGRAPHS, len(PARAGRAPHS))[: rng.randint(6, 14)]
    chosen += [rng.choice(PARAGRAPHS) for _ in range(rng.randint(6, 14) - len(chosen))]
    body = [p.format(**names) for p in chosen]
    for _ in range(rng.randint(0, 3)):  # about a third of the paragraphs carry an award sentence or two
        i = rng.randrange(len(body))
        body[i] += " " + rng.choice(AWARDS).format(**names)
    while len(" ".join(body).split()) < 400:
        body.append(rng.choice(PARAGRAPHS).format(**names))
    while len(" ".join(body).split()) > 1000:
        body.pop()
    return "\n\n".join(body)


def write_reviews(folder: Path, count: int) -> int:
    """Write `count` review files; their total word count."""
    rng, total = random.Random(11), 0
    for i, title in enumerate(titles(count, seed=17)):
        year = 1960 + rng.randrange(65)
        text = review_text(rng, title, year)
        total += len(text.split())
        front = f"---\ntitle: {title}\nyear: {year}\nauthor: bench\n---\n"
        (folder / f"review-{i:04d}.md").write_text(front + text + "\n", encoding="utf-8")
    return total


async def import_once(folder: Path, db: Path) -> tuple[float, int]:
    """Seconds for App.import_paths of the folder into a fresh database; how many reviews it created."""
    app = await build_app(Settings(database=db, seeds=db.parent / "no-seeds"))
    try:
        start = time.perf_counter()
        report = await app.import_paths([folder])
        seconds = time.perf_counter() - start
        assert report.ok, report.errors[:3]
        return seconds, len(report.created)
    finally:
        await app.close()


def profile_once(folder: Path, db: Path, top: int) -> None:
    """One import under cProfile: the functions with the most cumulative time, and the main parts."""
    profiler = cProfile.Profile()
    profiler.enable()
    asyncio.run(import_once(folder, db))
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    parts = {
        "analysis (bot.analysis.analyze)": ("bot/analysis/__init__.py", "analyze"),
        "store: upsert_review": ("bot/store/sqlite.py", "upsert_review"),
        "store: save_analysis": ("bot/store/sqlite.py", "save_analysis"),
        "read + parse files (read_review)": ("bot/ingest.py", "read_review"),
        "film index rebuild (App.refresh)": ("bot/app.py", "refresh"),
        "event loop waiting (SQLite thread, select)": ("~", "<method 'poll' of 'select.epoll' objects>"),
    }
    print(f"profile (cProfile, main thread; profiled run {total:.1f} s):")
    for label, (file, name) in parts.items():
        cum = sum(v[3] for k, v in stats.stats.items() if k[0].endswith(file) and k[2] == name)  # type: ignore[attr-defined]
        print(f"  {label:46} {cum:7.2f} s  {cum / total:6.1%}")
    for order, restriction, label in (("cumulative", r"bot/", "bot/ functions"), ("tottime", "", "all functions")):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(restriction, top)
        lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
        start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
        print(f"  top {top} {label} by {order} time:")
        for line in lines[start:]:
            print(
                "  " + line.replace(str(Path.cwd()) + "/", "").replace(str(Path(asyncio.__file__).parent.parent), "…")
            )


def main() -> None:
    """Generate the reviews, time the imports, then profile one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(f"# import benchmarks — {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reviews"
        folder.mkdir()
        words = write_reviews(folder, args.reviews)
        conditions = f"({args.reviews:,} files, {words / args.reviews:.0f} words each on average, fresh SQLite file)"
        runs = [asyncio.run(import_once(folder, Path(tmp) / f"run{i}.db")) for i in range(args.runs)]
        seconds = [s for s, _ in runs]
        assert all(n == args.reviews for _, n in runs)
        median = statistics.median(seconds)
        print(
            f"{'import with analysis, total':48} {median:8.2f} s   median of {args.runs}  target ≤ 60 s  {conditions}"
        )
        print(f"{'import with analysis, per review':48} {median / args.reviews * 1e3:8.2f} ms  "
              f"runs: {', '.join(f'{s:.2f}' for s in seconds)} s")  # fmt: skip
        profile_once(folder, Path(tmp) / "profile.db", args.top)


if __name__ == "__main__":
    main()
