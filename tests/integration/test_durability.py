"""The database survives SIGKILL mid-import, and an online backup is a consistent copy."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store import SqliteStore
from tests.conftest import ROOT, review_file

FILES = 150


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(FILES):
        body = f"Film number {i} is a study of patience. " * 40 + f"Is film {i} worth it?"
        review_file(folder, f"f{i:03}.md", f"Film {i:03}", "2001", body)
    return folder


def _check(db: Path) -> int:
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        reviews = raw.execute("SELECT f.title, r.body, r.id FROM reviews r JOIN films f ON f.id = r.film_id").fetchall()
        for title, body, _ in reviews:  # never half a review: the whole body of its own file
            number = int(title.split()[1])
            assert body.endswith(f"Is film {number} worth it?")
        searchable = raw.execute("SELECT count(*) FROM review_search").fetchone()[0]
        assert searchable == len(reviews)
        return len(reviews)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as raw:
            return int(raw.execute("SELECT count(*) FROM reviews").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet


@pytest.mark.slow
def test_sigkill_at_arbitrary_points_of_an_import_loses_no_consistency(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), tmp_path / "k.db"
    env = {"FILMCLUB_DATABASE": str(db), "PATH": "", "HOME": str(tmp_path), "FILMCLUB_SEEDS": str(tmp_path / "none")}
    command = [sys.executable, "-m", "bot", "import", str(folder)]
    counts = []
    for target in (FILES // 5, FILES // 2, FILES * 4 // 5):
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _stored(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)  # mid-import: between, or inside, a review's transaction
        proc.wait()
        counts.append(_check(db))
    print("reviews stored at each kill:", counts)
    assert counts == sorted(counts) and counts[-1] < FILES  # progress kept, and the kills landed mid-import
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)
    assert _check(db) == FILES


async def test_backup_is_a_consistent_copy_while_the_store_is_open(tmp_path: Path) -> None:
    from bot.bootstrap import build_app
    from bot.config import Settings

    app = await build_app(Settings(database=tmp_path / "live.db", seeds=ROOT / "seeds"))
    try:
        await app.import_paths([review_file(tmp_path, "x.md", "Backed Up")])
        await app.store.backup(tmp_path / "copy" / "backup.db")
    finally:
        await app.close()
    async with await SqliteStore.open(tmp_path / "copy" / "backup.db") as copy:
        assert await copy.integrity() == "ok"
        assert {f.title for f in await copy.films()} >= {"Anora", "Backed Up"}


def test_cli_backup_refuses_to_overwrite_and_copies(tmp_path: Path) -> None:
    env = {"FILMCLUB_DATABASE": str(tmp_path / "live.db"), "PATH": "", "HOME": str(tmp_path)}
    run = [sys.executable, "-m", "bot"]
    subprocess.run([*run, "films"], env=env, cwd=ROOT, check=True, capture_output=True)
    made = subprocess.run([*run, "backup", str(tmp_path / "b.db")], env=env, cwd=ROOT, capture_output=True, text=True)
    assert made.returncode == 0 and "integrity: ok" in made.stdout
    again = subprocess.run([*run, "backup", str(tmp_path / "b.db")], env=env, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 2 and "--force" in again.stderr
    with sqlite3.connect(tmp_path / "b.db") as raw:
        assert raw.execute("SELECT title FROM films").fetchall() == [("Anora",)]


async def test_every_commit_is_synced_to_disk_before_it_returns(tmp_path: Path) -> None:
    async with await SqliteStore.open(tmp_path / "sync.db") as store:
        row = await store.fetchone("PRAGMA synchronous")
    assert row is not None and row[0] == 2  # FULL: an acknowledged vote survives a power loss, not only a crash
