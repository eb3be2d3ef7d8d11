"""Background work after an ack, and poll-message updates coalesced to stay inside Slack's rate limits."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)
UPDATE_INTERVAL = 1.0  # chat.update allows about one call a second per channel (Tier 3 with bursts)


class Background:
    """Tasks started after an ack: kept referenced, their failures logged, awaited on shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        """Run `work` after the ack has been sent."""
        task = asyncio.create_task(self._guard(work, name), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _guard(work: Coroutine[Any, Any, None], name: str) -> None:
        try:
            await work
        except Exception:
            log.exception("background task %s failed", name)

    async def drain(self) -> None:
        """Wait until every started task (and any they start) has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))


class Coalescer:
    """At most one update per key in flight and one per `interval`: a burst of votes makes a few updates.

    Whoever touches a key while its update runs marks it dirty, so the last update always
    shows the final state: no vote is left out of the message.
    """

    def __init__(self, update: Callable[[int], Awaitable[object]], background: Background, interval: float) -> None:
        self._update = update
        self._background = background
        self._interval = interval
        self._dirty: set[int] = set()
        self._running: set[int] = set()
        self.updates = 0

    def touch(self, key: int) -> None:
        """Ask for an update of `key` soon."""
        self._dirty.add(key)
        if key not in self._running:
            self._running.add(key)
            self._background.spawn(self._run(key), f"update-{key}")

    async def _run(self, key: int) -> None:
        try:
            while key in self._dirty:
                self._dirty.discard(key)
                self.updates += 1
                try:
                    await self._update(key)
                except Exception:
                    log.exception("updating %s failed; the next change retries", key)
                await asyncio.sleep(self._interval)
        finally:
            self._running.discard(key)
