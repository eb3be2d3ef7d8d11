"""App commands built from the core's registry, and interactions as the core's Incoming."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any

import discord
from discord import app_commands

from bot.commands import CommandSpec, OptionSpec
from bot.models import Incoming

from .render import CHOICE_NAME_MAX, clip

DESCRIPTION_MAX = 100  # command and option descriptions
FREE_TEXT = OptionSpec("args", "What to pass to the command (free text)")
Values = Mapping[str, str | None]
Runner = Callable[[discord.Interaction[Any], str, Values], Awaitable[None]]
Completer = Callable[[discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]


def options_of(spec: CommandSpec) -> tuple[OptionSpec, ...]:
    """The command's declared options; a command without any takes one free-text option."""
    return spec.options or (FREE_TEXT,)


def _signature(options: tuple[OptionSpec, ...]) -> inspect.Signature:
    # discord.py reads parameters from the callback's signature; p0, p1… are renamed to the
    # option names below, so any name Discord accepts works, even one Python would not.
    first = inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction)
    params = [
        inspect.Parameter(
            f"p{i}",
            inspect.Parameter.KEYWORD_ONLY,
            annotation=str,
            default=inspect.Parameter.empty if o.required else None,
        )
        for i, o in enumerate(options)
    ]
    return inspect.Signature([first, *params])


def build_command(spec: CommandSpec, run: Runner, complete: Completer) -> app_commands.Command[Any, Any, None]:
    """One slash command for a registry entry: its options, choices and film autocomplete."""
    # Discord requires required options before optional ones.
    options = tuple(sorted(options_of(spec), key=lambda o: not o.required))
    names = {f"p{i}": o.name for i, o in enumerate(options)}

    async def callback(interaction: discord.Interaction[Any], /, **values: str | None) -> None:
        await run(interaction, spec.name, {names[k]: v for k, v in values.items()})

    callback.__signature__ = _signature(options)  # type: ignore[attr-defined]
    decorate = [
        app_commands.rename(**names),
        app_commands.describe(**{p: clip(o.description, DESCRIPTION_MAX) for p, o in zip(names, options, strict=True)}),
    ]
    choices = {p: [_choice(c, c) for c in o.choices[:25]] for p, o in zip(names, options, strict=True) if o.choices}
    completed = {p: complete for p, o in zip(names, options, strict=True) if o.autocomplete and not o.choices}
    decorate += [app_commands.choices(**choices)] if choices else []
    decorate += [app_commands.autocomplete(**completed)] if completed else []
    for decorator in decorate:
        decorator(callback)
    command: app_commands.Command[Any, Any, None] = app_commands.Command(
        name=spec.name, description=clip(spec.help, DESCRIPTION_MAX), callback=callback
    )
    return app_commands.guild_only()(command)


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=clip(name, CHOICE_NAME_MAX), value=value[:100])


def film_choices(films: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices from (label, slug) pairs: at most 25, names of at most 100 characters."""
    return [_choice(label, slug) for label, slug in films[:25]]


def is_moderator(interaction: discord.Interaction[Any], role: str | None) -> bool:
    """Manage Threads in the channel, or the configured moderator role (by id or name)."""
    permissions = interaction.permissions
    if permissions.manage_threads or permissions.administrator:
        return True
    member = interaction.user
    if not role or not isinstance(member, discord.Member):
        return False
    # Role objects come from the guild cache (GUILDS intent), which the gateway fills at start.
    return any(str(r.id) == role or r.name == role for r in member.roles)


def to_incoming(interaction: discord.Interaction[Any], command: str, values: Values, role: str | None) -> Incoming:
    """The core's Incoming for an app command or button: options as pairs, film or free text as args."""
    given = {k: v for k, v in values.items() if v is not None}
    text = " ".join(given[k] for k in ("film", "args") if given.get(k)).strip()
    return Incoming(
        command=command,
        args=text,
        user_id=str(interaction.user.id),
        club_id=str(interaction.guild_id or f"dm-{interaction.user.id}"),
        channel_id=str(interaction.channel_id or ""),
        is_moderator=is_moderator(interaction, role),
        platform="discord",
        options=tuple(given.items()),
        user_name=interaction.user.display_name,
    )


def button_values(spec: CommandSpec | None, argument: str) -> dict[str, str | None]:
    """A button's argument as the option values its command takes (the film, else free text)."""
    if spec is not None and any(o.name == "film" for o in spec.options):
        return {"film": argument}
    return {"args": argument}
