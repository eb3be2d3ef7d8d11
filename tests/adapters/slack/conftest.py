"""Session-wide mention check: nothing the bot sends in any Slack test may ping anyone.

slack_fakes.SENT holds every Web API call's arguments, response_url body, HTTP ack and Socket Mode ack of the
session; each test's share is scanned when it ends, and the whole session's again at the end.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_fakes import SENT, scan


@pytest.fixture(autouse=True)
def nothing_sent_pings() -> Iterator[None]:
    start = len(SENT)
    yield
    assert scan(SENT[start:]) == [], "the bot sent a ping made from content"


@pytest.fixture(scope="session", autouse=True)
def nothing_sent_in_the_session_pings() -> Iterator[None]:
    yield
    assert scan(SENT) == [], "the bot sent a ping made from content"
