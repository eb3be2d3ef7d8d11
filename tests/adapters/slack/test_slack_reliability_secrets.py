"""Secrets: the whole Slack app (entry.run, HTTP and Socket Mode) at DEBUG logging never shows a token or the
signing secret in its logs, its requests (bar the Authorization header), the preview or the database file."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl

import aiohttp
import pytest
from slack_fakes import APP_TOKEN, BOT_TOKEN, SECRET, FakeSlack, click_body, click_payload, command_body, post
from slack_harness import buttons, with_poll

from adapters.slack.entry import preview, run
from bot.bootstrap import build_app
from bot.config import Secret, Settings

SECRETS = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_SIGNING_SECRET": SECRET}


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack(channels={"C1": {"id": "C1", "is_member": True}}).start()
    yield server
    await server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def leaks(text: str | bytes) -> list[str]:
    """The secrets (or their distinctive tails) that appear in `text`."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "replace")
    return [name for name, value in SECRETS.items() if value.encode() in raw or value[5:].encode() in raw]


async def _running(config: Settings, drive: Callable[[], Awaitable[None]]) -> None:
    bot = asyncio.create_task(run(config))
    try:
        await drive()
    finally:
        bot.cancel()
        with pytest.raises(asyncio.CancelledError):
            await bot


async def _until(check: Callable[[], Awaitable[bool]]) -> None:
    for _ in range(500):  # loopback start-up only
        if await check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app did not start")


async def test_no_secret_in_logs_requests_preview_or_database(
    settings: Settings, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger, everything: bolt, slack_sdk, aiohttp, aiosqlite, ours
    core = await build_app(settings)
    await with_poll(core)
    await core.close()
    port = _free_port()
    config = replace(
        settings, slack_bot_token=Secret(BOT_TOKEN), slack_signing_secret=Secret(SECRET),
        slack_api_url=fake.api_url, slack_port=port, log_level="DEBUG",
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/slack/events"

    async def http_mode() -> None:
        async with aiohttp.ClientSession() as http:

            async def up() -> bool:
                try:
                    return (await post(http, url, command_body(fake, "/help")))[0] == 200
                except aiohttp.ClientConnectionError:
                    return False

            await _until(up)
            for line in ("/review anora", "/review anroa", "/poll anora", "/films", "/schedule list"):
                name, _, text = line.partition(" ")
                assert (await post(http, url, command_body(fake, name, text)))[0] == 200
            await _until(lambda: _true(bool(fake.history.get("C1"))))
            poll = fake.history["C1"][0]
            for n, button in enumerate(buttons(poll["blocks"]) * 2):
                body = click_body(fake, button["action_id"], button["value"], f"U{n}", poll["ts"])
                assert (await post(http, url, body))[0] == 200
            assert (await post(http, url, "payload=junk"))[0] == 400
            assert (await post(http, url, command_body(fake, "/help"), {"X-Slack-Signature": "v0=0"}))[0] == 401

    await _running(config, http_mode)

    socket_config = replace(config, slack_app_token=Secret(APP_TOKEN), slack_port=_free_port())

    async def socket_mode() -> None:
        await _until(lambda: _true(bool(fake.sockets)))
        reply = await fake.push("slash_commands", dict(parse_qsl(command_body(fake, "/review", "anora"))))
        assert reply["payload"]["response_type"] == "in_channel"
        poll = fake.history["C1"][0]
        button = buttons(poll["blocks"])[0]
        await fake.push("interactive", click_payload(fake, button["action_id"], button["value"], "U77", poll["ts"]))

    await _running(socket_config, socket_mode)

    app = await build_app(config)
    try:
        previews = [await preview(app, line) for line in ("/review anora", "/poll anora", "/help")]
        votes = await app.store.fetchone("SELECT COUNT(*) FROM poll_votes")
    finally:
        await app.close()
    assert votes is not None and votes[0] >= 4  # the votes really were driven through both modes

    assert "DEBUG" in caplog.text and "Sending a request" in caplog.text  # slack_sdk's debug logging was on
    records = "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records)
    assert leaks(caplog.text) == [] and leaks(records) == []
    assert [c.token for c in fake.calls if c.token] and all(leaks(json.dumps(c.args)) == [] for c in fake.calls)
    assert all(leaks(json.dumps(c.headers)) == [] for c in fake.calls)
    assert all(leaks(body) == [] for body in fake.raw_bodies) and fake.raw_bodies
    assert leaks(json.dumps(previews)) == []
    database = b"".join(p.read_bytes() for p in Path(settings.database).parent.glob(Path(settings.database).name + "*"))
    assert database and leaks(database) == []


async def _true(value: bool) -> bool:
    return value
