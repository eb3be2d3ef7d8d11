"""A database deleted or replaced under a running bot stops it with a clear message (real processes), and Ctrl-C
stops the console at once."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from adapters.discord.fake_server import FakeDiscord
from bot.config import Settings
from bot.store import DatabaseGone, SqliteStore
from tests.conftest import ROOT
from tests.integration.test_startup import env_for

GONE = "the file was deleted or replaced while filmclub was running"


@asynccontextmanager
async def bot_process(command: tuple[str, ...], env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """`filmclub COMMAND` as a real process, its stdin left open as a terminal's is; killed if still running."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def exit_of(proc: asyncio.subprocess.Process, within: float = 15) -> tuple[int | None, str]:
    """The exit status within `within` s (None: still running) and stderr."""
    try:
        async with asyncio.timeout(within):
            _, err = await proc.communicate()
    except TimeoutError:
        return None, ""
    return proc.returncode, err.decode()


async def started_console(proc: asyncio.subprocess.Process) -> None:
    """Wait until the console answers (its start-up, seeds and scheduler, is done)."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"/films\n")
    await proc.stdin.drain()
    async with asyncio.timeout(60):
        while b"Films" not in await proc.stdout.readline():
            pass


def _delete(db: Path) -> None:
    db.unlink()


def _replace(db: Path) -> None:
    copy = db.with_name("copy.db")
    shutil.copyfile(db, copy)
    os.replace(copy, db)  # a different file under the same name: the bot's writes would go to the old one


@pytest.mark.slow
@pytest.mark.parametrize("change", [_delete, _replace], ids=["deleted", "replaced"])
async def test_the_console_stops_when_its_database_is_deleted_or_replaced(
    settings: Settings, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    async with bot_process(("console",), env_for(settings.database, tmp_path)) as proc:
        await started_console(proc)
        change(settings.database)
        status, err = await exit_of(proc)
    assert status == 2, f"exit status {status} (None: still running); stderr: {err[-500:]}"
    assert f"cannot use FILMCLUB_DATABASE={settings.database}: {GONE}" in err and "Traceback" not in err


@pytest.mark.slow
async def test_a_running_discord_bot_stops_when_its_database_is_deleted(settings: Settings, tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        env = env_for(settings.database, tmp_path, DISCORD_API_BASE=fake.base)
        async with bot_process(("run", "discord"), env) as proc:
            async with asyncio.timeout(60):
                await fake.gateway.connected.wait()  # the bot's gateway session
            settings.database.unlink()
            status, err = await exit_of(proc)
    assert status == 2, f"exit status {status} (None: still running); stderr: {err[-500:]}"
    assert GONE in err and "Traceback" not in err


@pytest.mark.slow
async def test_a_running_slack_bot_stops_when_its_database_is_deleted(settings: Settings, tmp_path: Path) -> None:
    async with bot_process(("run", "slack"), env_for(settings.database, tmp_path)) as proc:
        assert proc.stderr is not None
        async with asyncio.timeout(60):
            while b"HTTP mode" not in await proc.stderr.readline():
                pass
        settings.database.unlink()
        status, err = await exit_of(proc)
    assert status == 2, f"exit status {status} (None: still running); stderr: {err[-500:]}"
    assert GONE in err and "Traceback" not in err


async def test_a_write_to_a_deleted_database_is_refused_not_lost(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    async with await SqliteStore.open(db) as store:
        await store.data_version()
        db.unlink()
        with pytest.raises(DatabaseGone):
            async with store.transaction() as conn:
                await conn.execute("INSERT INTO film_queue (club_id, film_slug, added_by) VALUES ('c', 'f', 'u')")
        with pytest.raises(DatabaseGone):
            await store.data_version()


@pytest.mark.slow
async def test_ctrl_c_stops_the_console_at_once(settings: Settings, tmp_path: Path) -> None:
    async with bot_process(("console",), env_for(settings.database, tmp_path)) as proc:
        await started_console(proc)  # now waiting for the next line, as at a prompt
        proc.send_signal(signal.SIGINT)
        status, _ = await exit_of(proc, within=5)
    assert status == 130, f"exit status {status} (None: still running 5 s after Ctrl-C)"
