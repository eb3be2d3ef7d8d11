"""Finding a film by what a member typed: exact forms, then fuzzy matching, and autocomplete."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.models import Film
from bot.text import fold

ACCEPT = 85.0  # plain ratio at or above which a typo is taken as the film ("anorra" → "anora": 91)
SUGGEST = 60.0  # weighted ratio at or above which a title is worth suggesting


@dataclass(frozen=True)
class Match:
    """The film found, or up to three suggestions when none matched well enough."""

    film: Film | None
    suggestions: tuple[Film, ...] = ()


class FilmIndex:
    """An in-memory index of stored films, rebuilt whenever reviews are imported."""

    def __init__(self, films: Sequence[Film], clubs: Mapping[int, frozenset[str]] | None = None) -> None:
        self._films = {f.id: f for f in films}
        self._clubs = clubs or {}
        self._exact: dict[str, list[int]] = {}
        for film in films:
            for key in _keys(film):
                self._exact.setdefault(key, []).append(film.id)
        self._choices = list(self._exact)
        # Every word-start suffix of each name, sorted, so a prefix is two bisects away.
        self._prefixes = sorted(
            (suffix, rank, film.id) for film in films for name in _names(film) for rank, suffix in _suffixes(name)
        )

    def __len__(self) -> int:
        return len(self._films)

    def visible(self, film_id: int, club_id: str | None) -> bool:
        """Whether a club may see the film (global reviews are for every club)."""
        if club_id is None:
            return True
        clubs = self._clubs.get(film_id, frozenset({""}))
        return "" in clubs or club_id in clubs

    def films(self, club_id: str | None = None) -> list[Film]:
        """The films a club may see, by title."""
        films = (f for f in self._films.values() if self.visible(f.id, club_id))
        return sorted(films, key=lambda f: (fold(f.title), f.year or 0))

    def find(self, query: str, club_id: str | None = None) -> Match:
        """The film `query` names (title, alias, slug, "Title (Year)", or a near typo), else suggestions."""
        key = fold(query)
        exact = [i for i in self._exact.get(key, []) if self.visible(i, club_id)]
        if exact:
            return Match(self._newest(exact))
        if not key:
            return Match(None)
        ranked = self._fuzzy(key, club_id)
        if ranked and ranked[0][1] >= ACCEPT and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            return Match(ranked[0][0])
        return Match(None, tuple(f for f, _ in ranked[:3]))

    def complete(self, prefix: str, club_id: str | None = None, limit: int = 25) -> list[Film]:
        """The best `limit` films whose title or alias has a word starting with `prefix`."""
        key = fold(prefix)
        if not key:
            return self.films(club_id)[:limit]
        start = bisect.bisect_left(self._prefixes, (key,))
        hits: list[tuple[int, str, int]] = []
        for suffix, rank, film_id in self._prefixes[start:]:
            if not suffix.startswith(key) or len(hits) >= limit * 8:
                break
            if self.visible(film_id, club_id):
                hits.append((rank, suffix, film_id))
        seen: dict[int, Film] = {}
        for _, _, film_id in sorted(hits):
            seen.setdefault(film_id, self._films[film_id])
        return list(seen.values())[:limit]

    def _newest(self, ids: list[int]) -> Film:
        return max((self._films[i] for i in ids), key=lambda f: f.year or 0)

    def _fuzzy(self, key: str, club_id: str | None) -> list[tuple[Film, float]]:
        found = process.extract(key, self._choices, scorer=fuzz.WRatio, limit=40, score_cutoff=SUGGEST)
        best: dict[int, float] = {}
        for choice, _, _ in found:
            score = fuzz.ratio(key, choice)
            for film_id in self._exact[choice]:
                if self.visible(film_id, club_id) and score > best.get(film_id, -1.0):
                    best[film_id] = score
        ordered = sorted(best.items(), key=lambda kv: -kv[1])
        return [(self._films[i], s) for i, s in ordered]


def _names(film: Film) -> list[str]:
    return [fold(n) for n in (film.title, *film.aliases) if fold(n)]


def _keys(film: Film) -> set[str]:
    keys = {film.slug.replace("-", " ")}
    for name in _names(film):
        keys.add(name)
        if film.year:
            keys.add(f"{name} {film.year}")
    return keys


def _suffixes(name: str) -> list[tuple[int, str]]:
    words = name.split(" ")
    return [(0 if i == 0 else 1, " ".join(words[i:])) for i in range(len(words))]
