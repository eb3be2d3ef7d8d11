"""SqliteStore: the production store, on aiosqlite."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import aiosqlite

from bot.clock import SystemClock
from bot.codec import analysis_from_json, analysis_to_json
from bot.models import Analysis, Film, Review, ReviewDoc
from bot.ports import Clock, ImportOutcome
from bot.store import sql
from bot.store.db import DatabaseGone, FileId, connect, file_id
from bot.text import fold, slugify


def content_hash(doc: ReviewDoc) -> str:
    """A hash of everything a review file says, so an unchanged re-import changes nothing."""
    parts = [doc.title, str(doc.year), doc.director or "", doc.author or "", doc.source or "", *doc.aliases, doc.text]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def film_slug(title: str, year: int | None) -> str:
    """The stable slug of a film: "anora-2024"."""
    return f"{slugify(title)}-{year}" if year else slugify(title)


def _same_film(row: aiosqlite.Row, doc: ReviewDoc) -> bool:
    """Whether a stored film with the doc's slug is the doc's film: the same title or one of its aliases, folded."""
    names = {fold(row["title"]), *(fold(a) for a in json.loads(row["aliases"]))}
    return fold(doc.title) in names


class SqliteStore:
    """Films, reviews and analyses in one SQLite file (WAL; writes serialised per process)."""

    def __init__(self, db: aiosqlite.Connection, clock: Clock | None = None) -> None:
        self.db = db
        self.clock: Clock = clock or SystemClock()  # what db_now() answers on this connection
        self._write_lock = asyncio.Lock()
        self._file: tuple[Path, FileId] | None = None  # the file opened, to notice it deleted or replaced

    @classmethod
    async def open(cls, path: Path | str, clock: Clock | None = None) -> SqliteStore:
        """Open (creating and migrating) the database at `path`; `clock` is the database's clock (db_now())."""
        clock = clock or SystemClock()
        store = cls(await connect(path, clock), clock)
        opened = await asyncio.to_thread(file_id, Path(path)) if str(path) != ":memory:" else None
        store._file = (Path(path), opened) if opened else None
        return store

    async def check_file(self) -> None:
        """Raise DatabaseGone if the database's path no longer names the file opened (deleted, or replaced)."""
        if self._file is not None and await asyncio.to_thread(file_id, self._file[0]) != self._file[1]:
            raise DatabaseGone()

    async def close(self) -> None:
        """Close the connection."""
        await self.db.close()

    async def __aenter__(self) -> SqliteStore:
        return self

    async def __aexit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()

    async def backup(self, target: Path | str) -> None:
        """A consistent online copy of the database at `target` (SQLite's backup API)."""
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        async with aiosqlite.connect(target) as copy:
            await self.db.backup(copy)

    async def data_version(self) -> int:
        """SQLite's data_version: it changes when another connection commits. DatabaseGone if the file went."""
        await self.check_file()
        row = await self.fetchone("PRAGMA data_version")
        return int(row[0]) if row else 0

    async def integrity(self) -> str:
        """SQLite's integrity check: "ok", or what is wrong."""
        rows = await self.fetchall("PRAGMA integrity_check")
        return "; ".join(str(r[0]) for r in rows)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: one at a time in this process, BEGIN IMMEDIATE across processes."""
        async with self._write_lock:
            await self.check_file()  # a write to a deleted file would be lost without an error
            await self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                await self.db.execute("ROLLBACK")
                raise
            await self.db.execute("COMMIT")

    # One job on the connection's thread per read: a cursor left open between two jobs would
    # hold a stale snapshot, and another task's BEGIN IMMEDIATE would then fail with "locked".
    async def fetchall(self, query: str, params: tuple[Any, ...] = ()) -> list[aiosqlite.Row]:
        """Rows of a read query."""
        return list(await self.db.execute_fetchall(query, params))

    async def fetchone(self, query: str, params: tuple[Any, ...] = ()) -> aiosqlite.Row | None:
        """The first row of a read query, if any."""
        rows = await self.fetchall(query, params)
        return rows[0] if rows else None

    # --- reviews -------------------------------------------------------------

    async def upsert_review(
        self, doc: ReviewDoc, club_id: str = "", *, seed: bool = False
    ) -> tuple[Review, ImportOutcome]:
        """Store a parsed review; the same film, club and author make the same review. A seed never replaces a
        review another file wrote (a host's edit of a seeded film stays), only its own earlier version."""
        digest = content_hash(doc)
        async with self.transaction() as db:
            film_id = await self._upsert_film(db, doc, club_id)
            async with db.execute(sql.REVIEW_BY_KEY, (film_id, club_id, doc.author or "")) as cur:
                row = await cur.fetchone()
            if row is not None and (row["content_hash"] == digest or (seed and not row["seeded"])):
                outcome: ImportOutcome = "unchanged"
                review_id = int(row["id"])
            else:
                review_id = await self._write_review(db, row, film_id, club_id, doc, digest, seed)
                outcome = "created" if row is None else "updated"
        review = await self.review(review_id)
        assert review is not None
        return review, outcome

    async def _upsert_film(self, db: aiosqlite.Connection, doc: ReviewDoc, club_id: str) -> int:
        """The film's id, creating it; a global review refreshes its title and director and adds its aliases
        (never drops others'), while a club's own review leaves a film that exists as it is for every club."""
        base = film_slug(doc.title, doc.year)
        for n in range(1, 100):
            slug = base if n == 1 else f"{base}-{n}"
            async with db.execute(sql.FILM_BY_SLUG, (slug,)) as cur:
                row = await cur.fetchone()
            if row is None or _same_film(row, doc):
                break  # a different film that shares the slug is never merged: the next free slug is this one's
        if row is None:
            cur = await db.execute(sql.INSERT_FILM, (slug, doc.title, doc.year, doc.director, json.dumps(doc.aliases)))
            return int(cur.lastrowid or 0)
        if not club_id:
            merged = list(dict.fromkeys([*json.loads(row["aliases"]), *doc.aliases]))
            await db.execute(sql.UPDATE_FILM, (doc.title, doc.director, json.dumps(merged), row["id"]))
        return int(row["id"])

    async def _write_review(
        self,
        db: aiosqlite.Connection,
        row: aiosqlite.Row | None,
        film_id: int,
        club_id: str,
        doc: ReviewDoc,
        digest: str,
        seed: bool = False,
    ) -> int:
        values = (doc.source, doc.text, digest, doc.path, int(seed))
        if row is None:
            cur = await db.execute(sql.INSERT_REVIEW, (film_id, club_id, doc.author or "", *values))
            review_id = int(cur.lastrowid or 0)
        else:
            review_id = int(row["id"])
            await db.execute(sql.UPDATE_REVIEW, (*values, review_id))
            await db.execute(sql.DELETE_ANALYSES, (review_id,))
            await db.execute(sql.DELETE_SEARCH, (review_id,))
        await db.execute(sql.INSERT_SEARCH, (doc.title, " ".join(doc.aliases), doc.text, review_id))
        return review_id

    async def review(self, review_id: int) -> Review | None:
        """One review by id."""
        row = await self.fetchone(sql.REVIEW_BY_ID, (review_id,))
        return _review(row) if row else None

    async def reviews_for(self, film_id: int, club_id: str = "") -> list[Review]:
        """The film's reviews visible to the club: its own first, then global ones."""
        return [_review(r) for r in await self.fetchall(sql.REVIEWS_FOR_FILM, (film_id, club_id, club_id))]

    async def films(self, club_id: str | None = None) -> list[Film]:
        """Every film with a review visible to the club (None: every film)."""
        if club_id is None:
            return [_film(r) for r in await self.fetchall(sql.ALL_FILMS)]
        return [_film(r) for r in await self.fetchall(sql.FILMS_FOR_CLUB, (club_id,))]

    async def film_clubs(self) -> dict[int, frozenset[str]]:
        """For each film, the clubs whose reviews of it exist ("" for a global review)."""
        out: dict[int, set[str]] = {}
        for row in await self.fetchall(sql.FILM_CLUBS):
            out.setdefault(int(row[0]), set()).add(str(row[1]))
        return {k: frozenset(v) for k, v in out.items()}

    # --- the film index's change log (migration 009) ------------------------------

    async def film_seq(self) -> int:
        """The latest film change's seq (0 before any): a film index built after reading it misses none."""
        row = await self.fetchone(sql.FILM_SEQ)
        return int(row[0]) if row else 0

    async def film_changes(self, since: int) -> tuple[int, list[int]]:
        """The films written (by any process) after seq `since`, and the seq they bring the reader to."""
        rows = await self.fetchall(sql.FILM_CHANGES, (since,))
        return (int(rows[-1][1]) if rows else since), [int(r[0]) for r in rows]

    async def films_by_id(self, ids: list[int]) -> tuple[list[Film], dict[int, frozenset[str]]]:
        """Those films that still exist, and the clubs whose reviews of them exist."""
        wanted = json.dumps(ids)
        films = [_film(r) for r in await self.fetchall(sql.FILMS_BY_ID, (wanted,))]
        return films, _clubs(await self.fetchall(sql.FILM_CLUBS_BY_ID, (wanted,)))

    async def film_rows(self) -> tuple[list[aiosqlite.Row], list[aiosqlite.Row]]:
        """Every film's row and (film, club) pair, unconverted: `films_from_rows` turns them into films in a
        worker thread, so a big table costs the event loop nothing."""
        return await self.fetchall(sql.ALL_FILMS), await self.fetchall(sql.FILM_CLUBS)

    async def saved_film_index(self) -> tuple[int, bytes] | None:
        """The film index saved by `save_film_index`, with the change seq it includes."""
        row = await self.fetchone(sql.SAVED_INDEX)
        return (int(row[0]), bytes(row[1])) if row else None

    async def save_film_index(self, seq: int, body: bytes) -> None:
        """Save a film index built whole that includes every film change up to `seq`."""
        async with self.transaction() as db:
            await db.execute(sql.SAVE_INDEX, (seq, body))

    async def search(self, query: str, club_id: str = "", limit: int = 10) -> list[Film]:
        """Films whose title, aliases or review text (visible to the club) match every word of `query`."""
        # Only word characters reach FTS5: its query syntax (quotes, NEAR, *, NUL) never sees user text.
        match = " ".join(f'"{w}"' for w in re.findall(r"\w+", query)[:16])
        if not match:
            return []
        rows = await self.fetchall(sql.SEARCH, (match, club_id, limit))
        return [_film(r) for r in rows]

    # --- analyses ------------------------------------------------------------

    async def cached_analysis(self, review_id: int, version: str) -> Analysis | None:
        """The stored analysis of a review by that analyser version, if any."""
        row = await self.fetchone(sql.ANALYSIS, (review_id, version))
        return analysis_from_json(json.loads(row[0])) if row else None

    async def save_analysis(self, review_id: int, analysis: Analysis) -> None:
        """Cache an analysis under its version, dropping older versions' entries."""
        body = json.dumps(analysis_to_json(analysis), ensure_ascii=False)
        async with self.transaction() as db:
            await db.execute(sql.DELETE_OTHER_ANALYSES, (review_id, analysis.version))
            await db.execute(sql.SAVE_ANALYSIS, (review_id, analysis.version, body))


def films_from_rows(
    film_rows: list[aiosqlite.Row], club_rows: list[aiosqlite.Row]
) -> tuple[list[Film], dict[int, frozenset[str]]]:
    """The films and their clubs from `film_rows` (pure: safe in a worker thread)."""
    return [_film(r) for r in film_rows], _clubs(club_rows)


def _clubs(rows: list[aiosqlite.Row]) -> dict[int, frozenset[str]]:
    out: dict[int, set[str]] = {}
    for row in rows:
        out.setdefault(int(row[0]), set()).add(str(row[1]))
    return {k: frozenset(v) for k, v in out.items()}


def _film(row: aiosqlite.Row) -> Film:
    aliases = tuple(json.loads(row["aliases"]))
    return Film(int(row["id"]), row["slug"], row["title"], row["year"], row["director"], aliases)


def _review(row: aiosqlite.Row) -> Review:
    film = Film(
        int(row["film_id"]), row["slug"], row["title"], row["year"], row["director"], tuple(json.loads(row["aliases"]))
    )
    member = row["member_id"]
    author = (row["member_name"] or None) if member else (row["author"] or None)
    return Review(
        int(row["id"]),
        film,
        row["body"],
        row["content_hash"],
        author,
        row["source"],
        row["club_id"],
        member_id=member,
        rating=row["rating"],
        spoilers=bool(row["spoilers"]),
        origin=row["origin"] or "",
    )
