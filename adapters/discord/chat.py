"""DiscordChat: the core's ChatPort on Discord (posts, threads and forum posts, native polls)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any

import discord

from bot.models import Message, PollTally, PostRef

from .render import THREAD_NAME_MAX, Draft, clip, render_all
from .retry import PostFailed, Retry, refused, with_retry
from .send import message_kwargs, nonce

log = logging.getLogger(__name__)
POLL_KEY = ":poll"  # how the scheduler's key of a weekly thread's poll ends (bot/scheduler.py)
RECAP_KEY = ":recap"  # and of its recap, posted after the poll closes
TEXT_NEEDS = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "embed_links": "Embed Links",
    "read_message_history": "Read Message History",
    "create_public_threads": "Create Public Threads",
    "send_messages_in_threads": "Send Messages in Threads",
    "send_polls": "Create Polls",
}
FORUM_NEEDS = {k: v for k, v in TEXT_NEEDS.items() if k != "create_public_threads"}  # a post is a message


class DiscordChat:
    """ChatPort on a discord.py client: what the scheduler and notifications post with."""

    def __init__(self, client: discord.Client, poll_hours: int = 168, retry: Retry | None = None) -> None:
        self.client = client
        self.poll_hours = poll_hours
        self.retry = retry or Retry()
        self._posts: dict[tuple[str, str], PostRef] = {}  # (channel, key) → post, for this process

    async def _channel(self, channel_id: str) -> Any:
        return self.client.get_channel(int(channel_id)) or await self.client.fetch_channel(int(channel_id))

    async def _post(self, target: discord.abc.Messageable, draft: Draft, key: str | None, part: int) -> discord.Message:
        kwargs = message_kwargs(draft, self.poll_hours)
        # The nonce with enforce_nonce makes Discord drop a retried duplicate of this very part,
        # so a post whose answer was lost can be sent again; without a key, one for this call.
        kwargs["nonce"] = nonce(key or f"once:{uuid.uuid4()}", part)
        where = getattr(target, "id", "?")
        return await with_retry(lambda: target.send(**kwargs), f"posting in <#{where}>", self.retry)

    async def _thread_on(self, starter: discord.Message, name: str) -> discord.Thread:
        try:
            return await with_retry(lambda: starter.create_thread(name=name), "opening the thread", self.retry)
        except PostFailed as exc:
            cause = exc.__cause__
            # A retry after a lost answer finds the thread made: Discord then says it exists.
            if isinstance(cause, discord.HTTPException) and cause.code == 160004:
                thread = await self.client.fetch_channel(starter.id)
                if isinstance(thread, discord.Thread):
                    return thread
            raise

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        """Post one message (split if long) to a channel or into a thread; the ref is its first part."""
        target_id = thread.thread_id if thread and thread.thread_id else channel_id
        target = self.client.get_partial_messageable(int(target_id))
        sent = [await self._post(target, d, key, i) for i, d in enumerate(render_all([message]))]
        ref = PostRef(channel_id, str(sent[0].id), thread.thread_id if thread else None)
        if key:
            self._posts[(channel_id, key)] = ref
        return ref

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """A thread from a starter message (text channel) or a forum post, then the other messages in it.

        Called again with the same key, the thread this process made is returned. After a restart, in a
        text channel the parts are sent again with their nonces, which Discord drops as duplicates within
        its nonce window; a forum post (which takes no nonce) is found again by its title among the bot's
        posts in the forum and only the parts missing from it are posted.
        """
        known = self._posts.get((channel_id, key))
        if known is not None:
            return known
        channel = await self._channel(channel_id)
        drafts = render_all(messages) or render_all([Message(title)])
        name = clip(title, THREAD_NAME_MAX) or "Discussion"
        done = 1  # parts already in the thread: the starter, then replies in order
        if isinstance(channel, discord.ForumChannel):
            found = await self._forum_post(channel, name)
            if found is not None:
                # A forum post takes no nonce: made before a crash, it is found again by its title.
                thread_id, starter_id = found, found  # a forum post's starter message has the thread's id
                done = await self._parts_in(thread_id)
                log.info("forum post %r in %s found again with %d part(s); posting the rest", name, channel_id, done)
            else:
                # Not retried here (discord.py still waits out 429s and 5xx): a lost answer is found by title.
                try:
                    created = await channel.create_thread(name=name, **message_kwargs(drafts[0], self.poll_hours))
                except discord.HTTPException as exc:
                    raise refused(exc, f"a forum post in <#{channel_id}>") from exc
                thread_id, starter_id = created.thread.id, created.message.id
        elif isinstance(channel, discord.TextChannel):
            starter = await self._post(channel, drafts[0], key, 0)
            thread_id, starter_id = (await self._thread_on(starter, name)).id, starter.id
        else:
            raise ValueError(f"channel {channel_id} is neither a text channel nor a forum channel")
        inside = self.client.get_partial_messageable(thread_id)
        for i, draft in enumerate(drafts[1:], start=1):
            if i >= done:
                await self._post(inside, draft, key, i)
        ref = PostRef(channel_id, str(starter_id), str(thread_id))
        self._posts[(channel_id, key)] = ref
        return ref

    async def _forum_post(self, forum: discord.ForumChannel, name: str) -> int | None:
        """The bot's post titled `name` in the forum: among the guild's active threads, else the forum's archived ones."""
        me = str(getattr(self.client.user, "id", ""))

        def mine(page: Any) -> int | None:
            for thread in page.get("threads") or []:
                if (thread.get("parent_id"), thread.get("name"), thread.get("owner_id")) == (str(forum.id), name, me):
                    return int(thread["id"])
            return None

        http = self.client.http
        active = await with_retry(lambda: http.get_active_threads(forum.guild.id), "listing threads", self.retry)
        found = mine(active)
        if found is None:  # archived after a day without activity: a restart long after the crash
            where = f"listing archived posts in <#{forum.id}>"
            found = mine(
                await with_retry(lambda: http.get_public_archived_threads(forum.id, limit=50), where, self.retry)
            )
        return found

    async def _parts_in(self, thread_id: int) -> int:
        """How many messages the bot has in the thread (the starter and the replies posted before a crash)."""
        me = getattr(self.client.user, "id", None)
        channel = self.client.get_partial_messageable(thread_id)
        return len([m async for m in channel.history(limit=50) if m.author.id == me])

    async def find_post(self, channel_id: str, key: str, *, thread: PostRef | None = None) -> PostRef | None:
        """The post made with `key` by this process, else one whose nonce Discord still echoes.

        Inside a thread, a key ending in `:poll` (the scheduler's key of a thread's poll) finds the bot's
        poll there after any restart: nonces are forgotten after a few minutes, the poll is not.
        """
        known = self._posts.get((channel_id, key))
        if known is not None:
            return known
        # Best effort only: Discord keeps a nonce with the message just long enough to drop a
        # duplicate create (enforce_nonce); fetched history normally has none, so after a restart
        # this rarely finds anything. Exactly-once across restarts is the store's job (claims).
        wanted = nonce(key, 0)
        # A reply is looked for in its thread: a thread is a channel of its own on Discord.
        place = thread.thread_id if thread and thread.thread_id else channel_id
        channel = self.client.get_partial_messageable(int(place))
        # A weekly thread holds one poll: the bot's poll in it is the one keyed `…:poll`, nonce or not; and the
        # recap (`…:recap`) is the bot's one message after that poll, as nothing else is posted after it.
        in_thread = bool(thread and thread.thread_id)
        any_poll, any_recap = in_thread and key.endswith(POLL_KEY), in_thread and key.endswith(RECAP_KEY)
        me = getattr(self.client.user, "id", None)
        after_poll: discord.Message | None = None
        try:
            async for message in channel.history(limit=50):  # newest first
                if message.author.id != me:
                    continue
                if message.nonce == wanted or (any_poll and message.poll is not None):
                    return self._ref(channel_id, message, thread)
                if any_recap and message.poll is not None:
                    return self._ref(channel_id, after_poll, thread) if after_poll else None
                if message.type in (discord.MessageType.default, discord.MessageType.reply):
                    after_poll = message
        except discord.HTTPException as exc:  # a forum has no message history of its own
            log.info("find_post in %s: %s", channel_id, exc)
        return None

    @staticmethod
    def _ref(channel_id: str, message: discord.Message, thread: PostRef | None) -> PostRef:
        started = message.thread.id if message.thread else None
        return PostRef(channel_id, str(message.id), thread.thread_id if thread else (str(started) if started else None))

    async def _fetch(self, ref: PostRef) -> discord.Message:
        # A poll sent into a thread lives there; a text channel's starter lives in the channel.
        for place in dict.fromkeys(p for p in (ref.thread_id, ref.channel_id) if p):
            try:
                return await self.client.get_partial_messageable(int(place)).fetch_message(int(ref.message_id))
            except discord.NotFound:
                continue
        raise LookupError(f"message {ref.message_id} not found in channel {ref.channel_id}")

    async def close_poll(self, ref: PostRef) -> PollTally:
        """End the native poll at `ref` and return its counts."""
        message = await self._fetch(ref)
        if message.poll is None:
            raise ValueError(f"message {ref.message_id} carries no poll")
        if not message.poll.is_finalised():
            try:
                message = await message.end_poll()
            except discord.HTTPException as exc:  # e.g. it ended on its own meanwhile
                log.info("ending poll %s: %s; reading it as it is", ref.message_id, exc)
                message = await self._fetch(ref)
        poll = message.poll
        assert poll is not None
        counts = tuple(a.vote_count for a in poll.answers)
        return PollTally(tuple(a.text for a in poll.answers), counts, poll.total_votes)

    async def check_channel(self, channel_id: str) -> str | None:
        """None if the bot can post threads in the channel, else what a moderator should fix."""
        try:
            channel = await self._channel(channel_id)
        except discord.NotFound:
            return f"I can't find channel {channel_id}: was it deleted, or is it in another server?"
        except discord.Forbidden:
            return f"I can't see <#{channel_id}>: give the bot's role View Channel there."
        if not isinstance(channel, discord.TextChannel | discord.ForumChannel):
            return f"<#{channel_id}> is neither a text channel nor a forum channel; choose one of those."
        me = channel.guild.me
        if me is None:  # no gateway cache (e.g. offline runs): the channel exists, permissions unknown
            return None
        needs = FORUM_NEEDS if isinstance(channel, discord.ForumChannel) else TEXT_NEEDS
        permissions = channel.permissions_for(me)
        missing = [label for attr, label in needs.items() if not getattr(permissions, attr)]
        if missing:
            return f"In <#{channel_id}> the bot lacks: {', '.join(missing)}. Grant them to its role there."
        return None
