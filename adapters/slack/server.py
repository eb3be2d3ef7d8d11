"""The bolt AsyncApp wired to the core, served over HTTP (signed requests) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.chat import SlackChat
from adapters.slack.forms import CALLBACK as FORM_CALLBACK
from adapters.slack.guard import guard
from adapters.slack.listeners import COMMAND, Listeners
from adapters.slack.moderators import Moderators
from adapters.slack.posting import Poster
from adapters.slack.retries import API_TIMEOUT, BACKOFF, Sleep, handlers
from adapters.slack.tasks import UPDATE_INTERVAL, Background, Coalescer
from bot.app import App
from bot.polls import PollService
from bot.store.polls import SqlitePolls

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
CLOSE_EVERY = 60.0  # seconds between checks for polls whose closing time has come


@dataclass
class SlackAdapter:
    """The running pieces: the bolt app, the chat port and the background work after acks."""

    bolt: AsyncApp
    chat: SlackChat
    background: Background
    coalescer: Coalescer
    verifier: SignatureVerifier | None = None

    async def drain(self) -> None:
        """Wait for every answer, post and poll update started so far."""
        await self.background.drain()


def web_client(
    token: str,
    api_url: str | None,
    session: aiohttp.ClientSession | None = None,
    *,
    backoff: float = BACKOFF,
    sleep: Sleep = asyncio.sleep,
) -> AsyncWebClient:
    """The Web API client: one shared session, slack_sdk's retry handlers (see retries.py), another base URL if set.

    The session should carry a timeout (session()): slack_sdk applies its own only to sessions it makes.
    """
    base = (api_url.rstrip("/") + "/") if api_url else AsyncWebClient.BASE_URL
    return AsyncWebClient(
        token=token, base_url=base, session=session, timeout=API_TIMEOUT, retry_handlers=handlers(backoff, sleep)
    )


def session(timeout: float = API_TIMEOUT) -> aiohttp.ClientSession:
    """The HTTP session of the Web API client: a call that hangs fails after `timeout` seconds and is retried."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))


def build(
    core: App,
    client: AsyncWebClient,
    *,
    signing_secret: str | None,
    moderator_group: str | None = None,
    update_interval: float = UPDATE_INTERVAL,
    polls: PollService | None = None,
    backoff: float = BACKOFF,
    sleep: Sleep = asyncio.sleep,
) -> SlackAdapter:
    """The bolt app for the core: answers ride in the ack (process_before_response), slow work follows it."""
    polls = polls or PollService(SqlitePolls(core.store))
    poster = Poster(client, backoff, sleep)
    chat = SlackChat(client, polls, poll_hours=core.settings.slack_poll_hours, poster=poster)
    background = Background()

    async def update(poll_id: int) -> None:
        poll = await polls.get(poll_id)
        if poll is not None:
            await chat.show_poll(poll, closed=poll.closed_at is not None)

    coalescer = Coalescer(update, background, update_interval)
    bolt = AsyncApp(
        client=client,
        signing_secret=signing_secret or "",
        request_verification_enabled=signing_secret is not None,
        process_before_response=True,
        name="filmclub",
    )
    listeners = Listeners(core, chat, Moderators(moderator_group), background, coalescer)
    bolt.command(COMMAND)(listeners.command)
    bolt.action(re.compile(r"^vote:\d+$"))(listeners.vote)
    bolt.action(re.compile(r"^command:\d+$"))(listeners.button)
    bolt.action(re.compile(r"^spoilers:\d+$"))(listeners.spoilers)
    bolt.view(FORM_CALLBACK)(listeners.submit)
    verifier = SignatureVerifier(signing_secret) if signing_secret is not None else None
    return SlackAdapter(bolt, chat, background, coalescer, verifier)


class _WithoutBodies(logging.Filter):
    """slack_bolt logs a bad-signature request's whole body at INFO, with Slack's verification token and the
    response_url in it: keep the line, drop the body."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Invalid request signature detected"):
            record.msg, record.args = "Invalid request signature detected (request withheld from the log)", ()
        return True


logging.getLogger("slack_bolt.RequestVerification").addFilter(_WithoutBodies())


async def serve(adapter: SlackAdapter, host: str, port: int) -> web.AppRunner:
    """Serve the bolt app's own aiohttp request handling on host:port (port 0: a free one)."""
    app = AsyncSlackAppServer(port, EVENTS_PATH, adapter.bolt, host).web_app
    app.middlewares.append(guard(adapter.verifier))  # a request bolt cannot handle gets a 4xx, never a 500
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def close_polls_forever(chat: SlackChat, every: float = CLOSE_EVERY) -> None:
    """Close polls as their time comes, showing final results."""
    while True:
        try:
            await chat.close_due()
        except Exception:
            log.exception("closing due polls failed; retrying in %s s", every)
        await asyncio.sleep(every)
