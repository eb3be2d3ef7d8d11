"""A headless Slack scheduler process for the crash tests: `python -m tests.fakes.slack_worker DB API_URL NOW`.

It runs one scheduler pass at the wall-clock time NOW (ISO 8601) on the SQLite file DB, posting through the
real SlackChat and slack_sdk to the fake Web API at API_URL, and prints DONE; the test kills it at will.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from pathlib import Path

from adapters.slack.chat import SlackChat
from adapters.slack.server import session, web_client
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Analysis, Review
from bot.polls import PollService
from bot.scheduler import Scheduler
from bot.store.polls import SqlitePolls
from tests.fakes.harness import canned_analysis
from tests.fakes.worker import OffsetClock

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "xoxb-test-token"


async def main(db: str, api_url: str, now: str) -> int:
    app = await build_app(Settings(database=Path(db), seeds=ROOT / "seeds"))

    async def analysis(review: Review) -> Analysis:
        return canned_analysis(review)

    app.analysis = analysis  # type: ignore[method-assign]
    try:
        async with session(5.0) as api:
            client = web_client(TOKEN, api_url, api, backoff=0.001)
            chat = SlackChat(client, PollService(SqlitePolls(app.store)), club_id="T1")
            await Scheduler(app, chat, OffsetClock(datetime.fromisoformat(now)), platform="slack").tick()
    finally:
        await app.close()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(*sys.argv[1:4])))
