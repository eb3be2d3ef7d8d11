"""A local fake of the Slack Web API and response_url endpoints, recording calls; and Slack-style signed requests."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientSession, web
from slack_sdk.models.blocks import Block

from tests.shared import SLACK_SPEC, need

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
SECRET = "test-signing-secret"
# Parameters newer than the 2020 spec that the adapter is allowed to send.
ALLOWED_BEYOND_SPEC = {
    "chat.postMessage": {"metadata"},
    "conversations.history": {"include_all_metadata"},
    "conversations.replies": {"include_all_metadata"},
}
# slack_sdk adds the workspace id to every call of bolt's per-request client (for org-wide installs).
ALLOWED_EVERYWHERE = {"team_id"}
_JSON_ARGS = ("blocks", "metadata", "attachments", "view")
# Faults the fake can answer a call with: "429" (Retry-After 0 unless "429:N"), "500", "503", "html500" (a proxy's
# HTML page), "timeout" (answers after the client gave up), "drop" (closes the connection unanswered), and
# "applied-drop" / "applied-timeout" (a post is applied, then the answer is lost: the case that tempts a duplicate).
FAULTS = ("429", "500", "503", "html500", "timeout", "drop", "applied-drop", "applied-timeout")
SLOW = 0.5  # seconds a "timeout" fault waits; clients in the fault tests give up after 0.1 s
# Everything the bot sent anyone in this test session (Web API arguments, response_url bodies, acks):
# the mention check in conftest.py scans each entry for a ping the bot made out of content.
SENT: list[tuple[str, Any]] = []
# Slack gives every request a trigger_id of its own, so no two requests are signed alike (a repeat is a replay).
_TRIGGERS = itertools.count(1)


def trigger_id() -> str:
    """A fresh trigger_id, as Slack sends with each slash command and click."""
    return f"13345224609.738474920.{next(_TRIGGERS):031x}"


@dataclass
class Call:
    """One recorded Web API call."""

    method: str
    args: dict[str, Any]
    token: str
    headers: dict[str, str] = field(default_factory=dict)
    fault: str = ""


@dataclass
class FakeSlack:
    """The Web API (at /api/METHOD) and response URLs (at /respond/KEY) on 127.0.0.1, recording everything."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    responses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    port: int = 0
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    envelopes: dict[str, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    faults: dict[str, list[str]] = field(default_factory=dict)
    raw_bodies: list[bytes] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    _stamps: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str = "cmd") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{key}"

    def made(self, method: str) -> list[dict[str, Any]]:
        """The arguments of every call of `method`, in order."""
        return [c.args for c in self.calls if c.method == method]

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: say hello, then match each acknowledgement to the envelope it answers."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}})
        async for frame in ws:
            reply = json.loads(frame.data)
            waiting = self.envelopes.get(reply.get("envelope_id", ""))
            if waiting is not None and not waiting.done():
                waiting.set_result(reply)
        return ws

    async def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Send an envelope over Socket Mode as Slack does; the app's acknowledgement."""
        envelope_id = f"env-{len(self.envelopes) + 1}"
        self.envelopes[envelope_id] = asyncio.get_running_loop().create_future()
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload, "accepts_response_payload": True}
        await self.sockets[-1].send_json(envelope)
        reply = await asyncio.wait_for(self.envelopes[envelope_id], 5)
        SENT.append(("socket ack", reply))
        return reply

    async def _respond(self, request: web.Request) -> web.Response:
        self.raw_bodies.append(await request.read())
        body = await request.json()
        self.responses.append((request.match_info["key"], body))
        SENT.append(("response_url", body))
        return web.Response(text="ok")

    def fail(self, method: str, *faults: str) -> None:
        """Answer the next calls of `method` with these faults, in order, then normally."""
        assert all(f.split(":")[0] in (*FAULTS, "") for f in faults), faults
        self.faults.setdefault(method, []).extend(faults)

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        self.raw_bodies.append(await request.read())
        args: dict[str, Any] = dict(request.query)
        if request.method == "POST":
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        for name in _JSON_ARGS:
            if isinstance(args.get(name), str):
                args[name] = json.loads(args[name])
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        fault = (self.faults.get(method) or [""]).pop(0)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        self.calls.append(Call(method, args, token, headers, fault))
        SENT.append((method, args))
        if method == "apps.connections.open" and token == APP_TOKEN:
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"})
        if token != BOT_TOKEN:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if fault and not fault.startswith("applied"):
            return await self._fault(request, fault)
        handler = getattr(self, "m_" + method.replace(".", "_"), None)
        data = handler(args) if handler else {"ok": False, "error": "unknown_method"}
        return await self._fault(request, fault) if fault else web.json_response(data)

    async def _fault(self, request: web.Request, fault: str) -> web.StreamResponse:
        kind, _, wait = fault.partition(":")
        if kind == "429":
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": wait or "0"}
            )
        if kind in ("500", "503"):
            return web.json_response({"ok": False, "error": "internal_error"}, status=int(kind))
        if kind == "html500":
            return web.Response(status=500, text="<html><body>Bad gateway</body></html>", content_type="text/html")
        if kind.endswith("timeout"):
            await asyncio.sleep(SLOW)
            return web.json_response({"ok": False, "error": "too_late"})
        assert request.transport is not None
        request.transport.abort()  # "drop": the connection closes with no answer at all
        return web.Response()

    # --- methods -------------------------------------------------------------

    def m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "team_id": "T1",
            "team": "Film club",
            "user_id": "UBOT",
            "bot_id": "BBOT",
            "user": "filmclub",
        }

    def _ts(self) -> str:
        return f"1700000000.{next(self._stamps):06d}"

    def m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args["channel"])
        if self.channels and channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if self.channels.get(channel, {}).get("is_member") is False:
            return {"ok": False, "error": "not_in_channel"}
        message = {"type": "message", "ts": self._ts(), "user": "UBOT", "text": args.get("text", "")}
        message |= {k: args[k] for k in ("blocks", "thread_ts", "metadata") if k in args}
        self.history.setdefault(channel, []).insert(0, message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not str(args.get("trigger_id", "")).startswith("13345224609."):
            return {"ok": False, "error": "invalid_trigger_id"}
        return {"ok": True, "view": {"id": f"V{next(self._stamps)}", **args["view"]}}

    def m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._ts()}

    def m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": args["channel"], "ts": args["ts"], "text": args.get("text", "")}

    def m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user")))
        return (
            {"ok": True, "user": {"id": args.get("user")} | user}
            if user is not None
            else {"ok": False, "error": "user_not_found"}
        )

    def m_usergroups_list(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "usergroups": [{"id": k, "handle": g["handle"]} for k, g in self.groups.items()]}

    def m_usergroups_users_list(self, args: dict[str, Any]) -> dict[str, Any]:
        group = self.groups.get(str(args["usergroup"]))
        return {"ok": True, "users": group["users"]} if group else {"ok": False, "error": "no_such_subteam"}

    def m_conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self.channels.get(str(args.get("channel")))
        return {"ok": True, "channel": channel} if channel else {"ok": False, "error": "channel_not_found"}

    def m_conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        keep = str(args.get("include_all_metadata")).lower() in ("1", "true")
        parent = str(args["ts"])
        thread = [m for m in self.history.get(str(args["channel"]), []) if m.get("thread_ts", m["ts"]) == parent]
        messages = [m if keep else {k: v for k, v in m.items() if k != "metadata"} for m in reversed(thread)]
        return {"ok": True, "messages": messages[: int(args.get("limit", 100))], "has_more": False}

    def m_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        keep = str(args.get("include_all_metadata")).lower() in ("1", "true")
        top = [m for m in self.history.get(str(args["channel"]), []) if m.get("thread_ts", m["ts"]) == m["ts"]]
        messages = [m if keep else {k: v for k, v in m.items() if k != "metadata"} for m in top]
        return {"ok": True, "messages": messages[: int(args.get("limit", 100))], "has_more": False}


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """The headers Slack sends with a request body: timestamp and v0 HMAC-SHA256 signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def command_fields(
    fake: FakeSlack, command: str, text: str = "", user: str = "U1", channel: str = "C1", team: str = "T1"
) -> dict[str, str]:
    """The fields of a slash command as Slack sends them."""
    return {
        "token": "legacy-verification-token",
        "team_id": team,
        "team_domain": "filmclub",
        "channel_id": channel,
        "channel_name": "films",
        "user_id": user,
        "user_name": user.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A1",
        "is_enterprise_install": "false",
        "response_url": fake.response_url(f"cmd-{user}"),
        "trigger_id": trigger_id(),
    }


def command_body(
    fake: FakeSlack, command: str, text: str = "", user: str = "U1", channel: str = "C1", team: str = "T1"
) -> str:
    """A slash command as Slack POSTs it: form-encoded."""
    return urlencode(command_fields(fake, command, text, user, channel, team))


def click_payload(
    fake: FakeSlack, action_id: str, value: str, user: str = "U1", ts: str = "", channel: str = "C1", team: str = "T1"
) -> dict[str, Any]:
    """A button click (block_actions) payload."""
    return {
        "type": "block_actions",
        "team": {"id": team, "domain": "filmclub"},
        "user": {"id": user, "username": user.lower(), "team_id": team},
        "api_app_id": "A1",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": False},
        "trigger_id": trigger_id(),
        "channel": {"id": channel, "name": "films"},
        "message": {"type": "message", "ts": ts, "text": ""},
        "response_url": fake.response_url(f"click-{user}"),
        "actions": [
            {"action_id": action_id, "block_id": "b1", "value": value, "type": "button", "action_ts": "1700000001.0"}
        ],
    }


def click_body(
    fake: FakeSlack, action_id: str, value: str, user: str = "U1", ts: str = "", channel: str = "C1", team: str = "T1"
) -> str:
    """A button click (block_actions) as Slack POSTs it: form-encoded `payload` JSON."""
    return urlencode({"payload": json.dumps(click_payload(fake, action_id, value, user, ts, channel, team))})


def submission_body(
    view: dict[str, Any], values: dict[str, Any], user: str = "U1", team: str = "T1", name: str = ""
) -> str:
    """A view_submission of an opened modal as Slack POSTs it: the view with its state values filled in."""
    state = {block: {block: value} for block, value in values.items()}
    payload = {
        "type": "view_submission",
        "team": {"id": team, "domain": "filmclub"},
        "user": {"id": user, "username": user.lower(), "name": name or user.lower(), "team_id": team},
        "api_app_id": "A1",
        "token": "legacy-verification-token",
        "trigger_id": trigger_id(),
        "view": {**view, "id": "V1", "team_id": team, "state": {"values": state}, "hash": "1.abc"},
        "response_urls": [],
    }
    return urlencode({"payload": json.dumps(payload)})


async def post(http: ClientSession, url: str, body: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """POST a signed (or given) request to the app; its status and body (recorded for the mention check)."""
    async with http.post(url, data=body.encode(), headers=sign(body) if headers is None else headers) as response:
        text = await response.text()
    SENT.append(("ack", text))
    return response.status, text


def spec_parameters() -> dict[str, set[str]]:
    """Each Web API method's parameter names, from the official OpenAPI spec (skips the test when it is absent)."""
    paths = json.loads(need(SLACK_SPEC).read_text("utf-8"))["paths"]
    return {
        path.lstrip("/"): {p["name"] for op in ops.values() for p in op.get("parameters", [])}
        for path, ops in paths.items()
    }


def check_calls(calls: list[Call]) -> None:
    """Every recorded call names a real method, uses only its parameters, and carries valid blocks."""
    spec = spec_parameters()
    for call in calls:
        assert call.method in spec, call.method
        unknown = set(call.args) - spec[call.method] - ALLOWED_BEYOND_SPEC.get(call.method, set()) - ALLOWED_EVERYWHERE
        assert not unknown, f"{call.method}: parameters not in the spec: {unknown}"
        check_blocks(call.args.get("blocks") or [])


def check_blocks(blocks: list[dict[str, Any]]) -> None:
    """Each block parses as a slack_sdk block and passes its own validate_json(); at most 50 a message."""
    assert len(blocks) <= 50
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()


# <!channel>, <!here>, <!everyone>, <!subteam^…> and <@U…> ping; the bot's own <!date^…> only formats a time.
PING = re.compile(r"<[!@](?!date\^\d+\^)")
NOT_SHOWN = {"value", "metadata", "action_id", "block_id", "url", "response_url", "channel", "ts", "thread_ts"}


def shown(value: Any) -> list[str]:
    """Every string Slack renders from a body: `text` fields at any depth (button values are never shown)."""
    if isinstance(value, dict):
        own = [value["text"]] if isinstance(value.get("text"), str) else []
        return own + [t for k, v in value.items() if k not in NOT_SHOWN for t in shown(v)]
    return [t for v in value for t in shown(v)] if isinstance(value, list) else []


def pings(body: Any) -> list[str]:
    """The pings a recorded body would make, and any request to turn names into pings."""
    if isinstance(body, str):
        try:
            body = json.loads(body) if body.strip() else {}
        except ValueError:
            return PING.findall(body)
    found = [text for text in shown(body) if PING.search(text)]
    if isinstance(body, dict) and str(body.get("link_names", "")).lower() in ("1", "true"):
        found.append("link_names=true")
    return found


def scan(entries: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """Each (kind, text) that pings."""
    return [(kind, text[:200]) for kind, body in entries for text in pings(body)]
