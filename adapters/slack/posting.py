"""Posting exactly once: every post carries a key in its metadata, and a post whose outcome is unknown
(dropped connection, timeout, 5xx) is looked up by that key before it is sent again; clear errors otherwise."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.retries import BACKOFF, CONNECTION_ERRORS, Sleep
from bot.scheduler import Unpostable

log = logging.getLogger(__name__)
T = TypeVar("T")
FAILURES: tuple[type[Exception], ...] = (SlackApiError, *CONNECTION_ERRORS)
EVENT_TYPE = "filmclub_post"
POST_ATTEMPTS = 4
HISTORY_PAGES = 5  # a lookup reads the latest 1,000 messages: a week of a busy club channel
REASONS = {
    "channel_not_found": "I cannot see channel {channel}: check the id, and invite me (/invite @filmclub) if it is private.",
    "not_in_channel": "I am not a member of {channel}: invite me there with /invite @filmclub.",
    "is_archived": "Channel {channel} is archived: choose another channel.",
    "missing_scope": "I lack a permission to read {channel}: reinstall the app from its manifest.",
}


class SlackChatError(Exception):
    """A Web API call that failed for good; the message is safe to show moderators (no token, no payload)."""

    def __init__(self, message: str, error: str) -> None:
        super().__init__(message)
        self.error = error


class SlackRefused(SlackChatError, Unpostable):
    """Slack refused the call (channel not found, bot not invited…): no retry can help."""


class SlackUnavailable(SlackChatError):
    """Slack kept failing (rate limits, 5xx, dropped connections) through every retry: try again later."""


def reason(error: str, channel: str) -> str:
    """What a moderator should do about a Slack error code."""
    return REASONS.get(error, "Slack refused the message for {channel}: " + error).format(channel=channel)


def transient(exc: SlackApiError) -> bool:
    """Whether a Web API error may pass on its own: a rate limit or a server error."""
    return int(getattr(exc.response, "status_code", 200) or 200) in (429, 500, 502, 503, 504)


def ambiguous(exc: Exception) -> bool:
    """Whether a failed post may have been applied all the same: a dropped connection, a timeout or a 5xx."""
    if isinstance(exc, SlackApiError):
        return transient(exc) and exc.response.status_code != 429  # a 429 is never applied
    return True


def failure(method: str, channel: str, exc: Exception) -> SlackChatError:
    """The clear error for a failed call, logged by code and channel only."""
    if isinstance(exc, SlackApiError) and not transient(exc):
        error = str(exc.response.get("error", "") or "unknown_error")
        log.warning("%s in %s refused: %s", method, channel, error)
        return SlackRefused(reason(error, channel), error)
    code = f"http_{exc.response.status_code}" if isinstance(exc, SlackApiError) else type(exc).__name__
    log.warning("%s in %s failed after retries: %s", method, channel, code)
    return SlackUnavailable(f"Slack did not answer {method} for {channel} ({code}) after several tries.", code)


async def checked(method: str, channel: str, call: Awaitable[T]) -> T:
    """Await a Web API call, turning its failure into a SlackChatError."""
    try:
        return await call
    except FAILURES as exc:
        raise failure(method, channel, exc) from None


def metadata(key: str, thread: bool = False, poll: int | None = None) -> dict[str, Any]:
    """Message metadata carrying an idempotency key (and the poll it shows), so that a post can be found again."""
    payload: dict[str, Any] = {"key": key, "thread": thread} | ({"poll": poll} if poll is not None else {})
    return {"event_type": EVENT_TYPE, "event_payload": payload}


def key_of(message: dict[str, Any]) -> str | None:
    """The idempotency key a message from history carries in our metadata, if any."""
    meta = message.get("metadata") or {}
    key = (meta.get("event_payload") or {}).get("key") if meta.get("event_type") == EVENT_TYPE else None
    return str(key) if key is not None else None


def keyed(message: dict[str, Any], key: str) -> bool:
    """Whether a message from history carries our metadata with `key`."""
    return key_of(message) == key


class Poster:
    """chat.postMessage exactly once per key, and lookups of keyed posts in a channel or a thread."""

    def __init__(self, client: AsyncWebClient, backoff: float = BACKOFF, sleep: Sleep = asyncio.sleep) -> None:
        self.client, self.backoff, self.sleep = client, backoff, sleep

    async def post(
        self, channel: str, body: dict[str, Any], key: str, thread_ts: str | None, thread: bool, poll: int | None = None
    ) -> str:
        """Post `body` with `key`; after an unknown outcome, the post found by its key or posted again."""
        extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
        meta = metadata(key, thread, poll)
        for attempt in range(POST_ATTEMPTS):
            try:
                sent = await self.client.chat_postMessage(
                    channel=channel, unfurl_links=False, metadata=meta, **body, **extra
                )
                return str(sent["ts"])
            except FAILURES as exc:
                if not ambiguous(exc) or attempt == POST_ATTEMPTS - 1:
                    raise failure("chat.postMessage", channel, exc) from None
            found = await checked("conversations.history", channel, self.lookup(channel, key, thread_ts))
            if found is not None:
                return str(found["ts"])  # the failed attempt had reached Slack after all
            await self.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    async def lookup(self, channel: str, key: str, thread_ts: str | None = None) -> dict[str, Any] | None:
        """The post made with `key`: among the channel's latest messages, or among a thread's replies."""
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            page = await self._page(channel, thread_ts, cursor)
            found = next((m for m in page.get("messages") or [] if keyed(m, key)), None)
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if found is not None or not cursor:
                return dict(found) if found is not None else None
        return None

    async def replies(self, channel: str, thread_ts: str) -> dict[str, str]:
        """The ts of every keyed reply in a thread (and of its parent), by key."""
        found: dict[str, str] = {}
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            page = await self._page(channel, thread_ts, cursor)
            found |= {k: str(m["ts"]) for m in page.get("messages") or [] if (k := key_of(m)) is not None}
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        return found

    async def _page(self, channel: str, thread_ts: str | None, cursor: str | None) -> Any:
        if thread_ts is None:
            return await self.client.conversations_history(
                channel=channel, include_all_metadata=True, limit=200, cursor=cursor
            )
        return await self.client.conversations_replies(
            channel=channel, ts=thread_ts, include_all_metadata=True, limit=200, cursor=cursor
        )
