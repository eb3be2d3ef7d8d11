"""SlackChat: the core's ChatPort on the Slack Web API (messages, parent-plus-replies threads, button polls)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import SlackMessage, header, pack, render
from adapters.slack.poll_blocks import poll_message
from bot.models import Message, PollTally, PostRef
from bot.polls import Poll, PollService

log = logging.getLogger(__name__)
EVENT_TYPE = "filmclub_post"
HISTORY_PAGES = 5  # find_post looks at the latest 1,000 messages: a week of a busy club channel
REASONS = {
    "channel_not_found": "I cannot see channel {channel}: check the id, and invite me (/invite @filmclub) if it is private.",
    "not_in_channel": "I am not a member of {channel}: invite me there with /invite @filmclub.",
    "is_archived": "Channel {channel} is archived: choose another channel.",
    "missing_scope": "I lack a permission to read {channel}: reinstall the app from its manifest.",
}


def metadata(key: str, thread: bool = False) -> dict[str, Any]:
    """Message metadata carrying an idempotency key, so that find_post can find the post again."""
    return {"event_type": EVENT_TYPE, "event_payload": {"key": key, "thread": thread}}


class SlackChat:
    """ChatPort for Slack; `club_id` is the workspace (team) id, looked up once with auth.test if not given."""

    def __init__(self, client: AsyncWebClient, polls: PollService, club_id: str | None = None) -> None:
        self.client = client
        self.polls = polls
        self._club_id = club_id

    async def club_id(self) -> str:
        """The workspace's team id."""
        if self._club_id is None:
            self._club_id = str((await self.client.auth_test())["team_id"])
        return self._club_id

    async def _post(self, channel: str, part: SlackMessage, thread_ts: str | None, meta: dict[str, Any] | None) -> str:
        extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
        extra |= {"metadata": meta} if meta else {}
        response = await self.client.chat_postMessage(channel=channel, unfurl_links=False, **part.payload(), **extra)
        return str(response["ts"])

    async def post(
        self,
        channel_id: str,
        message: Message,
        *,
        thread_ts: str | None = None,
        key: str | None = None,
        club_id: str | None = None,
    ) -> str:
        """Post a message (split if long; a poll is stored, then posted with its buttons).

        Returns the ts of the poll's message if there is a poll (close_poll needs it), else of the first
        message; that message carries the `key` metadata, so find_post returns the same ref.
        """
        meta = metadata(key) if key else None
        parts = render(message) if message.sections or message.buttons or not message.poll else []
        keyed = 0 if message.poll is None else -1
        stamps = [await self._post(channel_id, p, thread_ts, meta if n == keyed else None) for n, p in enumerate(parts)]
        if message.poll is not None:
            title = message.title if not parts else None
            poll = await self.polls.open(club_id or await self.club_id(), channel_id, message.poll, title)
            ts = await self._post(channel_id, poll_message(poll, await self.polls.tally(poll))[0], thread_ts, meta)
            await self.polls.posted(poll, ts)
            return ts
        return stamps[0]

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        """Post one message to a channel, or as a reply in `thread` (its thread_ts)."""
        thread_ts = thread.thread_id if thread else None
        ts = await self.post(channel_id, message, thread_ts=thread_ts, key=key)
        return PostRef(channel_id, ts, thread_ts)

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """A parent message titled `title`, then `messages` as its replies."""
        parent = pack(title[:300], [header(title)])[0]
        ts = await self._post(channel_id, parent, None, metadata(key, thread=True))
        for message in messages:
            await self.post(channel_id, message, thread_ts=ts)
        return PostRef(channel_id, ts, thread_id=ts)

    async def find_post(self, channel_id: str, key: str) -> PostRef | None:
        """The top-level post or thread made with `key`, found by its metadata in the channel's recent history.

        Replies inside a thread are not in conversations.history: find their thread by its own key.
        """
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            page = await self.client.conversations_history(
                channel=channel_id, include_all_metadata=True, limit=200, cursor=cursor
            )
            for message in page.get("messages") or []:
                meta = message.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if meta.get("event_type") == EVENT_TYPE and payload.get("key") == key:
                    ts = str(message["ts"])
                    return PostRef(channel_id, ts, ts if payload.get("thread") else None)
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return None
        return None

    async def show_poll(self, poll: Poll, closed: bool = False) -> PollTally:
        """Update the poll's message with its tally (final results if `closed`)."""
        tally = await self.polls.tally(poll)
        if poll.message_id:
            part = poll_message(poll, tally, closed)[0]
            await self.client.chat_update(channel=poll.channel_id, ts=poll.message_id, **part.payload())
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
            except SlackApiError:
                log.exception("closing poll %s: its message could not be updated", poll.id)
        return len(due)

    async def check_channel(self, channel_id: str) -> str | None:
        """None if the bot can post threads in the channel, else a reason a moderator understands."""
        try:
            info = (await self.client.conversations_info(channel=channel_id))["channel"]
        except SlackApiError as exc:
            error = str(exc.response.get("error", ""))
            return REASONS.get(error, "Slack refused channel {channel}: " + error).format(channel=channel_id)
        if info.get("is_archived"):
            return REASONS["is_archived"].format(channel=channel_id)
        if not info.get("is_member") and not info.get("is_im"):
            return REASONS["not_in_channel"].format(channel=channel_id)
        return None
