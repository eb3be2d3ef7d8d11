"""Drafts as discord.py arguments: embeds, native polls, persistent buttons, no mentions."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta
from typing import Any

import discord

from bot.models import Button, PollSpec

from .render import BUTTON_LABEL_MAX, CUSTOM_ID_MAX, Draft, clip, poll_hours

log = logging.getLogger(__name__)
NONCE_MAX = 25  # Discord's nonce is at most 25 characters


class CommandButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"filmclub:(?P<command>[a-z0-9_-]+):(?P<arg>.*)"
):
    """A button that runs a command on an argument; its custom id survives restarts."""

    def __init__(self, label: str, command: str, argument: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, BUTTON_LABEL_MAX),
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id(command, argument),
            )
        )
        self.command = command
        self.argument = argument

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CommandButton:
        """Rebuild the button from a click, after a restart too."""
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(label or "", match["command"], match["arg"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Answer the click as if the command had been typed."""
        press = getattr(interaction.client, "press", None)
        if press is not None:
            await press(interaction, self.command, self.argument)


def custom_id(command: str, argument: str) -> str:
    """The stable custom id of a command button."""
    return f"filmclub:{command}:{argument}"


def button_view(buttons: tuple[Button, ...]) -> discord.ui.View | None:
    """A view without timeout holding the buttons that fit Discord's custom-id length."""
    fitting = [b for b in buttons if len(custom_id(b.command, b.argument)) <= CUSTOM_ID_MAX][:25]
    if len(fitting) < len(buttons):
        log.warning("dropped %d button(s) whose custom id would be too long", len(buttons) - len(fitting))
    if not fitting:
        return None
    view = discord.ui.View(timeout=None)
    for button in fitting:
        view.add_item(CommandButton(button.label, button.command, button.argument))
    return view


def native_poll(spec: PollSpec, hours: int) -> discord.Poll:
    """A discord.Poll from a (fitted) poll spec."""
    poll = discord.Poll(spec.question, timedelta(hours=poll_hours(hours)), multiple=spec.multiple)
    for option in spec.options:
        poll.add_answer(text=option)
    return poll


def message_kwargs(draft: Draft, hours: int) -> dict[str, Any]:
    """Keyword arguments for send/send_message/followup.send; mentions are never allowed."""
    kwargs: dict[str, Any] = {"allowed_mentions": discord.AllowedMentions.none()}
    if draft.content is not None:
        kwargs["content"] = draft.content
    if draft.embed is not None:
        kwargs["embeds"] = [discord.Embed.from_dict(draft.embed)]
    if draft.poll is not None:
        kwargs["poll"] = native_poll(draft.poll, hours)
    view = button_view(draft.buttons)
    if view is not None:
        kwargs["view"] = view
    return kwargs


def nonce(key: str, part: int = 0) -> str:
    """A Discord nonce (at most 25 characters) for part `part` of the post made with `key`."""
    return hashlib.sha256(f"{key}#{part}".encode()).hexdigest()[:NONCE_MAX]
