"""Shared helpers of the benchmarks: timing, percentiles and synthetic data."""

from __future__ import annotations

import platform
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    """A one-line description of the machine the figures were taken on."""
    import os

    return (
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
    )


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Median and 99th percentile, in milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1e3, p99 * 1e3


def report(name: str, samples: list[float], target: str = "", conditions: str = "") -> None:
    """Print one figure line: p50/p99 in ms, the target and the conditions."""
    p50, p99 = percentiles(samples)
    extra = f"  target {target}" if target else ""
    print(f"{name:48} p50 {p50:8.3f} ms  p99 {p99:8.3f} ms  n={len(samples)}{extra}  {conditions}")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` calls of `fn`."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


async def atimed(fn: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` awaited calls of `fn`."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        await fn()
        out.append(time.perf_counter() - start)
    return out


def titles(count: int, seed: int = 7) -> list[str]:
    """Distinct, title-like strings from a made-up vocabulary."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("aeioulnrstmkdpgbh") for _ in range(rng.randint(3, 9))) for _ in range(6000)]
    seen: set[str] = set()
    while len(seen) < count:
        seen.add(" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))).title())
    return sorted(seen)


def typo(text: str, rng: random.Random) -> str:
    """The text with one character dropped."""
    i = rng.randrange(len(text))
    return text[:i] + text[i + 1 :]
