"""The `/reviews` command: every stored review of a film (the hosts' imports, the members'), and moderation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands import FILM_OPTION, OptionSpec, command, resolve
from bot.member_commands import stars
from bot.members import main_reason, w
from bot.models import Film, Incoming, Inline, Message, Para, Review, Section
from bot.render import notice
from bot.store.members import SqliteMembers

if TYPE_CHECKING:
    from bot.app import App

GIST = 140  # characters of a review's one-line gist
PAGE = 10  # reviews per message of /reviews
PAGES = 5


async def gist(app: App, review: Review) -> Para:
    """A review's one-line gist (its tl;dr, clipped), hidden as a spoiler where it may give the plot away."""
    analysis = await app.analysis(review)
    text = analysis.summary.tldr or review.text
    text = text if len(text) <= GIST else text[: GIST - 1].rstrip() + "…"
    hidden = review.spoilers or any(s.sentence in analysis.summary.tldr for s in analysis.spoilers)
    return (Inline(text, spoiler=hidden),)


def member_name(review: Review, anonymous: frozenset[str]) -> str:
    """How a member review is signed: the member's display name, or "A member" if they asked."""
    if review.member_id in anonymous:
        return w("anonymous_name")
    return review.author or w("anonymous_name")


async def _remove(app: App, incoming: Incoming, rest: str) -> Message:
    """A moderator removes one member's review: `FILM MEMBER`, the member by shown name or id."""
    if not incoming.is_moderator:
        return notice(w("moderators_only"))
    store = SqliteMembers(app.store)
    words = rest.split()
    for cut in range(len(words) - 1, 0, -1):  # the longest film title that leaves a member's name
        film = app.find(" ".join(words[:cut]), incoming.club_id).film
        if film is None:
            continue
        who = " ".join(words[cut:]).strip("<@>")
        found = [
            r
            for r in await store.reviews(film.id, incoming.club_id)
            if who.lower() in {r.member_id, (r.author or "").lower()}
        ]
        if not found:
            return notice(w("no_member_review", member=who, label=film.label, query=film.title))
        await store.remove([found[0].id])
        await app.refresh()
        return notice(w("removed_member", member=found[0].author or who, label=film.label), error=False)
    return notice(w("remove_usage"))


async def _critic_items(app: App, critics: list[Review], club_id: str) -> tuple[Para, ...]:
    items: list[Para] = []
    for number, review in enumerate(critics, start=1):
        who = w("critic_by", author=review.author) if review.author else w("critic_anonymous")
        head = w("critic_item", number=number, who=who, gist="").rstrip(" —")
        main = w("critic_main", why=main_reason(critics, club_id)) if number == 1 else ""
        items.append((Inline(head + main + " — "), *await gist(app, review)))
    return tuple(items)


async def _listing(app: App, incoming: Incoming, film: Film) -> list[Message]:
    store = SqliteMembers(app.store)
    critics = await app.store.reviews_for(film.id, incoming.club_id)
    mine = await store.reviews(film.id, incoming.club_id)
    anonymous = await store.anonymous(incoming.club_id)
    sections = (
        [Section(w("critics_heading"), bullets=await _critic_items(app, critics, incoming.club_id))] if critics else []
    )
    items: list[Para] = []
    for review in mine[: PAGE * PAGES]:
        rating = f" · {stars(review.rating)}/5" if review.rating is not None else ""
        items.append((Inline(f"{member_name(review, anonymous)}{rating} — "), *await gist(app, review)))
    if not items:
        sections.append(
            Section(
                w("club_heading"), paragraphs=((Inline(w("no_club_reviews", label=film.label, query=film.title)),),)
            )
        )
    pages = [items[i : i + PAGE] for i in range(0, len(items), PAGE)] or [[]]
    footer = w("reviews_footer", query=film.title)
    out = [
        Message(
            w("reviews_title", label=film.label),
            (*sections, *([Section(w("club_heading"), bullets=tuple(pages[0]))] if items else [])),
            footer=footer,
        )
    ]
    out += [Message(sections=(Section(w("club_heading"), bullets=tuple(p)),)) for p in pages[1:]]
    if len(mine) > PAGE * PAGES:
        out.append(
            Message(sections=(Section(paragraphs=((Inline(w("more_reviews", count=len(mine) - PAGE * PAGES)),),)),))
        )
    return out


async def _one(app: App, incoming: Incoming, film: Film, number: int) -> list[Message]:
    from bot.render import review as render_review

    critics = await app.store.reviews_for(film.id, incoming.club_id)
    if not 1 <= number <= len(critics):
        return [notice(w("no_review_number", label=film.label, count=len(critics), number=number, query=film.title))]
    chosen = critics[number - 1]
    return render_review(film, chosen, await app.analysis(chosen), "all")


@command(
    "reviews",
    usage="/reviews FILM [N] | remove FILM MEMBER",
    options=(FILM_OPTION, OptionSpec("number", "Show the review with this number")),
)
async def reviews(app: App, incoming: Incoming) -> list[Message]:
    """Every review of a film: the hosts' imports (which one /review shows, and why) and the members'."""
    line = " ".join(v for v in (incoming.args, incoming.option("number")) if v).strip()
    first, _, rest = line.partition(" ")
    if first.lower() == "remove":
        return [await _remove(app, incoming, rest)]
    head, _, last = line.rpartition(" ")
    number = int(last) if head and last.isdigit() and len(last) < 3 else None
    film = await resolve(app, incoming, head if number is not None else line)
    if isinstance(film, Message) and number is not None:  # "1917" is a title, not a number
        film, number = await resolve(app, incoming, line), None
    if isinstance(film, Message):
        return [film]
    if number is not None:
        return await _one(app, incoming, film, number)
    return await _listing(app, incoming, film)
