"""FakeClock: time that moves only when a test says so."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta


class FakeClock:
    """A Clock whose `now` is set by the test; sleepers wake when it passes their time."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2025, 1, 6, 12, 0, tzinfo=UTC)
        self._sleepers: list[tuple[datetime, asyncio.Future[None]]] = []

    def now(self) -> datetime:
        """The fake current time."""
        return self._now

    async def sleep_until(self, when: datetime) -> None:
        """Wait until the test moves the clock to `when` or later."""
        if when <= self._now:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._sleepers.append((when, future))
        try:
            await future
        finally:
            self._sleepers = [(w, f) for w, f in self._sleepers if f is not future]

    def set(self, when: datetime) -> None:
        """Move the clock to `when` (never backwards), waking sleepers whose time came."""
        assert when >= self._now, "a fake clock never goes back"
        self._now = when.astimezone(UTC)
        for at, future in self._sleepers:
            if at <= self._now and not future.done():
                future.set_result(None)

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by `delta`."""
        self.set(self._now + delta)

    def jump(self, when: datetime) -> None:
        """Set the clock to `when`, backwards too: a wall clock corrected after it ran ahead."""
        self._now = when.astimezone(UTC)
        self.set(self._now)


class SkewedClock:
    """A process's own clock, `offset` ahead of (negative: behind) a base clock, the database's; sleeps on it."""

    def __init__(self, base: FakeClock, offset: timedelta) -> None:
        self.base, self.offset = base, offset

    def now(self) -> datetime:
        """The base clock's time plus the offset."""
        return self.base.now() + self.offset

    async def sleep_until(self, when: datetime) -> None:
        """Wait until this clock reads `when`."""
        await self.base.sleep_until(when - self.offset)
