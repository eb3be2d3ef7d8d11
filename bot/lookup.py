"""Finding a film by what a member typed: exact forms, then fuzzy matching, and autocomplete."""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.lookup_tables import ACCEPT, SUGGEST, Tables, ids
from bot.models import Film
from bot.text import fold

__all__ = ["ACCEPT", "SUGGEST", "FilmIndex", "Match"]
_K = TypeVar("_K")
_YEAR = re.compile(r"^(.+) ([0-9]{4})$")


@dataclass(frozen=True)
class Match:
    """The film found, or up to three suggestions when none matched well enough."""

    film: Film | None
    suggestions: tuple[Film, ...] = ()


class FilmIndex:
    """An in-memory index of stored films: a base built whole and a small layer of the films changed since.

    A change (`changed`) indexes the changed films anew and hides their base entries, so it costs those films,
    not all of them; the base is shared, never modified, and so may be read while a new one is built elsewhere.
    """

    def __init__(self, films: Sequence[Film], clubs: Mapping[int, frozenset[str]] | None = None) -> None:
        self._base = Tables(films, clubs or {})
        self._delta = Tables([], {})
        self._hidden: frozenset[int] = frozenset()  # base films the delta replaces, or gone
        self._count = len(self._base.films)

    def changed(self, films: Sequence[Film], clubs: Mapping[int, frozenset[str]], gone: Iterable[int]) -> FilmIndex:
        """A new index in which `films` (with their `clubs`) are as given and the films `gone` are no more."""
        touched = {f.id for f in films} | set(gone)
        kept = [f for i, f in self._delta.films.items() if i not in touched]
        delta_clubs = {i: c for i, c in self._delta.clubs.items() if i not in touched}
        new = FilmIndex.__new__(FilmIndex)
        new._base = self._base
        new._delta = Tables([*kept, *films], delta_clubs | {f.id: clubs[f.id] for f in films if f.id in clubs})
        new._hidden = self._hidden | (touched & self._base.films.keys())
        new._count = len(new._base.films) - len(new._hidden) + len(new._delta.films)
        return new

    def dump(self) -> bytes | None:
        """The index as bytes for `load`, if it has no layer of changes (else None: save the next whole one)."""
        return self._base.dump() if self.layered == 0 else None

    @classmethod
    def load(cls, body: bytes) -> FilmIndex | None:
        """The index `dump` gave, or None if `body` is of another format or damaged."""
        base = Tables.load(body)
        if base is None:
            return None
        index = cls([])
        index._base, index._count = base, len(base.films)
        return index

    def release(self) -> None:
        """Free the index piecewise (in a worker thread) once it has been replaced and no one uses it."""
        self._base.release()
        self._delta.release()

    @property
    def layered(self) -> int:
        """How many films the changes since the base was built touched (a whole rebuild folds them in)."""
        return len(self._delta.films) + len(self._hidden)

    def __len__(self) -> int:
        return self._count

    def visible(self, film_id: int, club_id: str | None) -> bool:
        """Whether a club may see the film (global reviews are for every club)."""
        return self._tables_of(film_id).visible(film_id, club_id)

    def films(self, club_id: str | None = None) -> list[Film]:
        """The films a club may see, by title."""
        return [self._film(i) for i in self._ordered(club_id)]

    def find(self, query: str, club_id: str | None = None) -> Match:
        """The film `query` names (title, alias, slug, "Title (Year)", or a near typo), else suggestions."""
        key = fold(query)
        exact = self._exact(key, club_id, bare=False) or self._exact(key, club_id, bare=True)
        if exact:
            return Match(max((self._film(i) for i in exact), key=lambda f: f.year or 0))
        if not key:
            return Match(None)
        ranked = self._fuzzy(key, club_id)
        if ranked and ranked[0][1] >= ACCEPT and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            return Match(ranked[0][0])
        return Match(None, tuple(f for f, _ in ranked[:3]))

    def complete(self, prefix: str, club_id: str | None = None, limit: int = 25) -> list[Film]:
        """The best `limit` films whose title or alias (or a word of it) starts with `prefix`."""
        key = fold(prefix)
        if not key:
            return [self._film(i) for i in itertools.islice(self._ordered(club_id), limit)]
        found: dict[int, Film] = {}
        # Whole-name prefixes rank before word-inside-name ones, each tier in name order, across both layers.
        runs = (self._current(t, t.prefixed(key), club_id) for t in (self._base, self._delta))
        for _, film_id in heapq.merge(*runs):
            if len(found) >= limit:
                break
            found.setdefault(film_id, self._film(film_id))
        return list(found.values())

    def _ordered(self, club_id: str | None) -> Iterator[int]:
        """The ids of the films a club may see, by title, across the base and the layer."""
        runs = (self._current(t, t.ordered(), club_id) for t in (self._base, self._delta))
        return (film_id for _, film_id in heapq.merge(*runs))

    def _current(
        self, tables: Tables, entries: Iterable[tuple[_K, int]], club_id: str | None
    ) -> Iterator[tuple[_K, int]]:
        return (e for e in entries if self._live(e[1], club_id, tables))

    def _tables_of(self, film_id: int) -> Tables:
        return self._delta if film_id in self._delta.films else self._base

    def _film(self, film_id: int) -> Film:
        return self._tables_of(film_id).films[film_id]

    def _live(self, film_id: int, club_id: str | None, tables: Tables | None = None) -> bool:
        """Whether the entry is the film's current one (a base entry the delta replaced is not) and visible."""
        if (tables or self._tables_of(film_id)) is self._base and film_id in self._hidden:
            return False
        return self.visible(film_id, club_id)

    def _exact(self, key: str, club_id: str | None, *, bare: bool) -> list[int]:
        found: list[int] = []
        for tables in (self._base, self._delta):
            entries = ids((tables.bare if bare else tables.exact).get(key))
            found += [i for i in entries if self._live(i, club_id, tables)]
        return found

    def _fuzzy(self, key: str, club_id: str | None) -> list[tuple[Film, float]]:
        match = _YEAR.match(key)
        name, year = (match.group(1), int(match.group(2))) if match else (key, None)
        best: dict[int, float] = {}
        for tables in (self._base, self._delta):
            for candidate, score in tables.similar(name):
                for film_id in ids(tables.owners[candidate]):
                    film = tables.films[film_id]
                    # A matching year breaks ties between remakes; a wrong one costs a little.
                    adjusted = score + (0.5 if year and film.year == year else -5.0 if year else 0.0)
                    if adjusted > best.get(film_id, -1.0) and self._live(film_id, club_id, tables):
                        best[film_id] = adjusted
        ordered = sorted(best.items(), key=lambda kv: -kv[1])
        return [(self._film(i), s) for i, s in ordered]
