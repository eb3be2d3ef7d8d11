"""Finding a film by what a member typed: exact forms, then fuzzy matching, and autocomplete."""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.bounds import MAX_ALIASES, MAX_NAME
from bot.models import Film
from bot.text import fold

# Plain ratio at or above which a typo is taken as the film ("anorra" → "anora": 91). Below it the member is
# asked ("Did you mean …?"): "heart" → "heat" (89) is another word, not a typo, and must not answer for Heat.
ACCEPT = 90.0
SUGGEST = 60.0  # weighted ratio at or above which a title is worth suggesting
_POSTING_BUDGET = 3000  # trigram postings counted per fuzzy lookup
# What is indexed per film is capped, so a film stored before import bounded its fields (a 190 KB
# title) cannot make the index huge: this many names, each cut to this many folded characters,
# and each word-inside-name entry cut to _SUFFIX_CHARS (enough to tell names apart while typing).
_NAME_CHARS = 2 * MAX_NAME  # folding can lengthen a name a little ("&" → "and")
_SUFFIX_CHARS = 64


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
        self._bare: dict[str, list[int]] = {}
        for film in films:
            for key in _keys(film):
                self._exact.setdefault(key, []).append(film.id)
            for key in _bare_keys(film):
                self._bare.setdefault(key, []).append(film.id)
        self._names = _NameGrams(films)
        # Sorted (name, id) and (later-word suffix, id) lists: a prefix is one bisect away,
        # and whole-name prefixes rank before word-inside-name prefixes.
        self._starts = sorted((name, film.id) for film in films for name in _names(film))
        self._inner = sorted((suffix, film.id) for film in films for name in _names(film) for suffix in _suffixes(name))

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
        exact = exact or [i for i in self._bare.get(key, []) if self.visible(i, club_id)]
        if exact:
            return Match(self._newest(exact))
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
            return self.films(club_id)[:limit]
        found: dict[int, Film] = {}
        # Word-inside-name entries are cut to _SUFFIX_CHARS, so a longer prefix is matched on its start.
        for table, wanted in ((self._starts, key), (self._inner, key[:_SUFFIX_CHARS])):
            for index in range(bisect.bisect_left(table, (wanted,)), len(table)):
                name, film_id = table[index]
                if not name.startswith(wanted) or len(found) >= limit:
                    break
                if self.visible(film_id, club_id):
                    found.setdefault(film_id, self._films[film_id])
        return list(found.values())

    def _newest(self, ids: list[int]) -> Film:
        return max((self._films[i] for i in ids), key=lambda f: f.year or 0)

    def _fuzzy(self, key: str, club_id: str | None) -> list[tuple[Film, float]]:
        name, year = _split_year(key)
        best: dict[int, float] = {}
        for candidate, score in self._names.similar(name):
            for film_id in self._names.films[candidate]:
                film = self._films[film_id]
                # A matching year breaks ties between remakes; a wrong one costs a little.
                adjusted = score + (0.5 if year and film.year == year else -5.0 if year else 0.0)
                if self.visible(film_id, club_id) and adjusted > best.get(film_id, -1.0):
                    best[film_id] = adjusted
        ordered = sorted(best.items(), key=lambda kv: -kv[1])
        return [(self._films[i], s) for i, s in ordered]


class _NameGrams:
    """Film names with a trigram index, so fuzzy matching scores a few hundred names, not all.

    rapidfuzz scores pairs fast but has no index; scanning 100,000 titles per lookup costs
    hundreds of milliseconds, so candidates are first drawn by shared trigrams (as pg_trgm does).
    """

    def __init__(self, films: Sequence[Film]) -> None:
        self.names: list[str] = []
        self.films: list[list[int]] = []
        position: dict[str, int] = {}
        self.grams: dict[str, list[int]] = {}
        for film in films:
            for name in _names(film):
                if name not in position:
                    position[name] = len(self.names)
                    self.names.append(name)
                    self.films.append([])
                    for gram in _trigrams(name):
                        self.grams.setdefault(gram, []).append(position[name])
                self.films[position[name]].append(film.id)

    def similar(self, key: str, candidates: int = 200) -> list[tuple[int, float]]:
        """Names close to `key`, as (name index, similarity 0–100), best first."""
        postings = sorted((self.grams.get(g, ()) for g in _trigrams(key)), key=len)
        counts: Counter[int] = Counter()
        used = 0
        # Rarest trigrams first, within a budget: common ones ("the") cost much and tell little.
        for used, posting in enumerate(postings, start=1):
            counts.update(posting)
            if used >= 6 and counts.total() > _POSTING_BUDGET:
                break
        # A typo breaks at most three trigrams; a quarter shared still makes a suggestion.
        floor = max(1, used // 4)
        pool = [i for i, n in counts.items() if n >= floor]
        if len(pool) > candidates:
            pool = heapq.nlargest(candidates, pool, key=counts.__getitem__)
        choices = {i: self.names[i] for i in pool}
        ratio = {i: s for _, s, i in process.extract(key, choices, scorer=fuzz.ratio, limit=None)}
        weighted = process.extract(key, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=SUGGEST)
        # Plain ratio decides acceptance; WRatio (partial and token matches) only lets a
        # suggestion through, below the acceptance line, when a word of a long title was typed.
        kept = {i: ratio[i] if ratio[i] >= ACCEPT else min(w, ACCEPT - 1) for _, w, i in weighted}
        kept |= {i: r for i, r in ratio.items() if r >= ACCEPT}
        return sorted(kept.items(), key=lambda t: -t[1])


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _split_year(key: str) -> tuple[str, int | None]:
    head, _, tail = key.rpartition(" ")
    if head and len(tail) == 4 and tail.isdigit():
        return head, int(tail)
    return key, None


def _names(film: Film) -> list[str]:
    folded = (fold(n[: 2 * _NAME_CHARS])[:_NAME_CHARS].strip() for n in (film.title, *film.aliases[:MAX_ALIASES]))
    return [n for n in folded if n]


def _keys(film: Film) -> set[str]:
    keys = {film.slug.replace("-", " ")}
    for name in _names(film):
        keys.add(name)
        if film.year:
            keys.add(f"{name} {film.year}")
    return keys


def _bare_keys(film: Film) -> set[str]:
    """The names without a leading article ("shape of water" names The Shape of Water), with and without year;
    looked up only when no name matches exactly, so "thing" finds Thing before The Thing."""
    bare = {_ARTICLE.sub("", n) for n in _names(film) if _ARTICLE.match(n)}
    return bare | ({f"{b} {film.year}" for b in bare} if film.year else set())


# An English leading article, dropped from a title as members often type it.
_ARTICLE = re.compile(r"^(?:the|a|an) (?=\S)")


def _suffixes(name: str) -> list[str]:
    # Each later word's start, cut to _SUFFIX_CHARS: linear in the name's length (whole suffixes
    # grew with the square of its words: 95,000 words took over 4 GB).
    starts = [i + 1 for i, c in enumerate(name) if c == " "]
    return [name[i : i + _SUFFIX_CHARS] for i in starts]
