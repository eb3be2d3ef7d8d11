"""A start-up error (a corrupt or full database) is one message and a prompt non-zero exit, in real processes."""

from __future__ import annotations

import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot import cli
from bot.app import App
from bot.bootstrap import build_app
from bot.config import Settings
from tests.conftest import ROOT

EXIT_WITHIN = 30.0  # s: generous on a loaded machine; a hang is for ever
PLATFORM_ENV = {
    "DISCORD_TOKEN": "offline.fake.token",
    "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",  # never reached: the database fails first
    "SLACK_BOT_TOKEN": "xoxb-offline",
    "SLACK_SIGNING_SECRET": "offline-secret",
    "SLACK_API_URL": "http://127.0.0.1:9/api/",
}
COMMANDS = [("console",), ("films",), ("review", "anora"), ("run", "discord"), ("run", "slack")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(db: Path, home: Path, **extra: str) -> dict[str, str]:
    """The environment of a filmclub process on `db` (no tokens of the machine, no network)."""
    return {"FILMCLUB_DATABASE": str(db), "HOME": str(home), "SLACK_PORT": str(_free_port())} | PLATFORM_ENV | extra


def start(command: tuple[str, ...], env: dict[str, str], **popen: object) -> subprocess.Popen[str]:
    """`filmclub COMMAND` as a real process; its stdin stays open, as a terminal's does."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *command], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT, **popen,  # type: ignore[call-overload]
    )  # fmt: skip


def finish(proc: subprocess.Popen[str], within: float = EXIT_WITHIN) -> tuple[int | None, str]:
    """Its exit status (None if it was still running after `within` s, then killed) and its stderr."""
    try:
        proc.wait(within)
    except subprocess.TimeoutExpired:
        proc.kill()
    _, err = proc.communicate()
    return (None if proc.returncode == -signal.SIGKILL else proc.returncode), err


async def _seeded(settings: Settings) -> None:
    app = await build_app(settings)
    await app.close()


def _smash(db: Path, table: str) -> None:
    """Overwrite the root page of `table` with garbage: the file opens and migrates, reading the table fails."""
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (root,) = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        (size,) = raw.execute("PRAGMA page_size").fetchone()
    with db.open("r+b") as out:
        out.seek((root - 1) * size)
        out.write(b"\xff" * size)


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
async def test_a_corrupt_database_is_reported_and_the_process_exits(
    settings: Settings, tmp_path: Path, command: tuple[str, ...]
) -> None:
    await _seeded(settings)
    _smash(settings.database, "films")
    status, err = finish(start(command, env_for(settings.database, tmp_path)))
    assert status == 2, f"exit status {status} (None: still running after {EXIT_WITHIN} s); stderr: {err[-500:]}"
    assert f"cannot use FILMCLUB_DATABASE={settings.database}: database disk image is malformed" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_database_path_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    status, err = finish(start(("console",), env_for(folder, tmp_path)))
    assert status == 2 and err == f"filmclub: cannot use FILMCLUB_DATABASE={folder}: unable to open database file\n"


def _file_size_limit(limit: int) -> None:
    # What a full disk does to SQLite's writes, without one: writes past `limit` bytes fail (EFBIG), the signal
    # that would kill the process for them is ignored.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.slow
@pytest.mark.parametrize("command", [("console",), ("run", "discord")], ids=" ".join)
async def test_a_database_that_cannot_be_written_at_start_up_is_reported_and_the_process_exits(
    settings: Settings, tmp_path: Path, command: tuple[str, ...]
) -> None:
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    await _seeded(Settings(database=settings.database, seeds=empty))  # migrated, with no review yet
    proc = start(command, env_for(settings.database, tmp_path), preexec_fn=lambda: _file_size_limit(60_000))
    status, err = finish(proc)  # importing the seeds writes more than 60 KB
    assert status == 2, f"exit status {status} (None: still running after {EXIT_WITHIN} s); stderr: {err[-500:]}"
    assert "disk I/O error" in err and "Traceback" not in err


@pytest.mark.slow
def test_a_migration_that_cannot_be_written_reports_the_write_error_not_the_rollback(tmp_path: Path) -> None:
    proc = start(("films",), env_for(tmp_path / "new.db", tmp_path), preexec_fn=lambda: _file_size_limit(60_000))
    status, err = finish(proc)
    assert status == 2 and "disk I/O error" in err
    assert "cannot rollback" not in err


async def test_any_failure_while_building_the_app_closes_the_database(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def database_threads() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if "_connection_worker_thread" in t.name}  # aiosqlite's

    before = database_threads()

    async def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(App, "import_paths", exhausted)
    with pytest.raises(MemoryError):
        await build_app(settings)
    for thread in database_threads() - before:
        thread.join(5)  # it ends once the close is done; a store left open never ends it
    assert database_threads() <= before  # the database's worker thread is gone: nothing holds the exit


def test_out_of_memory_is_one_line_and_a_non_zero_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    async def exhausted(*args: object) -> int:
        raise MemoryError

    monkeypatch.setenv("FILMCLUB_DATABASE", str(tmp_path / "m.db"))
    monkeypatch.setattr(cli, "cmd_films", exhausted)
    assert cli.main(["films"]) == 2
    assert capsys.readouterr().err == "filmclub: out of memory\n"


@pytest.mark.slow
async def test_an_unreachable_discord_api_is_reported_as_such_not_as_the_database(
    settings: Settings, tmp_path: Path
) -> None:
    await _seeded(settings)
    status, err = finish(start(("run", "discord"), env_for(settings.database, tmp_path)))  # API on port 9
    assert status == 2 and "Cannot connect to host 127.0.0.1:9" in err
    assert "FILMCLUB_DATABASE" not in err and "Traceback" not in err
