"""The OAuth2 invite link with exactly the scopes and permissions the bot uses."""

from __future__ import annotations

import base64
import binascii

import discord

from bot.config import ConfigError, Settings

SCOPES = ("bot", "applications.commands")


def permissions() -> discord.Permissions:
    """What the bot does: read and post in channels, embed, open threads and forum posts, polls."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        create_public_threads=True,
        embed_links=True,
        read_message_history=True,  # to find its own posts again and read poll results
        send_polls=True,
    )


def client_id_from_token(token: str) -> str:
    """The application id a bot token starts with (its first part is the bot's id in base64)."""
    head = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(head + "=" * (-len(head) % 4), validate=False).decode()
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    if not decoded.isdigit():
        raise ConfigError("DISCORD_TOKEN does not look like a bot token; pass --client-id instead")
    return decoded


def invite_url(settings: Settings, client_id: str | None = None) -> str:
    """The link a server admin opens to add the bot (client id given, or read from DISCORD_TOKEN)."""
    app_id = client_id or client_id_from_token(settings.require("DISCORD_TOKEN").reveal())
    return discord.utils.oauth_url(app_id, permissions=permissions(), scopes=SCOPES)
