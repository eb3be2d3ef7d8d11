"""The app manifest creates the app the adapter needs: every command, the scopes of every call, interactivity."""

from __future__ import annotations

import re
from pathlib import Path

from bot.commands import REGISTRY

MANIFEST = Path(__file__).resolve().parents[3] / "adapters" / "slack" / "manifest.yml"
# The moderator commands of the scheduler issue, listed ahead of their handlers.
PLANNED = {"schedule", "queue"}
# Web API method → the bot scope it needs, for every method the adapter calls.
SCOPES = {
    "chat.postMessage": "chat:write",
    "chat.update": "chat:write",
    "chat.postEphemeral": "chat:write",
    "views.open": "commands",
    "conversations.info": "channels:read",
    "conversations.history": "channels:history",
    "conversations.replies": "channels:history",
    "users.info": "users:read",
    "usergroups.users.list": "usergroups:read",
    "usergroups.list": "usergroups:read",
}


def test_the_manifest_lists_every_command() -> None:
    text = MANIFEST.read_text("utf-8")
    commands = set(re.findall(r"^\s+- command: /([a-z]+)$", text, re.M))
    assert commands >= set(REGISTRY) | PLANNED
    assert "should_escape: true" not in text


def test_the_manifest_grants_every_scope_and_interactivity() -> None:
    text = MANIFEST.read_text("utf-8")
    scopes = set(re.findall(r"^\s+- ([a-z.:]+)\b", text, re.M))
    assert {"commands", *SCOPES.values()} <= scopes
    assert re.search(r"interactivity:\n\s+is_enabled: true", text)
    assert "socket_mode_enabled: true" in text


def test_the_adapter_calls_only_methods_with_a_granted_scope() -> None:
    source = "".join(p.read_text("utf-8") for p in MANIFEST.parent.glob("*.py"))
    called = {m.replace("_", ".", 1) for m in re.findall(r"client\.([a-z]+_[a-zA-Z_]+)\(", source)}
    called = {re.sub(r"_([a-z])", lambda g: "." + g.group(1), c) if c.count("_") else c for c in called}
    assert {"chat.postMessage", "users.info", "conversations.history"} <= called
    assert called - {"auth.test"} <= set(SCOPES), called
