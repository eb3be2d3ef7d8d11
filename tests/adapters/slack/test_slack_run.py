"""`filmclub run slack` whole against the fake Web API, and `filmclub preview --platform slack`."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import replace
from urllib.parse import parse_qsl

import aiohttp
import pytest
from slack_fakes import APP_TOKEN, BOT_TOKEN, SECRET, Call, FakeSlack, check_calls, command_body, post

from adapters.slack.entry import preview, run
from bot.app import App
from bot.config import ConfigError, Secret, Settings
from bot.models import PollSpec


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack().start()
    yield server
    await server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _slack_settings(settings: Settings, fake: FakeSlack, **extra: object) -> Settings:
    values: dict[str, object] = {
        "slack_bot_token": Secret(BOT_TOKEN),
        "slack_signing_secret": Secret(SECRET),
        "slack_api_url": fake.api_url,
        "slack_port": _free_port(),
    }
    return replace(settings, **(values | extra))  # type: ignore[arg-type]


async def test_run_serves_http_mode_against_the_fake(settings: Settings, fake: FakeSlack, caplog) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack.entry")
    config = _slack_settings(settings, fake)
    bot = asyncio.create_task(run(config))
    url = f"http://127.0.0.1:{config.slack_port}/slack/events"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(500):  # wait for the listening socket (loopback start-up only)
                try:
                    status, body = await post(http, url, command_body(fake, "/review", "anora"))
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.01)
        assert status == 200 and json.loads(body)["response_type"] == "in_channel"
    finally:
        bot.cancel()
        with pytest.raises(asyncio.CancelledError):
            await bot
    assert "HTTP mode" in caplog.text and SECRET not in caplog.text and BOT_TOKEN not in caplog.text
    check_calls(fake.calls)


async def test_run_in_socket_mode_answers_over_the_websocket(settings: Settings, fake: FakeSlack, caplog) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack.entry")
    config = _slack_settings(settings, fake, slack_app_token=Secret(APP_TOKEN), slack_signing_secret=None)
    bot = asyncio.create_task(run(config))
    try:
        for _ in range(500):  # wait for the WebSocket (loopback start-up only)
            if fake.sockets:
                break
            await asyncio.sleep(0.01)
        fields = dict(parse_qsl(command_body(fake, "/review", "anroa")))
        reply = await fake.push("slash_commands", fields)
        assert reply["payload"]["response_type"] == "ephemeral"
        assert "Did you mean: Anora (2024)" in json.dumps(reply["payload"]["blocks"])
    finally:
        bot.cancel()
        with pytest.raises(asyncio.CancelledError):
            await bot
    assert "Socket Mode" in caplog.text and APP_TOKEN not in caplog.text
    assert [c.token for c in fake.calls if c.method == "apps.connections.open"] == [APP_TOKEN]


async def test_http_mode_needs_the_signing_secret(settings: Settings, fake: FakeSlack) -> None:
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
        await run(_slack_settings(settings, fake, slack_signing_secret=None))
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
        await run(replace(settings, slack_signing_secret=Secret(SECRET)))


async def test_preview_prints_the_ack_body(app: App) -> None:
    [only] = await preview(app, "/review anora")
    assert only["ack"]["response_type"] == "in_channel"
    assert only["ack"]["blocks"][0]["type"] == "header"
    json.dumps(only)


async def test_preview_of_a_poll_shows_the_post_and_stores_nothing(app: App) -> None:
    film = app.find("anora").film
    assert film is not None
    review = await app.review_of(film)
    assert review is not None
    analysis = await app.analysis(review)
    await app.store.save_analysis(review.id, replace(analysis, polls=(PollSpec("Hopeful?", ("Yes", "No")),)))
    app.forget_analyses()
    out = await preview(app, "/poll anora")
    assert out[0] == {"ack": {}}
    [call] = out[1:]
    assert call["method"] == "chat.postMessage" and call["args"]["channel"] == "C0PREVIEW"
    check_calls([Call(call["method"], call["args"], "")])
    assert "xoxb" not in json.dumps(out)
    count = await app.store.fetchone("SELECT COUNT(*) FROM polls")
    assert count is not None and count[0] == 0


async def test_run_posts_the_weekly_thread_through_the_scheduler(settings: Settings, fake: FakeSlack) -> None:
    fake.users["UMOD"] = {"is_admin": True}
    fake.channels["C1"] = {"id": "C1", "name": "films", "is_channel": True, "is_member": True}
    config = _slack_settings(settings, fake)
    bot = asyncio.create_task(run(config))
    url = f"http://127.0.0.1:{config.slack_port}/slack/events"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(500):  # wait for the listening socket (loopback start-up only)
                try:
                    add = command_body(fake, "/schedule", "add anora <#C1|films> friday 19:00 Europe/London", "UMOD")
                    status, body = await post(http, url, add)
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.01)
            assert status == 200, body
            status, body = await post(http, url, command_body(fake, "/schedule", "run-now 1", "UMOD"))
            assert status == 200, body
        for _ in range(500):  # the running scheduler posts the thread, then its poll as a reply
            replies = [m for m in fake.history.get("C1", []) if "thread_ts" in m]
            if any("poll" in json.dumps(m.get("blocks", "")).lower() or m.get("metadata") for m in replies):
                break
            await asyncio.sleep(0.01)
    finally:
        bot.cancel()
        with pytest.raises(asyncio.CancelledError):
            await bot
    parents = [m for m in fake.history["C1"] if "thread_ts" not in m]
    assert len(parents) == 1 and "Anora" in parents[0]["text"]
    assert [m for m in fake.history["C1"] if m.get("thread_ts") == parents[0]["ts"]]
    check_calls(fake.calls)
