"""With the guild cache filled as the gateway does (GUILD_CREATE): moderator role and permissions."""

from __future__ import annotations

from dataclasses import replace

from adapters.discord.chat import DiscordChat
from adapters.discord.client import FilmClubBot
from adapters.discord.fake_events import GUILD_ID, command, feed_guild, guild_create, member
from adapters.discord.fake_server import FakeDiscord

from .conftest import FORUM_CHANNEL, TEXT_CHANNEL
from .helpers import interact
from .spec import check_all

MOD_ROLE = 777
EVERYONE = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 35) | (1 << 38)  # no Create Polls


def _guild(fake: FakeDiscord) -> dict[str, object]:
    roles = {GUILD_ID: ("@everyone", EVERYONE), MOD_ROLE: ("Film mods", 0)}
    return guild_create([fake.channels[TEXT_CHANNEL], fake.channels[FORUM_CHANNEL]], roles)


async def test_the_configured_moderator_role_may_run_moderator_commands(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    feed_guild(discord_bot, _guild(discord_fake))
    discord_bot.settings = replace(discord_bot.settings, discord_moderator_role="Film mods")
    who = member(roles=(MOD_ROLE,))
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "tidy", {}, channel_id=TEXT_CHANNEL, who=who)
    )
    assert sent[0].json["data"]["embeds"][0]["title"] == "Tidied"
    discord_bot.settings = replace(discord_bot.settings, discord_moderator_role=str(MOD_ROLE))  # or by id
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "tidy", {}, channel_id=TEXT_CHANNEL, who=who)
    )
    assert sent[0].json["data"]["embeds"][0]["title"] == "Tidied"
    sent = await interact(discord_bot, discord_fake, command(discord_fake, "tidy", {}, channel_id=TEXT_CHANNEL))
    assert "Only moderators" in sent[0].json["data"]["content"]
    check_all(sent)


async def test_check_channel_names_the_missing_permission(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    feed_guild(discord_bot, _guild(discord_fake))
    chat = DiscordChat(discord_bot)
    reason = await chat.check_channel(str(TEXT_CHANNEL))
    assert reason is not None and "Create Polls" in reason and "Send Messages" not in reason
