"""One async handler per command, and the router from Incoming to replies."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot import render
from bot.members import club_section, main_note
from bot.models import Film, Incoming, Message, Review

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)
Handler = Callable[["App", Incoming], Awaitable[list[Message]]]
SECTIONS = ("summary", "prompts", "trivia", "polls", "all")


@dataclass(frozen=True)
class OptionSpec:
    """A named argument, for platforms with structured commands (Discord app commands)."""

    name: str
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    autocomplete: bool = False  # offer film titles as the member types


FILM_OPTION = OptionSpec("film", "The film (title, typos forgiven)", required=True, autocomplete=True)


@dataclass(frozen=True)
class CommandSpec:
    """A command's name, handler, `/help` line and whether only moderators may run it."""

    name: str
    handler: Handler
    help: str
    moderator: bool = False
    usage: str = ""
    options: tuple[OptionSpec, ...] = ()


REGISTRY: dict[str, CommandSpec] = {}


def command(
    name: str, *, moderator: bool = False, usage: str = "", options: tuple[OptionSpec, ...] = ()
) -> Callable[[Handler], Handler]:
    """Register a handler; its docstring's first line is its `/help` text.

    Free-text platforms (console, Slack) put everything after the command in `Incoming.args`;
    structured ones (Discord) fill `Incoming.options` by the `options` declared here.
    """

    def register(handler: Handler) -> Handler:
        doc = (handler.__doc__ or name).strip().splitlines()[0]
        REGISTRY[name] = CommandSpec(name, handler, doc, moderator, usage or f"/{name}", options)
        return handler

    return register


async def dispatch(app: App, incoming: Incoming) -> list[Message]:
    """Route a command to its handler; unknown commands, refusals and failures become messages."""
    spec = REGISTRY.get(incoming.command.lstrip("/").lower())
    if spec is None:
        return [render.unknown_command(incoming.command, sorted(REGISTRY))]
    if spec.moderator and not incoming.is_moderator:
        return [render.moderators_only(spec.name)]
    try:
        return await spec.handler(app, incoming)
    except Exception:
        # The member sees a short apology, never a stack trace; the log keeps the detail.
        log.exception("command /%s failed", spec.name)
        return [render.failure(spec.name)]


def split_section(incoming: Incoming) -> tuple[str, str]:
    """The film query and the section asked for: `anora prompts` or the `section` option."""
    film = incoming.option("film") or incoming.args
    section = incoming.option("section")
    words = film.split()
    if section is None and len(words) > 1 and words[-1].lower() in SECTIONS:
        film, section = " ".join(words[:-1]), words[-1].lower()
    return film.strip(), (section or "all").lower()


async def resolve(app: App, incoming: Incoming, query: str) -> Film | Message:
    """The film named, or the message explaining why none was found."""
    if len(app.films) == 0:
        return render.empty_store()
    if not query:
        return render.film_needed(incoming.command)
    match = app.find(query, incoming.club_id)
    return match.film or render.not_found(query, match.suggestions)


def _section_typo(app: App, incoming: Incoming, query: str, section: str) -> Message | None:
    """ "anora poll": the film is known and the last word is a mistyped section, so say so rather than blame
    the film."""
    head, _, last = query.rpartition(" ")
    if section != "all" or not head or incoming.option("section") is not None:
        return None
    if app.find(head, incoming.club_id).film is None:
        return None
    return render.bad_section(last, SECTIONS)


async def _film_section(app: App, incoming: Incoming, query: str, section: str) -> list[Message]:
    if section not in SECTIONS:
        return [render.bad_section(section, SECTIONS)]
    film = await resolve(app, incoming, query)
    if isinstance(film, Message):
        return [_section_typo(app, incoming, query, section) or film]
    critics = await app.store.reviews_for(film.id, incoming.club_id)
    club = await club_section(app, film, incoming.club_id, critics[0] if critics else None)
    if not critics:  # a film only the club's members have reviewed
        return [Message(render.film_title(film), (club,))] if club else [render.not_found(query, ())]
    digest = render.review(film, critics[0], await app.analysis(critics[0]), section)
    if club is not None and section in ("all", "prompts") and digest:
        digest = [replace(digest[0], sections=(*digest[0].sections, club)), *digest[1:]]
    return _with_main_note(digest, critics, incoming.club_id, film)


def _with_main_note(digest: list[Message], critics: list[Review], club_id: str, film: Film) -> list[Message]:
    """The digest with a footer line saying which review it is and how to see the others, if there are others."""
    note = main_note(critics, club_id, film)
    if note is None or not digest:
        return digest
    first = digest[0]
    return [replace(first, footer=" · ".join(p for p in (first.footer, note) if p)), *digest[1:]]


@command(
    "review",
    usage="/review FILM [summary|prompts|trivia|polls|all]",
    options=(FILM_OPTION, OptionSpec("section", "Which part of the review digest", choices=SECTIONS)),
)
async def review(app: App, incoming: Incoming) -> list[Message]:
    """A film's review digest: summary, discussion prompts, award trivia and poll ideas."""
    query, section = split_section(incoming)
    return await _film_section(app, incoming, query, section)


@command("prompts", usage="/prompts FILM", options=(FILM_OPTION,))
async def prompts(app: App, incoming: Incoming) -> list[Message]:
    """The questions a film's review raises, for your discussion."""
    return await _film_section(app, incoming, incoming.option("film") or incoming.args.strip(), "prompts")


@command("trivia", usage="/trivia FILM", options=(FILM_OPTION,))
async def trivia(app: App, incoming: Incoming) -> list[Message]:
    """Award trivia stated in a film's review."""
    return await _film_section(app, incoming, incoming.option("film") or incoming.args.strip(), "trivia")


@command("poll", usage="/poll FILM", options=(FILM_OPTION,))
async def poll(app: App, incoming: Incoming) -> list[Message]:
    """Start a poll on a question the film's review raises."""
    film = await resolve(app, incoming, incoming.option("film") or incoming.args.strip())
    if isinstance(film, Message):
        return [film]
    review = await app.review_of(film, incoming.club_id)
    analysis = await app.analysis(review) if review else None
    return [render.poll(film, analysis)]


@command("films", usage="/films [QUERY]", options=(OptionSpec("query", "A word of the title or review"),))
async def films(app: App, incoming: Incoming) -> list[Message]:
    """The films the club can talk about (optionally matching a word)."""
    if len(app.films) == 0:
        return [render.empty_store()]
    query = (incoming.option("query") or incoming.args).strip()
    found = app.films.films(incoming.club_id)
    if query:
        found = app.films.complete(query, incoming.club_id, 50)
        ids = {f.id for f in found}
        found += [f for f in await app.store.search(query, incoming.club_id, 50) if f.id not in ids]
    return [render.film_list(found, query)]


@command("help")
async def help_(app: App, incoming: Incoming) -> list[Message]:
    """What the bot can do."""
    visible = [s for s in REGISTRY.values() if incoming.is_moderator or not s.moderator]
    return [render.help_message([(s.usage, s.help) for s in visible])]


def parse_line(line: str, **context: str | bool) -> Incoming | None:
    """A typed command line (`/review anora`) as an Incoming; None if it is not a command."""
    text = line.strip()
    if not text.startswith("/") or len(text) < 2:
        return None
    name, _, args = text[1:].partition(" ")
    return Incoming(command=name.lower(), args=args.strip(), **context)  # type: ignore[arg-type]


# The weekly-thread commands live in their own modules; importing them registers them.
from bot import member_commands as _member_commands  # noqa: E402, F401
from bot import queue as _queue  # noqa: E402, F401
from bot import reviews_command as _reviews_command  # noqa: E402, F401
from bot import schedules as _schedules  # noqa: E402, F401
