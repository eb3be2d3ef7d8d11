"""Web API retries within Slack's rules, on slack_sdk's own handlers: 429s after Retry-After, 5xx and dropped
connections with exponential backoff, and never a blind replay of a post (SlackChat looks a keyed post up first)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable

import aiohttp
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import Jitter
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

RATE_LIMIT_RETRIES = 3  # Slack asks clients to wait Retry-After seconds, then try again
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2
API_TIMEOUT = 30  # seconds a Web API call may take before it counts as a dropped connection
BACKOFF = 0.5  # seconds before the first retry of a 5xx or a dropped connection, doubling each time
# A post may have been applied before its connection dropped or its 5xx: replaying it blindly could post twice.
NOT_REPLAYED = frozenset({"chat.postMessage"})
CONNECTION_ERRORS: tuple[type[Exception], ...] = (aiohttp.ClientConnectionError, TimeoutError)
Sleep = Callable[[float], Awaitable[None]]


def method_of(request: HttpRequest) -> str:
    """The Web API method a request calls: the last part of its URL."""
    return request.url.rstrip("/").rsplit("/", 1)[-1]


class ScaledJitter(Jitter):
    """Jitter of up to the backoff itself (slack_sdk's default adds up to a whole second whatever the backoff)."""

    def recalculate(self, duration: float) -> float:
        """`duration` stretched by a random 0-100 %."""
        return duration * (1 + random.random())


class RateLimits(AsyncRateLimitErrorRetryHandler):
    """Slack's 429 handler, waiting exactly Retry-After (plus a little jitter); `sleep` is injectable for tests."""

    def __init__(self, max_retry_count: int = RATE_LIMIT_RETRIES, sleep: Sleep = asyncio.sleep) -> None:
        super().__init__(max_retry_count)
        self.sleep = sleep

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        """Wait as long as Slack asked, then let the client try again."""
        if response is None:
            raise error or RuntimeError("rate limited without a response")
        state.next_attempt_requested = True
        await self.sleep(retry_after(response) * (1 + random.random() / 10))
        state.increment_current_attempt()


def retry_after(response: HttpResponse) -> float:
    """The Retry-After header in seconds (1 if it is missing or unreadable)."""
    values = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"])
    try:
        return max(0.0, float(values[0]))
    except (ValueError, IndexError):
        return 1.0


class ServerErrors(AsyncServerErrorRetryHandler):
    """Slack's 500/503 handler, except for posts (SlackChat retries those after looking them up)."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        replayable = method_of(request) not in NOT_REPLAYED
        return replayable and await super()._can_retry_async(state=state, request=request, response=response)


class ConnectionErrors(AsyncConnectionErrorRetryHandler):
    """Slack's dropped-connection handler, with timeouts too, except for posts."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        replayable = method_of(request) not in NOT_REPLAYED
        return replayable and await super()._can_retry_async(state=state, request=request, error=error)


def handlers(backoff: float = BACKOFF, sleep: Sleep = asyncio.sleep) -> list[AsyncRetryHandler]:
    """The retry handlers of every Web API client the adapter builds."""
    interval = BackoffRetryIntervalCalculator(backoff_factor=backoff, jitter=ScaledJitter())
    return [
        RateLimits(RATE_LIMIT_RETRIES, sleep),
        ServerErrors(SERVER_ERROR_RETRIES, interval),
        ConnectionErrors(CONNECTION_RETRIES, interval, list(CONNECTION_ERRORS)),
    ]
