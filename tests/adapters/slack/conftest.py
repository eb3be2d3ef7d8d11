"""Session-wide mention check: nothing the bot sends in any Slack test may ping anyone.

slack_fakes.SENT holds every Web API call's arguments, response_url body, HTTP ack and Socket Mode ack of the
session; each test's share is scanned when it ends, and the whole session's again at the end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from slack_fakes import SENT

# <!channel>, <!here>, <!everyone>, <!subteam^…> and <@U…> ping; the bot's own <!date^…> only formats a time.
PING = re.compile(r"<[!@](?!date\^\d+\^)")
NOT_SHOWN = {"value", "metadata", "action_id", "block_id", "url", "response_url", "channel", "ts", "thread_ts"}


def shown(value: Any) -> list[str]:
    """Every string Slack renders from a body: `text` fields at any depth (button values are never shown)."""
    if isinstance(value, dict):
        own = [value["text"]] if isinstance(value.get("text"), str) else []
        return own + [t for k, v in value.items() if k not in NOT_SHOWN for t in shown(v)]
    return [t for v in value for t in shown(v)] if isinstance(value, list) else []


def pings(body: Any) -> list[str]:
    """The pings a recorded body would make, and any request to turn names into pings."""
    if isinstance(body, str):
        try:
            body = json.loads(body) if body.strip() else {}
        except ValueError:
            return PING.findall(body)
    found = [text for text in shown(body) if PING.search(text)]
    if isinstance(body, dict) and str(body.get("link_names", "")).lower() in ("1", "true"):
        found.append("link_names=true")
    return found


def scan(entries: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """Each (kind, text) that pings."""
    return [(kind, text[:200]) for kind, body in entries for text in pings(body)]


@pytest.fixture(autouse=True)
def nothing_sent_pings() -> Iterator[None]:
    start = len(SENT)
    yield
    assert scan(SENT[start:]) == [], "the bot sent a ping made from content"


@pytest.fixture(scope="session", autouse=True)
def nothing_sent_in_the_session_pings() -> Iterator[None]:
    yield
    assert scan(SENT) == [], "the bot sent a ping made from content"
