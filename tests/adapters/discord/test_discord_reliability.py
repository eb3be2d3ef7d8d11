"""Issue 8 on Discord: load, bad input, authority and secrets, through discord.py against the fake."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.discord import entry
from adapters.discord.client import FilmClubBot
from adapters.discord.fake_control import send_command
from adapters.discord.fake_events import button, command, feed, member
from adapters.discord.fake_faults import Fault
from adapters.discord.fake_server import FakeDiscord
from bot.app import App
from bot.cli import main
from bot.commands import REGISTRY
from bot.config import Secret, Settings
from tests.conftest import review_file

from .conftest import TEXT_CHANNEL, DiscordGate
from .helpers import interact

EPHEMERAL = 64
LOAD = 500
CLICK = "filmclub:trivia:anora-2024"


def answers(fake: FakeDiscord, ids: set[str]) -> dict[str, list[Any]]:
    """Interaction id → the callbacks the bot sent for it."""
    found: dict[str, list[Any]] = {i: [] for i in ids}
    for request in fake.requests:
        parts = request.path.strip("/").split("/")
        if parts[0] == "interactions" and parts[-1] == "callback" and parts[1] in found:
            found[parts[1]].append(request.json)
    return found


async def test_500_concurrent_reviews_are_each_answered_exactly_once(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, app: App, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    for i in range(20):
        review_file(tmp_path, f"load{i}.md", title=f"Load Film {i}", body=f"Load Film {i} is a film. It won the Oscar.")
    await app.import_paths([tmp_path])
    async with app.store.transaction() as db:  # every analysis is made (and written) again, concurrently
        await db.execute("DELETE FROM analyses")
    app.forget_analyses()
    films = [f.title for f in app.films.films(None)]
    payloads = [
        command(discord_fake, "review", {"film": films[i % len(films)]}, channel_id=TEXT_CHANNEL) for i in range(LOAD)
    ]
    done = discord_bot.answered = asyncio.Queue()
    for payload in payloads:
        feed(discord_bot, payload)
    async with asyncio.timeout(60):
        finished = {await done.get() for _ in range(LOAD)}
    ids = {p["id"] for p in payloads}
    assert finished == {int(i) for i in ids}
    callbacks = answers(discord_fake, ids)
    assert sorted({len(c) for c in callbacks.values()}) == [1]  # each one, exactly once
    deferred = {i for i, (c,) in callbacks.items() if c["type"] == 5}
    webhooks = [r.path for r in discord_fake.requests if r.path.startswith("/webhooks/")]
    followed = {p["id"] for p in payloads if any(p["token"] in path for path in webhooks)}
    assert deferred <= followed  # a "thinking…" answer is always followed by the answer itself
    assert "database is locked" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def _mutations() -> st.SearchStrategy[list[tuple[tuple[str, ...], Any]]]:
    junk = st.one_of(
        st.none(), st.integers(), st.text(max_size=20), st.booleans(), st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2), st.floats(allow_nan=True),
    )  # fmt: skip
    paths = st.sampled_from(
        [("id",), ("type",), ("token",), ("data",), ("member",), ("guild_id",), ("channel_id",), ("channel",),
         ("application_id",), ("data", "name"), ("data", "options"), ("data", "type"), ("data", "id"),
         ("member", "user"), ("member", "permissions"), ("member", "roles"), ("data", "options", 0),
         ("data", "options", 0, "value"), ("data", "options", 0, "type"), ("data", "options", 0, "name"),
         ("member", "user", "id"), ("locale",), ("app_permissions",), ("entitlements",), ("data", "custom_id"),
         ("data", "component_type"), ("message",), ("message", "components")]
    )  # fmt: skip
    delete = st.just("<delete>")
    return st.lists(st.tuples(paths, st.one_of(junk, delete)), min_size=1, max_size=4)


def _mutate(payload: Any, path: tuple[Any, ...], value: Any) -> None:
    target = payload
    for step in path[:-1]:
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            return
    try:
        if value == "<delete>":
            del target[path[-1]]
        else:
            target[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        pass


async def test_malformed_interactions_never_crash_the_bot_nor_show_a_trace(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, caplog: pytest.LogCaptureFixture
):
    loop = asyncio.get_running_loop()
    unhandled: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _, context: unhandled.append(context))
    fed = 0

    clickable = {"type": 2, "style": 2, "label": "Trivia", "custom_id": CLICK}
    message = discord_fake.message(
        TEXT_CHANNEL, {"content": "x", "components": [{"type": 1, "components": [clickable]}]}
    )

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.booleans(), _mutations())
    def feed_malformed(click: bool, mutations: list[tuple[tuple[str, ...], Any]]) -> None:
        nonlocal fed
        if click:  # a button click on one of the bot's messages, or a slash command
            payload = button(discord_fake, CLICK, json.loads(json.dumps(message)), channel_id=TEXT_CHANNEL)
        else:
            payload = command(discord_fake, "review", {"film": "anora", "section": "x"}, channel_id=TEXT_CHANNEL)
        for path, value in mutations:
            _mutate(payload, path, value)
        feed(discord_bot, payload)  # exactly what the gateway's receive loop calls
        fed += 1

    try:
        feed_malformed()
        await asyncio.sleep(0)
        work = ("CommandTree", "discord-ui", "discord.py")  # the tasks discord.py starts per interaction
        pending = [t for t in asyncio.all_tasks() if t.get_name().startswith(work)]
        assert pending, "no interaction reached discord.py's command tree"
        await asyncio.wait(pending, timeout=20)
    finally:
        loop.set_exception_handler(None)
    assert fed >= 400
    assert [t.exception() for t in pending if not t.cancelled()] == [None] * len(pending)
    answers = [r.json for r in discord_fake.requests if r.path.startswith(("/interactions/", "/webhooks/"))]
    shown = json.dumps(answers)
    for trace in ("Traceback", "KeyError", "TypeError", "ValueError", "AttributeError", 'File "'):
        assert trace not in shown
    # Still answering good interactions afterwards, as a member would see it.
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "review", {"film": "anora"}, channel_id=TEXT_CHANNEL)
    )
    assert sent[0].json["data"]["embeds"][0]["title"].startswith("Anora")
    assert unhandled == []


def _member_values(name: str) -> list[dict[str, str]]:
    """Option values for every action of a moderator command, as a member could fill them in."""
    filler = {"film": "anora", "channel": str(TEXT_CHANNEL), "time": "19:00", "every": "1", "position": "1"}
    spec = REGISTRY[name]
    actions = next((o.choices for o in spec.options if o.name == "action"), ("",))
    plain = {o.name: filler.get(o.name, "x") for o in spec.options if not o.choices}
    chosen = {o.name: o.choices[0] for o in spec.options if o.choices and o.name != "action"}
    return [plain | chosen | ({"action": a} if a else {}) for a in actions]


async def test_every_moderator_command_is_refused_to_a_member_privately(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, discord_commands: DiscordGate
):
    moderated = sorted(name for name, spec in REGISTRY.items() if spec.moderator)
    assert {"schedule", "queue"} <= set(moderated)
    for name in moderated:
        for values in _member_values(name):
            payload = command(discord_fake, name, values, channel_id=TEXT_CHANNEL, who=member())
            sent = await interact(discord_bot, discord_fake, payload)
            assert [r.path.endswith("/callback") for r in sent] == [True], (name, values)  # nothing else done
            data = sent[0].json["data"]
            assert data["flags"] & EPHEMERAL, (name, values)
            assert f"Only moderators can use /{name}" in data["content"], (name, values)


TOKEN = "MTEwMA.Gz4kQx.fake-known-secret-token-d41d8cd98f"


async def test_the_token_never_leaves_the_authorization_header(
    discord_fake: FakeDiscord,
    settings: Settings,
    discord_commands: DiscordGate,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    caplog.set_level(logging.DEBUG)  # the root logger, as FILMCLUB_LOG_LEVEL=DEBUG would
    whole = replace(settings, discord_token=Secret(TOKEN), discord_api_base=discord_fake.base)
    task = asyncio.ensure_future(entry.run(whole))
    try:
        async with asyncio.timeout(15):
            await discord_fake.gateway.connected.wait()
        discord_fake.faults.append(Fault("429", "/interactions/", retry_after=0.01))
        for line in ("/review anora", "/boom", "/help", "/review @everyone no such film"):
            await send_command(discord_fake, line, settle=0)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("FILMCLUB_DATABASE", str(settings.database))
    assert await asyncio.to_thread(main, ["preview", "--platform", "discord", "--", "/review", "anora"]) == 0
    assert f"Bot {TOKEN}" in discord_fake.authorizations  # it was really used, in the header
    recorded = json.dumps([[r.method, r.path, r.json, r.headers] for r in discord_fake.requests])
    gateway = json.dumps(discord_fake.gateway.received)
    assert "IDENTIFY" not in gateway and '"op": 2' in gateway
    out = capsys.readouterr()
    for where, text in {
        "logs": caplog.text,
        "requests": recorded,
        "gateway": gateway,
        "preview": out.out + out.err,
    }.items():
        assert TOKEN not in text, where
        assert TOKEN.split(".")[-1] not in text, where
    assert "Traceback" in caplog.text  # /boom was logged with its trace (and no token)
