"""Platform faults the fake Discord server can inject: 429s, 5xx, timeouts, dropped connections."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Literal

from aiohttp import web

FaultKind = Literal["429", "status", "hang", "drop"]


@dataclass
class Fault:
    """The next `times` requests matching `method` and `path` fail this way.

    `applied`: the fake performs the request before failing, as when Discord posted the message
    but its answer never arrived (a timeout or a dropped connection after the work was done).
    """

    kind: FaultKind
    path: str
    method: str = "POST"
    times: int = 1
    status: int = 500
    retry_after: float = 0.01
    scope: Literal["user", "global", "shared"] = "user"
    applied: bool = False
    code: int = 0
    message: str = ""

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault takes the request (and uses one of its `times`)."""
        if self.times <= 0 or method != self.method or not path.startswith(self.path):
            return False
        self.times -= 1
        return True


def rate_limited(fault: Fault) -> web.Response:
    """A 429 as Discord sends it: Via (else discord.py assumes a Cloudflare ban), X-RateLimit-* headers."""
    is_global = fault.scope == "global"
    headers = {"Via": "1.1 google", "Retry-After": str(max(1, round(fault.retry_after)))}
    headers |= {"X-RateLimit-Scope": fault.scope}
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    else:
        headers |= {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0", "X-RateLimit-Bucket": "fakebucket"}
        headers |= {"X-RateLimit-Reset-After": str(fault.retry_after)}
    body = {"message": "You are being rate limited.", "retry_after": fault.retry_after, "global": is_global}
    return web.Response(status=429, body=json.dumps(body).encode(), content_type="application/json", headers=headers)


def server_error(status: int, code: int = 0, message: str = "") -> web.Response:
    """A 5xx (or any error status) with Discord's JSON error shape."""
    body = {"message": message or f"{status}: fake server error", "code": code}
    return web.Response(status=status, body=json.dumps(body).encode(), content_type="application/json")


async def fail(fault: Fault, request: web.Request, closing: asyncio.Event) -> web.StreamResponse:
    """The faulty answer: a 429 or error status, a hang until the client gives up, or no answer at all."""
    if fault.kind == "429":
        return rate_limited(fault)
    if fault.kind == "status":
        return server_error(fault.status, fault.code, fault.message)
    if fault.kind == "hang":
        await closing.wait()  # the client times out first; the fake's shutdown ends the wait
        return server_error(504)
    if request.transport is not None:
        request.transport.close()  # "drop": the connection ends without a response
    raise asyncio.CancelledError
