"""Weekly threads in a Discord text channel whole and exactly once: real worker processes posting through
discord.py to the fake REST API are SIGKILLed at seeded points (before or after Discord applies the Nth post),
then restarted within Discord's nonce window; the channel then holds one starter message and one thread per
occurrence with every part once, as a run without a kill posts. (After the nonce window a starter message
can be posted twice: the README's Guarantees say so.)"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from adapters.discord.fake_server import GUILD_ID, FakeDiscord
from bot.config import Settings
from bot.scheduler import LEASE
from tests.fakes.kills import add_weekly_schedule, seeded_kills

from .conftest import TEXT_CHANNEL
from .spec import check_all
from .test_discord_forum_kills import FRIDAY_7PM, KillingDiscord, _part, fresh, pytestmark, run_worker

__all__ = ["pytestmark"]


def channel_parts(fake: FakeDiscord) -> Counter[tuple[str, str]]:
    """How often the channel holds each starter message, each thread (by name) and each part inside a thread."""
    threads = {c["id"]: c["name"] for c in fake.channels.values() if c.get("parent_id") == str(TEXT_CHANNEL)}
    parts = Counter((threads[m["channel_id"]], _part(m)) for m in fake.messages.values() if m["channel_id"] in threads)
    starters = Counter(("starter", _part(m)) for m in fake.messages.values() if m["channel_id"] == str(TEXT_CHANNEL))
    return parts + starters + Counter(("thread", name) for name in threads.values())


async def one_run(settings: Settings, kill_at: int, applied: bool) -> tuple[Counter[tuple[str, str]], bool]:
    """Post, kill, restart after the lease ran out (within the nonce window), and one more idle pass."""
    async with KillingDiscord(kill_at=kill_at, applied=applied) as fake:
        fake.add_channel(TEXT_CHANNEL, 0, "film-club")
        await add_weekly_schedule(
            settings, f"anora <#{TEXT_CHANNEL}> friday 19:00 Europe/London", str(GUILD_ID), str(TEXT_CHANNEL), "discord"
        )
        start = FRIDAY_7PM + timedelta(minutes=1)
        killed = await run_worker(settings, fake, start.isoformat()) != 0
        for n in (1, 2):
            await run_worker(settings, fake, (start + n * (LEASE + timedelta(seconds=5))).isoformat())
        check_all(fake.requests)
        return channel_parts(fake), killed


async def test_seeded_kills_leave_one_whole_thread_and_one_poll_in_a_text_channel(settings: Settings, tmp_path: Path):
    whole, _ = await one_run(fresh(settings, tmp_path, 0), 0, False)
    assert sum(1 for k in whole if k[0] == "thread") == 1 and set(whole.values()) == {1}, whole
    assert any(k[1].startswith("poll: ") for k in whole), whole
    posts = sum(n for k, n in whole.items() if k[0] != "thread")
    bad = await seeded_kills(
        lambda n, kill_at, applied: one_run(fresh(settings, tmp_path, n), kill_at, applied), whole, posts, 21
    )
    assert bad == []
