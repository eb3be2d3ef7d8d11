"""Wall-clock schedules across daylight-saving changes (injected clock, no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.clock import Recurrence, local_instant
from bot.config import Settings
from tests.fakes.chat import FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import start_bot, utc


def runs(weekday: int, at: str, zone: str, start: datetime, count: int = 3, every: int = 1) -> list[str]:
    rec = Recurrence(weekday, time.fromisoformat(at), zone, every, start.replace(tzinfo=None))
    return [d.isoformat() for d in rec.next_runs(start.replace(tzinfo=UTC), count)]


def test_london_friday_7pm_stays_7pm_local_when_the_clocks_go_forward() -> None:
    # BST starts Sunday 30 March 2025
    assert runs(4, "19:00", "Europe/London", datetime(2025, 3, 20)) == [
        "2025-03-21T19:00:00+00:00",
        "2025-03-28T19:00:00+00:00",
        "2025-04-04T19:00:00+01:00",
    ]


def test_london_friday_7pm_stays_7pm_local_when_the_clocks_go_back() -> None:
    # BST ends Sunday 26 October 2025
    assert runs(4, "19:00", "Europe/London", datetime(2025, 10, 20)) == [
        "2025-10-24T19:00:00+01:00",
        "2025-10-31T19:00:00+00:00",
        "2025-11-07T19:00:00+00:00",
    ]


def test_new_york_in_both_directions() -> None:
    # EDT starts Sunday 9 March 2025, ends Sunday 2 November 2025
    assert runs(4, "19:00", "America/New_York", datetime(2025, 3, 1), 2) == [
        "2025-03-07T19:00:00-05:00",
        "2025-03-14T19:00:00-04:00",
    ]
    assert runs(4, "19:00", "America/New_York", datetime(2025, 10, 28), 2) == [
        "2025-10-31T19:00:00-04:00",
        "2025-11-07T19:00:00-05:00",
    ]


def test_a_time_that_does_not_exist_that_night_moves_forward() -> None:
    # 02:30 on 9 March 2025 in New York is skipped (02:00 → 03:00): posted at 03:30 EDT
    assert runs(6, "02:30", "America/New_York", datetime(2025, 3, 1)) == [
        "2025-03-02T02:30:00-05:00",
        "2025-03-09T03:30:00-04:00",
        "2025-03-16T02:30:00-04:00",
    ]
    # 01:30 on 30 March 2025 in London is skipped (01:00 → 02:00)
    assert runs(6, "01:30", "Europe/London", datetime(2025, 3, 29), 1) == ["2025-03-30T02:30:00+01:00"]


def test_an_ambiguous_time_takes_the_first() -> None:
    # 01:30 on 2 November 2025 in New York happens twice: the first is EDT (-04:00)
    assert runs(6, "01:30", "America/New_York", datetime(2025, 10, 30), 2) == [
        "2025-11-02T01:30:00-04:00",
        "2025-11-09T01:30:00-05:00",
    ]
    assert runs(6, "01:30", "Europe/London", datetime(2025, 10, 20), 1) == ["2025-10-26T01:30:00+01:00"]


def test_every_two_weeks_counts_from_the_start() -> None:
    assert runs(4, "19:00", "Europe/London", datetime(2025, 1, 6), 3, every=2) == [
        "2025-01-10T19:00:00+00:00",
        "2025-01-24T19:00:00+00:00",
        "2025-02-07T19:00:00+00:00",
    ]


@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)),
    st.sampled_from(["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]),
)
def test_every_occurrence_is_on_its_weekday_and_wall_time_or_just_after_a_gap(start: datetime, zone: str) -> None:
    rec = Recurrence(2, time(2, 15), zone, 1, start)
    found = rec.next_runs(start.replace(tzinfo=UTC), 4)
    assert all(b - a >= timedelta(days=6) for a, b in pairwise(found))
    for d in found:
        assert d.weekday() == 2 and d.time() >= time(2, 15) and d.time() < time(3, 16)


def test_local_instant_resolves_gaps_forward_and_folds_first() -> None:
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    assert local_instant(datetime(2025, 3, 9, 2, 30), ny).astimezone(UTC) == utc(2025, 3, 9, 7, 30)
    assert local_instant(datetime(2025, 11, 2, 1, 30), ny).astimezone(UTC) == utc(2025, 11, 2, 5, 30)


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        ("Europe/London", utc(2025, 3, 28, 19, 0), utc(2025, 4, 4, 18, 0)),  # spring: 19:00 BST = 18:00Z
        ("Europe/London", utc(2025, 10, 24, 18, 0), utc(2025, 10, 31, 19, 0)),  # autumn: back to 19:00Z
        ("America/New_York", utc(2025, 3, 8, 0, 0), utc(2025, 3, 14, 23, 0)),  # 19:00 EST → EDT
        ("America/New_York", utc(2025, 10, 31, 23, 0), utc(2025, 11, 8, 0, 0)),  # 19:00 EDT → EST
    ],
)
async def test_the_scheduler_posts_at_local_time_on_both_sides_of_a_change(
    settings: Settings, zone: str, before: datetime, after: datetime
) -> None:
    platform, clock = FakePlatform(), FakeClock(before - timedelta(days=3))
    bot = await start_bot(settings, platform, clock)
    try:
        await bot.say(f"/schedule add anora #films friday 19:00 {zone}")
        for due in (before, after):
            clock.set(due - timedelta(minutes=1))
            await bot.scheduler.tick()
            assert await bot.scheduler.next_wake() == due
            clock.set(due)
            await bot.scheduler.tick()
        assert len(platform.threads()) == 2
    finally:
        await bot.close()
