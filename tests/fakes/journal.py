"""JournalChat: a ChatPort whose platform is a JSON-lines file, shared by processes and restarts."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.models import Message, PollTally, PostRef


def read_journal(path: Path) -> list[dict[str, Any]]:
    """Every post the 'platform' holds, in order."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


class JournalChat:
    """Posts are appended (locked, fsynced) to a file, so a SIGKILLed process leaves them behind."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _append(self, record: dict[str, Any]) -> PostRef:
        with self.path.open("a+", encoding="utf-8") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)  # other processes append to the same file
            fh.seek(0)
            record["id"] = f"m{sum(1 for _ in fh) + 1}-{os.getpid()}"
            fh.write(json.dumps(record) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return PostRef(record["channel"], record["id"], record.get("thread_id"))

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        """Append one message."""
        op = "poll" if message.poll else "message"
        parent = thread.thread_id if thread else None
        return self._append({"op": op, "channel": channel_id, "key": key, "in_thread": parent})

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """Append a thread (unless one with `key` is there already)."""
        made = [r for r in read_journal(self.path) if r["op"] == "thread" and r["key"] == key]
        if made:
            return PostRef(made[0]["channel"], made[0]["id"], made[0]["thread_id"])
        record = {"op": "thread", "channel": channel_id, "key": key, "title": title, "thread_id": key}
        return self._append(record)

    async def find_post(self, channel_id: str, key: str, *, thread: PostRef | None = None) -> PostRef | None:
        """The post made with `key`, read back from the file."""
        for r in read_journal(self.path):
            if r["key"] == key and r["channel"] == channel_id:
                return PostRef(r["channel"], r["id"], r.get("thread_id"))
        return None

    async def close_poll(self, ref: PostRef) -> PollTally:
        """Nobody votes in the journal."""
        return PollTally(("Yes", "No"), (0, 0), 0)

    async def check_channel(self, channel_id: str) -> str | None:
        """Every channel is open."""
        return None
