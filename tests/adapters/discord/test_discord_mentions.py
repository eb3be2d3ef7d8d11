"""No pings from reviews, titles, poll options or member input; mentions shown as typed, not rendered."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from adapters.discord.chat import DiscordChat
from adapters.discord.client import FilmClubBot
from adapters.discord.fake_events import command
from adapters.discord.fake_server import FakeDiscord
from adapters.discord.render import escape_mentions
from bot.app import App
from bot.models import Analysis, Inline, Message, PollSpec, Section, Summary
from tests.conftest import review_file

from .conftest import TEXT_CHANNEL, pings_nobody
from .helpers import interact

PINGS = "@everyone @here <@123456789012345678> <@!42> <@&777>"
RENDERED_MENTION = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>")


def texts(message: dict[str, Any]) -> list[str]:
    """Every text of a message that Discord renders with Markdown (and so with mentions)."""
    out = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        out += [embed.get("title") or "", embed.get("description") or ""]
        out += [f["value"] for f in embed.get("fields") or []]
    return out


def assert_inert(message: dict[str, Any]) -> None:
    assert pings_nobody(message.get("allowed_mentions")), message.get("allowed_mentions")
    for text in texts(message):
        assert not RENDERED_MENTION.search(text), text


def test_every_mention_form_is_escaped():
    escaped = escape_mentions(PINGS)
    assert not RENDERED_MENTION.search(escaped)
    assert escaped.replace("\u200b", "") == PINGS  # shown exactly as typed
    assert escape_mentions("write to a@b.org at 10@home") == "write to a@b.org at 10@home"


async def test_a_review_and_title_full_of_mentions_ping_nobody(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, tmp_path: Path
):
    body = f"Hey {PINGS}: this film is great. Ask <@&777> about it. It won the Oscar for Best Picture."
    review_file(tmp_path, "ping.md", title="@here Party <@&777>", year="2020", body=body)
    await discord_bot.app.import_paths([tmp_path])
    sent = await interact(
        discord_bot,
        discord_fake,
        command(discord_fake, "review", {"film": "@here Party <@&777>"}, channel_id=TEXT_CHANNEL),
    )
    data = sent[0].json["data"]
    assert "Party" in data["embeds"][0]["title"]
    assert_inert(data)


async def test_member_input_echoed_back_pings_nobody(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    for query in (PINGS, "@everyone", "<@&777> nonsense film"):
        payload = command(discord_fake, "review", {"film": query}, channel_id=TEXT_CHANNEL)
        sent = await interact(discord_bot, discord_fake, payload)
        data = sent[0].json["data"]
        assert "\u200b" in (data.get("content") or "")  # the query is quoted back, escaped
        assert_inert(data)


async def test_poll_options_with_mentions_ping_nobody(discord_bot: FilmClubBot, discord_fake: FakeDiscord, app: App):
    film = app.find("anora").film
    assert film is not None
    review = await app.review_of(film)
    assert review is not None
    spec = PollSpec("Who is @everyone's favourite?", ("<@123>", "@here", "<@&777>"))
    cached = await app.analysis(review)
    app.forget_analyses()
    await app.store.save_analysis(
        review.id, Analysis(film.title, film.year, Summary("x"), polls=(spec,), version=cached.version)
    )
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "poll", {"film": "anora"}, channel_id=TEXT_CHANNEL)
    )
    data = sent[0].json["data"]
    assert [a["poll_media"]["text"] for a in data["poll"]["answers"]] == ["<@123>", "@here", "<@&777>"]  # plain text
    assert_inert(data)


async def test_posts_by_the_scheduler_ping_nobody(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    week = Message(f"Week 1 {PINGS}", (Section(PINGS, paragraphs=((Inline(PINGS),),), bullets=((Inline(PINGS),),)),))
    chat = DiscordChat(discord_bot)
    await chat.create_thread(
        str(TEXT_CHANNEL), f"Thread {PINGS}", [week, Message(poll=PollSpec(PINGS, ("a", "b")))], key="k"
    )
    bodies = [r.json for r in discord_fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert len(bodies) == 2
    for body in bodies:
        assert_inert(body)
