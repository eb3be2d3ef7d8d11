"""Entry points of the Slack adapter for the composition root: run the bot, or preview a command."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp

from adapters.slack.preview import preview_line
from adapters.slack.server import EVENTS_PATH, SlackAdapter, build, close_polls_forever, serve, session, web_client
from bot.app import App
from bot.bootstrap import build_app
from bot.config import ConfigError, Settings
from bot.scheduler import background

log = logging.getLogger(__name__)


async def run(settings: Settings) -> None:
    """Start the Slack bot: Socket Mode if SLACK_APP_TOKEN is set, else HTTP mode with signature checks."""
    token = settings.require("SLACK_BOT_TOKEN")
    socket_mode = bool(settings.slack_app_token)
    if not socket_mode and not settings.slack_signing_secret:
        raise ConfigError(
            "Set SLACK_APP_TOKEN for Socket Mode (no public URL needed; see the README's Slack section) "
            "or SLACK_SIGNING_SECRET for HTTP mode."
        )
    secret = None if socket_mode else settings.require("SLACK_SIGNING_SECRET").reveal()
    core = await build_app(settings)
    try:
        async with session() as http:
            client = web_client(token.reveal(), settings.slack_api_url, http)
            adapter = build(core, client, signing_secret=secret, moderator_group=settings.slack_moderator_group)
            core.chat = adapter.chat
            closer = asyncio.create_task(close_polls_forever(adapter.chat))
            try:
                async with background(core, adapter.chat, platform="slack"):  # weekly threads
                    if socket_mode:
                        await _socket_mode(adapter.bolt, settings)
                    else:
                        await _http_mode(adapter, settings.slack_host, settings.slack_port)
            finally:
                closer.cancel()
                await adapter.drain()
    finally:
        await core.close()


async def _socket_mode(bolt: AsyncApp, settings: Settings) -> None:
    handler = AsyncSocketModeHandler(bolt, settings.require("SLACK_APP_TOKEN").reveal())
    log.info("Slack adapter starting in Socket Mode (SLACK_APP_TOKEN is set): no public URL needed")
    await handler.connect_async()  # type: ignore[no-untyped-call]
    try:
        await asyncio.Event().wait()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


async def _http_mode(adapter: SlackAdapter, host: str, port: int) -> None:
    runner = await serve(adapter, host, port)
    log.info(
        "Slack adapter running in HTTP mode on %s port %d: Request URL https://YOUR-HOST%s, signatures checked",
        host,
        port,
        EVENTS_PATH,
    )
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def preview(app: App, line: str) -> list[dict[str, Any]]:
    """The ack body and the Web API calls the adapter would make for a command line, as JSON."""
    return await preview_line(app, line)
