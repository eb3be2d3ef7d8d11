"""Time for the scheduler: the system clock, and weekly wall-clock recurrences in an IANA zone."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil import rrule, tz

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
_SCAN_LIMIT = 1000  # occurrences looked at in one pass: ~19 years of weekly threads


class SystemClock:
    """The real clock: UTC now, and asyncio sleeping (in chunks, so a changed wall clock is noticed)."""

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime) -> None:
        """Return at `when`, or at once if it has passed."""
        while (left := (when - self.now()).total_seconds()) > 0:  # noqa: ASYNC110 - sleeps to a deadline
            # asyncio sleeps on the monotonic clock; re-reading the wall clock hourly keeps a
            # suspended laptop or a corrected clock from oversleeping by more than that.
            await asyncio.sleep(min(left, 3600.0))


def utc_text(when: datetime) -> str:
    """A UTC instant as stored: fixed width, so text order is time order."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """The instant stored by `utc_text`."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def local_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """A naive wall-clock time in `zone` as an aware instant.

    A time skipped by a daylight-saving change moves forward by the gap (02:30 → 03:30);
    an ambiguous one (clocks going back) takes its first occurrence (fold=0).
    """
    return tz.resolve_imaginary(wall.replace(tzinfo=zone, fold=0))


@dataclass(frozen=True)
class Recurrence:
    """Every `every` weeks on `weekday` at `at` wall-clock time in `zone`, from `start` (naive local)."""

    weekday: int
    at: time
    zone: str
    every: int
    start: datetime

    def _rule(self) -> rrule.rrule:
        return rrule.rrule(
            rrule.WEEKLY,
            interval=self.every,
            byweekday=_RRULE_DAYS[self.weekday],
            byhour=self.at.hour,
            byminute=self.at.minute,
            bysecond=0,
            dtstart=self.start.replace(second=0, microsecond=0),
        )

    def occurrences(self, after: datetime) -> Iterator[tuple[datetime, datetime]]:
        """(wall-clock time, UTC instant) of each occurrence due strictly after `after`, in order."""
        zone = ZoneInfo(self.zone)
        # A day's margin: local times and instants can disagree by the zone's offset and a DST gap.
        wall_after = after.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
        for count, wall in enumerate(self._rule().xafter(wall_after, inc=True)):
            due = local_instant(wall, zone).astimezone(UTC)
            if due > after:
                yield wall, due
            if count > _SCAN_LIMIT:
                return

    def due_between(self, after: datetime, until: datetime) -> list[tuple[datetime, datetime]]:
        """Occurrences due in (`after`, `until`]."""
        out: list[tuple[datetime, datetime]] = []
        for wall, due in self.occurrences(after):
            if due > until:
                break
            out.append((wall, due))
        return out

    def this_week(self, now: datetime) -> tuple[datetime, datetime] | None:
        """(wall, due) of the occurrence in the week (Monday to Sunday, in the zone) holding `now`, else the next."""
        local = now.astimezone(ZoneInfo(self.zone))
        monday = datetime.combine(local.date() - timedelta(days=local.weekday()), time(0), local.tzinfo)
        return next(self.occurrences(monday - timedelta(seconds=1)), None)

    def next_runs(self, after: datetime, count: int = 3) -> list[datetime]:
        """The next `count` instants after `after`, in the schedule's zone (ISO 8601 with offset)."""
        zone = ZoneInfo(self.zone)
        return [due.astimezone(zone) for _, due in islice(self.occurrences(after), count)]
