"""`filmclub schedule add|list|remove`: the moderator commands from the shell, with --json."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Incoming
from bot.schedule_parse import BadInput
from bot.schedules import NotFound, add, clock_of, describe
from bot.store.schedules import ScheduleStore


def _print(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _incoming(args: argparse.Namespace) -> Incoming:
    options = [("film", args.film), ("channel", args.channel), ("day", args.day), ("time", args.time)]
    options += [("timezone", args.timezone), ("every", args.every), ("poll_hours", args.poll_hours)]
    values = tuple((k, str(v)) for k, v in options if v is not None)
    # failures are reported where moderators look: --report-channel, else the thread's own channel on a platform
    report = args.report_channel or ("console" if args.platform == "console" else args.channel)
    return Incoming(
        "schedule", "", user_id="cli", club_id=args.club, channel_id=report, platform=args.platform, options=values
    )


async def cmd_schedule(args: argparse.Namespace, settings: Settings) -> int:
    """Add, list or remove a club's weekly-thread schedules."""
    app = await build_app(settings)
    try:
        store, now = ScheduleStore(app.store), clock_of(app).now()
        if args.action == "add":
            try:
                found = [await add(app, _incoming(args), "")]
            except (BadInput, NotFound) as exc:
                print(f"filmclub: {exc}", file=sys.stderr)
                return 1
        elif args.action == "remove":
            if not await store.remove(args.club, args.id):
                print(f"filmclub: there is no schedule #{args.id} in club {args.club!r}", file=sys.stderr)
                return 1
            found = []
        else:
            found = await store.of_club(args.club)
        info = [await describe(app, s, now) for s in found]
    finally:
        await app.close()
    if args.json:
        _print({"club": args.club, "schedules": info} if args.action != "remove" else {"removed": args.id})
        return 0
    for item in info:
        runs = ", ".join(item["next_runs"]) or "paused"
        print(f"#{item['id']} {item['film']} → #{item['channel']} {item['day']} {item['time']} {item['timezone']}")
        print(f"    next: {runs}")
    if args.action == "remove":
        print(f"removed schedule #{args.id}")
    return 0


def add_schedule_parser(sub: Any) -> None:
    """Add the `schedule` subcommand to the CLI's subparsers."""
    p = sub.add_parser("schedule", help="weekly discussion threads: add, list or remove schedules")
    p.add_argument(
        "--club", default="console",
        help="the club: a Discord server (guild) id or a Slack team id (T…); default: console",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON (next runs as ISO 8601 with UTC offsets)")
    actions = p.add_subparsers(dest="action", required=True)
    a = actions.add_parser("add", help="add a weekly thread")
    a.add_argument("film", help='a film title, or "queue" for the club\'s film queue')
    a.add_argument("--channel", required=True)
    a.add_argument("--day", required=True, help="monday … sunday")
    a.add_argument("--time", required=True, help="HH:MM, 24-hour wall-clock time")
    a.add_argument("--timezone", help="IANA zone, EST, or UTC+1 (default: FILMCLUB_TIMEZONE)")
    a.add_argument("--every", type=int, help="every N weeks (default 1)")
    a.add_argument("--poll-hours", dest="poll_hours", type=int, help="how long the poll stays open")
    a.add_argument(
        "--platform", default="console", choices=("console", "discord", "slack"),
        help="the bot that posts it: a running `filmclub run discord|slack` on this database (default: console)",
    )  # fmt: skip
    a.add_argument("--report-channel", dest="report_channel", help="where failures are reported (default: --channel)")
    actions.add_parser("list", help="list schedules and their next runs")
    r = actions.add_parser("remove", help="remove a schedule")
    r.add_argument("id", type=int)
    for q in (a, r, actions.choices["list"]):
        q.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        q.add_argument("--club", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.set_defaults(run=cmd_schedule)
