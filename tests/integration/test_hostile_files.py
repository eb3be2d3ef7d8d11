"""Hostile review files: one bad file must never stop the bot from starting."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from tests.conftest import ROOT, misnamed_file, review_file

HOSTILE_TITLE = "a " * 95_000  # 190 KB: under the file cap, but 95,000 words in one name
_MEMORY = 1024**3  # a start-up that needs more than 1 GB of address space is broken


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY, _MEMORY))


def _cli(settings: Settings, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {"FILMCLUB_DATABASE": str(settings.database), "PATH": "", "HOME": str(settings.database.parent)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
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


def test_cli_import_refuses_fifos_devices_huge_and_misnamed_files_and_imports_the_rest(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = review_file(folder, "good.md", "Good Film")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # nobody ever writes to it: reading it would wait for ever
    huge = tmp_path / "huge.md"
    with huge.open("wb") as sparse:
        sparse.truncate(3 * 1024**3)  # 3 GB on paper, no blocks on disk: more than the 1 GB the import may use
    misnamed = misnamed_file(folder)
    result = _cli(settings, "import", str(fifo), "/dev/zero", str(huge), str(folder), timeout=60)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors == [
        f"error     {fifo}: is not a regular file (a FIFO); a review file must be a regular file",
        "error     /dev/zero: is not a regular file (a character device); a review file must be a regular file",
        f"error     {huge}: the file is 3,145,728 KB; a review file may be at most 200 KB",
        f"error     {misnamed}: the file name is not UTF-8; rename the file",
    ]
    assert f"created   {good}" in result.stdout and "1 imported" in result.stdout
