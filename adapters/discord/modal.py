"""The core's Form as a Discord modal, and a submitted modal (MODAL_SUBMIT) as the command's option values."""

from __future__ import annotations

from typing import Any

import discord

from bot.members import w
from bot.models import Form

from .render import clip

PREFIX = "filmclub:form:"
TITLE_MAX = 45  # a modal's title and each field's label
CUSTOM_ID_MAX = 100
TEXT_MAX = 4000
FIELDS = ("rating", "text", "spoilers")


def custom_id(form: Form) -> str | None:
    """The modal's custom id, carrying the command and the film key; None when the key does not fit."""
    value = f"{PREFIX}{form.command}:{form.film}"
    return value if len(value) <= CUSTOM_ID_MAX else None


def build_modal(form: Form) -> discord.ui.Modal | None:
    """The modal for a form (rating, text, spoilers), prefilled with the member's earlier answers."""
    key = custom_id(form)
    if key is None:
        return None
    modal = discord.ui.Modal(title=clip(form.title, TITLE_MAX), custom_id=key, timeout=900)
    modal.add_item(_input("rating", "form_rating_label", form.rating, hint=w("form_rating_hint"), limit=10))
    modal.add_item(_input("text", "form_text_label", form.text, hint=w("form_text_hint"), limit=TEXT_MAX, long=True))
    modal.add_item(_input("spoilers", "form_spoilers_label", "yes" if form.spoilers else "no", limit=3))
    return modal


def _input(
    name: str, label: str, value: str, *, hint: str = "", limit: int, long: bool = False
) -> discord.ui.TextInput[Any]:
    return discord.ui.TextInput(
        label=clip(w(label), TITLE_MAX),
        custom_id=name,
        style=discord.TextStyle.paragraph if long else discord.TextStyle.short,
        placeholder=hint or None,
        default=value[:limit] or None,
        required=name == "text",
        max_length=limit,
    )


def submitted(data: Any) -> tuple[str, dict[str, str]] | None:
    """(command, option values) of a submitted filmclub modal; None for any other or a malformed one."""
    if not isinstance(data, dict) or not str(data.get("custom_id", "")).startswith(PREFIX):
        return None
    command, _, film = str(data["custom_id"])[len(PREFIX) :].partition(":")
    values = {"film": film} | {k: "" for k in FIELDS}
    for name, value in _inputs(data.get("components")):
        if name in FIELDS:
            values[name] = value
    return command, values


def _inputs(components: Any) -> list[tuple[str, str]]:
    """Every (custom_id, value) of a modal's text inputs, in action rows or labels."""
    found: list[tuple[str, str]] = []
    for item in components if isinstance(components, list) else []:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("custom_id"), str) and isinstance(item.get("value"), str):
            found.append((item["custom_id"], item["value"]))
        found += _inputs(item.get("components"))
        found += _inputs([item["component"]]) if isinstance(item.get("component"), dict) else []
    return found
