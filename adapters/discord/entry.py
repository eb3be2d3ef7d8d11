"""Entry points of the Discord adapter for the composition root: run the bot, preview a command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import discord.gateway
import discord.http
import yarl

from bot.app import App
from bot.commands import REGISTRY, parse_line
from bot.config import Settings

from .commands import options_of
from .fake_events import MANAGE_THREADS, VIEW_AND_SEND, command, feed, member
from .fake_server import FakeDiscord

PREVIEW_CHANNEL = 8800
PREVIEW_TOKEN = "preview.not-a-token"  # never a real token: preview talks to the local fake only


@contextmanager
def api_base(base: str | None) -> Iterator[None]:
    """Point discord.py's REST client (bot and interaction webhooks) at `base` while inside.

    The gateway URL is restored on the way out too: `use_gateway_of_api` changes it inside.
    """
    previous, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    if base:
        discord.http.Route.BASE = base.rstrip("/")
    try:
        yield
    finally:
        discord.http.Route.BASE = previous
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


async def use_gateway_of_api(client: discord.Client) -> None:
    """Connect to the gateway that the API base names (GET /gateway/bot), not Discord's default.

    discord.py's Client always dials its DEFAULT_GATEWAY; with DISCORD_API_BASE set (a fake
    server), the gateway must be the one that API announces.
    """
    _, url, _ = await client.http.get_bot_gateway()
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)


async def run(settings: Settings) -> None:
    """Start the Discord bot: connect, sync the commands, answer until stopped."""
    from bot.bootstrap import build_app
    from bot.scheduler import background

    from .chat import DiscordChat
    from .client import FilmClubBot

    token = settings.require("DISCORD_TOKEN")
    with api_base(settings.discord_api_base):
        bot = FilmClubBot(settings)
        chat = DiscordChat(bot, settings.discord_poll_hours)
        bot.app = await build_app(settings, chat)
        try:
            async with bot:
                await bot.login(token.reveal())
                if settings.discord_api_base:
                    await use_gateway_of_api(bot)
                async with background(bot.app, chat, platform="discord"):  # weekly threads
                    await bot.connect()
        finally:
            await bot.app.close()


def preview_values(line: str) -> tuple[str, dict[str, str]]:
    """A typed line as a command name and the option values a member would fill in."""
    incoming = parse_line(line)
    if incoming is None:
        raise ValueError(f"not a command: {line!r}")
    spec = REGISTRY.get(incoming.command)
    words = incoming.args.split()
    if spec is None or not words:
        return incoming.command, {}
    values: dict[str, str] = {}
    options = list(options_of(spec))
    # A leading word that is one of the first option's choices fills it (/queue add anora);
    # the rest goes to the first free-text option, as a member would type it there.
    if options[0].choices and words[0].lower() in options[0].choices:
        values[options.pop(0).name] = words.pop(0).lower()
    free = next((o for o in options if not o.choices), None)
    if free is not None and words:
        values[free.name] = " ".join(words)
    return incoming.command, values


async def preview(app: App, line: str) -> list[dict[str, Any]]:
    """The request bodies the adapter sends for a command line, captured from discord.py itself."""
    name, values = preview_values(line)
    # A dry run: discord.py's start-up notes (voice support, "logging in") would only alarm here.
    quiet = logging.getLogger("discord")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return await _preview(app, name, values)
    finally:
        quiet.setLevel(level)


async def _preview(app: App, name: str, values: dict[str, str]) -> list[dict[str, Any]]:
    from .client import FilmClubBot

    async with FakeDiscord() as fake:
        fake.add_channel(PREVIEW_CHANNEL)
        with api_base(fake.base):
            bot = FilmClubBot(app.settings, sync=False)
            bot.app = app
            answered: asyncio.Queue[int] = asyncio.Queue()
            bot.answered = answered
            async with bot:
                await bot.login(PREVIEW_TOKEN)
                start = len(fake.requests)
                if name in REGISTRY:
                    moderator = member(permissions=VIEW_AND_SEND | MANAGE_THREADS)
                    feed(bot, command(fake, name, values, channel_id=PREVIEW_CHANNEL, who=moderator))
                    async with asyncio.timeout(30):
                        await answered.get()
        return [r.as_json() for r in fake.requests[start:]]
