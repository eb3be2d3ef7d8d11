"""`filmclub remove FILM|FILE`: delete reviews a host imported by mistake, with their analyses, saying what went."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path, PurePath
from typing import Any

from bot.app import App
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Review
from bot.store.members import SqliteMembers


def _describe(number: int, review: Review) -> str:
    who = f" by {review.author}" if review.author else ""
    where = f" (from {review.origin})" if review.origin else ""
    which = f"review {number}" if number else "the review"
    return f"{which} of {review.film.label}{who}{where}"


def _same_file(origin: str, target: str) -> bool:
    return origin == target or Path(origin).resolve() == Path(target).resolve()


async def _chosen(app: App, args: argparse.Namespace) -> tuple[list[tuple[int, Review]], str | None]:
    """The numbered reviews to remove, or why none is chosen."""
    store = SqliteMembers(app.store)
    club = args.club or ""
    if Path(args.target).suffix == ".md" or await asyncio.to_thread(Path(args.target).is_file):
        found = await store.imported_from(args.target)
        if not found:  # imported by another path to the same file
            everything = [r for f in app.films.films() for r in await store.imported(f.id, club)]
            found = [
                r for r in everything if bool(r.origin) and await asyncio.to_thread(_same_file, r.origin, args.target)
            ]
        return [(0, r) for r in found], None if found else f"no stored review was imported from {args.target}"
    match = app.find(args.target, club or None)
    if match.film is None:
        hint = f"; did you mean {', '.join(f.label for f in match.suggestions)}?" if match.suggestions else ""
        return [], f"no film called {args.target!r}{hint}"
    numbered = list(enumerate(await store.imported(match.film.id, club), start=1))
    if not numbered:
        return [], f"{match.film.label} has no review imported {'for club ' + club if club else 'for every club'}"
    if args.review is not None:
        picked = [(n, r) for n, r in numbered if n == args.review]
        return picked, None if picked else f"{match.film.label} has no review {args.review}"
    if len(numbered) > 1 and not args.all:
        listing = "\n".join(f"  {_describe(n, r)}" for n, r in numbered)
        return (
            [],
            f"{match.film.label} has {len(numbered)} imported reviews:\n{listing}\nchoose one with --review N, or --all",
        )
    return numbered, None


async def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    """Remove imported reviews of a film, or the reviews imported from a file."""
    app = await build_app(settings)
    try:
        chosen, problem = await _chosen(app, args)
        if problem:
            print(f"filmclub: {problem}", file=sys.stderr)
            return 1
        await SqliteMembers(app.store).remove([r.id for _, r in chosen])
        await app.refresh()
        for number, review in chosen:
            print(f"removed {_describe(number, review)}, with its analysis")
            if PurePath(review.origin).parent.name == "seeds":
                print("  (a shipped seed: it is imported again at the next start unless its file leaves seeds/)")
            if app.find(review.film.slug).film is None:
                print(f"  {review.film.label} has no review left and is no longer listed")
        return 0
    finally:
        await app.close()


def add_remove_parser(sub: Any) -> None:
    """Add the `remove` subcommand to the CLI's subparsers."""
    p = sub.add_parser("remove", help="delete imported reviews of a film (or from a file), with their analyses")
    p.add_argument("target", help="a film title, or the review file it was imported from")
    p.add_argument("--review", type=int, help="which of the film's reviews (the number /reviews FILM shows)")
    p.add_argument("--all", action="store_true", help="every imported review of the film")
    p.add_argument("--club", help="a club's own imported reviews (filmclub import --club ID); default: every club's")
    p.set_defaults(run=cmd_remove)
