"""The SQLite store on a real file: pragmas, migrations, upserts, search and the analysis cache."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from bot.models import ReviewDoc, Summary
from bot.store import SqliteStore
from bot.store.db import migrations

DOC = ReviewDoc(title="Anora", year=2024, text="Mikey Madison is superb as Ani.", director="Sean Baker")


async def test_pragmas_and_migrations(tmp_path: Path) -> None:
    async with await SqliteStore.open(tmp_path / "x.db") as store:
        assert (await store.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
        assert (await store.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
        version = (await store.fetchone("PRAGMA user_version"))[0]  # type: ignore[index]
        assert version == migrations()[-1][0]
    async with await SqliteStore.open(tmp_path / "x.db") as again:  # re-opening applies nothing twice
        assert (await again.fetchone("PRAGMA user_version"))[0] == version  # type: ignore[index]


async def test_reimport_unchanged_changes_nothing_and_an_edit_updates(tmp_path: Path) -> None:
    async with await SqliteStore.open(tmp_path / "x.db") as store:
        first, outcome = await store.upsert_review(DOC)
        assert outcome == "created"
        same, outcome = await store.upsert_review(DOC)
        assert outcome == "unchanged" and same.id == first.id
        edited, outcome = await store.upsert_review(replace(DOC, text="A new text."))
        assert outcome == "updated" and edited.id == first.id and edited.text == "A new text."
        assert len(await store.films()) == 1
        assert [f.title for f in await store.search("new text")] == ["Anora"]
        assert await store.search("superb") == []  # the old text left the index


async def test_club_reviews_stay_in_their_club(tmp_path: Path) -> None:
    async with await SqliteStore.open(tmp_path / "x.db") as store:
        await store.upsert_review(replace(DOC, title="Secret Film", text="club only words"), club_id="club-a")
        assert [f.title for f in await store.films("club-a")] == ["Secret Film"]
        assert await store.films("club-b") == []
        assert await store.search("club only", "club-b") == []
        assert len(await store.search("club only", "club-a")) == 1


async def test_analysis_cache_is_keyed_by_version(tmp_path: Path) -> None:
    from bot.models import Analysis

    async with await SqliteStore.open(tmp_path / "x.db") as store:
        review, _ = await store.upsert_review(DOC)
        old = Analysis("Anora", 2024, Summary("Old."), version="1")
        await store.save_analysis(review.id, old)
        assert await store.cached_analysis(review.id, "1") == old
        assert await store.cached_analysis(review.id, "2") is None
        await store.save_analysis(review.id, replace(old, version="2"))
        assert await store.cached_analysis(review.id, "1") is None


async def test_search_survives_fts_syntax_in_queries(tmp_path: Path) -> None:
    async with await SqliteStore.open(tmp_path / "x.db") as store:
        await store.upsert_review(DOC)
        for query in ['"', "AND OR NOT", "madison*", "x:y", "'; DROP TABLE films; --", "(", ""]:
            await store.search(query)
        assert len(await store.films()) == 1


async def test_foreign_keys_cascade(tmp_path: Path) -> None:
    async with await SqliteStore.open(tmp_path / "x.db") as store:
        await store.upsert_review(DOC)
    with sqlite3.connect(tmp_path / "x.db") as raw:
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("DELETE FROM films")
        assert raw.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
