"""`filmclub preview --platform slack`: the ack body and Web API calls for a command, made against recorders."""

from __future__ import annotations

import itertools
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.chat import SlackChat
from adapters.slack.replies import deliver, plan
from bot.app import App
from bot.commands import parse_line
from bot.polls import PollService
from bot.store import SqliteStore
from bot.store.polls import SqlitePolls

TEAM, CHANNEL, USER = "T0PREVIEW", "C0PREVIEW", "U0PREVIEW"


class RecordingClient(AsyncWebClient):
    """A Web API client that records each call's method and arguments (never the token) instead of sending it."""

    def __init__(self) -> None:
        super().__init__(token="xoxb-preview")
        self.calls: list[dict[str, Any]] = []
        self._stamps = itertools.count(1)

    async def api_call(
        self, api_method: str, *, http_verb: str = "POST", json: dict[str, Any] | None = None, **kwargs: Any
    ) -> AsyncSlackResponse:
        """Record the call; answer like Slack would, with a made-up ts."""
        args = json or kwargs.get("data") or kwargs.get("params") or {}
        self.calls.append({"method": api_method, "args": dict(args)})
        data = {"ok": True, "channel": args.get("channel", CHANNEL), "ts": f"1700000000.{next(self._stamps):06d}"}
        return AsyncSlackResponse(
            client=self, http_verb=http_verb, api_url=api_method, req_args={}, data=data, headers={}, status_code=200
        )


async def preview_line(app: App, line: str) -> list[dict[str, Any]]:
    """What the adapter would send for `line` typed by a moderator: the ack body first, then each call."""
    incoming = parse_line(line, user_id=USER, club_id=TEAM, channel_id=CHANNEL, platform="slack", is_moderator=True)
    if incoming is None:
        raise ValueError(f"not a command: {line!r}")
    client = RecordingClient()
    responses: list[dict[str, Any]] = []

    async def respond(**body: Any) -> None:
        responses.append({"response_url": body})

    # A poll is stored in a scratch database: a preview changes nothing.
    scratch = await SqliteStore.open(":memory:")
    try:
        chat = SlackChat(client, PollService(SqlitePolls(scratch)), TEAM, poll_hours=app.settings.slack_poll_hours)
        first, later = plan(await app.dispatch(incoming))
        await deliver(later, chat, respond, CHANNEL, TEAM)
    finally:
        await scratch.close()
    return [{"ack": first or {}}, *client.calls, *responses]
