"""The film index's tables for one set of films: compact (names stored once, tables of small ints into them)
and built without holding the GIL for long, so a big one can be built in a worker thread beside the event loop."""

from __future__ import annotations

import heapq
import marshal
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, process

from bot.bounds import MAX_ALIASES, MAX_NAME
from bot.models import Film
from bot.text import fold

# Plain ratio at or above which a typo is taken as the film ("anorra" → "anora": 91). Below it the member is
# asked ("Did you mean …?"): "heart" → "heat" (89) is another word, not a typo, and must not answer for Heat.
ACCEPT = 90.0
SUGGEST = 60.0  # weighted ratio at or above which a title is worth suggesting
_POSTING_BUDGET = 3000  # trigram postings counted per fuzzy lookup
# What is indexed per film is capped, so a film stored before import bounded its fields (a 190 KB title)
# cannot make the index huge: this many names, each cut to this many folded characters.
_NAME_CHARS = 2 * MAX_NAME  # folding can lengthen a name a little ("&" → "and")
_OFFSET_BITS = 10  # a word-inside-name entry is (name number << _OFFSET_BITS) | offset; offsets < 1024
_CHUNK = 8192  # items per sort in C; the chunks are merged in Python, which lets other threads run
_EVERY = frozenset({""})
_FORMAT = "filmclub-index-1"  # of `dump`; a saved index of another format is rebuilt, never read
_ARRAYS = ("order", "titles", "starts", "inner")
Ids = int | list[int]  # one film (the usual case), or several sharing a name or key


class Tables:
    """Exact keys, names with a trigram index, and sorted name and word-inside-name tables for prefixes.

    Each distinct folded name is stored once in `names`; every other table holds ints into it, so memory is
    linear in the names' length (a word-inside-name entry is one int, not a copy of the name's rest).
    """

    def __init__(self, films: Sequence[Film], clubs: Mapping[int, frozenset[str]]) -> None:
        self.films = {f.id: f for f in films}
        self.clubs = clubs
        self.exact: dict[str, Ids] = {}
        self.bare: dict[str, Ids] = {}
        self.names: list[str] = []
        self.owners: list[Ids] = []  # the film or films of each name
        position: dict[str, int] = {}
        grams: dict[str, list[int]] = {}
        title_at: dict[int, int] = {}  # each film's title as a name number (-1: a title with no letter)
        for film in films:
            title, names = _names(film)
            for key in _keys(film, names):
                _add(self.exact, key, film.id)
            for key in _bare_keys(film, names):
                _add(self.bare, key, film.id)
            for name in names:
                at = position.get(name)
                if at is None:
                    at = position[name] = len(self.names)
                    self.names.append(name)
                    self.owners.append(film.id)
                    for gram in _trigrams(name):
                        grams.setdefault(gram, []).append(at)
                else:
                    self.owners[at] = _with(self.owners[at], film.id)
            title_at[film.id] = position[title] if title else -1
        self.grams = {g: array("l", p) for g, p in grams.items()}
        self.order = _sorted(title_at, lambda film_id: self._title_key(film_id, title_at[film_id]))
        self.titles = array("l", (title_at[i] for i in self.order))
        self.starts = _sorted(range(len(self.names)), self.names.__getitem__)
        inner = [at << _OFFSET_BITS | i + 1 for at, name in enumerate(self.names) for i in _spaces(name)]
        self.inner = _sorted(inner, self.suffix)

    def dump(self) -> bytes:
        """The tables as bytes for `load` (marshal: plain values only, read back by this code alone)."""
        films = [(f.id, f.slug, f.title, f.year, f.director, f.aliases) for f in self.films.values()]
        grams = {g: a.tobytes() for g, a in self.grams.items()}
        arrays = [getattr(self, name).tobytes() for name in _ARRAYS]
        values = (films, dict(self.clubs), self.exact, self.bare, self.names, self.owners, grams, arrays)
        return marshal.dumps((_FORMAT, *values))

    @classmethod
    def load(cls, body: bytes) -> Tables | None:
        """The tables `dump` gave, or None if `body` is of another format or damaged."""
        try:
            loaded = marshal.loads(body)
            if not isinstance(loaded, tuple) or loaded[0] != _FORMAT:
                return None
            _, films, clubs, exact, bare, names, owners, grams, arrays = loaded
            tables = cls.__new__(cls)
            tables.films = {row[0]: Film(*row) for row in films}
            tables.clubs, tables.exact, tables.bare, tables.names, tables.owners = clubs, exact, bare, names, owners
            tables.grams = {g: _array(b) for g, b in grams.items()}
            for name, raw in zip(_ARRAYS, arrays, strict=True):
                setattr(tables, name, _array(raw))
        except Exception:  # a damaged saved index must not stop a start: it is built anew instead
            return None
        return tables

    def release(self) -> None:
        """Take the tables apart a piece at a time, in a worker thread, once no one uses them: freed at once they
        would hold the GIL (and stall the event loop) for a good part of the time they took to build."""
        for table in (self.films, self.exact, self.bare, self.grams, self.clubs):
            if isinstance(table, dict):
                for key in list(table):
                    del table[key]
        drop(self.names)
        drop(self.owners)

    def ordered(self) -> Iterator[tuple[tuple[str, int, int], int]]:
        """(sort key, film id) of every film, by folded title, year and id (how `films()` lists them)."""
        for film_id, title in zip(self.order, self.titles, strict=True):
            yield self._title_key(film_id, title), film_id

    def _title_key(self, film_id: int, title: int) -> tuple[str, int, int]:
        return self.names[title] if title >= 0 else "", self.films[film_id].year or 0, film_id

    def suffix(self, code: int) -> str:
        """The rest of a name from a later word's start, for a word-inside-name entry."""
        return self.names[code >> _OFFSET_BITS][code & ((1 << _OFFSET_BITS) - 1) :]

    def visible(self, film_id: int, club_id: str | None) -> bool:
        """Whether a club may see the film (global reviews are for every club)."""
        if club_id is None:
            return True
        clubs = self.clubs.get(film_id, _EVERY)
        return "" in clubs or club_id in clubs

    def prefixed(self, prefix: str) -> Iterator[tuple[tuple[int, str], int]]:
        """((tier, name), film id) of every name, then every later word of a name, that starts with `prefix`,
        in name order within each tier."""
        for tier, table, key in ((0, self.starts, self.names.__getitem__), (1, self.inner, self.suffix)):
            start = _bisect(table, prefix, key)
            for index in range(start, len(table)):
                name = key(table[index])
                if not name.startswith(prefix):
                    break
                at = table[index] >> _OFFSET_BITS if tier else table[index]  # the entry's name number
                for film_id in ids(self.owners[at]):
                    yield (tier, name), film_id

    def similar(self, key: str, candidates: int = 200) -> list[tuple[int, float]]:
        """Names close to `key`, as (name number, similarity 0–100), best first.

        rapidfuzz scores pairs fast but has no index; scanning 100,000 titles per lookup costs hundreds of
        milliseconds, so candidates are first drawn by shared trigrams (as pg_trgm does).
        """
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


def drop(items: list[Any]) -> None:
    """Empty a big list a chunk at a time (see `Tables.release`)."""
    while items:
        del items[-_CHUNK:]


def ids(value: Ids | None) -> Sequence[int]:
    """The film ids of a table entry."""
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def _add(table: dict[str, Ids], key: str, film_id: int) -> None:
    have = table.get(key)
    table[key] = film_id if have is None else _with(have, film_id)


def _with(have: Ids, film_id: int) -> Ids:
    if isinstance(have, int):
        return have if have == film_id else [have, film_id]
    if film_id not in have:
        have.append(film_id)
    return have


def _sorted(items: Iterable[int], key: Callable[[int], object]) -> array[int]:
    """`items` sorted by `key`, as sorts of _CHUNK items merged in Python: one big sort runs in C and holds the
    GIL throughout (hundreds of ms at 100,000 films), which would stall the event loop beside a worker thread."""
    items = list(items)
    chunks = [sorted(items[i : i + _CHUNK], key=key) for i in range(0, len(items), _CHUNK)]  # type: ignore[arg-type]
    return array("l", chunks[0] if len(chunks) == 1 else heapq.merge(*chunks, key=key))  # type: ignore[arg-type]


def _array(raw: bytes) -> array[int]:
    out = array("l")
    out.frombytes(raw)
    return out


def _bisect(table: array[int], prefix: str, key: Callable[[int], str]) -> int:
    low, high = 0, len(table)
    while low < high:
        mid = (low + high) // 2
        if key(table[mid]) < prefix:
            low = mid + 1
        else:
            high = mid
    return low


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _names(film: Film) -> tuple[str, list[str]]:
    """The folded title, and the film's distinct folded names (title first)."""
    folded = [fold(n[: 2 * _NAME_CHARS])[:_NAME_CHARS].strip() for n in (film.title, *film.aliases[:MAX_ALIASES])]
    return folded[0], [n for n in dict.fromkeys(folded) if n]


def _keys(film: Film, names: list[str]) -> set[str]:
    keys = {film.slug.replace("-", " ")}
    for name in names:
        keys.add(name)
        if film.year:
            keys.add(f"{name} {film.year}")
    return keys


def _bare_keys(film: Film, names: list[str]) -> set[str]:
    """The names without a leading article ("shape of water" names The Shape of Water), with and without year;
    looked up only when no name matches exactly, so "thing" finds Thing before The Thing."""
    bare = {_ARTICLE.sub("", n) for n in names if _ARTICLE.match(n)}
    return bare | ({f"{b} {film.year}" for b in bare} if film.year else set())


# An English leading article, dropped from a title as members often type it.
_ARTICLE = re.compile(r"^(?:the|a|an) (?=\S)")


def _spaces(name: str) -> list[int]:
    # Each later word's start: linear in the name's length (whole suffixes grew with the square of its words).
    return [i for i, c in enumerate(name) if c == " "]
