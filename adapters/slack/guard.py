"""The edge of the HTTP endpoint: a replayed request gets 401, and one bolt cannot read or handle a clean 4xx, never
a 500."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)
UNREADABLE = "This request could not be read."
WINDOW = 5 * 60  # seconds either side of now in which slack_sdk accepts a request's timestamp
REMEMBERED = 50_000  # signatures kept at most: a window of 160 requests a second


class Replays:
    """The signatures of accepted requests, each kept until its timestamp leaves the window: a second use is a
    replay. At most `size` are kept; the oldest make room."""

    def __init__(self, size: int = REMEMBERED, now: Callable[[], float] = time.time) -> None:
        self._until: dict[str, float] = {}  # signature → when it goes stale; in arrival order
        self._size, self._now = size, now

    def __len__(self) -> int:
        return len(self._until)

    def first_use(self, signature: str, timestamp: int) -> bool:
        """Whether this is the signature's first use; it is remembered if so."""
        self._forget(self._now())
        if signature in self._until:
            return False
        if len(self._until) >= self._size:
            del self._until[next(iter(self._until))]
        self._until[signature] = timestamp + WINDOW
        return True

    def _forget(self, now: float) -> None:
        while self._until:
            oldest, until = next(iter(self._until.items()))
            if until > now:
                return
            del self._until[oldest]


def guard(verifier: SignatureVerifier | None, replays: Replays | None = None) -> Middleware:
    """An aiohttp middleware: a replay gets 401; an unreadable request 401 if unsigned, else 400; a 5xx a 400."""
    seen = replays or Replays()

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if verifier is not None and await _replayed(request, verifier, seen):
            log.warning("a replayed request to %s was refused", request.path)
            return web.Response(status=401)
        try:
            response = await handler(request)
        except web.HTTPException:
            raise
        except Exception as exc:
            # Only the kind of failure is logged: the body may hold whatever a sender put in it.
            log.warning("unreadable request to %s: %s", request.path, type(exc).__name__)
            return await _refusal(request, verifier)
        if response.status >= 500:
            log.warning("request to %s failed with %s; answered 400", request.path, response.status)
            return await _refusal(request, verifier)
        return response

    return middleware


async def _replayed(request: web.Request, verifier: SignatureVerifier, seen: Replays) -> bool:
    """Whether a validly signed request was accepted before (one not validly signed is left to bolt's 401)."""
    body = (await request.read()).decode("utf-8", "replace")
    if not _signed(body, request.headers, verifier):
        return False
    # No await from here on: two copies arriving together cannot both be a first use.
    timestamp = int(request.headers["X-Slack-Request-Timestamp"])
    return not seen.first_use(request.headers["X-Slack-Signature"], timestamp)


async def _refusal(request: web.Request, verifier: SignatureVerifier | None) -> web.Response:
    """401 for a request that is not validly signed (a timestamp that is no number included), else 400."""
    body = (await request.read()).decode("utf-8", "replace")
    signed = verifier is None or _signed(body, request.headers, verifier)
    return web.Response(status=400, text=UNREADABLE) if signed else web.Response(status=401)


def _signed(body: str, headers: Mapping[str, str], verifier: SignatureVerifier) -> bool:
    try:
        return verifier.is_valid_request(body, dict(headers))
    except (ValueError, TypeError):  # slack_sdk reads the timestamp with int()
        return False
