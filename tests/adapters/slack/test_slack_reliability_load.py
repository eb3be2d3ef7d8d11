"""Load: 500 /review commands and 1,000 votes from 300 members at once, over loopback, every request signed."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time

import pytest
from slack_harness import POLL, Harness, buttons, dumps

COMMANDS, VOTES, MEMBERS = 500, 1000, 300


def _plan(rng: random.Random) -> dict[str, list[int]]:
    """Each member's clicks in order (3 or 4 each, 1,000 in all); the last one is the vote that stands."""
    members = [f"U{n:04d}" for n in range(MEMBERS)]
    plan = {m: [rng.randrange(3) for _ in range(VOTES // MEMBERS)] for m in members}
    for m in rng.sample(members, VOTES % MEMBERS):
        plan[m].append(rng.randrange(3))
    return plan


@pytest.mark.slow
async def test_500_reviews_and_1000_votes_at_once_are_all_answered_and_counted_once(
    slack: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    ts, blocks = await slack.post_poll()
    vote_buttons = buttons(blocks)
    plan = _plan(random.Random(500))
    statuses: list[int] = []

    async def review(n: int) -> None:
        status, body = await slack.command("/review", "anora", user=f"U{n % MEMBERS:04d}")
        ack = json.loads(body)
        assert status == 200 and ack["response_type"] == "in_channel" and ack["blocks"][0]["type"] == "header"
        statuses.append(status)

    async def member(user: str, clicks: list[int]) -> None:
        for option in clicks:  # one member clicks one button at a time, like a person
            button = vote_buttons[option]
            status, _ = await slack.click(button["action_id"], button["value"], user, ts)
            assert status == 200
            statuses.append(status)

    began = time.perf_counter()
    await asyncio.gather(*(review(n) for n in range(COMMANDS)), *(member(u, c) for u, c in plan.items()))
    elapsed = time.perf_counter() - began
    await slack.adapter.drain()
    assert len(statuses) == COMMANDS + VOTES

    final = {user: clicks[-1] for user, clicks in plan.items()}
    assert await slack.votes() == sorted((1, u, o) for u, o in final.items())  # one row a member: the last click
    expected = [list(final.values()).count(i) for i in range(3)]
    last = dumps(slack.fake.made("chat.update")[-1]["blocks"])
    for option, count in zip(POLL.options, expected, strict=True):
        assert f"*{option}*\\n`" in last and f"` {count} vote{'s' * (count != 1)}" in last
    assert f"{MEMBERS} members voted" in last
    updates = len(slack.fake.made("chat.update"))
    assert 1 <= updates < VOTES / 2  # coalesced within Slack's rate limits
    assert "locked" not in caplog.text.lower() and "failed" not in caplog.text
    print(
        f"\n{COMMANDS} /review + {VOTES} votes from {MEMBERS} members in {elapsed:.2f} s; {updates} chat.update calls"
    )
