"""The `/myreview` command: a member writes, replaces or deletes their own review of a film, for their club."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot import members
from bot.commands import FILM_OPTION, OptionSpec, command, resolve
from bot.members import Refusal, Target, w
from bot.models import Form, Incoming, Message, Review
from bot.render import notice
from bot.store.members import RateLimited, SqliteMembers

if TYPE_CHECKING:
    from bot.app import App

MYREVIEW_OPTIONS = (
    FILM_OPTION,
    OptionSpec("text", "Your review (up to 4,000 characters)"),
    OptionSpec("rating", "Your rating, 0.5 to 5 in half stars"),
    OptionSpec("spoilers", "Whether it gives the plot away", choices=("no", "yes")),
)


def stars(rating: float | None) -> str:
    """ "4.5" for a rating; "" for none."""
    return "" if rating is None else f"{rating:g}"


def _rating_note(rating: float | None) -> str:
    return w("stored_rating", rating=stars(rating)) if rating is not None else ""


async def _save(app: App, incoming: Incoming, query: str, text: str, rating_raw: str, spoilers: bool) -> Message:
    try:
        where = await members.target(app, incoming, query)
    except Refusal as exc:
        return notice(str(exc) or w("film_gone", text=text[:300]))
    try:
        rating = members.parse_rating(rating_raw)
    except Refusal as exc:
        return replace(notice(str(exc)), meta=(("field", "rating"),))  # a form shows it under that field
    try:
        body = members.check_text(text, where, where.film.title if where.film else where.title)
        review, outcome = await members.save(app, incoming, where, body, rating, spoilers)
    except Refusal as exc:
        return notice(str(exc))
    except RateLimited:
        return notice(w("rate_limited", limit=20))
    shown = review.film
    message = w(f"stored_{outcome}", label=shown.label, rating=_rating_note(rating), query=shown.title)
    return notice((where.note if outcome == "created" else "") + message, error=False)


async def _form(app: App, incoming: Incoming, query: str) -> Message:
    """The form a platform with modals opens, prefilled with the member's review; the console's how-to."""
    try:
        where = await members.target(app, incoming, query)
    except Refusal as exc:
        return notice(str(exc) or w("film_needed"))
    key = members.STORED + where.film.slug if where.film else members.NEW + where.label
    mine = await _mine(app, incoming, where)
    form = Form("myreview", w("form_title", label=where.label), key)
    if mine is not None:
        form = replace(form, rating=stars(mine.rating), text=mine.text, spoilers=mine.spoilers)
    how = w("form_console", label=where.label, query=where.film.title if where.film else where.label)
    return replace(notice(how, error=False), form=form)


async def _mine(app: App, incoming: Incoming, where: Target) -> Review | None:
    if where.film is None:
        return None
    found = await SqliteMembers(app.store).reviews(where.film.id, incoming.club_id)
    return next((r for r in found if r.member_id == incoming.user_id), None)


async def _delete(app: App, incoming: Incoming, query: str) -> Message:
    film = await resolve(app, incoming, query)
    if isinstance(film, Message):
        return film
    if not await SqliteMembers(app.store).delete(film.id, incoming.club_id, incoming.user_id):
        return notice(w("nothing_to_delete", label=film.label))
    await app.refresh()
    return notice(w("deleted", label=film.label), error=False)


async def _settings(app: App, incoming: Incoming, choice: str) -> Message:
    store = SqliteMembers(app.store)
    if choice.lower() in {"anonymous", "anon"}:
        await store.set_anonymous(incoming.club_id, incoming.user_id, True)
        return notice(w("anonymous_on"), error=False)
    if choice.lower() in {"named", "name", "public"}:
        await store.set_anonymous(incoming.club_id, incoming.user_id, False)
        return notice(w("anonymous_off"), error=False)
    return notice(w("settings_usage"))


@command(
    "myreview", usage="/myreview FILM [:: TEXT RATING] | FILM delete | settings anonymous", options=MYREVIEW_OPTIONS
)
async def myreview(app: App, incoming: Incoming) -> list[Message]:
    """Write your own review of a film (rating 0.5–5), only for this club; again to replace it."""
    text = incoming.option("text")
    if text is not None:  # a submitted form
        spoilers = (incoming.option("spoilers") or "").strip().lower() in {"yes", "true", "1", "on"}
        query = incoming.option("film") or ""
        return [await _save(app, incoming, query, text, incoming.option("rating") or "", spoilers)]
    line = incoming.args  # the film and the rest (Discord puts its film option there too)
    head, sep, rest = line.partition("::")
    words = head.split()
    if not sep and words[:1] == ["settings"]:
        return [await _settings(app, incoming, " ".join(words[1:]))]
    if not sep and len(words) > 1 and words[-1].lower() == "delete":
        return [await _delete(app, incoming, " ".join(words[:-1]))]
    if not sep:
        return [await _form(app, incoming, head)]
    body, rating, spoilers = members.split_line(rest)
    return [await _save(app, incoming, head, body, rating, spoilers)]
