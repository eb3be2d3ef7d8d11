"""A headless Discord scheduler process for the crash tests: `python -m tests.fakes.discord_worker DB API_BASE NOW`.

It runs one scheduler pass at the wall-clock time NOW (ISO 8601) on the SQLite file DB, posting through the
real DiscordChat and discord.py to the fake REST API at API_BASE (no gateway), and prints DONE; the test kills
it at will.
"""

from __future__ import annotations

import asyncio
import sys
import warnings
from datetime import datetime

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop (voice), unused here
    import discord

from adapters.discord.chat import DiscordChat
from adapters.discord.entry import api_base
from adapters.discord.retry import Retry
from bot.scheduler import Scheduler
from tests.fakes.worker import OffsetClock, canned_app

TOKEN = "fake.bot.token"  # the fake checks no token


async def main(db: str, base: str, now: str) -> int:
    clock = OffsetClock(datetime.fromisoformat(now))
    async with canned_app(db, clock=clock) as app:
        with api_base(base):
            client = discord.Client(intents=discord.Intents(guilds=True))
            async with client:
                await client.login(TOKEN)
                chat = DiscordChat(client, retry=Retry(attempts=2, first_delay=0.01))
                await Scheduler(app, chat, clock, platform="discord").tick()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(*sys.argv[1:4])))
