"""The fake Discord server's Gateway: a websocket speaking enough of the protocol for discord.py.

HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats and their ACKs, RESUME → RESUMED, and
dispatches pushed by a test or a person (INTERACTION_CREATE). Frames go out as JSON text: the
client asks for zlib-stream compression, but discord.py reads uncompressed text frames as well.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from .fake_events import guild_create
from .fake_server import APP_ID, GUILD_ID, Json, bot_user

if TYPE_CHECKING:
    from .fake_server import FakeDiscord

HELLO, DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, INVALID, ACK = 10, 0, 1, 2, 6, 7, 9, 11
HEARTBEAT_MS = 41_250  # what Discord sends; discord.py beats at that pace
EVERYONE = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 35) | (1 << 38) | (1 << 49)  # what the bot needs


class FakeGateway:
    """Open sessions, the frames received (tokens redacted), and a way to push dispatches."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sockets: list[web.WebSocketResponse] = []
        self.received: list[Json] = []  # every frame a client sent, with its token redacted
        self.sessions = 0
        self.connected = asyncio.Event()  # set at each READY or RESUMED
        self.idle = asyncio.Event()  # set while no client is connected
        self.idle.set()
        self._seq = itertools.count(1)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """One gateway connection, from HELLO until the client closes it."""
        ws = web.WebSocketResponse(autoclose=True, max_msg_size=0)
        await ws.prepare(request)
        self.sockets.append(ws)
        self.idle.clear()
        try:
            await ws.send_json({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_MS}})
            async for frame in ws:
                if frame.type is WSMsgType.TEXT:
                    await self._receive(ws, json.loads(frame.data))
        finally:
            self.sockets.remove(ws)
            if not self.sockets:
                self.idle.set()
        return ws

    async def _receive(self, ws: web.WebSocketResponse, frame: Json) -> None:
        data = frame.get("d")
        if isinstance(data, dict) and "token" in data:
            data = data | {"token": "<redacted>"}  # the fake's own records never hold the token
        self.received.append({"op": frame.get("op"), "d": data})
        if frame.get("op") == HEARTBEAT:
            await ws.send_json({"op": ACK})
        elif frame.get("op") == IDENTIFY:
            self.sessions += 1
            await self._send(ws, "READY", self._ready())
            await self._send(ws, "GUILD_CREATE", self.guild())
            self.connected.set()
        elif frame.get("op") == RESUME:
            await self._send(ws, "RESUMED", {})
            self.connected.set()

    def _ready(self) -> Json:
        return {
            "v": 10,
            "user": bot_user(),
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": f"fake-session-{self.sessions}",
            "resume_gateway_url": self.fake.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "shard": [0, 1],
        }

    def guild(self) -> Json:
        """The seeded guild as GUILD_CREATE: the fake's text and forum channels, @everyone allowed."""
        channels = [c for c in self.fake.channels.values() if c["type"] in (0, 15)]
        return guild_create(channels, {GUILD_ID: ("@everyone", EVERYONE)})

    async def _send(self, ws: web.WebSocketResponse, event: str, data: Any) -> None:
        await ws.send_json({"op": DISPATCH, "t": event, "s": next(self._seq), "d": data})

    async def dispatch(self, event: str, data: Any) -> None:
        """Push a dispatch (e.g. INTERACTION_CREATE) to every connected client."""
        if not self.sockets:
            raise RuntimeError("no bot is connected to the fake gateway")
        for ws in list(self.sockets):
            await self._send(ws, event, data)

    async def reconnect(self) -> None:
        """Ask every client to reconnect (op 7), as Discord does; discord.py then RESUMEs."""
        self.connected.clear()
        for ws in list(self.sockets):
            await ws.send_json({"op": RECONNECT, "d": None})

    async def close(self) -> None:
        """Close every open session (the server is stopping)."""
        for ws in list(self.sockets):
            await ws.close(code=1001)
