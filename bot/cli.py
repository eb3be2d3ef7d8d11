"""The `filmclub` command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sqlite3
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from bot.analysis import analyze
from bot.bootstrap import PLATFORMS, build_app, preview, run_console, run_platform
from bot.codec import analysis_to_json
from bot.commands import SECTIONS, parse_line
from bot.config import ConfigError, Settings, load_settings
from bot.ingest import IngestError, read_review
from bot.models import Incoming, Message

Runner = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _show(messages: Sequence[Message]) -> int:
    from adapters.console import render_text

    colour = sys.stdout.isatty()
    for message in messages:
        stream = sys.stderr if message.error else sys.stdout
        stream.write(render_text(message, colour and stream.isatty()) + "\n")
    return 1 if any(m.error for m in messages) else 0


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Import review files and folders."""
    app = await build_app(settings)
    try:
        report = await app.import_paths([Path(p) for p in args.paths], club_id=args.club or "")
    finally:
        await app.close()
    for kind in ("created", "updated", "unchanged"):
        for path in getattr(report, kind):
            print(f"{kind:9} {path}")
    for error in report.errors:
        print(f"error     {error}", file=sys.stderr)
    print(
        f"{len(report.created)} imported, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.errors)} failed"
    )
    return 0 if report.ok else 1


async def cmd_films(args: argparse.Namespace, settings: Settings) -> int:
    """List stored films."""
    app = await build_app(settings)
    try:
        return _show(await app.dispatch(Incoming("films", args.query or "", is_moderator=True)))
    finally:
        await app.close()


async def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    """What `/review` answers, as text or the analysis JSON."""
    app = await build_app(settings)
    try:
        if not args.json:
            options = (("film", args.film), ("section", args.section))
            return _show(await app.dispatch(Incoming("review", args.film, options=options, is_moderator=True)))
        match = app.find(args.film)
        review = await app.review_of(match.film) if match.film else None
        if match.film is None or review is None:
            from bot.render import not_found

            return _show([not_found(args.film, match.suggestions)])
        _print_json(analysis_to_json(await app.analysis(review)))
        return 0
    finally:
        await app.close()


async def cmd_analyze(args: argparse.Namespace, settings: Settings) -> int:
    """Analyse one review file without storing it."""
    doc = read_review(Path(args.file))
    analysis = analyze(doc.text, title=doc.title, year=doc.year, director=doc.director)
    if args.json:
        _print_json(analysis_to_json(analysis))
        return 0
    from bot.models import Film
    from bot.models import Review as ReviewValue
    from bot.render import review as render_review

    film = Film(0, "", doc.title, doc.year, doc.director)
    return _show(render_review(film, ReviewValue(0, film, doc.text, "", doc.author, doc.source), analysis, "all"))


async def cmd_preview(args: argparse.Namespace, settings: Settings) -> int:
    """Print the request bodies an adapter would send for a command."""
    line = " ".join(args.command)
    if parse_line(line) is None:
        print(f"not a command: {line!r} (try: -- /review anora)", file=sys.stderr)
        return 2
    _print_json(await preview(args.platform, settings, line))
    return 0


async def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    """Chat on the terminal."""
    return await run_console(settings, sys.stdin, sys.stdout, user=args.user)


async def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the live database to PATH, consistently, while the bot may be running."""
    from bot.store import SqliteStore

    target = Path(args.path)
    if not await asyncio.to_thread(settings.database.is_file):
        print(f"filmclub: FILMCLUB_DATABASE={settings.database} does not exist: nothing to back up", file=sys.stderr)
        return 2
    if await asyncio.to_thread(target.exists) and not args.force:
        print(f"filmclub: {target} exists; choose a new file or pass --force", file=sys.stderr)
        return 2
    await asyncio.to_thread(target.unlink, missing_ok=True)
    async with await SqliteStore.open(settings.database) as store:
        await store.backup(target)
    async with await SqliteStore.open(target) as copy:
        check = await copy.integrity()
    print(f"backed up {settings.database} to {target} (integrity: {check})")
    return 0 if check == "ok" else 1


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Start an adapter."""
    await run_platform(args.platform, settings)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="filmclub", description="A film-club bot for Discord, Slack and the console.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import", help="import review files or folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("--club", help="store the reviews for one club only (default: every club)")
    p.set_defaults(run=cmd_import)
    p = sub.add_parser("films", help="list stored films")
    p.add_argument("query", nargs="?")
    p.set_defaults(run=cmd_films)
    p = sub.add_parser("review", help="what /review answers")
    p.add_argument("film")
    p.add_argument("--section", choices=SECTIONS, default="all")
    p.add_argument("--json", action="store_true", help="print the analysis JSON")
    p.set_defaults(run=cmd_review)
    p = sub.add_parser("analyze", help="analyse one review file without storing it")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_analyze)
    p = sub.add_parser("preview", help="print the API request bodies for a command")
    p.add_argument("--platform", choices=PLATFORMS, required=True)
    p.add_argument("command", nargs="+", help="the command, after --: -- /review anora")
    p.set_defaults(run=cmd_preview)
    from bot.schedule_cli import add_schedule_parser

    add_schedule_parser(sub)
    from bot.remove_cli import add_remove_parser

    add_remove_parser(sub)
    p = sub.add_parser("console", help="chat on the terminal")
    p.add_argument("--user", default="console", help="chat as this member (their name on /myreview reviews)")
    p.set_defaults(run=cmd_console)
    p = sub.add_parser("backup", help="copy the database consistently while the bot runs")
    p.add_argument("path")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(run=cmd_backup)
    p = sub.add_parser("run", help="start the Discord or Slack adapter")
    p.add_argument("platform", choices=PLATFORMS)
    p.set_defaults(run=cmd_run)
    p = sub.add_parser("discord", help="Discord helpers")
    discord_sub = p.add_subparsers(dest="discord_command", required=True)
    p = discord_sub.add_parser("invite-url", help="print the OAuth2 link that adds the bot to a server")
    p.add_argument("--client-id", help="the application id (default: read from DISCORD_TOKEN)")
    p.set_defaults(run=cmd_discord_invite_url)
    return parser


async def cmd_discord_invite_url(args: argparse.Namespace, settings: Settings) -> int:
    """Print the Discord bot's invite link."""
    from adapters.discord.invite import invite_url

    print(invite_url(settings, args.client_id))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    settings: Settings | None = None
    try:
        settings = load_settings()
        logging.basicConfig(
            level=settings.log_level.upper(),
            stream=sys.stderr,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        runner: Runner = args.run
        return asyncio.run(runner(args, settings))
    except (ConfigError, IngestError) as exc:
        print(f"filmclub: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:
        where = settings.database if settings else "the database"
        print(f"filmclub: cannot use FILMCLUB_DATABASE={where}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file, a folder or a network the command needed (not the database: see db.connect)
        print(f"filmclub: {exc}", file=sys.stderr)
        return 2
    except MemoryError:
        print("filmclub: out of memory", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
