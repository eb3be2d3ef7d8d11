"""The Discord adapter's answer and draft caches: repeats are fast, a re-imported review is never answered stale."""

from __future__ import annotations

import json
from pathlib import Path

from adapters.discord.client import FilmClubBot
from adapters.discord.fake_events import command
from adapters.discord.fake_server import FakeDiscord
from adapters.discord.render import render_all
from bot.app import App
from bot.models import Inline, Message, Section
from tests.conftest import review_file

from .conftest import TEXT_CHANNEL
from .helpers import interact


async def review(bot: FilmClubBot, fake: FakeDiscord, film: str) -> str:
    """The JSON of the embeds (or content) /review FILM answered with."""
    sent = await interact(bot, fake, command(fake, "review", {"film": film}, channel_id=TEXT_CHANNEL))
    callbacks = [r.json for r in sent if r.path.endswith("/callback")]
    return json.dumps(callbacks[0]["data"].get("embeds") or callbacks[0]["data"].get("content"))


async def test_a_reimported_review_is_answered_anew(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, app: App, tmp_path: Path
) -> None:
    path = review_file(tmp_path, "kite.md", "Paper Kite", "2021", "Paper Kite is about wind. Is wind a character?")
    assert (await app.import_paths([path])).ok
    first = await review(discord_bot, discord_fake, "paper kite")
    assert "wind" in first
    assert await review(discord_bot, discord_fake, "paper kite") == first  # the repeat comes from the cache
    review_file(tmp_path, "kite.md", "Paper Kite", "2021", "Paper Kite is about string. Is string a character?")
    assert (await app.import_paths([path])).updated
    again = await review(discord_bot, discord_fake, "paper kite")
    assert "string" in again and "wind" not in again


async def test_a_film_missed_before_an_import_is_found_after_it(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, app: App, tmp_path: Path
) -> None:
    assert "Paper Kite (2021)" not in await review(discord_bot, discord_fake, "paper kite")
    assert (await app.import_paths([review_file(tmp_path, "kite.md", "Paper Kite", "2021")])).ok
    assert "Paper Kite (2021)" in await review(discord_bot, discord_fake, "paper kite")


def test_drafts_of_equal_messages_are_equal_and_of_changed_ones_differ() -> None:
    def message(text: str) -> Message:
        return Message(title="Anora", sections=(Section(title="Summary", paragraphs=((Inline(text),),)),))

    assert render_all([message("one")]) == render_all([message("one")])
    changed = render_all([message("two")])
    assert changed[0].embed is not None and "two" in json.dumps(changed[0].embed)
