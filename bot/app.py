"""The running core: store, film index and analysis cache, shared by every command."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis import ANALYSER_VERSION, analyze
from bot.config import Settings
from bot.ingest import IngestError, read_review, review_files, shown
from bot.lookup import FilmIndex, Match
from bot.models import Analysis, Film, Incoming, Message, Review
from bot.ports import ChatPort
from bot.store import SqliteStore

log = logging.getLogger(__name__)
_CACHE_SIZE = 4096


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


class App:
    """The core's state; adapters call `dispatch`, the CLI and scheduler call the rest."""

    def __init__(self, settings: Settings, store: SqliteStore, chat: ChatPort | None = None) -> None:
        self.settings = settings
        self.store = store
        self.chat = chat
        self.films = FilmIndex([])
        self._analyses: OrderedDict[tuple[int, str], Analysis] = OrderedDict()
        # Bumped whenever an answer may change (import, forgotten analyses): adapters key answer caches on it.
        self.generation = 0
        self._data_version: int | None = None
        self._checked = 0.0
        self._listeners: list[Callable[[], None]] = []
        self._told: int | None = None  # the data_version the on_change listeners were last told of

    async def refresh(self) -> None:
        """Rebuild the film index from the store (after an import)."""
        self._data_version = await self.store.data_version()
        self._told = self._data_version if self._told is None else self._told
        self.films = FilmIndex(await self.store.films(), await self.store.film_clubs())
        self.generation += 1

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
            await self.refresh()
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
        cached = self._analyses.get(key)
        if cached is None:
            cached = await self.store.cached_analysis(review.id, ANALYSER_VERSION)
            if cached is None:
                cached = analyze(
                    review.text, title=review.film.title, year=review.film.year, director=review.film.director
                )
                await self.store.save_analysis(review.id, cached)
            self._remember(key, cached)
        return cached

    def forget_analyses(self) -> None:
        """Drop the in-memory analysis cache (the store's cache stays)."""
        self._analyses.clear()
        self.generation += 1

    def _remember(self, key: tuple[int, str], analysis: Analysis) -> None:
        self._analyses[key] = analysis
        self._analyses.move_to_end(key)
        if len(self._analyses) > _CACHE_SIZE:
            self._analyses.popitem(last=False)

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
        await self.refresh()
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
        """Close the store."""
        await self.store.close()
