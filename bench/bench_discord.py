"""Discord figures: INTERACTION_CREATE → callback request, /review vs a bare discord.py command."""

from __future__ import annotations

import asyncio
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from bench.common import ROOT, machine, report
from bot.bootstrap import build_app
from bot.config import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord
    from discord import app_commands

from adapters.discord.client import FilmClubBot
from adapters.discord.entry import api_base
from adapters.discord.fake_events import command, feed
from adapters.discord.fake_server import FakeDiscord

RUNS = 300
BURST = 500
CHANNEL = 8801


async def _callback_latency(bot: discord.Client, fake: FakeDiscord, name: str, values: dict[str, str]) -> list[float]:
    samples = []
    for _ in range(RUNS):
        payload = command(fake, name, values, channel_id=CHANNEL)
        start_index = len(fake.requests)
        start = time.perf_counter()
        feed(bot, payload)
        await fake.wait_for(lambda rs, i=start_index: any(r.path.endswith("/callback") for r in rs[i:]))
        samples.append(time.perf_counter() - start)
    return samples


async def _burst(bot: FilmClubBot, fake: FakeDiscord) -> tuple[list[float], float]:
    """BURST /review interactions fed at once: each one's latency to its callback, and the total."""
    payloads = [command(fake, "review", {"film": "anora"}, channel_id=CHANNEL) for _ in range(BURST)]
    done: asyncio.Queue[int] = asyncio.Queue()
    bot.answered = done
    start = time.perf_counter()
    for payload in payloads:
        feed(bot, payload)
    finished = {}
    for _ in range(BURST):
        finished[await done.get()] = time.perf_counter() - start
    bot.answered = None
    return list(finished.values()), time.perf_counter() - start


class BareBot(discord.Client):
    """discord.py alone: one command that answers "ok"."""

    def __init__(self) -> None:
        super().__init__(intents=discord.Intents(guilds=True))
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="review", description="bare")
        async def review(interaction: discord.Interaction[Any], film: str) -> None:
            await interaction.response.send_message("ok")


async def main() -> None:
    """Print p50/p99 of the interaction → callback latency over loopback."""
    print(f"# Discord adapter vs bare discord.py — {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database=Path(tmp) / "bench.db", seeds=ROOT / "seeds")
        app = await build_app(settings)
        try:
            async with FakeDiscord() as fake:
                fake.add_channel(CHANNEL)
                with api_base(fake.base):
                    bare = BareBot()
                    async with bare:
                        await bare.login("bench.token")
                        samples = await _callback_latency(bare, fake, "review", {"film": "anora"})
                    report("bare discord.py: interaction → callback", samples, conditions="loopback fake")
                    bot = FilmClubBot(settings, sync=False)
                    bot.app = app
                    async with bot:
                        await bot.login("bench.token")
                        await _callback_latency(bot, fake, "review", {"film": "anora"})  # warm the cache
                        samples = await _callback_latency(bot, fake, "review", {"film": "anora"})
                        burst, total = await _burst(bot, fake)
                    report("filmclub /review: interaction → callback", samples, "< 3000 ms", "loopback fake")
                    report(f"filmclub /review, {BURST} at once: answered after", burst, "< 3000 ms", "loopback fake")
                    print(f"{BURST} concurrent /review answered in {total * 1000:.0f} ms ({BURST / total:.0f}/s)")
        finally:
            await app.close()


if __name__ == "__main__":
    asyncio.run(main())
