"""Shared Slack fixtures, and a session-wide mention check: nothing the bot sends in any Slack test may ping anyone.

slack_fakes.SENT holds every Web API call's arguments, response_url body, HTTP ack and Socket Mode ack of the
session; each test's share is scanned when it ends, and the whole session's again at the end.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from slack_fakes import SENT, FakeSlack, scan
from slack_harness import Harness, fake_slack, harness

from bot.config import Settings


@pytest.fixture(autouse=True)
def nothing_sent_pings() -> Iterator[None]:
    start = len(SENT)
    yield
    assert scan(SENT[start:]) == [], "the bot sent a ping made from content"


@pytest.fixture(scope="session", autouse=True)
def nothing_sent_in_the_session_pings() -> Iterator[None]:
    yield
    assert scan(SENT) == [], "the bot sent a ping made from content"


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    """The fake Web API with the usual members, moderators and channels (a module may define its own)."""
    server = await fake_slack().start()
    yield server
    await server.stop()


@pytest.fixture
async def slack(settings: Settings, fake: FakeSlack) -> AsyncIterator[Harness]:
    """The Slack app served on 127.0.0.1 against `fake`."""
    async for h in harness(settings, fake):
        yield h
