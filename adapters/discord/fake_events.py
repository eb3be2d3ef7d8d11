"""INTERACTION_CREATE payloads as Discord's gateway delivers them, for the fake and preview."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from .fake_server import APP_ID, BOT_ID, GUILD_ID, FakeDiscord, Json, bot_user, channel, snowflake

MEMBER_ID = 4400
VIEW_AND_SEND = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16)  # view, send, embed links, read history
MANAGE_THREADS = 1 << 34
_ids = itertools.count(1)


def member(user_id: int = MEMBER_ID, *, permissions: int = VIEW_AND_SEND, roles: tuple[int, ...] = ()) -> Json:
    """A guild member as interactions carry it, with channel permissions."""
    user = {
        "id": str(user_id),
        "username": f"member{user_id}",
        "discriminator": "0",
        "avatar": None,
        "global_name": None,
    }
    return {
        "user": user,
        "roles": [str(r) for r in roles],
        "permissions": str(permissions),
        "joined_at": datetime.now(UTC).isoformat(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "premium_since": None,
        "pending": False,
    }


def _interaction(fake: FakeDiscord, kind: int, data: Json, channel_id: int, who: Json) -> Json:
    interaction_id = snowflake() + next(_ids)
    token = f"interaction-token-{interaction_id}"
    fake.interaction_channels[token] = channel_id
    place = fake.channels.get(channel_id) or channel(channel_id)
    return {
        "id": str(interaction_id),
        "application_id": str(APP_ID),
        "type": kind,
        "token": token,
        "version": 1,
        "guild_id": str(GUILD_ID),
        "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
        "channel_id": str(channel_id),
        "channel": place,
        "member": who,
        "data": data,
        "app_permissions": str(VIEW_AND_SEND | (1 << 35) | (1 << 38) | (1 << 49)),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0,
        "attachment_size_limit": 8 * 1024 * 1024,
    }


def command(
    fake: FakeDiscord,
    name: str,
    options: Mapping[str, str],
    *,
    channel_id: int,
    who: Json | None = None,
    focused: str = "",
) -> Json:
    """A slash command (or, with `focused`, an autocomplete request) with string options."""
    opts: list[Json] = [
        {"name": k, "type": 3, "value": v} | ({"focused": True} if k == focused else {}) for k, v in options.items()
    ]
    data = {"id": "5000", "name": name, "type": 1, "options": opts, "guild_id": str(GUILD_ID)}
    return _interaction(fake, 4 if focused else 2, data, channel_id, who or member())


def button(fake: FakeDiscord, custom_id: str, message: Json, *, channel_id: int, who: Json | None = None) -> Json:
    """A click on a button of `message`."""
    data = {"custom_id": custom_id, "component_type": 2}
    return _interaction(fake, 3, data, channel_id, who or member()) | {"message": message}


def modal_submit(
    fake: FakeDiscord, custom_id: str, values: Mapping[str, str], *, channel_id: int, who: Json | None = None
) -> Json:
    """A submitted modal (MODAL_SUBMIT): each value in a text input of its own action row."""
    rows = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()]
    return _interaction(fake, 5, {"custom_id": custom_id, "components": rows}, channel_id, who or member())


def feed(client: Any, payload: Json) -> None:
    """Hand an INTERACTION_CREATE to discord.py exactly where its gateway handler would."""
    client._connection.parsers["INTERACTION_CREATE"](payload)


def guild_create(channels: list[Json], roles: Mapping[int, tuple[str, int]], bot_roles: tuple[int, ...] = ()) -> Json:
    """A GUILD_CREATE: roles (id → name, permissions; the guild id is @everyone), channels, the bot."""
    role_list = [
        {"id": str(i), "name": n, "permissions": str(p), "position": k, "color": 0, "hoist": False}
        | {"managed": False, "mentionable": False, "flags": 0}
        for k, (i, (n, p)) in enumerate(roles.items())
    ]
    me = member(BOT_ID, roles=bot_roles) | {"user": bot_user()}
    return {
        "id": str(GUILD_ID),
        "name": "Film Club",
        "owner_id": "1",
        "unavailable": False,
        "member_count": 2,
        "roles": role_list,
        "channels": channels,
        "members": [me],
        "threads": [],
        "emojis": [],
        "stickers": [],
        "features": [],
    }


def feed_guild(client: Any, payload: Json) -> None:
    """Hand a GUILD_CREATE to discord.py as its gateway handler would (fills the guild cache)."""
    client._connection.parse_guild_create(payload)
