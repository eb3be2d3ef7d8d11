"""A headless Slack scheduler process for the crash tests: `python -m tests.fakes.slack_worker DB API_URL NOW`.

It runs one scheduler pass at the wall-clock time NOW (ISO 8601) on the SQLite file DB, posting through the
real SlackChat and slack_sdk to the fake Web API at API_URL, and prints DONE; the test kills it at will.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from adapters.slack.chat import SlackChat
from adapters.slack.server import session, web_client
from bot.polls import PollService
from bot.scheduler import Scheduler
from bot.store.polls import SqlitePolls
from tests.fakes.worker import OffsetClock, canned_app

TOKEN = "xoxb-test-token"


async def main(db: str, api_url: str, now: str) -> int:
    clock = OffsetClock(datetime.fromisoformat(now))
    async with canned_app(db, clock=clock) as app, session(5.0) as api:
        client = web_client(TOKEN, api_url, api, backoff=0.001)
        chat = SlackChat(client, PollService(SqlitePolls(app.store)), club_id="T1")
        await Scheduler(app, chat, clock, platform="slack").tick()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(*sys.argv[1:4])))
