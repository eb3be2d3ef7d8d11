"""Driving the bot: feed one interaction, wait until it is answered, return what was sent."""

from __future__ import annotations

import asyncio
from typing import Any

from adapters.discord.client import FilmClubBot
from adapters.discord.fake_events import feed
from adapters.discord.fake_server import FakeDiscord, Request


async def interact(bot: FilmClubBot, fake: FakeDiscord, payload: dict[str, Any]) -> list[Request]:
    """Feed an INTERACTION_CREATE and return the requests made while answering it."""
    answered = bot.answered = bot.answered or asyncio.Queue()
    start = len(fake.requests)
    feed(bot, payload)
    async with asyncio.timeout(10):
        while await answered.get() != int(payload["id"]):
            pass
    return fake.requests[start:]


async def autocomplete(bot: FilmClubBot, fake: FakeDiscord, payload: dict[str, Any]) -> list[Request]:
    """Feed an autocomplete interaction and return its callback request."""
    start = len(fake.requests)
    feed(bot, payload)
    async with asyncio.timeout(10):
        await fake.wait_for(lambda rs: any(r.path.endswith("/callback") for r in rs[start:]))
    return [r for r in fake.requests[start:] if r.path.endswith("/callback")]
