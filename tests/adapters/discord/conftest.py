"""Discord fixtures: the fake REST server, discord.py pointed at it, and a logged-in bot."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    # discord.py imports the stdlib's deprecated audioop (voice) at import time; we use no voice.
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401

from adapters.discord.client import FilmClubBot
from adapters.discord.entry import api_base
from adapters.discord.fake_server import FakeDiscord
from bot.app import App
from bot.commands import REGISTRY, command
from bot.models import Incoming, Inline, Message, Section

from .spec import message_part

TEXT_CHANNEL, FORUM_CHANNEL = 8801, 8802
NO_MENTIONS = {"parse": []}


class MentionAudit:
    """Every fake made in this session, and how many message bodies were checked."""

    def __init__(self) -> None:
        self.fakes: list[FakeDiscord] = []
        self.checked = 0
        self._seen: dict[int, int] = {}  # id(fake) → requests already checked

    def check_new(self) -> None:
        """Fail on any message body, recorded since the last check, that could ping someone."""
        pinging = []
        for fake in self.fakes:
            start, self._seen[id(fake)] = self._seen.get(id(fake), 0), len(fake.requests)
            for request in fake.requests[start:]:
                message = message_part(request.path, request.json) if isinstance(request.json, dict) else None
                if message is not None:
                    self.checked += 1
                    if not pings_nobody(message.get("allowed_mentions")):
                        pinging.append((request.method, request.path, message.get("allowed_mentions")))
        assert not pinging, f"message bodies that could ping: {pinging}"


def pings_nobody(allowed: Any) -> bool:
    """allowed_mentions that lets nothing ping: {"parse": []}, with no users, roles or replied user."""
    if not isinstance(allowed, dict) or allowed.get("parse") != []:
        return False
    return not allowed.get("users") and not allowed.get("roles") and not allowed.get("replied_user")


@pytest.fixture(scope="session", autouse=True)
def mention_audit() -> Iterator[MentionAudit]:
    """Session-wide: every FakeDiscord made by any Discord test (preview too) is audited for pings."""
    audit = MentionAudit()
    enter = FakeDiscord.__aenter__

    async def registering(self: FakeDiscord) -> FakeDiscord:
        audit.fakes.append(self)
        return await enter(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FakeDiscord, "__aenter__", registering)
        yield audit
    audit.check_new()


@pytest.fixture(autouse=True)
def no_pings(mention_audit: MentionAudit) -> Iterator[None]:
    """After each Discord test: every message body it sent had allowed_mentions that pings nobody."""
    yield
    mention_audit.check_new()


@pytest.fixture
async def discord_fake(mention_audit: MentionAudit) -> AsyncIterator[FakeDiscord]:
    """The fake Discord REST server on 127.0.0.1, with a text and a forum channel."""
    async with FakeDiscord() as fake:
        assert any(f is fake for f in mention_audit.fakes), "the mention audit no longer sees new fakes"
        fake.add_channel(TEXT_CHANNEL, 0, "film-club")
        fake.add_channel(FORUM_CHANNEL, 15, "film-forum")
        with api_base(fake.base):
            yield fake


LONG_WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit " * 6


def long_message() -> Message:
    """A reply far over every size limit: long bullets, a spoiler paragraph, a long footer."""
    bullets = tuple((Inline(f"{i}. {LONG_WORDS}"), Inline("the twist", spoiler=True)) for i in range(60))
    paragraph = ((Inline("Spoiler ahead: "), Inline(LONG_WORDS * 30, spoiler=True)),)
    section = Section("A very long section " * 20, paragraphs=paragraph, bullets=bullets)
    return Message("Long " * 80, (section,), footer="footer " * 400)


class DiscordGate:
    """Test-only commands' controls: the slow command waits for `release`."""

    def __init__(self) -> None:
        self.release = asyncio.Event()


@pytest.fixture
def discord_commands() -> Iterator[DiscordGate]:
    """Test-only commands in the core's registry (long, moderator-only, slow), removed afterwards."""
    before = dict(REGISTRY)
    gate = DiscordGate()

    @command("longread")
    async def longread(app: App, incoming: Incoming) -> list[Message]:
        """A reply over every limit."""
        plain = Message(sections=(Section(paragraphs=((Inline(LONG_WORDS * 20),),)),))
        return [long_message(), plain]

    @command("tidy", moderator=True)
    async def tidy(app: App, incoming: Incoming) -> list[Message]:
        """A moderator-only command."""
        return [Message("Tidied", (Section(paragraphs=((Inline(f"args={incoming.args}"),),)),))]

    @command("slowcmd")
    async def slowcmd(app: App, incoming: Incoming) -> list[Message]:
        """A command that takes its time."""
        await gate.release.wait()
        private = incoming.args == "private"
        return [Message("Slow answer", (Section(paragraphs=((Inline("done"),),)),), ephemeral=private)]

    @command("boom")
    async def boom(app: App, incoming: Incoming) -> list[Message]:
        """A command with a bug."""
        raise RuntimeError("a bug")

    yield gate
    REGISTRY.clear()
    REGISTRY.update(before)


@pytest.fixture
async def discord_bot(discord_fake: FakeDiscord, app: App, discord_commands: object) -> AsyncIterator[FilmClubBot]:
    """The bot logged in to the fake (commands synced), ready to be fed interactions."""
    bot = FilmClubBot(app.settings)
    bot.app = app
    async with bot:
        await bot.login("fake.bot.token")
        yield bot
