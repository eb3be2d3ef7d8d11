"""The composition root: the one place that wires settings, store, chat and adapters."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from bot.app import App
from bot.config import Settings
from bot.ports import ChatPort, Clock
from bot.store import SqliteStore

log = logging.getLogger(__name__)
PLATFORMS = ("discord", "slack")


async def build_app(
    settings: Settings, chat: ChatPort | None = None, store: SqliteStore | None = None, clock: Clock | None = None
) -> App:
    """Open the store (on the database's clock, `clock`: the system's by default), import the shipped seeds
    (unchanged ones cost nothing) and open the film index (saved in the store, or built whole and saved)."""
    app = App(settings, store or await SqliteStore.open(settings.database, clock), chat)
    try:
        await app.open_index()
        if settings.seeds.is_dir():
            report = await app.import_paths([settings.seeds], seed=True)  # indexes only the seeds that changed
            for error in report.errors:
                log.warning("seed not imported: %s", error)
    except BaseException:
        await app.close()  # a corrupt or full database: its worker thread would keep the process from exiting
        raise
    return app


async def run_console(settings: Settings, stdin: TextIO, stdout: TextIO, user: str = "console") -> int:
    """Chat on the terminal, as member `user`, until end of input."""
    from adapters.console import ConsoleChat, chat_loop
    from bot.scheduler import background

    chat = ConsoleChat(stdout)
    app = await build_app(settings, chat)
    try:
        async with background(app, chat, platform="console"):  # weekly threads print as they fall due
            return await chat_loop(app, chat, stdin, user)
    finally:
        await app.close()


async def run_platform(platform: str, settings: Settings) -> None:
    """Start the Discord or Slack adapter with tokens from the settings."""
    if platform == "discord":
        from adapters.discord.entry import run as run_discord

        await run_discord(settings)
    elif platform == "slack":
        from adapters.slack.entry import run as run_slack

        await run_slack(settings)
    else:
        raise ValueError(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")


async def preview(platform: str, settings: Settings, line: str) -> list[dict[str, Any]]:
    """The exact API request bodies an adapter would send for one command line.

    A dry run: the command runs on a throwaway copy of the database, so `/schedule add` or
    `/queue remove` in a preview changes nothing.
    """
    scratch = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="filmclub-preview-"))
    try:
        copy = scratch / "preview.db"
        if await asyncio.to_thread(settings.database.is_file):
            async with await SqliteStore.open(settings.database) as live:
                await live.backup(copy)
        app = await build_app(replace(settings, database=copy))
        try:
            return await _preview_on(platform, app, line)
        finally:
            await app.close()
    finally:
        await asyncio.to_thread(shutil.rmtree, scratch, True)


async def _preview_on(platform: str, app: App, line: str) -> list[dict[str, Any]]:
    if platform == "discord":
        from adapters.discord.entry import preview as preview_discord

        return await preview_discord(app, line)
    if platform == "slack":
        from adapters.slack.entry import preview as preview_slack

        return await preview_slack(app, line)
    raise ValueError(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")
