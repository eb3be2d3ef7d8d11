"""The fake's control endpoint and shell entry: send a slash command to a bot running against it.

Start it with `python -m adapters.discord.fake_server [--port 8080]`, then
`curl -s localhost:8080/_fake/command -d '{"line": "/review anora"}'`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .fake_events import MANAGE_THREADS, VIEW_AND_SEND, command, member

if TYPE_CHECKING:
    from .fake_server import FakeDiscord, Request

TEXT_CHANNEL, FORUM_CHANNEL = 8801, 8802
OFFLINE_TOKEN = "offline.fake.token"  # any text works: the fake checks no token


def add_control_routes(app: web.Application, fake: FakeDiscord) -> None:
    """POST /_fake/command {"line": "/review anora", "moderator": false, "channel_id": 8801}."""

    async def handle(request: web.Request) -> web.Response:
        try:
            ask = await request.json()
            requests = await send_command(fake, str(ask["line"]), **_options(ask))
        except (ValueError, KeyError, TypeError, RuntimeError, TimeoutError) as exc:
            return web.json_response({"error": f"{type(exc).__name__}: {exc}"}, status=400)
        bodies = [r.as_json() for r in requests]
        print(json.dumps(bodies, indent=2, ensure_ascii=False), flush=True)
        return web.json_response({"requests": bodies})

    app.router.add_post("/_fake/command", handle)


def _options(ask: dict[str, Any]) -> dict[str, Any]:
    return {
        "moderator": bool(ask.get("moderator")),
        "channel_id": int(ask.get("channel_id") or TEXT_CHANNEL),
        "settle": float(ask.get("settle", 0.3)),
    }


def _answered(token: str, start: int) -> Any:
    def done(requests: list[Request]) -> bool:
        mine = [r for r in requests[start:] if token in r.path]
        callback = next((r for r in mine if r.path.endswith("/callback")), None)
        if callback is None or not isinstance(callback.json, dict):
            return False
        return callback.json.get("type") != 5 or any(r.method == "POST" and r is not callback for r in mine)

    return done


async def send_command(
    fake: FakeDiscord,
    line: str,
    *,
    moderator: bool = False,
    channel_id: int = TEXT_CHANNEL,
    settle: float = 0.3,
    values: dict[str, str] | None = None,
) -> list[Request]:
    """Push a typed command as INTERACTION_CREATE over the gateway; the bot's requests answering it.

    `values` fills the command's options as a member would in Discord's form (else they come from `line`).
    """
    from .entry import preview_values

    name, typed = preview_values(line)
    values = typed if values is None else values
    who = member(permissions=VIEW_AND_SEND | (MANAGE_THREADS if moderator else 0))
    payload = command(fake, name, values, channel_id=channel_id, who=who)
    start = len(fake.requests)
    await fake.gateway.dispatch("INTERACTION_CREATE", payload)
    async with asyncio.timeout(15):
        await fake.wait_for(_answered(payload["token"], start))
    await asyncio.sleep(settle)  # later parts of a long answer follow the first one
    return [r for r in fake.requests[start:] if payload["token"] in r.path]


async def serve(port: int) -> None:
    """Run the fake with a seeded guild (a text and a forum channel) until interrupted."""
    from .fake_server import FakeDiscord

    async with FakeDiscord(port=port) as fake:
        fake.add_channel(TEXT_CHANNEL, 0, "film-club")
        fake.add_channel(FORUM_CHANNEL, 15, "film-forum")
        print(f"Fake Discord on 127.0.0.1:{fake.port} (REST, gateway, control). In another shell:\n")
        print(f"  DISCORD_API_BASE={fake.base} DISCORD_TOKEN={OFFLINE_TOKEN} filmclub run discord\n")
        print("Then send a command to the bot (prints its requests here too):\n")
        print(f'  curl -s localhost:{fake.port}/_fake/command -d \'{{"line": "/review anora"}}\'\n', flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> int:
    """`python -m adapters.discord.fake_server [--port N]`."""
    parser = argparse.ArgumentParser(prog="python -m adapters.discord.fake_server", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args.port))
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0
