"""The moderators' `/queue` command: the club's film queue that a "queue" schedule takes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import render
from bot.commands import OptionSpec, command
from bot.models import Incoming, Inline, Message, Section
from bot.render import notice
from bot.schedules import film_label, split_action
from bot.schedules import wording_of as _w
from bot.store.schedules import ScheduleStore

if TYPE_CHECKING:
    from bot.app import App

QUEUE_OPTIONS = (
    OptionSpec("action", "What to do", required=True, choices=("add", "list", "remove")),
    OptionSpec("film", "The film to add or remove", autocomplete=True),
    OptionSpec("position", "Its place in /queue list, to remove it"),
)


async def _queue_remove(app: App, incoming: Incoming, rest: str) -> Message:
    store = ScheduleStore(app.store)
    queue = await store.queue(incoming.club_id)
    raw = (incoming.option("position") or incoming.option("film") or rest).strip()
    match = app.find(raw, incoming.club_id).film if not raw.isdigit() else None
    index = (
        int(raw) - 1 if raw.isdigit() else next((i for i, q in enumerate(queue) if match and q[1] == match.slug), -1)
    )
    if not 0 <= index < len(queue):
        return notice(_w("queue_no_item", value=raw or "?"))
    await store.queue_remove(incoming.club_id, queue[index][0])
    return notice(_w("queue_removed", label=film_label(app, queue[index][1], incoming.club_id)), error=False)


@command("queue", moderator=True, usage="/queue add FILM|list|remove N", options=QUEUE_OPTIONS)
async def queue(app: App, incoming: Incoming) -> list[Message]:
    """The club's film queue: a schedule set to “queue” takes the next film each week."""
    action, rest = split_action(incoming)
    store = ScheduleStore(app.store)
    if action == "add":
        query = (incoming.option("film") or rest).strip()
        match = app.find(query, incoming.club_id) if query else None
        if match is None or match.film is None:
            return [render.not_found(query, match.suggestions) if match else notice(_w("queue_usage"))]
        queued = [slug for _, slug in await store.queue(incoming.club_id)]
        if match.film.slug in queued:  # a second entry would post the film twice: name the first one
            return [notice(_w("queue_duplicate", label=match.film.label, position=queued.index(match.film.slug) + 1))]
        await store.queue_add(incoming.club_id, match.film.slug, incoming.user_id)
        return [notice(_w("queue_added", label=match.film.label, position=len(queued) + 1), error=False)]
    if action == "remove":
        return [await _queue_remove(app, incoming, rest)]
    if action != "list":
        return [notice(_w("queue_usage"))]
    items = await store.queue(incoming.club_id)
    if not items:
        return [notice(_w("queue_list_empty"), error=False)]
    labels = tuple((Inline(f"{i}. {film_label(app, slug, incoming.club_id)}"),) for i, (_, slug) in enumerate(items, 1))
    return [Message(_w("queue_title"), (Section(bullets=labels),), ephemeral=True)]
