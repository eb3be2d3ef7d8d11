"""Reading `/schedule add` arguments: structured options (Discord) or free text (console, Slack)."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import time
from functools import cache
from zoneinfo import available_timezones

from rapidfuzz import process

from bot.clock import WEEKDAYS
from bot.config import ConfigError, validate_timezone
from bot.models import Incoming
from bot.wording import phrase

KEYS = ("film", "channel", "day", "time", "timezone", "every", "poll_hours")
_ALIASES = {"tz": "timezone", "zone": "timezone", "weekday": "day", "at": "time", "poll": "poll_hours"}
_CHANNEL = re.compile(r"^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$|^#(\S+)$")  # <#123>, <#C123|name>, #name
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.I)  # UTC+1, GMT-5, UTC-05:00
_AREAS = frozenset(
    [
        "africa",
        "america",
        "antarctica",
        "arctic",
        "asia",
        "atlantic",
        "australia",
        "europe",
        "indian",
        "pacific",
        "etc",
        "us",
        "canada",
        "brazil",
        "mexico",
        "chile",
    ]
)
_DAYS = {d[:n]: i for i, d in enumerate(WEEKDAYS) for n in range(3, len(d) + 1)} | {"tues": 1, "thurs": 3}


class BadInput(Exception):
    """An argument a moderator must fix; the message says how."""


def _w(key: str, **values: object) -> str:
    return phrase("schedule", key, **values)


@dataclass(frozen=True)
class Request:
    """A validated `/schedule add`, before the film and channel are checked against the club."""

    film: str
    channel: str
    weekday: int
    at: time
    tz: str
    every: int
    poll_hours: int | None


def channel_id(text: str) -> str:
    """A channel from `#films`, Discord `<#123>`, Slack `<#C123|films>` or a plain id/name."""
    m = _CHANNEL.match(text.strip())
    return (m.group(1) or m.group(2)) if m else text.strip().lstrip("#")


def weekday(text: str) -> int:
    """0 (Monday) … 6 from a day name or its abbreviation."""
    key = text.strip().lower().rstrip(".")
    key = key[:-1] if key.endswith("s") and key[:-1] in _DAYS else key
    if key not in _DAYS:
        raise BadInput(_w("bad_day", value=text))
    return _DAYS[key]


def time_of_day(text: str) -> time:
    """HH:MM (24-hour) as a time."""
    m = _TIME.match(text.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise BadInput(_w("bad_time", value=text))
    return time(int(m.group(1)), int(m.group(2)))


@cache
def _zone_names() -> dict[str, str]:
    """Every IANA zone name by its lower-case form: `est` and `europe/london` are found too."""
    return {name.lower(): name for name in available_timezones()}


def _offset_zone(text: str) -> str | None:
    """UTC+1 → Etc/GMT-1 (IANA's Etc signs are reversed), UTC-05:00 → Etc/GMT+5; None if not such an offset."""
    m = _OFFSET.match(text.strip())
    if not m or m.group(3) not in (None, "00") or int(m.group(2)) > (14 if m.group(1) == "+" else 12):
        return None
    hours = int(m.group(2))
    return "UTC" if hours == 0 else f"Etc/GMT{'-' if m.group(1) == '+' else '+'}{hours}"


def zone(text: str) -> str:
    """An IANA zone name (any case), or a whole-hour offset such as UTC+1 or UTC-05:00; else an error suggesting
    the nearest zone. The chat command and the shell both read zones here."""
    name = text.strip()
    found = _offset_zone(name) or _zone_names().get(name.lower())
    try:
        return validate_timezone(found or name).key
    except ConfigError:
        near = not _OFFSET.match(name)  # an offset in minutes (UTC+05:30) has no Etc zone: no near name either
        best = process.extractOne(name, sorted(available_timezones()), score_cutoff=80) if near else None
        hint = _w("timezone_hint", zone=best[0]) if best else ""
        raise BadInput(_w("bad_timezone", value=text, hint=hint)) from None


def number(name: str, text: str | None, low: int, high: int) -> int | None:
    """A whole number in [low, high], or None if not given."""
    if text is None or not text.strip():
        return None
    value = text.strip().removesuffix("h")
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadInput(_w("bad_number", setting=name, value=text, low=low, high=high))
    return int(value)


def _tokens(args: str) -> list[str]:
    try:
        return shlex.split(args)
    except ValueError:  # an unbalanced quote: read it as plain words
        return args.split()


def _classify(token: str, after_time: bool) -> tuple[str, str] | None:
    """The field a bare token fills, judged by its form (and whether the day or time came already)."""
    low = token.lower()
    if _CHANNEL.match(token):
        return "channel", token
    if ":" in token and low.split(":")[0].isdigit():
        return "time", token
    if low.rstrip(".") in _DAYS or (low.endswith("s") and low[:-1] in _DAYS):
        return "day", token
    # a known Area/…, or any X/Y after the day or time: a title like Face/Off stays the film; an offset (UTC+1)
    # anywhere, a zone's bare name (EST, CET, UTC) after the day or time
    if (("/" in low) and (after_time or low.partition("/")[0] in _AREAS)) or low in ("utc", "gmt"):
        return "timezone", token
    if _OFFSET.match(token) or (after_time and low in _zone_names()):
        return "timezone", token
    return None


def fields(incoming: Incoming, args: str) -> dict[str, str]:
    """Each field's raw text: options first, then key:value and bare words of the free text."""
    found: dict[str, str] = {}
    film: list[str] = []
    words = _tokens(args)
    while words:
        token = words.pop(0)
        key, sep, value = token.partition(":")
        key = _ALIASES.get(key.lower(), key.lower())
        if sep and key in KEYS and value:
            found[key] = value
        elif key in ("every", "poll_hours") and words:
            found[key] = words.pop(0)
            if words and words[0].lower() in ("week", "weeks", "hours", "h"):
                words.pop(0)
        elif (kind := _classify(token, "day" in found or "time" in found)) is not None:
            found[kind[0]] = kind[1]
        else:
            film.append(token)
    if film:
        found["film"] = " ".join([found["film"], *film]) if "film" in found else " ".join(film)
    found.update({k: v for k in KEYS if (v := incoming.option(k) or "")})
    return found


def parse_add(incoming: Incoming, args: str, default_tz: str) -> Request:
    """A `/schedule add` request, or BadInput naming the first problem."""
    f = fields(incoming, args)
    if not f.get("film"):
        raise BadInput(_w("film_missing"))
    if not f.get("channel"):
        raise BadInput(_w("channel_missing"))
    if not f.get("day"):
        raise BadInput(_w("day_missing"))
    if not f.get("time"):
        raise BadInput(_w("time_missing"))
    return Request(
        film=f["film"].strip(),
        channel=channel_id(f["channel"]),
        weekday=weekday(f["day"]),
        at=time_of_day(f["time"]),
        tz=zone(f.get("timezone") or default_tz),
        every=number("every", f.get("every"), 1, 52) or 1,
        poll_hours=number("poll_hours", f.get("poll_hours"), 1, 768),
    )
