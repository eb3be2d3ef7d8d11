"""Bounded retries for posts whose answer may be lost, and errors a moderator can act on.

discord.py's HTTP client already waits out 429s (per route and global) and retries 500/502/504
up to five times. What it does not retry is a dropped connection or a timed-out answer (it
retries a reset only on macOS and Windows error numbers) nor a 503: `with_retry` does, for
requests that Discord deduplicates (messages sent with a nonce and enforce_nonce).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
import discord

log = logging.getLogger(__name__)
T = TypeVar("T")
READ_TIMEOUT = 30.0  # seconds without a byte from Discord before a request counts as lost
HINTS = {50013: "give the bot's role the permissions `check_channel` lists there", 50001: "let the bot see it"}


class PostFailed(Exception):
    """Discord refused a post, or it failed after every retry; the message is for moderators."""


@dataclass(frozen=True)
class Retry:
    """How often and how patiently to retry a lost post: 1 s, 2 s, 4 s… between attempts."""

    attempts: int = 4
    first_delay: float = 1.0


def describe(exc: BaseException) -> str:
    """A short, secret-free description of a failure (Discord's message, status and code)."""
    if isinstance(exc, discord.HTTPException):
        return f"{exc.text or exc.response.reason} (HTTP {exc.status}, code {exc.code})"
    return type(exc).__name__ + (f": {exc}" if str(exc) else "")


def refused(exc: discord.HTTPException, what: str) -> PostFailed:
    """The error for a post Discord will never accept as it is (403, 404, 400…)."""
    hint = HINTS.get(exc.code)
    return PostFailed(f"Discord refused {what}: {describe(exc)}" + (f"; {hint}" if hint else ""))


async def with_retry(send: Callable[[], Awaitable[T]], what: str, policy: Retry) -> T:
    """`send()`, retried after a lost answer or a server error; a refusal or the last failure raises PostFailed."""
    error: BaseException | None = None
    for attempt in range(1, policy.attempts + 1):
        try:
            return await send()
        except discord.HTTPException as exc:
            if exc.status < 500:
                log.warning("%s: %s", what, describe(exc))
                raise refused(exc, what) from exc
            error = exc
        except (aiohttp.ClientConnectionError, TimeoutError, ConnectionError) as exc:
            error = exc
        log.warning("%s failed (attempt %d of %d): %s", what, attempt, policy.attempts, describe(error))
        if attempt < policy.attempts:
            await asyncio.sleep(policy.first_delay * 2 ** (attempt - 1))
    assert error is not None
    raise PostFailed(f"{what} failed after {policy.attempts} attempts: {describe(error)}") from error


def bound_read_time(client: discord.Client, seconds: float = READ_TIMEOUT) -> None:
    """Make discord.py's HTTP session give up on a silent server after `seconds`, not 5 minutes.

    discord.py creates its aiohttp session at login and takes no timeout; the websocket sets its
    own, so this only bounds REST requests (an aiohttp.ServerTimeoutError, which `with_retry` retries).
    """
    session: Any = getattr(client.http, "_HTTPClient__session", None)
    if isinstance(session, aiohttp.ClientSession):
        session._timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=seconds)
