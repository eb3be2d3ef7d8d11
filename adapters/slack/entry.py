"""Entry points of the Slack adapter for the composition root (being built; see the open issue)."""

from __future__ import annotations

from typing import Any

from bot.app import App
from bot.config import Settings


async def run(settings: Settings) -> None:
    """Start the Slack bot."""
    raise SystemExit("The Slack adapter is not available in this version yet.")


async def preview(app: App, line: str) -> list[dict[str, Any]]:
    """The request bodies the adapter would send for a command line."""
    raise SystemExit("The Slack adapter is not available in this version yet.")
