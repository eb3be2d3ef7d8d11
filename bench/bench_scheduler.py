"""Scheduler figures with 10,000 schedules: cost of one pass, idle CPU and wake-ups, lateness, memory.

Run: .venv/bin/python -m bench.bench_scheduler [--clubs 1000] [--per-club 10] [--due 50] [--waves 2] [--idle 10]

It stores 1,000 clubs × 10 schedules in a real SQLite file through the real ScheduleStore, runs the
real Scheduler loop on the real SystemClock with a lean ChatPort that records when each thread was
opened, and prints figures with their conditions; it is not a test. Schedules are wall-clock HH:MM,
so every occurrence falls on a UTC minute boundary: each wave puts `--due` schedules (in several time
zones) on one coming minute M, all due at once (the worst case for the last of them), and the rest
of the schedules far from the run. The idle window is the time the loop sleeps before M (≥ --idle s).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import itertools
import random
import resource
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import ROOT, machine, percentiles
from bot.bootstrap import build_app
from bot.clock import Recurrence, SystemClock, utc_text
from bot.config import Settings
from bot.models import Message, PollTally, PostRef
from bot.scheduler import POSTING, Scheduler
from bot.store import SqliteStore
from bot.store.schedules import Schedule, ScheduleStore

# Past weeks, as the scheduler would have left them: closed ones, and last week's thread with its poll still
# open until this week's occurrence (a fixture of the benchmark, written straight into the table).
HISTORY = """
INSERT INTO occurrences (schedule_id, occurrence, due, state, film_slug, close_at, thread_channel, thread_message,
    thread_id, poll_channel, poll_message, poll_thread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
ZONES = ("UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide")
FILM = "anora-2024"  # the shipped seed


class TimingChat:
    """A ChatPort that does nothing but note when each thread was opened (time.time()); every call takes
    `latency` seconds, as a platform's Web API round trip does."""

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.opened: dict[int, float] = {}  # schedule id → when its (latest) thread was opened
        self.ids = itertools.count(1)
        self.awaited: set[int] = set()  # schedule ids whose threads the benchmark waits for
        self.all_opened = asyncio.Event()
        self.closed = 0  # polls closed (last week's, closing as this week's thread opens)

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        await asyncio.sleep(self.latency)
        return PostRef(channel_id, f"m{next(self.ids)}", thread.thread_id if thread else None)

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        await asyncio.sleep(self.latency)
        schedule_id = int(key.split(":")[1])  # filmclub:<schedule id>:<occurrence>:thread
        self.opened[schedule_id] = time.time()
        self.awaited.discard(schedule_id)
        if not self.awaited:
            self.all_opened.set()
        return PostRef(channel_id, f"m{next(self.ids)}", f"t{next(self.ids)}")

    async def find_post(self, channel_id: str, key: str, *, thread: PostRef | None = None) -> PostRef | None:
        return None

    async def close_poll(self, ref: PostRef) -> PollTally:
        self.closed += 1
        return PollTally(("Yes", "No"), (3, 1), 4)

    async def check_channel(self, channel_id: str) -> str | None:
        return None


def rss_mb() -> tuple[float, float]:
    """Resident memory now and at its peak, in MB."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    kb = {k: int(status[k].split()[0]) for k in ("VmRSS", "VmHWM") if k in status}
    peak = kb.get("VmHWM", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return kb.get("VmRSS", 0) / 1024, peak / 1024


def values(club: str, zone: str, weekday: int, at: str, now: datetime) -> tuple[object, ...]:
    """The INSERT_SCHEDULE columns of a weekly schedule added at `now`."""
    start = now.astimezone(ZoneInfo(zone)).replace(tzinfo=None, second=0, microsecond=0)
    return (club, "console", FILM, f"{club}-films", f"{club}-mods", weekday, at, zone, 1, None, start.isoformat(),
            utc_text(now), "bench")  # fmt: skip


def far_values(club: str, rng: random.Random, now: datetime, not_before: datetime) -> tuple[object, ...]:
    """A schedule whose next occurrence is later than `not_before`."""
    while True:
        zone, weekday, at = rng.choice(ZONES), rng.randrange(7), f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
        row = values(club, zone, weekday, at, now)
        rec = Recurrence(weekday, datetime.strptime(at, "%H:%M").time(), zone, 1, datetime.fromisoformat(str(row[10])))
        if next(rec.occurrences(now))[1] > not_before:
            return row


def due_values(club: str, zone: str, at: datetime, now: datetime) -> tuple[object, ...]:
    """A schedule whose next occurrence is the UTC instant `at` (a minute boundary)."""
    local = at.astimezone(ZoneInfo(zone))
    return values(club, zone, local.weekday(), local.strftime("%H:%M"), now)


def next_minute(after: datetime) -> datetime:
    """The first whole UTC minute at or after `after`."""
    floor = after.replace(second=0, microsecond=0)
    return floor if floor == after else floor + timedelta(minutes=1)


async def fill(app_store: SqliteStore, args: argparse.Namespace) -> tuple[list[datetime], dict[int, datetime], int]:
    """Add clubs × per-club schedules and their past weeks; `due` of them per wave fall due on its minute."""
    store, rng, clock = ScheduleStore(app_store), random.Random(5), SystemClock()
    total, due_total = args.clubs * args.per_club, args.due * args.waves
    horizon = clock.now() + timedelta(minutes=args.waves + 15)
    slots = [f"club{i % args.clubs:04d}" for i in range(total)]
    added = [await store.add(far_values(club, rng, clock.now(), horizon)) for club in slots[due_total:]]
    history = await add_history(app_store, added, args.history, clock.now())
    # The waves are placed only now, so that the set-up above cannot run into them.
    first = next_minute(clock.now() + timedelta(seconds=args.idle + 2))
    waves = [first + timedelta(minutes=w) for w in range(args.waves)]
    due: dict[int, datetime] = {}
    for i, club in enumerate(slots[:due_total]):
        wave = waves[i // args.due]
        schedule = await store.add(due_values(club, ZONES[i % len(ZONES)], wave, clock.now()))
        history += await add_history(app_store, [schedule], args.history, clock.now())
        due[schedule.id] = wave
    return waves, due, history


async def add_history(app_store: SqliteStore, schedules: list[Schedule], weeks: int, now: datetime) -> int:
    """Record each schedule's last `weeks` occurrences: all closed but the latest, whose poll is open."""
    rows: list[tuple[object, ...]] = []
    for schedule in schedules if weeks else []:
        # The same weekly rule started earlier (the real one starts when the schedule was added).
        rule = dataclasses.replace(schedule.recurrence, start=schedule.start_local - timedelta(weeks=weeks + 1))
        past = rule.due_between(now - timedelta(weeks=weeks, hours=1), now)
        for n, (wall, due) in enumerate(past[-weeks:], start=1):
            state = "posted" if n == min(weeks, len(past)) else "closed"
            refs = (schedule.channel_id, f"h{schedule.id}-{n}", f"t{schedule.id}-{n}")
            close = utc_text(due + timedelta(weeks=schedule.every))
            rows.append((schedule.id, wall.isoformat(timespec="minutes"), utc_text(due), state, FILM, close, *refs,
                         *refs))  # fmt: skip
    async with app_store.transaction() as db:
        await db.executemany(HISTORY, rows)
    return len(rows)


async def pass_cost(scheduler: Scheduler, runs: int = 5) -> tuple[list[float], list[float]]:
    """CPU and wall seconds of one scheduler pass (tick + next_wake) with nothing due."""
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        await scheduler.tick()
        await scheduler.next_wake()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return cpu, wall


def counting(tick: Callable[[], Awaitable[None]], log: list[float]) -> Callable[[], Awaitable[None]]:
    """`tick`, noting the time of every call (a wake-up of the loop)."""

    async def counted() -> None:
        log.append(time.time())
        await tick()

    return counted


async def wave_lateness(chat: TimingChat, wave: datetime, ids: list[int]) -> list[float]:
    """Seconds from `wave` to the opening of each of the `ids` schedules' threads; one line printed."""
    chat.awaited, chat.all_opened, closed = set(ids), asyncio.Event(), chat.closed
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(chat.all_opened.wait(), wave.timestamp() + 30 - time.time())
    late = [chat.opened[i] - wave.timestamp() for i in ids if i in chat.opened]
    label = f"wave at {wave:%H:%M:%S}Z: threads opened"
    print(f"{label:48} {len(late):8d} of {len(ids)}  max lateness {max(late, default=float('nan')):.3f} s  "
          f"(and {chat.closed - closed} polls of last week closed first)")  # fmt: skip
    return late


async def run(args: argparse.Namespace, db: Path) -> None:
    """Fill the store, run the loop through every wave and print the figures."""
    chat = TimingChat(args.latency)
    app = await build_app(Settings(database=db, seeds=ROOT / "seeds"), chat)
    start = time.perf_counter()
    waves, due, history = await fill(app.store, args)
    total = args.clubs * args.per_club
    conditions = (
        f"({total:,} schedules, {args.clubs:,} clubs, {history:,} past occurrences, SQLite file, "
        f"{args.latency * 1e3:.0f} ms per platform call, {POSTING} posted at once)"
    )
    print(f"{'setup: schedules added':48} {time.perf_counter() - start:8.1f} s   {conditions}")
    scheduler = Scheduler(app, chat, SystemClock(), platform="console")
    cpu, wall = await pass_cost(scheduler)
    p50c, _ = percentiles(cpu)
    p50w, _ = percentiles(wall)
    print(
        f"{'one pass (tick + next_wake), nothing due':48} {p50c:8.1f} ms CPU, {p50w:.1f} ms wall (median of 5)  {conditions}"
    )
    wakes: list[float] = []
    scheduler.tick = counting(scheduler.tick, wakes)  # type: ignore[method-assign]
    task = asyncio.create_task(scheduler.run())
    lateness: list[float] = []
    try:
        for wave in waves:
            await asyncio.wait_for(scheduler.asleep.wait(), 60)
            await idle_window(wave, wakes)
            lateness += await wave_lateness(chat, wave, [i for i, at in due.items() if at == wave])
            scheduler.asleep.clear()
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    p50, p99 = percentiles(lateness)
    print(
        f"{'lateness (thread opened − due time)':48} p50 {p50:8.1f} ms  p99 {p99:8.1f} ms  max {max(lateness) * 1e3:.1f} ms  "
        f"n={len(lateness)}  target ≤ 1 s  ({args.due} due at the same minute per wave, {total:,} schedules)"
    )
    now, peak = rss_mb()
    print(f"{'resident memory: now / peak':48} {now:8.1f} MB / {peak:.1f} MB  (whole process, seeds imported)")
    await app.close()


async def idle_window(wave: datetime, wakes: list[float]) -> None:
    """Measure the process's CPU while the loop sleeps until 1 s before `wave`; print it."""
    begin, cpu, ticks = time.time(), time.process_time(), len(wakes)
    await asyncio.sleep(max(0.0, wave.timestamp() - 1 - begin))
    seconds, used = time.time() - begin, time.process_time() - cpu
    print(f"{'idle window: process CPU (user+sys)':48} {used * 1e3:8.1f} ms over {seconds:.1f} s "
          f"({used / seconds:.3%} of a core)  wake-ups {len(wakes) - ticks}  target ~0")  # fmt: skip


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clubs", type=int, default=1000)
    parser.add_argument("--per-club", type=int, default=10)
    parser.add_argument("--due", type=int, default=50, help="schedules due per wave (same minute)")
    parser.add_argument("--waves", type=int, default=2, help="due minutes, one after another")
    parser.add_argument("--history", type=int, default=10, help="past weeks recorded per schedule (0: none)")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per platform call (0: none)")
    parser.add_argument("--idle", type=float, default=10, help="least idle seconds before the first wave")
    args = parser.parse_args()
    print(f"# scheduler benchmarks — {machine()}, {datetime.now(UTC):%Y-%m-%d}")
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(args, Path(tmp) / "bench.db"))


if __name__ == "__main__":
    main()
