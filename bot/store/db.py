"""Opening the SQLite database: pragmas and numbered migrations."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.clock import SystemClock, utc_text
from bot.ports import Clock

# Every commit is fsynced before it returns, so what was acknowledged (a vote, a claimed occurrence) survives a
# power loss, not only a crash; NORMAL could lose the last commits. Measured in bench/bench_durability.py.
SYNCHRONOUS = "FULL"
FileId = tuple[int, int]  # (device, inode): which file a path names


class DatabaseGone(sqlite3.DatabaseError):
    """The database file was deleted or replaced while open: every later write would go to a file no one sees."""

    def __init__(self) -> None:
        super().__init__(
            "the file was deleted or replaced while filmclub was running; stopped so that no write is lost "
            "(put the file back, or restore a backup, and start again)"
        )


def file_id(path: Path) -> FileId | None:
    """The identity of the file at `path`, None if there is none."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """The numbered migration scripts, in order."""
    folder = resources.files("bot.store") / "migrations"
    found = [(_MIGRATION.match(p.name), p) for p in folder.iterdir()]
    return sorted((int(m.group(1)), p.read_text("utf-8")) for m, p in found if m)


async def connect(path: Path | str, clock: Clock | None = None) -> aiosqlite.Connection:
    """Open the database with WAL, foreign keys and a busy timeout, migrated to the latest version.

    `db_now()` in SQL is the database's clock (`clock`, by default the system's UTC time): leases, retries and
    due times are compared against it, never against one process's own clock.
    """
    if str(path) != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # reported as the database's problem, like any other opening error
            raise sqlite3.OperationalError(f"cannot create its folder: {exc}") from exc
    db = await _open(path)
    source = clock or SystemClock()
    try:
        db.row_factory = aiosqlite.Row
        await db.create_function("db_now", 0, lambda: utc_text(source.now()), deterministic=False)
        await db.execute("PRAGMA journal_mode = WAL")
        await db.execute("PRAGMA foreign_keys = ON")
        await db.execute("PRAGMA busy_timeout = 10000")
        await db.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        await migrate(db)
    except BaseException:
        await db.close()  # its worker thread would otherwise keep the process alive
        raise
    return db


async def _open(path: Path | str) -> aiosqlite.Connection:
    pending = aiosqlite.connect(path, isolation_level=None)
    try:
        return await pending
    except BaseException:
        # aiosqlite stops its worker thread without waiting for it; one that outlives the event loop prints a
        # traceback over the clean error ("unable to open database file"), so wait for it here.
        await asyncio.to_thread(pending._thread.join, 5)
        raise


async def migrate(db: aiosqlite.Connection) -> None:
    """Apply every migration newer than the database's user_version, each in one transaction."""
    async with db.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    current = int(row[0]) if row else 0
    for number, script in migrations():
        if number <= current:
            continue
        # executescript commits first; BEGIN IMMEDIATE makes a racing process wait, then re-check.
        await db.execute("BEGIN IMMEDIATE")
        async with db.execute("PRAGMA user_version") as cur:
            again = await cur.fetchone()
        if again and int(again[0]) >= number:
            await db.execute("COMMIT")
            continue
        try:
            for statement in _statements(script):
                await db.execute(statement)
            await db.execute(f"PRAGMA user_version = {number:d}")
            await db.execute("COMMIT")
        except BaseException:
            await _rollback(db)
            raise


async def _rollback(db: aiosqlite.Connection) -> None:
    """Roll back if a transaction is still open: a full disk or an I/O error may have ended it already, and the
    error to report is that one, not "cannot rollback - no transaction is active"."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            await db.execute("ROLLBACK")


def _statements(script: str) -> list[str]:
    """Split a migration into complete statements (sqlite3 knows where triggers end)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    return [s for s in out if s.strip(" \n;")] + ([buffer.strip()] if buffer.strip() else [])
