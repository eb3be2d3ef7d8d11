"""The film index follows other processes' writes: only changes to films are indexed, and only the changed films."""

from __future__ import annotations

import asyncio
import os
import sys
from asyncio.subprocess import PIPE
from pathlib import Path

import pytest

import bot.app
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Incoming
from bot.store import SqliteStore
from tests.conftest import ROOT, review_file

# A member's vote, written by a second process through the real poll store.
VOTE = """
import asyncio, sys
from bot.store import SqliteStore
from bot.store.polls import SqlitePolls

async def main() -> None:
    async with await SqliteStore.open(sys.argv[1]) as store:
        polls = SqlitePolls(store)
        poll = await polls.insert("club", "C1", None, "Which?", ["a", "b"], False, None)
        await polls.replace_vote(poll, "U1", 1)

asyncio.run(main())
"""


async def _process(settings: Settings, *argv: str) -> None:
    """Run `python ARGV…` in its own process on the test's database, and wait for it to succeed."""
    env = {**os.environ, "FILMCLUB_DATABASE": str(settings.database), "FILMCLUB_SEEDS": str(settings.seeds)}
    proc = await asyncio.create_subprocess_exec(sys.executable, *argv, cwd=ROOT, env=env, stdout=PIPE, stderr=PIPE)
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()


async def _title(app: bot.app.App, query: str) -> str:
    [answer] = await app.dispatch(Incoming("review", query))
    return answer.title or ""


async def test_another_process_s_vote_or_schedule_rebuilds_no_index(settings: Settings) -> None:
    app = await build_app(settings)
    try:
        assert (await _title(app, "anora")).startswith("Anora")
        index, rebuilds, generation = app.films, app.rebuilds, app.generation
        await _process(settings, "-c", VOTE, str(settings.database))
        schedule = ["schedule", "add", "anora", "--channel", "films", "--day", "fri", "--time", "19:00"]
        await _process(settings, "-m", "bot", *schedule)
        await app.sync(every=0)
        assert (await _title(app, "anora")).startswith("Anora")
        assert app.films is index  # the same index object: nothing rebuilt, nothing re-indexed
        assert (app.rebuilds, app.generation) == (rebuilds, generation)
    finally:
        await app.close()


async def test_another_process_s_import_indexes_its_films_only(settings: Settings, tmp_path: Path) -> None:
    app = await build_app(settings)
    try:
        rebuilds, count, layered = app.rebuilds, len(app.films), app.films.layered
        await _process(settings, "-m", "bot", "import", str(review_file(tmp_path, "late.md", "Late Arrival")))
        await app.sync(every=0)
        assert (await _title(app, "late arrival")).startswith("Late Arrival")
        assert app.rebuilds == rebuilds and len(app.films) == count + 1 and app.films.layered == layered + 1
        assert [f.title for f in app.films.complete("late")] == ["Late Arrival"]
    finally:
        await app.close()


async def test_a_big_import_elsewhere_is_indexed_whole_in_the_background(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.app, "_INCREMENTAL", 3)
    app = await build_app(settings)
    try:
        rebuilds = app.rebuilds
        folder = tmp_path / "many"
        folder.mkdir()
        for i in range(5):
            review_file(folder, f"m{i}.md", f"Marathon Film {i}")
        await _process(settings, "-m", "bot", "import", str(folder))
        await app.sync(every=0)  # answers at once from the index on hand; the new one is built beside it
        assert app._rebuild is not None
        await app._rebuild
        assert app.rebuilds == rebuilds + 1 and app.films.layered == 0
        assert (await _title(app, "marathon film 4")).startswith("Marathon Film 4")
    finally:
        await app.close()


async def test_an_edit_and_a_club_review_elsewhere_are_seen(settings: Settings, tmp_path: Path) -> None:
    app = await build_app(settings)
    try:
        path = review_file(tmp_path, "edit.md", "Second Look", body="First version of the review. It is good.")
        await app.import_paths([path])
        generation = app.generation
        review_file(tmp_path, "edit.md", "Second Look", body="Second version, rewritten. It is better now.")
        await _process(settings, "-m", "bot", "import", str(path))
        await app.sync(every=0)
        assert app.generation > generation  # answers kept for the old text are not served again
        film = app.find("second look").film
        assert film is not None
        review = await app.review_of(film)
        assert review is not None and review.text.startswith("Second version")
    finally:
        await app.close()


async def test_a_start_reads_the_saved_index_and_indexes_only_what_changed_since(
    settings: Settings, tmp_path: Path
) -> None:
    first = await build_app(settings)
    await first.import_paths([review_file(tmp_path, "a.md", "Archive Film")])
    assert first.rebuilds == 1  # the first start ever built the index whole, and saved it
    await first.close()
    await _process(settings, "-m", "bot", "import", str(review_file(tmp_path, "b.md", "Bulletin Film")))
    second = await build_app(settings)
    try:
        assert second.rebuilds == 0  # read from the store, not built
        assert (await _title(second, "archive film")).startswith("Archive Film")
        assert (await _title(second, "bulletin film")).startswith("Bulletin Film")
        assert [f.title for f in second.films.complete("b")] == ["Bulletin Film"]
    finally:
        await second.close()


async def test_a_saved_index_of_another_format_is_built_anew(settings: Settings) -> None:
    await (await build_app(settings)).close()
    async with await SqliteStore.open(settings.database) as store:
        await store.save_film_index(10**9, b"not an index")
    app = await build_app(settings)
    try:
        assert app.rebuilds == 1 and (await _title(app, "anora")).startswith("Anora")
    finally:
        await app.close()
