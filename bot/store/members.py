"""SqliteMembers: members' reviews, their settings and write counts, and removing reviews (SQL below, `?` only)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.clock import utc_text
from bot.models import Film, Review, ReviewDoc
from bot.store import sql
from bot.store.sqlite import SqliteStore, _review

MEMBER_REVIEWS = sql.REVIEW_COLUMNS + "WHERE r.film_id = ? AND r.club_id = ? AND r.member_id IS NOT NULL ORDER BY r.id"
MEMBER_REVIEW = "SELECT id, content_hash FROM reviews WHERE film_id = ? AND club_id = ? AND member_id = ?"
INSERT_MEMBER_REVIEW = """
INSERT INTO reviews (film_id, club_id, author, body, content_hash, member_id, member_name, rating, spoilers)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
UPDATE_MEMBER_REVIEW = """
UPDATE reviews SET body = ?, content_hash = ?, member_name = ?, rating = ?, spoilers = ?,
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = ?
"""
FILM_BY_SLUG = "SELECT * FROM films WHERE slug = ?"
WRITES_SINCE = "SELECT count(*) FROM member_writes WHERE club_id = ? AND member_id = ? AND written_at > ?"
INSERT_WRITE = "INSERT INTO member_writes (club_id, member_id, written_at) VALUES (?, ?, ?)"
PRUNE_WRITES = "DELETE FROM member_writes WHERE written_at < ?"
DELETE_REVIEW = "DELETE FROM reviews WHERE id = ?"
DELETE_BARE_FILM = "DELETE FROM films WHERE id = ? AND NOT EXISTS (SELECT 1 FROM reviews WHERE film_id = ?)"
SET_ANONYMOUS = """
INSERT INTO member_settings (club_id, member_id, anonymous) VALUES (?, ?, ?)
ON CONFLICT (club_id, member_id) DO UPDATE SET anonymous = excluded.anonymous
"""
ANONYMOUS = "SELECT member_id FROM member_settings WHERE club_id = ? AND anonymous = 1"
IMPORTED_OF_FILM = sql.REVIEW_COLUMNS + "WHERE r.film_id = ? AND r.club_id = ? AND r.member_id IS NULL ORDER BY r.id"
IMPORTED_BY_ORIGIN = sql.REVIEW_COLUMNS + "WHERE r.origin = ? AND r.member_id IS NULL ORDER BY r.id"
WRITES_PER_HOUR = 20


class RateLimited(Exception):
    """A member wrote WRITES_PER_HOUR reviews in the last hour."""


@dataclass(frozen=True)
class Draft:
    """A member's review as submitted, checked: the film (stored, or a new club film's title and year)."""

    club_id: str
    member_id: str
    member_name: str
    text: str
    rating: float | None
    spoilers: bool
    film: Film | None = None
    new_title: str = ""
    new_year: int | None = None

    @property
    def digest(self) -> str:
        """What makes a resubmit a duplicate: the same name, text, rating and spoiler flag."""
        parts = [self.member_name, self.text, repr(self.rating), str(self.spoilers)]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class SqliteMembers:
    """Members' reviews on a SqliteStore: one per member, film and club, deleted for real."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    async def reviews(self, film_id: int, club_id: str) -> list[Review]:
        """The club's member reviews of a film, oldest first."""
        return [_review(r) for r in await self.store.fetchall(MEMBER_REVIEWS, (film_id, club_id))]

    async def film(self, slug: str) -> Film | None:
        """A stored film by slug (a modal carries it: the film may have been removed since)."""
        row = await self.store.fetchone(FILM_BY_SLUG, (slug,))
        if row is None:
            return None
        return Film(
            int(row["id"]), row["slug"], row["title"], row["year"], row["director"], tuple(json.loads(row["aliases"]))
        )

    async def save(self, draft: Draft) -> tuple[Review, str]:
        """Store a member's review in one transaction (creating a new club film if need be): "created",
        "updated" (the old one replaced, its analysis dropped) or "unchanged" (a duplicate submit).
        Raises RateLimited, storing nothing, past WRITES_PER_HOUR writes in an hour."""
        now = self.store.clock.now()
        async with self.store.transaction() as db:
            film_id = await self._film_id(db, draft)
            async with db.execute(MEMBER_REVIEW, (film_id, draft.club_id, draft.member_id)) as cur:
                row = await cur.fetchone()
            if row is not None and row["content_hash"] == draft.digest:
                review_id, outcome = int(row["id"]), "unchanged"
            else:
                await self._check_rate(db, draft, now)
                review_id = await self._write(db, row, film_id, draft)
                await db.execute(INSERT_WRITE, (draft.club_id, draft.member_id, utc_text(now)))
                outcome = "created" if row is None else "updated"
        review = await self.store.review(review_id)
        assert review is not None
        return review, outcome

    async def _film_id(self, db: aiosqlite.Connection, draft: Draft) -> int:
        if draft.film is not None:
            return draft.film.id
        doc = ReviewDoc(draft.new_title, "", draft.new_year)
        return await self.store._upsert_film(db, doc, draft.club_id)

    async def _check_rate(self, db: aiosqlite.Connection, draft: Draft, now: datetime) -> None:
        hour_ago = utc_text(now - timedelta(hours=1))
        await db.execute(PRUNE_WRITES, (utc_text(now - timedelta(days=1)),))
        async with db.execute(WRITES_SINCE, (draft.club_id, draft.member_id, hour_ago)) as cur:
            row = await cur.fetchone()
        if row is not None and int(row[0]) >= WRITES_PER_HOUR:
            raise RateLimited

    async def _write(self, db: aiosqlite.Connection, row: aiosqlite.Row | None, film_id: int, draft: Draft) -> int:
        values = (draft.text, draft.digest, draft.member_name, draft.rating, int(draft.spoilers))
        if row is None:
            author = f"member:{draft.member_id}"
            cur = await db.execute(
                INSERT_MEMBER_REVIEW, (film_id, draft.club_id, author, *values[:2], draft.member_id, *values[2:])
            )
            review_id = int(cur.lastrowid or 0)
        else:
            review_id = int(row["id"])
            await db.execute(UPDATE_MEMBER_REVIEW, (*values, review_id))
            await db.execute(sql.DELETE_ANALYSES, (review_id,))
            await db.execute(sql.DELETE_SEARCH, (review_id,))
        title = draft.film.title if draft.film else draft.new_title
        await db.execute(sql.INSERT_SEARCH, (title, "", draft.text, review_id))
        return review_id

    async def delete(self, film_id: int, club_id: str, member_id: str) -> bool:
        """Delete a member's review of a film, with its analysis; False if there was none."""
        row = await self.store.fetchone(MEMBER_REVIEW, (film_id, club_id, member_id))
        if row is None:
            return False
        await self.remove([int(row["id"])])
        return True

    async def remove(self, review_ids: list[int]) -> None:
        """Delete reviews (their analyses and search rows too) and any film left with no review, at once."""
        async with self.store.transaction() as db:
            for review_id in review_ids:
                async with db.execute("SELECT film_id FROM reviews WHERE id = ?", (review_id,)) as cur:
                    row = await cur.fetchone()
                await db.execute(sql.DELETE_SEARCH, (review_id,))
                await db.execute(DELETE_REVIEW, (review_id,))  # analyses go with it (ON DELETE CASCADE)
                if row is not None:
                    await db.execute(DELETE_BARE_FILM, (row[0], row[0]))

    async def imported(self, film_id: int, club_id: str = "") -> list[Review]:
        """A film's imported (critics') reviews of one scope: global ("") or one club's own."""
        return [_review(r) for r in await self.store.fetchall(IMPORTED_OF_FILM, (film_id, club_id))]

    async def imported_from(self, origin: str) -> list[Review]:
        """The imported reviews whose file was `origin`."""
        return [_review(r) for r in await self.store.fetchall(IMPORTED_BY_ORIGIN, (origin,))]

    async def set_anonymous(self, club_id: str, member_id: str, anonymous: bool) -> None:
        """Show a member's reviews without their name (or with it again)."""
        async with self.store.transaction() as db:
            await db.execute(SET_ANONYMOUS, (club_id, member_id, int(anonymous)))

    async def anonymous(self, club_id: str) -> frozenset[str]:
        """The club's members who asked to be shown without their name."""
        return frozenset(str(r[0]) for r in await self.store.fetchall(ANONYMOUS, (club_id,)))
