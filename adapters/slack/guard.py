"""The last line of the HTTP endpoint: a request bolt cannot read or handle gets a clean 4xx, never a 500."""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)
UNREADABLE = "This request could not be read."


def guard(verifier: SignatureVerifier | None) -> Middleware:
    """An aiohttp middleware: an unreadable request gets 401 if unsigned, else 400; a 5xx becomes a 400."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
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


async def _refusal(request: web.Request, verifier: SignatureVerifier | None) -> web.Response:
    """401 for a request that is not validly signed (a timestamp that is no number included), else 400."""
    body = (await request.read()).decode("utf-8", "replace")
    try:
        signed = verifier is None or verifier.is_valid_request(body, dict(request.headers))
    except (ValueError, TypeError):  # slack_sdk reads the timestamp with int()
        signed = False
    return web.Response(status=400, text=UNREADABLE) if signed else web.Response(status=401)
