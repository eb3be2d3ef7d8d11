"""The moderators' `/schedule` and `/queue` commands (also behind `filmclub schedule`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot import render
from bot.clock import WEEKDAYS, utc_text
from bot.commands import OptionSpec, command
from bot.models import Button, Incoming, Inline, Message, Section
from bot.ports import Clock
from bot.render import notice
from bot.schedule_parse import BadInput, Request, number, parse_add
from bot.scheduler import changed, window
from bot.store.schedules import OPEN, Claim, Schedule, ScheduleStore, unrecorded
from bot.wording import phrase

if TYPE_CHECKING:
    from bot.app import App

ACTIONS = ("add", "list", "remove", "pause", "resume", "run-now")
SCHEDULE_OPTIONS = (
    OptionSpec("action", "What to do", required=True, choices=ACTIONS),
    OptionSpec("film", "The film, or “queue” for the club's film queue", autocomplete=True),
    OptionSpec("channel", "Where the weekly thread goes"),
    OptionSpec("day", "Day of the week", choices=WEEKDAYS),
    OptionSpec("time", "Time of day, HH:MM (24-hour)"),
    OptionSpec("timezone", "IANA time zone, e.g. Europe/London (default: the club's)"),
    OptionSpec("every", "Every how many weeks (default 1)"),
    OptionSpec("poll_hours", "How long the poll stays open, in hours (default: until the next thread)"),
    OptionSpec("id", "The schedule's number, from /schedule list"),
)


def wording_of(key: str, **values: object) -> str:
    """A phrase of prompts/schedule.toml."""
    return phrase("schedule", key, **values)


_w = wording_of


def clock_of(app: App) -> Clock:
    """The database's clock (a fake one in tests), which due times and leases are measured against."""
    return app.store.clock


def split_action(incoming: Incoming) -> tuple[str, str]:
    """The action (`run_now` and `runnow` read as `run-now`) and the rest of the free text."""
    first, _, rest = incoming.args.strip().partition(" ")
    action, rest = (incoming.option("action") or "", incoming.args) if incoming.option("action") else (first, rest)
    action = action.lower().replace("_", "-")
    return ("run-now" if action == "runnow" else action) or "list", rest


def film_label(app: App, slug: str | None, club_id: str) -> str:
    """A schedule's film as people read it."""
    if slug is None:
        return _w("queue_word")
    film = app.find(slug, club_id).film
    return film.label if film else slug


async def add(app: App, incoming: Incoming, args: str) -> Schedule:
    """Validate and store a schedule; BadInput (or a Message for an unknown film) explains a refusal."""
    req: Request = parse_add(incoming, args, app.settings.timezone)
    store = ScheduleStore(app.store)
    slug: str | None = None
    if req.film.lower() == "queue":
        if not await store.queue(incoming.club_id):
            raise BadInput(_w("queue_empty"))
    else:
        match = app.find(req.film, incoming.club_id)
        if match.film is None:
            raise NotFound(render.not_found(req.film, match.suggestions))
        slug = match.film.slug
    reason = await app.chat.check_channel(req.channel) if app.chat else None
    if reason:
        raise BadInput(_w("bad_channel", channel=f"#{req.channel}", reason=reason))
    await _refuse_duplicate(app, incoming, req, slug)
    now = clock_of(app).now()
    start = now.astimezone(ZoneInfo(req.tz)).replace(tzinfo=None, second=0, microsecond=0)
    values = (incoming.club_id, incoming.platform, slug, req.channel, incoming.channel_id, req.weekday)
    more = (req.at.strftime("%H:%M"), req.tz, req.every, req.poll_hours, start.isoformat(), utc_text(now))
    schedule = await store.add((*values, *more, incoming.user_id))
    changed(app)
    return schedule


async def _refuse_duplicate(app: App, incoming: Incoming, req: Request, slug: str | None) -> None:
    """BadInput naming the club's schedule that already posts this film in this channel at this time."""
    same = (incoming.platform, slug, req.channel, req.weekday, req.at, req.tz)
    for s in await ScheduleStore(app.store).of_club(incoming.club_id):
        if (s.platform, s.film_slug, s.channel_id, s.weekday, s.at, s.tz) == same:
            film, channel, day = film_label(app, slug, s.club_id), f"#{s.channel_id}", WEEKDAYS[s.weekday].capitalize()
            raise BadInput(_w("duplicate_schedule", id=s.id, film=film, channel=channel, day=day,
                              time=s.at.strftime("%H:%M"), tz=s.tz))  # fmt: skip


class NotFound(Exception):
    """An unknown film; `message` carries the suggestions."""

    def __init__(self, message: Message) -> None:
        super().__init__(" ".join(i.text for s in message.sections for p in s.paragraphs for i in p))
        self.message = message


def _when(d: datetime) -> str:
    return d.strftime("%a %d %b %Y %H:%M %Z")


async def upcoming(app: App, schedule: Schedule, now: datetime, count: int = 3) -> list[datetime]:
    """The schedule's next runs not yet claimed (run-now takes one early), in its zone."""
    zone, runs = ZoneInfo(schedule.tz), await _unclaimed(app, schedule, now)
    return [due.astimezone(zone) for _, due in islice(runs, count)]


async def _unclaimed(app: App, schedule: Schedule, now: datetime) -> Iterator[tuple[datetime, datetime]]:
    """(wall, due) of the schedule's occurrences after `now` that no row records yet."""
    store = ScheduleStore(app.store)
    mark, ahead = await store.watermark(schedule.id), await store.ahead(schedule.id)
    return unrecorded(schedule, mark, ahead, after=now)


async def describe(app: App, schedule: Schedule, now: datetime) -> dict[str, Any]:
    """A schedule as JSON: its settings, next runs (ISO 8601 with offsets) and recent history."""
    history = await ScheduleStore(app.store).history(schedule.id)
    runs = [] if schedule.paused else await upcoming(app, schedule, now)
    return {
        "id": schedule.id,
        "club": schedule.club_id,
        "platform": schedule.platform,
        "film": schedule.film_slug or "queue",
        "channel": schedule.channel_id,
        "day": WEEKDAYS[schedule.weekday],
        "time": schedule.at.strftime("%H:%M"),
        "timezone": schedule.tz,
        "every_weeks": schedule.every,
        "poll_hours": schedule.poll_hours,
        "paused": schedule.paused,
        "next_runs": [d.isoformat() for d in runs],
        "history": [
            {"occurrence": o.occurrence, "due": o.due, "state": o.state, "film": o.film_slug, "error": o.error}
            for o in history
        ],
    }


def _list_section(app: App, schedule: Schedule, info: dict[str, Any]) -> Section:
    every = _w("list_every", n=schedule.every) if schedule.every > 1 else ""
    poll = _w("list_poll", hours=schedule.poll_hours) if schedule.poll_hours else ""
    head = _w(
        "list_item", id=schedule.id, film=film_label(app, schedule.film_slug, schedule.club_id),
        channel=f"#{schedule.channel_id}", day=info["day"].capitalize(), time=info["time"], tz=schedule.tz,
        every=every, poll=poll, paused=_w("list_paused") if schedule.paused else "",
    )  # fmt: skip
    zone = ZoneInfo(schedule.tz)
    runs = ", ".join(_when(datetime.fromisoformat(d).astimezone(zone)) for d in info["next_runs"])
    lines = [_w("list_next", runs=runs)] if runs else []
    history = info["history"]
    skipped = [h for h in history if h["state"] == "skipped"]
    if skipped:
        lines.append(_w("list_skipped", count=len(skipped), when=", ".join(h["occurrence"] for h in skipped[:3])))
    lines += [_w("list_failed", when=h["occurrence"], reason=h["error"]) for h in history if h["state"] == "failed"]
    posted = next((h for h in history if h["state"] in ("posted", "tallied", "closed")), None)
    lines += [_w("list_last", when=posted["occurrence"])] if posted else []
    return Section(head, bullets=tuple((Inline(line),) for line in lines))


async def _schedule_id(app: App, incoming: Incoming, action: str, rest: str) -> Schedule | Message:
    raw = incoming.option("id") or (rest.split() or [""])[0].lstrip("#")
    if not raw:
        return notice(_w("id_needed", action=action))
    try:
        value = number("id", raw, 1, 2**62)
    except BadInput as exc:
        return notice(str(exc))
    found = await ScheduleStore(app.store).get(incoming.club_id, value or 0)
    return found or notice(_w("no_such_schedule", id=raw))


async def _list(app: App, incoming: Incoming) -> list[Message]:
    schedules = await ScheduleStore(app.store).of_club(incoming.club_id)
    if not schedules:
        return [notice(_w("list_empty"), error=False)]
    now = clock_of(app).now()
    sections = [_list_section(app, s, await describe(app, s, now)) for s in schedules]
    return [Message(_w("list_title"), tuple(sections), ephemeral=True)]


async def _add(app: App, incoming: Incoming, rest: str) -> list[Message]:
    try:
        schedule = await add(app, incoming, rest)
    except BadInput as exc:
        return [notice(str(exc))]
    except NotFound as exc:
        return [exc.message]
    info = await describe(app, schedule, clock_of(app).now())
    every = "week" if schedule.every == 1 else f"{schedule.every} weeks"
    film = film_label(app, schedule.film_slug, schedule.club_id)
    day, channel = info["day"].capitalize(), f"#{schedule.channel_id}"
    body = _w("added", film=film, channel=channel, every=every, day=day, time=info["time"], tz=schedule.tz)
    runs = _w("next_runs", runs=", ".join(_when(d) for d in await upcoming(app, schedule, clock_of(app).now())))
    sections = (Section(paragraphs=((Inline(body),), (Inline(runs),))),)
    return [Message(_w("added_title", id=schedule.id), sections, ephemeral=True)]


async def _run_now(app: App, schedule: Schedule, extra: bool) -> Message:
    """Claim this week's occurrence and wake the scheduler to post it at once; once this week's thread exists,
    say so and offer an extra one (`extra`), posted now without taking a future week."""
    store, now, zone = ScheduleStore(app.store), clock_of(app).now(), ZoneInfo(schedule.tz)
    wall, due = schedule.recurrence.this_week(now) or next(await _unclaimed(app, schedule, now))
    occ = await store.occurrence_of(schedule.id, wall)
    if occ is not None and occ.state not in ("skipped", "failed") and not extra:
        return _offer_extra(schedule, occ.state, _when(due.astimezone(zone)))
    if occ is not None:  # an extra, or a skipped or failed week again: a new occurrence now, keyed by its minute
        wall, due = now.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0), now
    claim = Claim(wall, due, post=True, close_at=max(due, now) + window(schedule))
    won = await store.record(schedule, [claim], owner="", lease=timedelta(0))  # any process may post it now
    when = _when(due.astimezone(zone))
    if not won:  # another process's run-now of the same minute
        return notice(_w("run_now_taken", when=when, id=schedule.id, state=_w("state_posting")))
    changed(app)
    if won[0][1] == "failed":
        return notice(_w("queue_empty"))
    return notice(_w("run_now_extra" if extra and occ else "run_now", when=when, id=schedule.id), error=False)


def _offer_extra(schedule: Schedule, state: str, when: str) -> Message:
    """This week's thread exists (or is being posted): say so, and offer it again as an extra."""
    text = _w(
        "run_now_taken", when=when, id=schedule.id, state=_w("state_posting" if state in OPEN else "state_posted")
    )
    offer = Section(paragraphs=((Inline(text),), (Inline(_w("run_now_offer", id=schedule.id)),)))
    button = Button(_w("run_now_extra_button"), "schedule", f"run-now {schedule.id} extra")
    return Message(sections=(offer,), buttons=(button,), ephemeral=True)


async def _change(app: App, incoming: Incoming, action: str, rest: str) -> list[Message]:
    found = await _schedule_id(app, incoming, action, rest)
    if isinstance(found, Message):
        return [found]
    store, now = ScheduleStore(app.store), clock_of(app).now()
    if action == "remove":
        await store.remove(incoming.club_id, found.id)
        reply = notice(_w("removed", id=found.id), error=False)
    elif action in ("pause", "resume"):
        await store.set_paused(incoming.club_id, found.id, action == "pause", now)
        if action == "pause":
            reply = notice(_w("paused", id=found.id), error=False)
        else:
            [nxt] = await upcoming(app, found, now, 1)
            reply = notice(_w("resumed", id=found.id, next=_when(nxt)), error=False)
    else:
        reply = await _run_now(app, found, "extra" in rest.lower().split())
    changed(app)
    return [reply]


@command("schedule", moderator=True, usage="/schedule add|list|remove|pause|resume|run-now …", options=SCHEDULE_OPTIONS)
async def schedule(app: App, incoming: Incoming) -> list[Message]:
    """Weekly discussion threads: add, list, remove, pause, resume or post one now."""
    action, rest = split_action(incoming)
    if action == "add":
        return await _add(app, incoming, rest)
    if action == "list":
        return await _list(app, incoming)
    if action in ACTIONS:
        return await _change(app, incoming, action, rest)
    return [notice(_w("unknown_action", action=action, usage=_w("usage")))]
