"""The Discord client: app commands from the registry, answered in time, replies rendered."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

# answers.py is adapter-neutral (it imports only bot/): the same cache of read-only answers serves both platforms.
from adapters.answers import Answers, no_error
from bot.app import App
from bot.commands import REGISTRY
from bot.config import Settings
from bot.models import Message
from bot.render import failure

from .commands import Values, build_command, button_values, film_choices, to_incoming
from .guard import GuardedTree, guard_interactions
from .modal import build_modal, submitted
from .render import Draft, render_all
from .retry import READ_TIMEOUT, bound_read_time
from .send import CommandButton, message_kwargs

log = logging.getLogger(__name__)
DEFER_AFTER = 1.5  # seconds: well inside Discord's 3-second window, leaving room for the network


def intents() -> discord.Intents:
    """Only the GUILDS intent (no privileged intent): channels, threads and roles in the cache."""
    return discord.Intents(guilds=True)


class FilmClubBot(discord.Client):
    """A discord.py client that translates interactions to the core and back."""

    def __init__(self, settings: Settings, *, sync: bool = True, defer_after: float = DEFER_AFTER, **options: Any):
        super().__init__(intents=intents(), allowed_mentions=discord.AllowedMentions.none(), **options)
        self.settings = settings
        self.sync_commands = sync
        self.defer_after = defer_after
        # Preview and tests set a queue to learn when an interaction is fully answered.
        self.answered: asyncio.Queue[int] | None = None
        self._app: App | None = None
        self._answers: Answers[list[Message]] | None = None
        self.read_timeout = READ_TIMEOUT
        self.tree = GuardedTree(self)
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        guard_interactions(self)

    @property
    def app(self) -> App:
        """The core; set before the client connects."""
        if self._app is None:
            raise RuntimeError("FilmClubBot.app was not set")
        return self._app

    @app.setter
    def app(self, app: App) -> None:
        self._app, self._answers = app, Answers(app, no_error)

    async def setup_hook(self) -> None:
        """Build the commands from the registry as it is now, route old buttons, sync."""
        bound_read_time(self, self.read_timeout)
        for spec in REGISTRY.values():
            self.tree.add_command(build_command(spec, self.answer, self.complete_film), override=True)
        self.add_dynamic_items(CommandButton)
        if not self.sync_commands:
            return
        guild_id = self.settings.discord_guild_id
        if guild_id:
            guild = discord.Object(int(guild_id))
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("synced %d commands %s", len(synced), f"to guild {guild_id}" if guild_id else "globally")

    async def complete_film(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """Film titles that start with what the member typed, for this club."""
        films = self.app.films.complete(current, club_id=str(interaction.guild_id), limit=25)
        return film_choices([(f.label, f.slug) for f in films])

    async def press(self, interaction: discord.Interaction[Any], command: str, argument: str) -> None:
        """A button click: the command it names, on its argument."""
        await self.answer(interaction, command, button_values(REGISTRY.get(command), argument))

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """A submitted filmclub modal (also one opened before a restart): its answers go to its command."""
        if interaction.type != discord.InteractionType.modal_submit:
            return
        found = submitted(interaction.data)
        if found is not None:
            await self.answer(interaction, found[0], found[1])

    async def answer(self, interaction: discord.Interaction[Any], command: str, values: Values) -> None:
        """Dispatch to the core and post the replies (or open the form a reply asks for); failures reach the
        member alone, politely."""
        try:
            incoming = to_incoming(interaction, command, values, self.settings.discord_moderator_role)
            replies, deferred = await self._dispatch_in_time(interaction, incoming)
            modal = build_modal(replies[0].form) if replies and replies[0].form and not deferred else None
            if modal is not None:
                await interaction.response.send_modal(modal)
                return
            await self._respond(interaction, render_all(replies), deferred)
        except Exception:
            log.exception("answering /%s failed", command)
            await self._apologise(interaction, command)
        finally:
            if self.answered is not None:
                self.answered.put_nowait(interaction.id)

    async def _dispatch_in_time(
        self, interaction: discord.Interaction[Any], incoming: Any
    ) -> tuple[list[Message], bool]:
        # Discord drops an interaction not answered within 3 s: slow work gets a "thinking…" first.
        app = self.app
        answers = self._answers or Answers(app, no_error)
        task = asyncio.ensure_future(answers.get(incoming, lambda: app.dispatch(incoming)))
        done, _ = await asyncio.wait({task}, timeout=self.defer_after)
        if not done:
            await interaction.response.defer(thinking=True)
        return await task, not done

    async def _respond(self, interaction: discord.Interaction[Any], drafts: Sequence[Draft], deferred: bool) -> None:
        if deferred and drafts and drafts[0].ephemeral:
            # The deferred "thinking…" message is public; a private answer replaces it.
            await interaction.delete_original_response()
        for draft in drafts:
            await self._send(interaction, draft)

    async def _send(self, interaction: discord.Interaction[Any], draft: Draft) -> None:
        kwargs = message_kwargs(draft, self.settings.discord_poll_hours)
        if not interaction.response.is_done():
            await interaction.response.send_message(ephemeral=draft.ephemeral, **kwargs)
        elif not interaction.is_expired():
            await interaction.followup.send(ephemeral=draft.ephemeral, **kwargs)
        elif not draft.ephemeral and isinstance(interaction.channel, discord.abc.Messageable):
            # The interaction token lives 15 minutes; after that, public parts go to the channel.
            await interaction.channel.send(**kwargs)
        else:
            log.warning("interaction %s expired; a private reply part was dropped", interaction.id)

    async def _apologise(self, interaction: discord.Interaction[Any], command: str) -> None:
        try:
            for draft in render_all([failure(command)]):
                await self._send(interaction, draft)
        except Exception:  # an HTTP error, or an interaction too malformed to answer
            log.exception("could not tell the member that /%s failed", command)

    async def _on_tree_error(self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError) -> None:
        log.error("app command error: %s", error, exc_info=error)
        try:
            name = interaction.command.name if interaction.command else "command"
        except Exception:  # a malformed payload: even its command cannot be looked up
            name = "command"
        await self._apologise(interaction, name)
