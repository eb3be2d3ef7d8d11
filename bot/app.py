"""The running core: store, film index and analysis cache, shared by every command."""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite

from bot.analysis import ANALYSER_VERSION, analyze
from bot.config import Settings
from bot.ingest import IngestError, read_review, review_files, shown
from bot.lookup import FilmIndex, Match
from bot.lookup_tables import drop
from bot.models import Analysis, Film, Incoming, Message, Review
from bot.ports import ChatPort
from bot.store import SqliteStore
from bot.store.sqlite import films_from_rows

log = logging.getLogger(__name__)
# The in-memory analysis cache is bounded by an estimate of its size in bytes, not by a count: an analysis
# holds its review's sentences, so a long review's costs many times a short one's (the seed's took 2.7 bytes
# per character of review text, 4.8 with what a read from the store leaves, measured with tracemalloc).
_CACHE_BYTES = 32 * 2**20
_BYTES_PER_CHAR = 4
_BYTES_PER_ENTRY = 4096
# Film changes (another process's import, or this one's) up to this many are indexed as a layer over the index
# on hand; more, or a layer grown past _LAYERED, and the whole index is rebuilt in a worker thread.
_INCREMENTAL = 2000
_LAYERED = 5000
_FREEZE = 20_000  # films from which a whole index is moved out of the cyclic GC's reach (see _index_from)


@dataclass
class ImportReport:
    """What an import did, file by file."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every file imported."""
        return not self.errors


def _index_from(rows: list[list[aiosqlite.Row]]) -> FilmIndex:
    """The film index of `film_rows` (in a worker thread); the rows are freed here too, a chunk at a time, so that
    neither building nor freeing 100,000 of them holds the GIL long enough to stall the event loop."""
    club_rows, film_rows = rows.pop(), rows.pop()
    big = len(film_rows) >= _FREEZE
    paused = big and gc.isenabled()
    if paused:
        gc.disable()
    try:
        index = FilmIndex(*films_from_rows(film_rows, club_rows))
        drop(film_rows)
        drop(club_rows)
    finally:
        if big:
            # The index is hundreds of thousands of acyclic objects (freed by reference counts when replaced):
            # left to the cyclic GC, every full collection would walk them holding the GIL, hundreds of ms at
            # 100,000 films, and so stall the event loop. The permanent generation is never walked.
            gc.freeze()
        if paused:
            gc.enable()
    return index


def _loaded(body: bytes) -> FilmIndex | None:
    """The saved film index (in a worker thread), out of the cyclic GC's reach if big (see _index_from)."""
    index = FilmIndex.load(body)
    if index is not None and len(index) >= _FREEZE:
        gc.freeze()
    return index


class App:
    """The core's state; adapters call `dispatch`, the CLI and scheduler call the rest."""

    def __init__(self, settings: Settings, store: SqliteStore, chat: ChatPort | None = None) -> None:
        self.settings = settings
        self.store = store
        self.chat = chat
        self.films = FilmIndex([])
        self._analyses: OrderedDict[tuple[int, str], tuple[Analysis, int]] = OrderedDict()
        self._analyses_bytes = 0  # the estimated size of what _analyses holds
        # Bumped whenever an answer may change (import, forgotten analyses): adapters key answer caches on it.
        self.generation = 0
        self._data_version: int | None = None
        self._checked = 0.0
        self._listeners: list[Callable[[], None]] = []
        self._told: int | None = None  # the data_version the on_change listeners were last told of
        self._film_seq = 0  # the film change (migration 009) the index includes
        self._indexing = asyncio.Lock()
        self._rebuild: asyncio.Task[None] | None = None
        self.rebuilds = 0  # whole film index builds, for tests and benchmarks

    async def refresh(self) -> None:
        """Rebuild the whole film index from the store, in a worker thread (the event loop keeps serving)."""
        self._data_version = await self.store.data_version()
        self._told = self._data_version if self._told is None else self._told
        async with self._indexing:
            await self._build()

    async def open_index(self) -> None:
        """The film index at start-up: the one saved in the store, with the films changed since indexed over it;
        else (none saved, another format, or many changes) built whole and saved for the next start."""
        self._data_version = await self.store.data_version()
        self._told = self._data_version if self._told is None else self._told
        saved = await self.store.saved_film_index()
        loaded = await asyncio.to_thread(_loaded, saved[1]) if saved else None
        async with self._indexing:
            if saved is None or loaded is None:
                await self._build(save=True)
                return
            self.films, self._film_seq, self.generation = loaded, saved[0], self.generation + 1
        await self.catch_up(wait=True)

    async def _build(self, *, save: bool = False) -> None:
        seq = await self.store.film_seq()  # read first: a change committed meanwhile is applied again, never missed
        rows = list(await self.store.film_rows())
        old, self.films = self.films, await asyncio.to_thread(_index_from, rows)
        self._film_seq, self.rebuilds, self.generation = seq, self.rebuilds + 1, self.generation + 1
        await asyncio.to_thread(old.release)  # commands use self.films, and synchronously: the old one is free
        body = await asyncio.to_thread(self.films.dump) if save else None
        if body is not None:
            await self.store.save_film_index(seq, body)

    async def catch_up(self, *, wait: bool = False) -> None:
        """Index the films written since the index was built (by any process), and only those: nothing when
        no film changed (a vote, a lease renewal, a schedule). Many changes rebuild the whole index in a worker
        thread, awaited if `wait`, else in the background while the index on hand keeps answering."""
        async with self._indexing:
            seq, changed = await self.store.film_changes(self._film_seq)
            if not changed:
                return
            if len(changed) > _INCREMENTAL or self.films.layered + len(changed) > _LAYERED:
                if wait:  # nothing waits on this process's answers meanwhile (start-up, `filmclub import`)
                    await self._build(save=True)
                elif self._rebuild is None or self._rebuild.done():
                    self._rebuild = asyncio.create_task(self.refresh(), name="filmclub-film-index")
                return
            films, clubs = await self.store.films_by_id(changed)
            gone = set(changed) - {f.id for f in films}
            self.films = await asyncio.to_thread(self.films.changed, films, clubs, gone)
            self._film_seq, self.generation = seq, self.generation + 1

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call `listener` whenever `sync` or `check_changes` finds a commit of another process (an import, a
        schedule, a vote)."""
        self._listeners.append(listener)

    async def sync(self, every: float = 1.0) -> None:
        """Pick up what another process changed (`filmclub import` or `filmclub schedule` beside a running bot),
        checked at most every `every` s: the film index is rebuilt and the `on_change` listeners are told."""
        now = time.monotonic()
        if now - self._checked < every:
            return
        self._checked = now
        version = await self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            await self.catch_up()
        self._tell(version)

    async def check_changes(self) -> None:
        """Tell the `on_change` listeners if another process committed since they were last told: one pragma
        read, and no film index rebuild (the next `sync` does that), so a busy second process costs little."""
        self._tell(await self.store.data_version())

    def _tell(self, version: int) -> None:
        if version != self._told:
            self._told = version
            for listener in self._listeners:
                listener()

    async def dispatch(self, incoming: Incoming) -> list[Message]:
        """Answer one command with the messages to post."""
        from bot.commands import dispatch

        await self.sync()
        return await dispatch(self, incoming)

    def find(self, query: str, club_id: str | None = None) -> Match:
        """The film a member means, or suggestions."""
        return self.films.find(query, club_id)

    async def review_of(self, film: Film, club_id: str = "") -> Review | None:
        """The review shown for a film: the club's own if it has one, else a global one."""
        reviews = await self.store.reviews_for(film.id, club_id)
        return reviews[0] if reviews else None

    async def analysis(self, review: Review) -> Analysis:
        """The review's analysis: from memory, else the store's cache, else analysed now and cached."""
        key = (review.id, review.content_hash)
        kept = self._analyses.get(key)
        if kept is not None:
            self._analyses.move_to_end(key)
            return kept[0]
        cached = await self.store.cached_analysis(review.id, ANALYSER_VERSION)
        if cached is None:
            cached = analyze(review.text, title=review.film.title, year=review.film.year, director=review.film.director)
            await self.store.save_analysis(review.id, cached)
        self._remember(key, cached, _BYTES_PER_CHAR * len(review.text) + _BYTES_PER_ENTRY)
        return cached

    def forget_analyses(self) -> None:
        """Drop the in-memory analysis cache (the store's cache stays)."""
        self._analyses.clear()
        self._analyses_bytes = 0
        self.generation += 1

    @property
    def analyses_bytes(self) -> int:
        """The estimated size of the in-memory analysis cache, at most _CACHE_BYTES."""
        return self._analyses_bytes

    def _remember(self, key: tuple[int, str], analysis: Analysis, size: int) -> None:
        if key in self._analyses:
            self._analyses_bytes -= self._analyses.pop(key)[1]
        self._analyses[key] = (analysis, size)
        self._analyses_bytes += size
        while self._analyses_bytes > _CACHE_BYTES and len(self._analyses) > 1:
            self._analyses_bytes -= self._analyses.popitem(last=False)[1][1]

    async def import_paths(self, paths: Iterable[Path], club_id: str = "", *, seed: bool = False) -> ImportReport:
        """Import review files and folders; a bad file is reported and nothing of it stored. Seeds (`seed`) never
        replace a review another file wrote."""
        report = ImportReport()
        for path in await asyncio.to_thread(lambda: list(review_files(paths))):
            try:
                doc = await asyncio.to_thread(read_review, path)
            except IngestError as exc:
                report.errors.append(exc)
                continue
            except Exception as exc:  # a parser bug must cost one file, never the whole import
                log.exception("reading %s failed", path)
                report.errors.append(IngestError(shown(path), 0, f"cannot be read ({type(exc).__name__})"))
                continue
            review, outcome = await self.store.upsert_review(doc, club_id, seed=seed)
            getattr(report, outcome).append(str(path))
            if outcome != "unchanged":
                await self._analyse_quietly(review)
        await self.catch_up(wait=True)
        return report

    async def analyse_later(self, review: Review) -> None:
        """Analyse a review just stored; a failure is logged and the review analysed again when asked for."""
        await self._analyse_quietly(review)

    async def _analyse_quietly(self, review: Review) -> None:
        # A bug in the analyser must not undo an import: the review stays stored and is
        # analysed again lazily when someone asks for it.
        try:
            await self.analysis(review)
        except Exception:
            log.exception("analysis of review %s (%s) failed", review.id, review.film.title)

    async def close(self) -> None:
        """Stop a background index rebuild, and close the store."""
        if self._rebuild is not None:
            self._rebuild.cancel()
            await asyncio.gather(self._rebuild, return_exceptions=True)
        await self.store.close()
