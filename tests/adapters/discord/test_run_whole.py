"""`filmclub run discord` whole against the fake: gateway session, command sync, an answered command."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import discord.gateway
import pytest

from adapters.discord import entry
from adapters.discord.chat import DiscordChat
from adapters.discord.client import FilmClubBot
from adapters.discord.fake_control import send_command
from adapters.discord.fake_gateway import HEARTBEAT, IDENTIFY, RESUME
from adapters.discord.fake_server import GUILD_ID, FakeDiscord
from bot.app import App
from bot.config import Secret, Settings

from .conftest import FORUM_CHANNEL, TEXT_CHANNEL
from .spec import check_all

TOKEN = "offline.fake.token"


@pytest.fixture
async def running(discord_fake: FakeDiscord, settings: Settings) -> AsyncIterator[asyncio.Task[None]]:
    """entry.run as `filmclub run discord` calls it, connected to the fake; stopped like Ctrl-C."""
    whole = replace(settings, discord_token=Secret(TOKEN), discord_api_base=discord_fake.base)
    task = asyncio.ensure_future(entry.run(whole))
    async with asyncio.timeout(15):
        await discord_fake.gateway.connected.wait()
        await discord_fake.wait_for(lambda rs: any(r.method == "PUT" for r in rs))
    yield task
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_the_bot_runs_whole_against_the_fake_and_answers(running: object, discord_fake: FakeDiscord):
    gateway = discord_fake.gateway
    assert [f["op"] for f in gateway.received][:2] == [HEARTBEAT, IDENTIFY]  # discord.py beats on HELLO
    identify = next(f for f in gateway.received if f["op"] == IDENTIFY)
    assert identify["d"]["intents"] == 1 and identify["d"]["token"] == "<redacted>"
    (synced,) = [r for r in discord_fake.requests if r.method == "PUT"]
    assert {c["name"] for c in synced.json} >= {"review", "help"}
    sent = await send_command(discord_fake, "/review anora", settle=0)
    assert sent[0].path.endswith("/callback") and sent[0].json["type"] == 4
    assert sent[0].json["data"]["embeds"][0]["title"].startswith("Anora")
    check_all(sent)


async def test_a_reconnect_resumes_the_session_and_the_bot_keeps_answering(running: object, discord_fake: FakeDiscord):
    gateway = discord_fake.gateway
    await gateway.reconnect()
    async with asyncio.timeout(10):
        await gateway.connected.wait()
    assert any(f["op"] == RESUME for f in gateway.received) and gateway.sessions == 1
    sent = await send_command(discord_fake, "/help", settle=0)
    assert sent[0].json["type"] == 4


async def test_stopping_closes_the_gateway_session(discord_fake: FakeDiscord, running: asyncio.Task[None]):
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    async with asyncio.timeout(5):
        await discord_fake.gateway.idle.wait()
    # The fake's gateway was used only inside the run: production's default is back.
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "wss://gateway.discord.gg/"


async def test_the_gateway_fills_the_guild_cache(discord_fake: FakeDiscord, app: App):
    bot = FilmClubBot(app.settings, sync=False, guild_ready_timeout=0.05)  # no more guilds to wait for
    bot.app = app
    async with bot:
        await bot.login(TOKEN)
        await entry.use_gateway_of_api(bot)
        connecting = asyncio.ensure_future(bot.connect())
        try:
            async with asyncio.timeout(10):
                await bot.wait_until_ready()
            guild = bot.get_guild(GUILD_ID)
            assert guild is not None and guild.me is not None
            assert {c.id for c in guild.channels} == {TEXT_CHANNEL, FORUM_CHANNEL}
            # With the cache filled, check_channel reads the bot's real permissions there.
            assert await DiscordChat(bot).check_channel(str(TEXT_CHANNEL)) is None
        finally:
            await bot.close()
            await asyncio.gather(connecting, return_exceptions=True)


async def test_the_running_bot_posts_a_scheduled_weekly_thread(running: object, discord_fake: FakeDiscord):
    form = {"action": "add", "film": "anora", "channel": f"<#{TEXT_CHANNEL}>", "day": "friday", "time": "19:00"}
    added = await send_command(discord_fake, "/schedule", moderator=True, settle=0, values=form)
    assert "#1" in str(added[0].json), added[0].json
    ran = await send_command(
        discord_fake, "/schedule", moderator=True, settle=0, values={"action": "run-now", "id": "1"}
    )
    assert "no schedule" not in str(ran[0].json), ran[0].json
    async with asyncio.timeout(15):  # the scheduler task of `run` posts the thread, then its poll inside it
        await discord_fake.wait_for(lambda rs: any(isinstance(r.json, dict) and r.json.get("poll") for r in rs))
    threads = [r for r in discord_fake.requests if r.method == "POST" and r.path.endswith("/threads")]
    assert len(threads) == 1 and "Anora" in threads[0].json["name"]
    check_all(discord_fake.requests)
