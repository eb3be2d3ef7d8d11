"""Threads due at the same minute in many channels are posted together (bounded), each channel's in order."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Sequence

import pytest

from bot.config import Settings
from bot.models import Message, PostRef
from bot.scheduler import POSTING
from tests.fakes.chat import FakeChat, FakePlatform
from tests.fakes.clock import FakeClock
from tests.fakes.harness import Bot, start_bot, states, utc

MONDAY = utc(2025, 1, 6, 12, 0)
FRIDAY_7PM = utc(2025, 1, 10, 19, 0)


class SlowChat(FakeChat):
    """A FakeChat whose every post takes a moment, noting how many are in flight, in all and per channel."""

    def __init__(self, platform: FakePlatform) -> None:
        super().__init__(platform)
        self.flying: Counter[str] = Counter()
        self.most = 0
        self.most_in_one_channel = 0

    async def _slow(self, channel_id: str) -> None:
        self.flying[channel_id] += 1
        self.most = max(self.most, sum(self.flying.values()))
        self.most_in_one_channel = max(self.most_in_one_channel, self.flying[channel_id])
        try:
            await asyncio.sleep(0.005)
        finally:
            self.flying[channel_id] -= 1

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        await self._slow(channel_id)
        return await super().send(channel_id, message, thread=thread, key=key)

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        await self._slow(channel_id)
        return await super().create_thread(channel_id, title, messages, key=key)


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[Bot]:
    b = await start_bot(settings, FakePlatform(), FakeClock(MONDAY))
    b.scheduler.chat = SlowChat(b.chat.platform)
    yield b
    await b.close()


async def test_threads_due_together_post_concurrently_bounded_and_each_channel_in_order(bot: Bot) -> None:
    channels = [f"films{i}" for i in range(POSTING + 4)]
    for channel in channels:
        assert "added" in await bot.say(f"/schedule add anora #{channel} friday 19:00 UTC")
    assert "added" in await bot.say("/schedule add anora #films0 friday 20:00 Europe/Paris")
    clock = bot.scheduler.clock
    assert isinstance(clock, FakeClock)
    clock.set(FRIDAY_7PM)
    await bot.scheduler.tick()
    chat = bot.scheduler.chat
    assert isinstance(chat, SlowChat)
    assert 1 < chat.most <= POSTING
    assert chat.most_in_one_channel == 1
    for schedule_id in range(1, len(channels) + 2):
        assert await states(bot, schedule_id) == ["posted"]
    threads = bot.chat.platform.threads()
    assert len(threads) == len(channels) + 1
    assert len({t.key for t in threads}) == len(threads)
