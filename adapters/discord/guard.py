"""Interaction payloads discord.py cannot read safely are dropped at the edge, never crash the bot.

Discord sends well-formed payloads; a proxy, a bug or a test may not. discord.py parses a gateway
event inside its receive loop (an exception there drops the connection) and, for buttons, reads
fields in tasks nobody awaits. So a payload is checked for the fields discord.py relies on first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger(__name__)
KINDS = {1, 2, 3, 4, 5}  # ping, command, component, autocomplete, modal


def _snowflake(value: Any) -> bool:
    return (isinstance(value, str) and value.isdigit()) or (isinstance(value, int) and not isinstance(value, bool))


def _options(options: Any) -> bool:
    if not isinstance(options, list):
        return False
    return all(
        isinstance(o, dict)
        and isinstance(o.get("name"), str)
        and isinstance(o.get("type"), int)
        and _options(o.get("options", []))
        for o in options
    )


def _member(member: Any) -> bool:
    if not isinstance(member, dict) or not isinstance(member.get("user"), dict):
        return False
    roles = member.get("roles", [])
    perms = member.get("permissions", "0")
    return (
        _snowflake(member["user"].get("id"))
        and isinstance(roles, list)
        and all(map(_snowflake, roles))
        and _snowflake(perms)
    )


def _data(kind: int, payload: dict[str, Any]) -> bool:
    data = payload.get("data")
    if kind in (2, 4):
        return isinstance(data, dict) and isinstance(data.get("name"), str) and _options(data.get("options", []))
    if kind == 3:
        message = payload.get("message")
        return (
            isinstance(data, dict)
            and isinstance(data.get("custom_id"), str)
            and isinstance(data.get("component_type"), int)
            and isinstance(message, dict)
            and _snowflake(message.get("id"))
            and isinstance(message.get("components"), list)
        )
    if kind == 5:
        return (
            isinstance(data, dict)
            and isinstance(data.get("custom_id"), str)
            and isinstance(data.get("components"), list)
        )
    return True


def malformed(payload: Any) -> str | None:
    """Why discord.py could not read this INTERACTION_CREATE payload, or None if it can."""
    if not isinstance(payload, dict):
        return "not an object"
    kind = payload.get("type")
    if not isinstance(kind, int) or kind not in KINDS:
        return "no known type"
    if not all(_snowflake(payload.get(k)) for k in ("id", "application_id")) or not isinstance(
        payload.get("token"), str
    ):
        return "no id, application id or token"
    if any(k in payload and not _snowflake(payload[k]) for k in ("guild_id", "channel_id")):
        return "a bad guild or channel id"
    if "member" in payload and not _member(payload["member"]):
        return "a bad member"
    return None if _data(kind, payload) else "bad data for its type"


def guard_interactions(client: discord.Client) -> None:
    """Check every INTERACTION_CREATE before discord.py parses it; drop and log a bad one."""
    parsers: dict[str, Callable[[Any], None]] = client._connection.parsers
    parse = parsers["INTERACTION_CREATE"]

    def guarded(payload: Any) -> None:
        reason = malformed(payload)
        try:
            if reason is None:
                parse(payload)
                return
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
        log.warning("ignored a malformed interaction: %s", reason)

    parsers["INTERACTION_CREATE"] = guarded


class GuardedTree(app_commands.CommandTree[Any]):
    """A command tree on which an unreadable interaction is logged and dropped, not left to crash a task."""

    async def _call(self, interaction: discord.Interaction[Any]) -> None:
        # discord.py hands only AppCommandErrors to on_error; a payload it cannot read
        # (a wrong-typed option value, say) would end the invoking task with an unseen error.
        try:
            await super()._call(interaction)
        except app_commands.AppCommandError:
            raise
        except Exception as exc:
            log.warning("ignored a malformed command interaction: %s: %s", type(exc).__name__, exc)
