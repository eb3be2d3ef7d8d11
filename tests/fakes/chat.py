"""FakeChat: a ChatPort that records posts on a shared FakePlatform, with fault injection."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.models import Message, PollTally, PostRef


class PlatformError(Exception):
    """What a failing platform call raises (a 5xx, a timeout)."""


@dataclass
class Post:
    """One message or thread as the platform holds it."""

    ref: PostRef
    key: str | None
    title: str | None
    messages: tuple[Message, ...]
    thread: PostRef | None = None
    closed: bool = False


@dataclass
class FakePlatform:
    """The platform's side, which survives a bot restart: posts, votes and unpostable channels."""

    posts: list[Post] = field(default_factory=list)
    votes: dict[str, tuple[int, ...]] = field(default_factory=dict)  # message id → counts per option
    forbidden: dict[str, str] = field(default_factory=dict)  # channel → why the bot cannot post
    keyed: bool = True  # whether posts can be found again by key (console: no)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def threads(self, channel: str | None = None) -> list[Post]:
        """Every thread opened (in a channel)."""
        return [p for p in self.posts if p.title is not None and channel in (None, p.ref.channel_id)]

    def in_thread(self, thread: PostRef) -> list[Post]:
        """Posts made into a thread."""
        return [p for p in self.posts if p.thread is not None and p.thread.thread_id == thread.thread_id]

    def polls(self) -> list[Post]:
        """Posts carrying a poll."""
        return [p for p in self.posts if any(m.poll for m in p.messages)]


class FakeChat:
    """ChatPort over a FakePlatform; `fail` makes the next calls of a method raise PlatformError."""

    def __init__(self, platform: FakePlatform | None = None) -> None:
        self.platform = platform or FakePlatform()
        self.fail: dict[str, int] = {}  # method name → how many more calls fail
        self.calls: list[str] = []

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if self.fail.get(name, 0) > 0:
            self.fail[name] -= 1
            raise PlatformError(f"{name} failed (injected)")

    def _new(self, channel: str, key: str | None, title: str | None, messages: Sequence[Message], **kw: object) -> Post:
        ref = PostRef(channel, f"m{next(self.platform.ids)}", kw.pop("thread_id", None))  # type: ignore[arg-type]
        post = Post(ref, key, title, tuple(messages), **kw)  # type: ignore[arg-type]
        self.platform.posts.append(post)
        return post

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        """Record one message (in a thread)."""
        self._call("send")
        return self._new(channel_id, key, None, [message], thread=thread).ref

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """Record a thread with its messages (the one made with `key` before, if the platform keeps keys)."""
        self._call("create_thread")
        made = [p for p in self.platform.threads(channel_id) if p.key == key]
        if made and self.platform.keyed:
            return made[0].ref
        thread_id = f"t{next(self.platform.ids)}"
        return self._new(channel_id, key, title, messages, thread_id=thread_id).ref

    async def find_post(self, channel_id: str, key: str, *, thread: PostRef | None = None) -> PostRef | None:
        """A post made with `key` in the channel or its threads, if the platform keeps keys."""
        self._call("find_post")
        found = [p for p in self.platform.posts if p.key == key and p.ref.channel_id == channel_id]
        return found[0].ref if found and self.platform.keyed else None

    async def close_poll(self, ref: PostRef) -> PollTally:
        """End a poll (again: same result) and count its votes."""
        self._call("close_poll")
        [post] = [p for p in self.platform.posts if p.ref == ref]
        post.closed = True
        spec = post.messages[0].poll
        assert spec is not None
        counts = self.platform.votes.get(ref.message_id, tuple(0 for _ in spec.options))
        return PollTally(spec.options, counts, sum(counts))

    async def check_channel(self, channel_id: str) -> str | None:
        """Why the bot cannot post in the channel, if it cannot."""
        self._call("check_channel")
        return self.platform.forbidden.get(channel_id)
