"""Benchmark the analysis: median/p95 for a ~1,000-word review, and 1,000 analyses (single core).

Run: .venv/bin/python bench/bench_analysis.py [--splitters]
--splitters also compares sentence splitters (the regex splitter, pysbd, syntok) on speed and on
how often a labelled sentence (dev set and fixtures) comes out whole. It prints figures; it is not a test.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.analysis import analyze  # noqa: E402
from bot.analysis.names import clear_caches  # noqa: E402
from bot.analysis.text import split_sentences, words  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "reviews"
BLIND = ROOT / "tests" / "fixtures" / "blind"
BLIND2 = ROOT / "tests" / "fixtures" / "blind2"
BLIND3 = ROOT / "tests" / "fixtures" / "blind3"
DEV = Path(os.environ.get("FILMCLUB_SHARED") or ROOT.parent / "shared") / "dev-reviews"  # as tests/shared.py


def _body(path: Path) -> str:
    """A review file's text without its front matter."""
    raw = path.read_text(encoding="utf-8")
    return raw.split("\n---\n", 1)[1] if raw.startswith("---\n") else raw


def sample_review() -> str:
    """About 1,000 words of review prose, from the project's own fixtures."""
    return _body(FIXTURES / "portrait-of-a-lady-on-fire.md") + "\n" + _body(FIXTURES / "the-farewell.md")


def bench_analysis(runs: int = 300) -> None:
    """Median and p95 per analysis, then the time for 1,000 analyses."""
    text = sample_review()
    for _ in range(20):
        analyze(text, title="Portrait of a Lady on Fire")
    times = []
    for _ in range(runs):
        clear_caches()  # each run sees the review for the first time
        start = time.perf_counter()
        analyze(text, title="Portrait of a Lady on Fire")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"review: {words(text)} words, {len(text)} characters")
    print(
        f"analyze(): median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms over {runs} runs (target <= 30 ms median)"
    )
    start = time.perf_counter()
    for _ in range(1000):
        clear_caches()
        analyze(text, title="Portrait of a Lady on Fire")
    print(f"1,000 analyses (cold caches): {time.perf_counter() - start:.2f} s")
    bench_blind()


def bench_blind(runs: int = 30) -> None:
    """Median per review of both blind sets (short capsules to a ~1,800-word essay), cold caches."""
    for path in sorted(BLIND.glob("*.md")) + sorted(BLIND2.glob("*.md")) + sorted(BLIND3.glob("*.md")):
        text = _body(path)
        times = []
        for _ in range(runs):
            clear_caches()
            start = time.perf_counter()
            analyze(text, title=path.stem)
            times.append((time.perf_counter() - start) * 1000)
        print(f"  {path.parent.name}/{path.stem}: {words(text)} words, median {statistics.median(times):.2f} ms")


Splitter = Callable[[str], list[tuple[int, int]]]


def _regex(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(text)]


def _pysbd() -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [(s.start, s.end) for s in segmenter.segment(text)]


def _syntok() -> Splitter | None:
    try:
        from syntok import segmenter
    except ImportError:
        return None

    def split(text: str) -> list[tuple[int, int]]:
        spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                first, last = sentence[0], sentence[-1]
                spans.append((first.offset, last.offset + len(last.value)))
        return spans

    return split


def _labelled() -> list[tuple[str, list[str]]]:
    """(text, labelled sentences and questions) for every labelled review we can read."""
    out = []
    for folder in (DEV, FIXTURES):
        for md in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            labels = md.with_suffix(".expected.json")
            if labels.exists():
                data = json.loads(labels.read_text(encoding="utf-8"))
                wanted = [a["sentence"] for a in data["awards"]] + data["explicit_questions"]
                # A list bullet is markup, not part of the sentence.
                wanted = [w.lstrip("-*• ") for w in wanted]
                out.append((_body(md), wanted))
    return out


def compare_splitters() -> None:
    """Speed on the sample review; share of labelled sentences that come out whole."""
    text = sample_review()
    data = _labelled()
    candidates = {"regex (bot.analysis.text)": _regex, "pysbd": _pysbd(), "syntok": _syntok()}
    for name, split in candidates.items():
        if split is None:
            print(f"{name}: not installed")
            continue
        times = []
        for _ in range(30):
            start = time.perf_counter()
            split(text)
            times.append((time.perf_counter() - start) * 1000)
        whole = total = 0
        for review, wanted in data:
            sentences = [review[a:b] for a, b in split(review)]
            for target in wanted:
                total += 1
                whole += any(target.strip() in s for s in sentences)
        print(
            f"{name}: median {statistics.median(times):.2f} ms per ~1,000 words; labelled sentences whole {whole}/{total}"
        )


if __name__ == "__main__":
    bench_analysis()
    if "--splitters" in sys.argv:
        compare_splitters()
