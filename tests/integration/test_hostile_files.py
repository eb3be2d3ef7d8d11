"""Hostile review files: one bad file must never stop the bot from starting."""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from tests.conftest import ROOT

HOSTILE_TITLE = "a " * 95_000  # 190 KB: under the file cap, but 95,000 words in one name
_MEMORY = 1024**3  # a start-up that needs more than 1 GB of address space is broken


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY, _MEMORY))


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"FILMCLUB_DATABASE": str(settings.database), "PATH": "", "HOME": str(settings.database.parent)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        preexec_fn=_limited,
    )


def test_cli_import_refuses_a_hostile_title_and_the_bot_still_starts(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "hostile.md"
    path.write_text(f"---\ntitle: {HOSTILE_TITLE}\nyear: 2020\n---\nA review.\n", encoding="utf-8")
    result = _cli(settings, "import", str(path))
    assert result.returncode == 1
    assert f"{path}:2: 'title' is 189,999 characters long; it may be at most 300" in result.stderr
    films = _cli(settings, "films")
    assert films.returncode == 0, films.stderr
    assert "Anora (2024)" in films.stdout


def test_start_up_survives_a_hostile_film_already_in_an_old_database(settings: Settings) -> None:
    assert _cli(settings, "films").returncode == 0  # creates and migrates the database
    with sqlite3.connect(settings.database) as db:
        film = db.execute(
            "INSERT INTO films (slug, title, year, aliases) VALUES ('untitled-2020', ?, 2020, ?)",
            (HOSTILE_TITLE, f'["{HOSTILE_TITLE}"]'),
        ).lastrowid
        db.execute("INSERT INTO reviews (film_id, body, content_hash) VALUES (?, 'A review.', 'x')", (film,))
    result = _cli(settings, "review", "anora", "--section", "summary")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("Anora (2024)")
