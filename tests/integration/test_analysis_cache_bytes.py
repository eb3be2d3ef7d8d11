"""The in-memory analysis cache is bounded by size in bytes, so long reviews cannot grow it past its budget."""

from __future__ import annotations

import tracemalloc

import pytest

import bot.app
from bot.app import App
from bot.models import ReviewDoc
from tests.conftest import SEEDS


async def _fill(app: App, count: int, text: str) -> None:
    for i in range(count):
        review, _ = await app.store.upsert_review(ReviewDoc(title=f"Bounded {i}", year=2000 + i, text=text))
        await app.analysis(review)


async def test_the_cache_keeps_fewer_long_analyses_than_short_ones(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.app, "_CACHE_BYTES", 200_000)
    long = (SEEDS / "anora.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    await _fill(app, 20, long)
    kept_long = len(app._analyses)
    assert app.analyses_bytes <= 200_000 and 0 < kept_long < 20
    app.forget_analyses()
    await _fill(app, 20, "A short review. It is good. The ending is sad.")
    assert len(app._analyses) == 20 and app.analyses_bytes <= 200_000


async def test_the_estimate_is_not_below_what_an_analysis_holds(app: App) -> None:
    long = (SEEDS / "anora.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    review, _ = await app.store.upsert_review(ReviewDoc(title="Measured", year=2001, text=long))
    await app.analysis(review)
    app.forget_analyses()
    tracemalloc.start()
    try:
        await app.analysis(review)  # from the store's cache, as after a restart
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert app.analyses_bytes >= held * 0.8  # the estimate is within a margin of the real size, or above it
