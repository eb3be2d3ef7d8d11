"""Weekly threads: claim each due occurrence in the store, post it exactly once, close its poll."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from bot import weekly
from bot.app import App
from bot.clock import parse_utc
from bot.members import club_section
from bot.models import PollTally, PostRef
from bot.ports import ChatPort, Clock
from bot.store import DatabaseGone
from bot.store.schedules import HORIZON, OPEN, Claim, Occurrence, Schedule, ScheduleStore, floor

log = logging.getLogger(__name__)
POSTING = 8  # occurrences carried forward at once, in different channels (a channel's posts stay in order)
LEASE = timedelta(minutes=2)  # by the database's clock: how long a crashed process's claim waits for a taker
LATE_AFTER = timedelta(minutes=1)  # a thread claimed this long after its time is recorded as late and says so
WATCH_EVERY = timedelta(seconds=1)  # how often App.check_changes looks for other processes' commits
MAX_SLEEP = timedelta(minutes=15)  # a pass at least this often, whatever the change detection saw
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=8), timedelta(minutes=30))
assert max(LEASE, *BACKOFF) < HORIZON  # the store voids leases and retries set further ahead (a clock jump)
_RUNNING: weakref.WeakKeyDictionary[App, Scheduler] = weakref.WeakKeyDictionary()


class Unpostable(Exception):
    """An occurrence that no retry can post (its film is gone): reported at once."""


class LeaseLost(Exception):
    """Another process took the occurrence over: this one stops, posting and recording nothing more."""


def running(app: App) -> Scheduler | None:
    """The scheduler serving `app` in this process, if one was started."""
    return _RUNNING.get(app)


def window(schedule: Schedule) -> timedelta:
    """How long a thread's poll stays open: poll_hours, else until the next thread."""
    return timedelta(hours=schedule.poll_hours) if schedule.poll_hours else timedelta(weeks=schedule.every)


def plan(schedule: Schedule, due: list[tuple[datetime, datetime]], now: datetime, grace: timedelta) -> list[Claim]:
    """What to do with occurrences that fell due: post the latest if within grace, skip the rest."""
    *older, (wall, at) = due
    claims = [Claim(w, d, post=False, reason="missed") for w, d in older]
    post = now - at <= grace
    late = now - at > LATE_AFTER
    reason = None if post else "missed: beyond the grace window"
    return [*claims, Claim(wall, at, post, late and post, reason, at + window(schedule))]


class Scheduler:
    """Posts one platform's weekly threads; `run()` loops, `tick()` does one pass."""

    def __init__(
        self, app: App, chat: ChatPort, clock: Clock, *, platform: str = "console", owner: str | None = None
    ) -> None:
        self.app, self.chat, self.clock, self.platform = app, chat, clock, platform
        self.store = ScheduleStore(app.store)
        self.owner = owner or uuid.uuid4().hex
        self.grace = timedelta(hours=app.settings.grace_hours)
        self.changed = asyncio.Event()  # set by /schedule commands: wake up and re-plan
        self.asleep = asyncio.Event()  # set while waiting (tests wait on it)
        self.wake_at: datetime | None = None
        self._pass = asyncio.Lock()  # one pass at a time per process (the loop and a test's tick)
        self.on_step: Callable[[str], Awaitable[None]] | None = None  # fault injection in tests
        app.on_change(self.changed.set)  # a schedule changed by another process (the CLI) re-plans at once
        _RUNNING[app] = self

    async def run(self) -> None:
        """Post due threads and close polls until cancelled, sleeping in between; another process's changes
        wake it within WATCH_EVERY. Ends with DatabaseGone if the database file is deleted or replaced."""
        watcher = asyncio.create_task(self._watch(), name="filmclub-scheduler-watch")
        loop = asyncio.create_task(self._loop(), name="filmclub-scheduler-loop")
        try:
            done, _ = await asyncio.wait((watcher, loop), return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                task.result()
        finally:
            for task in (watcher, loop):
                task.cancel()
            await asyncio.gather(watcher, loop, return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            self.changed.clear()
            failed = False
            try:
                await self.tick()
            except DatabaseGone:
                raise  # no pass can succeed, and none may write to a lost file
            except Exception:
                log.exception("scheduler pass failed; trying again shortly")
                failed = True
            wake = await self.next_wake()
            if failed:
                wake = max(wake, self.clock.now() + BACKOFF[0])
            await self._sleep(wake)

    async def _watch(self) -> None:
        """Check the database for other processes' commits every WATCH_EVERY (SQLite's data_version, as for
        imports); the app then sets `changed`, so the loop re-plans and sleeps until the new next wake."""
        while True:
            await self.clock.sleep_until(self.clock.now() + WATCH_EVERY)
            try:
                await self.app.check_changes()
            except DatabaseGone:
                raise
            except Exception:
                log.warning("checking the database for changes failed; trying again", exc_info=True)

    async def _sleep(self, wake: datetime) -> None:
        self.wake_at = wake
        self.asleep.set()
        timer = asyncio.ensure_future(self.clock.sleep_until(wake))
        change = asyncio.ensure_future(self.changed.wait())
        try:
            await asyncio.wait((timer, change), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (timer, change):
                task.cancel()
            await asyncio.gather(timer, change, return_exceptions=True)
            self.asleep.clear()

    async def tick(self) -> None:
        """One pass: claim what fell due, then finish unfinished posts and close ended polls."""
        async with self._pass:
            await self.claim_due()
            await self._advance_all(await self.store.work(self.platform, self.owner))

    async def _advance_all(self, work: list[Occurrence]) -> None:
        """Carry the unfinished occurrences forward, up to POSTING at once, each channel's in order: threads due at
        the same minute in many channels wait on the platform's latency together, not one after another."""
        by_channel: dict[str, list[Occurrence]] = {}
        # the schedule is read here only to group by channel; advance() reads it again once it holds the lease,
        # so a schedule changed while an occurrence waits for its turn is posted as it now stands
        for occ in work:
            schedule = await self.store.by_id(occ.schedule_id)
            by_channel.setdefault(schedule.channel_id if schedule else f"#{occ.schedule_id}", []).append(occ)
        gate = asyncio.Semaphore(POSTING)

        async def in_order(queue: list[Occurrence]) -> None:
            for occ in queue:
                async with gate:
                    await self.advance(occ)

        results = await asyncio.gather(*(in_order(q) for q in by_channel.values()), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result  # every channel had its turn; the loop reports and backs off as before

    async def next_wake(self) -> datetime:
        """The next due occurrence, retry, lease expiry or poll closing (at most MAX_SLEEP away).

        The times are the database's; the answer is on this process's clock, which sleeps until it.
        """
        now = await self.store.now()
        times = [now + MAX_SLEEP]
        upcoming = await self.store.next_due(self.platform)  # one indexed MIN, however many schedules
        if upcoming is not None:
            times.append(parse_utc(upcoming) if upcoming else now)  # '': not computed yet, so a pass now
        pending = await self.store.next_work(self.platform)
        times += [parse_utc(pending)] if pending else []
        return min(times) + (self.clock.now() - now)

    async def claim_due(self) -> None:
        """Record every occurrence that fell due by the database's clock: claim the latest within grace, skip the
        others (so a process whose own clock jumped ahead records nothing)."""
        now = await self.store.now()
        await self.store.forget_future_skips(self.platform)
        unchanged: list[int] = []
        # Only schedules whose stored next_due has come: a pass costs what is due, not every schedule.
        for schedule in await self.store.due(self.platform, now):
            due = schedule.recurrence.due_between(floor(schedule, await self.store.watermark(schedule.id)), now)
            if not due:
                unchanged.append(schedule.id)  # its next_due was not computed yet (or was early): set it
                continue
            claims = plan(schedule, due, now, self.grace)
            for occ_id, state in await self.store.record(schedule, claims, self.owner, LEASE):
                occ = await self.store.occurrence(occ_id)
                if occ and state == "failed":  # only the process whose claim failed reports it
                    await self._report(schedule, occ, "report_failed", reason="the film queue is empty")
        if unchanged:
            await self.store.refresh_next(unchanged)

    async def advance(self, occ: Occurrence) -> None:
        """Take the lease on one unfinished occurrence and carry it as far as it goes."""
        if not await self.store.acquire(occ, self.owner, LEASE):
            return  # another process's lease is live by the database's clock
        schedule = await self.store.by_id(occ.schedule_id)
        assert schedule is not None
        renewal = asyncio.create_task(self._renew(occ))
        try:
            await self._work(schedule, occ)
        finally:
            renewal.cancel()
            await asyncio.gather(renewal, return_exceptions=True)

    async def _renew(self, occ: Occurrence) -> None:
        """Keep the lease alive while a step waits (a long Retry-After), so no one takes over a live owner."""
        while True:
            await self.clock.sleep_until(self.clock.now() + LEASE / 4)
            if not await self.store.renew(occ.id, self.owner, LEASE):
                log.warning("lost the lease on occurrence %s while working on it", occ.id)
                return

    async def _work(self, schedule: Schedule, occ: Occurrence) -> None:
        try:
            if occ.state in OPEN:
                await self._post(schedule, occ)
            else:
                await self._close(schedule, occ)
        except LeaseLost as exc:
            log.warning("schedule %s occurrence %s: %s; its new owner carries on", schedule.id, occ.occurrence, exc)
        except Unpostable as exc:
            await self.store.fail(occ.id, self.owner, str(exc))
            await self._report(schedule, occ, "report_failed", reason=str(exc))
        except Exception as exc:
            log.warning("schedule %s occurrence %s: %s", schedule.id, occ.occurrence, exc, exc_info=True)
            await self._retry(schedule, occ, exc)

    async def _retry(self, schedule: Schedule, occ: Occurrence, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {exc}"[:300]
        if occ.attempts >= len(BACKOFF):
            await self.store.fail(occ.id, self.owner, reason)
            await self._report(schedule, occ, "report_failed", reason=reason)
            return
        retry = await self.store.retry_later(occ, self.owner, BACKOFF[occ.attempts], reason)
        if retry is not None and occ.attempts == 0:
            await self._report(schedule, occ, "report_retrying", reason=reason, retry=retry)

    async def _report(self, schedule: Schedule, occ: Occurrence, key: str, **values: object) -> None:
        label = occ.film_slug or "queue"
        notice = weekly.report(key, id=schedule.id, label=label, due=occ.occurrence, **values)
        try:
            await self.chat.send(schedule.report_channel, notice)
        except Exception:
            log.exception("could not report schedule %s to its moderators' channel", schedule.id)

    async def _content(self, schedule: Schedule, occ: Occurrence) -> weekly.Weekly:
        await self.app.sync()  # films imported by another process since the last look
        film = self.app.find(occ.film_slug or "", schedule.club_id).film
        review = await self.app.review_of(film, schedule.club_id) if film else None
        if film is None or review is None:
            raise Unpostable(f"the film {occ.film_slug!r} has no review any more")
        wall = datetime.fromisoformat(occ.occurrence)
        late = wall.strftime("%A %d %B %H:%M") + f" ({schedule.tz})" if occ.late else None
        club = await club_section(self.app, film, schedule.club_id, review)
        return weekly.thread(film, review, await self.app.analysis(review), wall, late, club)

    async def _step(self, name: str) -> None:
        if self.on_step is not None:
            await self.on_step(name)

    async def _fence(self, occ: Occurrence) -> None:
        """Renew the lease just before a post; a process that lost it (another took over) posts nothing."""
        if not await self.store.renew(occ.id, self.owner, LEASE):
            raise LeaseLost(f"lost the lease on occurrence {occ.id}")

    async def _mark(
        self, occ: Occurrence, state: str, thread: PostRef | None = None, poll: PostRef | None = None,
        tally: str | None = None,
    ) -> None:  # fmt: skip
        if not await self.store.advance(occ.id, self.owner, state, LEASE, thread=thread, poll=poll, tally=tally):
            raise LeaseLost(f"lost the lease on occurrence {occ.id}")
        await self._step(state)

    async def _post(self, schedule: Schedule, occ: Occurrence) -> None:
        content, key = await self._content(schedule, occ), _key(schedule, occ)
        await self._step("claimed")
        channel, thread = schedule.channel_id, occ.thread
        if occ.state == "claimed" or thread is None:
            # Not find_post: a thread found again may lack replies; create_thread finds each part by its key
            # and posts only the missing ones, so a restart completes the thread instead of doubling it.
            await self._fence(occ)
            thread = await self.chat.create_thread(channel, content.title, content.messages, key=key + ":thread")
            await self._step("thread_created")
            await self._mark(occ, "thread_posted", thread=thread)
        if occ.state != "poll_posted" and content.poll is not None:
            await self._fence(occ)
            poll = await self.chat.find_post(channel, key + ":poll", thread=thread) or await self.chat.send(
                channel, content.poll, thread=thread, key=key + ":poll"
            )
            await self._step("poll_sent")
            await self._mark(occ, "poll_posted", poll=poll)
        await self._mark(occ, "posted")

    async def _close(self, schedule: Schedule, occ: Occurrence) -> None:
        content, key = await self._content(schedule, occ), _key(schedule, occ)
        tally = _tally(occ.tally)
        if occ.state == "posted":
            await self._fence(occ)
            tally = await self.chat.close_poll(occ.poll) if occ.poll else None
            await self._step("poll_closed")
            await self._mark(occ, "tallied", tally=json.dumps(_tally_json(tally)))
        question = content.poll.poll.question if content.poll and content.poll.poll else None
        recap = weekly.recap(content.label, question if occ.poll else None, tally)
        # The recap is a reply in the thread: looked for there (a channel's history holds no replies).
        if await self.chat.find_post(schedule.channel_id, key + ":recap", thread=occ.thread) is None:
            await self._fence(occ)
            await self.chat.send(schedule.channel_id, recap, thread=occ.thread, key=key + ":recap")
        await self._step("recap_sent")
        await self._mark(occ, "closed")


def _key(schedule: Schedule, occ: Occurrence) -> str:
    """The idempotency key stem of an occurrence: stable across restarts and processes."""
    return f"filmclub:{schedule.id}:{occ.occurrence}"


def _tally_json(tally: PollTally | None) -> dict[str, object] | None:
    if tally is None:
        return None
    return {"options": list(tally.options), "counts": list(tally.counts), "voters": tally.voters}


def _tally(text: str | None) -> PollTally | None:
    data = json.loads(text) if text else None
    if not data:
        return None
    return PollTally(tuple(data["options"]), tuple(int(c) for c in data["counts"]), int(data["voters"]))


def changed(app: App) -> None:
    """Tell the app's scheduler that schedules changed, so it re-plans at once."""
    scheduler = running(app)
    if scheduler is not None:
        scheduler.changed.set()


@asynccontextmanager
async def background(
    app: App, chat: ChatPort, clock: Clock | None = None, platform: str = "console"
) -> AsyncIterator[Scheduler]:
    """Run a Scheduler as a task for the duration of the block (the chat runs in the block). If the scheduler
    stops on an error (the database file deleted), the block is cancelled and the error raised from it."""
    from bot.clock import SystemClock

    scheduler = Scheduler(app, chat, clock or SystemClock(), platform=platform)
    task = asyncio.create_task(scheduler.run(), name=f"filmclub-scheduler-{platform}")
    block = asyncio.current_task()
    task.add_done_callback(lambda t: block.cancel() if block and not t.cancelled() and t.exception() else None)
    try:
        yield scheduler
    except asyncio.CancelledError:
        failure = task.exception() if task.done() and not task.cancelled() else None
        if failure is not None:
            raise failure from None
        raise
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
