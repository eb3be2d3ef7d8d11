"""The fake Discord server's answers, route by route (only those the adapter uses)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .fake_server import APP_ID, OWNER_ID, Json, bot_user, channel

if TYPE_CHECKING:
    from .fake_server import FakeDiscord

Result = tuple[int, Any] | None
EPHEMERAL = 64


def _application() -> Json:
    owner = {"id": str(OWNER_ID), "username": "owner", "discriminator": "0", "avatar": None}
    return {
        "id": str(APP_ID),
        "name": "filmclub",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
    }


def _commands(body: list[Json], guild_id: str | None) -> list[Json]:
    out = []
    for i, command in enumerate(body):
        extra = {"id": str(5000 + i), "application_id": str(APP_ID), "version": "1", "type": command.get("type", 1)}
        out.append(command | extra | ({"guild_id": guild_id} if guild_id else {}))
    return out


def _callback(fake: FakeDiscord, interaction_id: str, token: str, body: Json) -> Result:
    kind = body["type"]
    flags = (body.get("data") or {}).get("flags") or 0
    interaction: Json = {"id": interaction_id, "type": 2}
    if token in fake.originals or token in fake.acknowledged:  # Discord takes one answer per interaction
        return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
    fake.acknowledged.add(token)
    if kind not in (4, 5, 7):
        return 200, {"interaction": interaction}
    channel_id = fake.interaction_channels.get(token, 0)
    message = fake.message(channel_id, body.get("data") or {}, flags=flags)
    fake.originals[token] = int(message["id"])
    interaction |= {"response_message_id": message["id"], "response_message_loading": kind == 5}
    interaction |= {"response_message_ephemeral": bool(flags & EPHEMERAL)}
    return 200, {"interaction": interaction, "resource": {"type": kind, "message": message}}


def _webhook(fake: FakeDiscord, method: str, token: str, rest: list[str], body: Any) -> Result:
    channel_id = fake.interaction_channels.get(token, 0)
    if not rest and method == "POST":
        return 200, fake.message(channel_id, body or {})
    original = fake.originals.get(token)
    if rest == ["messages", "@original"] and original is not None:
        if method == "DELETE":
            return None
        fake.messages[original] |= {k: v for k, v in (body or {}).items() if k in ("content", "embeds")}
        return 200, fake.messages[original]
    return 404, {"message": "Unknown Webhook", "code": 10015}


def _channel_route(fake: FakeDiscord, method: str, channel_id: int, rest: list[str], body: Any) -> Result:
    known = fake.channels.get(channel_id)
    if known is None:
        return 404, {"message": "Unknown Channel", "code": 10003}
    if not rest:
        return 200, known
    if rest == ["messages"] and method == "POST":
        return 200, fake.message(channel_id, body)
    if rest == ["messages"] and known["type"] == 15:
        return 400, {"message": "Cannot execute action on this channel type", "code": 50024}
    if rest == ["messages"]:
        mine = [m for m in fake.messages.values() if m["channel_id"] == str(channel_id)]
        return 200, list(reversed(mine))[:50]
    if rest[0] == "messages" and len(rest) == 2:
        message = fake.messages.get(int(rest[1]))
        return (200, message) if message else (404, {"message": "Unknown Message", "code": 10008})
    if rest[0] == "messages" and rest[2:] == ["threads"]:
        if int(rest[1]) in fake.channels:
            return 400, {"message": "A thread has already been created for this message", "code": 160004}
        return 201, fake.thread(channel_id, body["name"], thread_id=int(rest[1]))
    if rest == ["threads", "archived", "public"] and method == "GET":
        limit = 50  # the query's limit is not parsed: one page, as the adapter asks for
        page = fake.threads(archived=True, parent_id=channel_id)
        return 200, page | {"threads": page["threads"][:limit], "has_more": len(page["threads"]) > limit}
    if rest == ["threads"] and known["type"] == 15:
        thread = fake.thread(channel_id, body["name"])
        starter = fake.message(int(thread["id"]), body["message"], message_id=int(thread["id"]))
        return 201, thread | {"message": starter}
    if rest[0] == "polls" and rest[2:] == ["expire"]:
        return 200, fake.end_poll(int(rest[1]))
    return 404, {"message": "Unknown route", "code": 0}


def route(fake: FakeDiscord, method: str, parts: list[str], body: Any) -> Result:
    """The status and JSON answer to one request (None: 204 No Content)."""
    match parts:
        case ["users", "@me"]:
            return 200, bot_user()
        case ["gateway"]:
            return 200, {"url": fake.gateway_url}
        case ["gateway", "bot"]:
            limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
            return 200, {"url": fake.gateway_url, "shards": 1, "session_start_limit": limit}
        case ["oauth2", "applications", "@me"] | ["applications", "@me"]:
            return 200, _application()
        case ["applications", _, "commands"]:
            return 200, _commands(body or [], None)
        case ["applications", _, "guilds", guild_id, "commands"]:
            return 200, _commands(body or [], guild_id)
        case ["interactions", interaction_id, token, "callback"]:
            return _callback(fake, interaction_id, token, body)
        case ["webhooks", _, token, *rest]:
            return _webhook(fake, method, token, rest, body)
        case ["guilds", _, "threads", "active"] if method == "GET":
            return 200, fake.threads(archived=False)
        case ["channels", channel_id, *rest] if channel_id.isdigit():
            return _channel_route(fake, method, int(channel_id), rest, body)
    return 404, {"message": "Unknown route", "code": 0}


__all__ = ["channel", "route"]
