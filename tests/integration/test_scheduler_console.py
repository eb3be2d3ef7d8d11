"""`filmclub console` runs the scheduler: a moderator adds a schedule and the thread is printed."""

from __future__ import annotations

import asyncio
import io
import os

from bot.bootstrap import run_console
from bot.config import Settings


async def test_a_moderator_on_the_console_adds_a_schedule_and_sees_the_thread(settings: Settings) -> None:
    read_fd, write_fd = os.pipe()
    out = io.StringIO()
    with os.fdopen(read_fd, "r", encoding="utf-8") as stdin, os.fdopen(write_fd, "w", encoding="utf-8") as typing:
        console = asyncio.create_task(run_console(settings, stdin, out))
        typing.write("/schedule add anora #films friday 19:00 Europe/London\n/schedule run-now 1\n")
        typing.flush()
        for _ in range(400):  # loopback only: wait for the scheduler task to print the thread
            if "This week's poll" in out.getvalue():
                break
            await asyncio.sleep(0.025)
        typing.write("/schedule list\n")
        typing.close()
        assert await asyncio.wait_for(console, 10) == 0
    text = out.getvalue()
    assert "Schedule #1 added" in text and "Next threads: Fri" in text
    assert "🧵 Week of" in text and "· Anora (2024)" in text and "📊" in text
    assert "last posted:" in text
