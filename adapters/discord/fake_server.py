"""A local fake of Discord's REST API (aiohttp, 127.0.0.1) that records every request.

Tests, benchmarks and `filmclub preview` point discord.py at it (DISCORD_API_BASE) to run the
adapter whole without the internet. It answers the routes the adapter uses, plausibly.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .fake_faults import Fault, fail

if TYPE_CHECKING:
    from .fake_gateway import FakeGateway

API = "/api/v10"
BOT_ID, APP_ID, GUILD_ID, OWNER_ID = 1100, 1100, 2200, 3300
Json = dict[str, Any]


@dataclass(frozen=True)
class Request:
    """One request the adapter made: method, path below the API base, and JSON body."""

    method: str
    path: str
    json: Any = None
    headers: tuple[tuple[str, str], ...] = ()  # every header but Authorization

    def as_json(self) -> Json:
        """The request as {"method", "path", "json"}."""
        return {"method": self.method, "path": self.path, "json": self.json}


def snowflake() -> int:
    """A snowflake id made now: discord.py derives e.g. an interaction's expiry from its id."""
    return int(datetime.now(UTC).timestamp() * 1000 - 1420070400000) << 22


def _now() -> str:
    return datetime.now(UTC).isoformat()


def bot_user() -> Json:
    """The bot's user object."""
    return {
        "id": str(BOT_ID),
        "username": "filmclub",
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": True,
    }


def channel(channel_id: int, kind: int = 0, *, parent_id: int | None = None, name: str = "film-club") -> Json:
    """A guild channel object: 0 text, 15 forum, 11 public thread."""
    data: Json = {"id": str(channel_id), "type": kind, "guild_id": str(GUILD_ID), "name": name, "position": 0}
    data |= {"permission_overwrites": [], "nsfw": False, "parent_id": str(parent_id) if parent_id else None}
    data |= {"rate_limit_per_user": 0, "flags": 0, "topic": None, "last_message_id": None}
    if kind == 15:
        data |= {"available_tags": [], "default_reaction_emoji": None, "default_sort_order": None}
    if kind == 11:
        meta = {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": _now(), "locked": False}
        data |= {"owner_id": str(BOT_ID), "thread_metadata": meta, "message_count": 0, "member_count": 1}
        data |= {"total_message_sent": 0}
    return data


@dataclass
class FakeDiscord:
    """The fake server's state: channels, messages, poll votes, and the request log."""

    channels: dict[int, Json] = field(default_factory=dict)
    messages: dict[int, Json] = field(default_factory=dict)
    votes: dict[int, list[int]] = field(default_factory=dict)  # message id → counts per answer
    requests: list[Request] = field(default_factory=list)
    interaction_channels: dict[str, int] = field(default_factory=dict)  # interaction token → channel id
    originals: dict[str, int] = field(default_factory=dict)  # interaction token → original response id
    acknowledged: set[str] = field(default_factory=set)  # interaction tokens already answered
    nonces: dict[tuple[int, str], int] = field(default_factory=dict)  # enforced (channel, nonce) → message id
    authorizations: set[str] = field(default_factory=set)  # Authorization headers seen, kept apart from the log
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    faults: list[Fault] = field(default_factory=list)  # scripted failures, see fake_faults
    port: int = 0
    _runner: web.AppRunner | None = None
    _closing: asyncio.Event = field(default_factory=asyncio.Event)
    base: str = ""
    gateway_url: str = ""
    gateway: FakeGateway = field(init=False)

    async def __aenter__(self) -> FakeDiscord:
        from .fake_control import add_control_routes
        from .fake_gateway import FakeGateway

        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_route("*", API + "/{tail:.*}", self._handle)
        self.gateway = FakeGateway(self)
        app.router.add_get("/gateway", self.gateway.handle)
        add_control_routes(app, self)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        self.port = self._runner.addresses[0][1]
        self.base = f"http://127.0.0.1:{self.port}{API}"
        self.gateway_url = f"ws://127.0.0.1:{self.port}/gateway"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._closing.set()
        if self._runner is not None:
            await self.gateway.close()
            await self._runner.cleanup()

    def add_channel(self, channel_id: int, kind: int = 0, name: str = "film-club") -> Json:
        """Make a channel exist (0 text, 15 forum)."""
        self.channels[channel_id] = channel(channel_id, kind, name=name)
        return self.channels[channel_id]

    def bodies(self, method: str | None = None, prefix: str = "") -> list[Any]:
        """The JSON bodies recorded, optionally of one method and path prefix."""
        return [r.json for r in self.requests if (method in (None, r.method)) and r.path.startswith(prefix)]

    async def wait_for(self, done: Callable[[list[Request]], bool]) -> list[Request]:
        """Wait until the request log satisfies `done` (callers bound the wait with asyncio.timeout)."""
        async with self._changed:
            await self._changed.wait_for(lambda: done(self.requests))
        return self.requests

    def next_id(self) -> int:
        """A fresh snowflake of the current time (discord.py reads creation times from ids)."""
        return snowflake() + next(self._ids)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json() if request.can_read_body else None
        path = request.path[len(API) :]
        async with self._changed:
            self.authorizations.add(request.headers.get("Authorization", ""))
            headers = tuple((k, v) for k, v in request.headers.items() if k.lower() != "authorization")
            self.requests.append(Request(request.method, path, body, headers))
            self._changed.notify_all()
        fault = next((f for f in self.faults if f.matches(request.method, path)), None)
        if fault is not None and not fault.applied:
            return await fail(fault, request, self._closing)
        result = self._route(request.method, path.strip("/").split("/"), body)
        if fault is not None:
            return await fail(fault, request, self._closing)  # done, but the answer is lost
        if result is None:
            return web.Response(status=204)
        status, payload = result
        # discord.py parses a body as JSON only when the content type is exactly this.
        return web.Response(body=json.dumps(payload).encode(), status=status, content_type="application/json")

    def _route(self, method: str, parts: list[str], body: Any) -> tuple[int, Any] | None:
        from .fake_routes import route

        return route(self, method, parts, body)

    def message(self, channel_id: int, body: Json, *, flags: int = 0, message_id: int | None = None) -> Json:
        """Store and return a message object made from a create body (a repeated enforced nonce: the first).

        `message_id`: a forum post's starter message has the id of its thread, as on Discord.
        """
        nonce = body.get("nonce") if body.get("enforce_nonce") else None
        if nonce is not None and (channel_id, nonce) in self.nonces:
            return self.messages[self.nonces[(channel_id, nonce)]] | {"nonce": nonce}
        message_id = message_id or self.next_id()
        if nonce is not None:
            self.nonces[(channel_id, nonce)] = message_id
        data: Json = {"id": str(message_id), "channel_id": str(channel_id), "author": bot_user(), "type": 0}
        data |= {"content": body.get("content") or "", "embeds": body.get("embeds") or [], "timestamp": _now()}
        data |= {"edited_timestamp": None, "tts": False, "mention_everyone": False, "mentions": [], "pinned": False}
        data |= {"mention_roles": [], "attachments": [], "flags": flags | (body.get("flags") or 0)}
        data["components"] = body.get("components") or []  # as sent: a click names one of them
        if body.get("poll"):
            data["poll"] = self._poll(message_id, body["poll"])
        self.messages[message_id] = data
        # Like Discord, the nonce comes back in the create response only: history never has it.
        return data | ({"nonce": body["nonce"]} if body.get("nonce") is not None else {})

    def _poll(self, message_id: int, poll: Json, *, final: bool = False) -> Json:
        answers = [{"answer_id": i + 1, "poll_media": a["poll_media"]} for i, a in enumerate(poll["answers"])]
        counts = self.votes.setdefault(message_id, [0] * len(answers))
        expiry = datetime.now(UTC) + timedelta(hours=poll.get("duration") or 24)
        results = [{"id": i + 1, "count": c, "me_voted": False} for i, c in enumerate(counts)]
        return {
            "question": poll["question"],
            "answers": answers,
            "expiry": expiry.isoformat(),
            "allow_multiselect": bool(poll.get("allow_multiselect")),
            "layout_type": 1,
            "results": {"is_finalized": final, "answer_counts": results},
        }

    def thread(self, parent_id: int, name: str, *, thread_id: int | None = None) -> Json:
        """Create a public thread under `parent_id` (from a starter message: the same id)."""
        new = thread_id or self.next_id()
        self.channels[new] = channel(new, 11, parent_id=parent_id, name=name)
        return self.channels[new]

    def threads(self, *, archived: bool, parent_id: int | None = None) -> Json:
        """Active (or archived) public threads, newest first, as GET .../threads/active and .../archived/public."""
        found = [c for c in self.channels.values() if c["type"] == 11 and c["thread_metadata"]["archived"] == archived]
        found = [c for c in found if parent_id is None or c["parent_id"] == str(parent_id)]
        found.sort(key=lambda c: int(c["id"]), reverse=True)
        return {"threads": found, "members": [], "has_more": False}

    def archive(self, thread_id: int) -> Json:
        """Archive a thread, as Discord does after its auto-archive duration without activity."""
        self.channels[thread_id]["thread_metadata"] |= {"archived": True, "archive_timestamp": _now()}
        return self.channels[thread_id]

    def end_poll(self, message_id: int) -> Json:
        """Finalise a poll with the votes recorded in `votes`."""
        message = self.messages[message_id]
        poll = message["poll"]
        request = {"question": poll["question"], "answers": poll["answers"], "duration": 1}
        message["poll"] = self._poll(message_id, request, final=True) | {"expiry": _now()}
        return message


def dumps(requests: list[Request]) -> str:
    """The request log as indented JSON (for debugging a test)."""
    return json.dumps([r.as_json() for r in requests], indent=2)


if __name__ == "__main__":  # python -m adapters.discord.fake_server [--port N]
    from adapters.discord.fake_control import main

    raise SystemExit(main())
