"""Recent answers to read-only commands, so a repeated `/review anora` skips the core and the store."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from bot.app import App
from bot.models import Incoming, Message

# Commands whose answer depends only on the command line, the club and the stored reviews (not on who asks,
# where, or when) and that change nothing: safe to answer again from memory.
READ_ONLY = frozenset({"review", "prompts", "trivia"})
SIZE = 256
TTL = 5.0  # seconds: a last bound on staleness; imports are seen through the core's generation

T = TypeVar("T")
Key = tuple[str, str, tuple[tuple[str, str], ...], str, str, int]


def no_error(messages: list[Message]) -> bool:
    """Whether an answer may be kept: errors are not, as a failure may be passing and "not found" is cheap."""
    return not any(m.error for m in messages)


class Answers(Generic[T]):
    """An LRU of answers (as the core's messages, or as an adapter shaped them) keyed by (command line, club,
    core generation), each kept TTL seconds."""

    def __init__(
        self,
        core: App,
        keep: Callable[[T], bool],
        size: int = SIZE,
        ttl: float = TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.core, self.keep, self.size, self.ttl, self.clock = core, keep, size, ttl, clock
        self._kept: OrderedDict[Key, tuple[float, T]] = OrderedDict()

    def key(self, incoming: Incoming) -> Key | None:
        """Where the answer to `incoming` is kept, or None if it is not to be kept."""
        if incoming.command.lower() not in READ_ONLY or incoming.is_moderator:
            return None
        # The generation changes on every import in this process, so a re-imported review is never served stale.
        args = (incoming.args, incoming.options, incoming.club_id, incoming.platform)
        return (incoming.command.lower(), *args, self.core.generation)

    def peek(self, incoming: Incoming | None) -> T | None:
        """The kept answer to `incoming` if there is a fresh one."""
        key = self.key(incoming) if incoming is not None else None
        if key is None or (kept := self._kept.get(key)) is None or self.clock() - kept[0] >= self.ttl:
            return None
        self._kept.move_to_end(key)
        return kept[1]

    async def get(self, incoming: Incoming, compute: Callable[[], Awaitable[T]]) -> T:
        """The answer to `incoming`: from memory if fresh, else computed and (if `keep` allows) kept."""
        key = self.key(incoming)
        if key is None:
            return await compute()
        await self.core.sync()  # another process's import bumps the generation (checked about once a second)
        key = self.key(incoming) or key
        kept = self.peek(incoming)
        if kept is not None:
            return kept
        generation, now = key[-1], self.clock()
        answer = await compute()
        if generation == self.core.generation and self.keep(answer):
            self._kept[key] = (now, answer)
            self._kept.move_to_end(key)
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return answer
