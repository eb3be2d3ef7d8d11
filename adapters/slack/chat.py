"""SlackChat: the core's ChatPort on the Slack Web API (messages, parent-plus-replies threads, button polls)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from typing import Literal

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import header, pack, render
from adapters.slack.poll_blocks import poll_message
from adapters.slack.posting import REASONS, Poster, SlackChatError, SlackRefused, checked
from bot.models import Message, PollTally, PostRef
from bot.polls import DEFAULT_HOURS, Poll, PollService

log = logging.getLogger(__name__)
__all__ = ["REASONS", "SlackChat", "SlackChatError"]


class SlackChat:
    """ChatPort for Slack; `club_id` is the workspace (team) id, looked up once with auth.test if not given.

    Every Web API failure surfaces as a SlackChatError with a message moderators can act on.
    """

    def __init__(
        self,
        client: AsyncWebClient,
        polls: PollService,
        club_id: str | None = None,
        *,
        poll_hours: float = DEFAULT_HOURS,
        poster: Poster | None = None,
    ) -> None:
        self.client = client
        self.polls = polls
        self.poll_hours = poll_hours
        self.poster = poster or Poster(client)
        self._club_id = club_id

    async def club_id(self) -> str:
        """The workspace's team id."""
        if self._club_id is None:
            self._club_id = str((await checked("auth.test", "the workspace", self.client.auth_test()))["team_id"])
        return self._club_id

    async def post(
        self,
        channel_id: str,
        message: Message,
        *,
        thread_ts: str | None = None,
        key: str | None = None,
        club_id: str | None = None,
        poll_hours: float | Literal["default"] | None = "default",
        posted: Mapping[str, str] | None = None,
    ) -> str:
        """Post a message (split if long; a poll is stored, then posted with its buttons), each part exactly once.

        Returns the ts of the poll's message if there is a poll (close_poll needs it), else of the first
        message; that message carries `key`, so find_post returns the same ref. The other parts carry keys
        derived from it, and an unkeyed message gets a key of its own, so no retry ever posts twice. Parts
        whose key is in `posted` (key → ts, found earlier) are not posted again, nor a keyed poll already shown.
        """
        parts = render(message) if message.sections or message.buttons or not message.poll else []
        poll = await self._open(channel_id, message, club_id, poll_hours, key, bool(parts))
        base = key or (f"poll-{poll.id}" if poll else f"post-{uuid.uuid4().hex}")
        stamps, posted = [], posted or {}
        for n, part in enumerate(parts):
            part_key = base if n == 0 and poll is None else f"{base}#{n + 1}"
            known = posted.get(part_key)
            stamps.append(known or await self.poster.post(channel_id, part.payload(), part_key, thread_ts, False))
        if poll is None:
            return stamps[0]
        if poll.message_id:
            return poll.message_id  # this keyed poll was posted (and recorded) before
        shown = poll_message(poll, await self.polls.tally(poll))[0]
        ts = await self.poster.post(channel_id, shown.payload(), base, thread_ts, False, poll=poll.id)
        await self.polls.posted(poll, ts)
        return ts

    async def _open(
        self, channel_id: str, message: Message, club_id: str | None, poll_hours: float | Literal["default"] | None,
        key: str | None, titled: bool,
    ) -> Poll | None:  # fmt: skip
        if message.poll is None:
            return None
        club = club_id or await self.club_id()
        hours = self.poll_hours if poll_hours == "default" else poll_hours
        title = message.title if not titled else None
        return await self.polls.open(club, channel_id, message.poll, title, hours=hours, key=key)

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        """Post one message to a channel, or as a reply in `thread` (its thread_ts).

        A poll sent through the port (the weekly thread's) stays open until its sender calls
        close_poll; only /poll's own polls close after SLACK_POLL_HOURS.
        """
        thread_ts = thread.thread_id if thread else None
        ts = await self.post(channel_id, message, thread_ts=thread_ts, key=key, poll_hours=None)
        return PostRef(channel_id, ts, thread_ts)

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """A parent message titled `title`, then `messages` as its replies (keyed `{key}/{n}`).

        Called again with the same key (a retry, a restart), it finds the parent by its metadata and the
        replies already posted by theirs, and posts only the missing parts: the thread is completed, never doubled.
        """
        found = await checked("conversations.history", channel_id, self.poster.lookup(channel_id, key))
        if found is None:
            parent = pack(title[:300], [header(title)])[0]
            ts, posted = await self.poster.post(channel_id, parent.payload(), key, None, True), {}
        else:
            ts = str(found["ts"])
            posted = await checked("conversations.replies", channel_id, self.poster.replies(channel_id, ts))
        for n, message in enumerate(messages, 1):
            await self.post(channel_id, message, thread_ts=ts, key=f"{key}/{n}", posted=posted)
        return PostRef(channel_id, ts, thread_id=ts)

    async def find_post(self, channel_id: str, key: str, *, thread: PostRef | None = None) -> PostRef | None:
        """The post or thread made with `key`, found by its metadata: in the channel's recent history,
        or among `thread`'s replies (conversations.history does not hold replies). A poll found so is
        recorded as shown by that message, should its sender have died before recording it."""
        thread_ts = thread.thread_id if thread else None
        method = "conversations.replies" if thread_ts else "conversations.history"
        found = await checked(method, channel_id, self.poster.lookup(channel_id, key, thread_ts))
        if found is None:
            return None
        ts, payload = str(found["ts"]), found["metadata"]["event_payload"]
        if payload.get("poll") is not None:
            await self._adopt(int(payload["poll"]), ts)
        if thread_ts:
            return PostRef(channel_id, ts, thread_ts)
        return PostRef(channel_id, ts, ts if payload.get("thread") else None)

    async def _adopt(self, poll_id: int, ts: str) -> None:
        poll = await self.polls.get(poll_id)
        if poll is not None and poll.message_id is None:
            await self.polls.posted(poll, ts)

    async def show_poll(self, poll: Poll, closed: bool = False) -> PollTally:
        """Update the poll's message with its tally (final results if `closed`)."""
        tally = await self.polls.tally(poll)
        if poll.message_id:
            part = poll_message(poll, tally, closed)[0]
            update = self.client.chat_update(channel=poll.channel_id, ts=poll.message_id, **part.payload())
            await checked("chat.update", poll.channel_id, update)
        return tally

    async def close_poll(self, ref: PostRef) -> PollTally:
        """Close the poll posted at `ref` and show its final results."""
        poll = await self.polls.at(ref.channel_id, ref.message_id)
        if poll is None:
            raise LookupError(f"no poll was posted as message {ref.message_id} in {ref.channel_id}")
        return await self.finish(poll)

    async def finish(self, poll: Poll) -> PollTally:
        """Close a stored poll and update its message with the final results."""
        closed, _ = await self.polls.close(poll)
        return await self.show_poll(closed, closed=True)

    async def close_due(self) -> int:
        """Close every poll whose time has come; how many were closed."""
        due = await self.polls.due()
        for poll in due:
            try:
                await self.finish(poll)
            except SlackChatError as exc:
                log.warning("closing poll %s: its message could not be updated: %s", poll.id, exc.error)
        return len(due)

    async def check_channel(self, channel_id: str) -> str | None:
        """None if the bot can post threads in the channel, else a reason a moderator understands."""
        try:
            info = await checked("conversations.info", channel_id, self.client.conversations_info(channel=channel_id))
        except SlackRefused as exc:
            return str(exc)
        info = info["channel"]
        if info.get("is_archived"):
            return REASONS["is_archived"].format(channel=channel_id)
        if not info.get("is_member") and not info.get("is_im"):
            return REASONS["not_in_channel"].format(channel=channel_id)
        return None
