"""What a command's answer becomes on Slack: the ack body when it can ride in the ack, the rest delivered after."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from functools import lru_cache
from typing import Any

from adapters.slack.blocks import escape, render
from adapters.slack.chat import SlackChat, SlackChatError
from bot.models import Message

log = logging.getLogger(__name__)
RENDERED = 256  # distinct answers whose Slack bodies are kept (a few MB at most)
ACK_BUDGET = 2.0  # seconds an answer may take and still ride in the ack (Slack allows 3)
Later = list[Message | dict[str, Any]]
# bolt's `respond` (a POST to the command's response_url), or the preview's recorder of it.
Respond = Callable[..., Awaitable[object]]


def response_body(message: Message) -> list[dict[str, Any]]:
    """A Message as response bodies: public ("in_channel"), or only for the member for errors and help."""
    # Fresh outer dicts and block lists per call; the block dicts inside are shared and never mutated.
    return [part | {"blocks": list(part["blocks"])} for part in _bodies(message)]


@lru_cache(maxsize=RENDERED)
def _bodies(message: Message) -> tuple[dict[str, Any], ...]:
    # Keyed by the Message's value (frozen, hashable): an equal Message renders to equal blocks, so a
    # changed review, film or wording is a different key and can never be answered from a stale entry.
    # Block Kit building and to_dict() validation are most of a /review's CPU on Slack (docs/performance.md).
    kind = "ephemeral" if message.ephemeral or message.error else "in_channel"
    return tuple(part.payload() | {"response_type": kind} for part in render(message))


def plan(messages: Sequence[Message]) -> tuple[dict[str, Any] | None, Later]:
    """The ack body (the first message, unless it is a poll, which needs chat.postMessage) and what follows."""
    later: Later = []
    for message in messages:
        later += [message] if message.poll is not None else response_body(message)
    if later and isinstance(later[0], dict):
        return later[0], later[1:]
    return None, later


async def deliver(later: Later, chat: SlackChat, respond: Respond, channel_id: str, club_id: str) -> None:
    """Post what did not ride in the ack: polls with chat.postMessage, the rest through the response_url."""
    for item in later:
        if isinstance(item, dict):
            await respond(**item, replace_original=False)
            continue
        try:
            await chat.post(channel_id, item, club_id=club_id)
        except SlackChatError as exc:
            # A poll needs the bot in the channel (its message is updated with each vote).
            log.info("poll not posted in %s: %s", channel_id, exc.error)
            await respond(text=escape(str(exc)), response_type="ephemeral", replace_original=False)
