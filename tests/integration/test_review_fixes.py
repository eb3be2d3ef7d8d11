"""Edge cases found in review: dry-run previews, odd years, bad databases, other processes' imports, film rows."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import App
from bot.bootstrap import build_app
from bot.config import ConfigError, Settings, load_settings
from bot.ingest import IngestError, parse_review
from bot.models import Incoming, ReviewDoc
from bot.store import SqliteStore
from tests.conftest import ROOT, review_file


def _cli(tmp_path: Path, *args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"FILMCLUB_DATABASE": str(db or tmp_path / "c.db"), "PATH": "", "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_a_preview_changes_nothing_in_the_live_database(tmp_path: Path) -> None:
    _cli(tmp_path, "films")
    shown = _cli(
        tmp_path, "preview", "--platform", "slack", "--", "/schedule", "add", "anora", "#films", "friday", "19:00"
    )
    assert shown.returncode == 0 and "Schedule #1" in shown.stdout
    with sqlite3.connect(tmp_path / "c.db") as raw:
        assert raw.execute("SELECT count(*) FROM schedules").fetchone()[0] == 0


def test_a_year_in_other_digits_is_a_clean_error() -> None:
    with pytest.raises(IngestError, match="is not a year"):
        parse_review("---\ntitle: X\nyear: ²⁰²⁴\n---\nText\n".encode(), "odd.md")
    with pytest.raises(IngestError, match="is not a year"):
        parse_review("---\ntitle: X\nyear: ٢٠٢٤\n---\nText\n".encode(), "odd.md")


def test_an_unreadable_path_has_no_line_zero(tmp_path: Path) -> None:
    result = _cli(tmp_path, "import", str(tmp_path / "missing.md"))
    assert f"{tmp_path / 'missing.md'}: cannot read" in result.stderr and "missing.md:0" not in result.stderr


def test_a_database_that_is_not_sqlite_is_a_clean_error(tmp_path: Path) -> None:
    bogus = tmp_path / "not.db"
    bogus.write_text("this is not a database " * 100)
    result = _cli(tmp_path, "films", db=bogus)
    assert result.returncode == 2 and "cannot use FILMCLUB_DATABASE" in result.stderr
    assert "Traceback" not in result.stderr


def test_backup_of_a_missing_database_refuses(tmp_path: Path) -> None:
    result = _cli(tmp_path, "backup", str(tmp_path / "b.db"), db=tmp_path / "typo.db")
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [("FILMCLUB_LOG_LEVEL", "verbose"), ("FILMCLUB_GRACE_HOURS", "nan"), ("FILMCLUB_GRACE_HOURS", "-1"),
     ("DISCORD_POLL_HOURS", "1000"), ("SLACK_POLL_HOURS", "0"), ("SLACK_PORT", "70000")],
)  # fmt: skip
def test_out_of_range_settings_are_named(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({name: value}, None)


async def test_a_running_app_sees_reviews_another_process_imported(settings: Settings, tmp_path: Path) -> None:
    running = await build_app(settings)
    other = await build_app(settings)
    try:
        await other.import_paths([review_file(tmp_path, "late.md", "Late Arrival")])
        await running.sync(every=0)
        [answer] = await running.dispatch(Incoming("review", "late arrival"))
        assert answer.title and answer.title.startswith("Late Arrival")
    finally:
        await other.close()
        await running.close()


async def test_film_rows_merge_aliases_and_ignore_club_imports(tmp_path: Path) -> None:
    doc = ReviewDoc(title="Anora", year=2024, text="One.", aliases=("Ani",), director="Sean Baker")
    async with await SqliteStore.open(tmp_path / "f.db") as store:
        await store.upsert_review(doc)
        await store.upsert_review(replace(doc, text="Two.", author="B", aliases=("Anora (film)",)))
        await store.upsert_review(replace(doc, title="ANORA!", text="Club.", author="C", aliases=("Secret",)), "club-x")
        [film] = await store.films()
        assert film.title == "Anora" and film.aliases == ("Ani", "Anora (film)")


async def test_a_parser_bug_costs_one_file_not_the_import(app: App, tmp_path: Path, monkeypatch) -> None:
    import bot.app

    real = bot.app.read_review

    def flaky(path: Path):  # type: ignore[no-untyped-def]
        if path.name == "bad.md":
            raise RuntimeError("parser bug")
        return real(path)

    monkeypatch.setattr(bot.app, "read_review", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    review_file(folder, "bad.md", "Bad One")
    review_file(folder, "good.md", "Good One")
    report = await app.import_paths([folder])
    assert [Path(p).name for p in report.created] == ["good.md"]
    assert len(report.errors) == 1 and "bad.md" in str(report.errors[0])
