"""End to end: interactions fed to discord.py as the gateway delivers them, answered via its HTTP client."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from adapters.discord.client import FilmClubBot
from adapters.discord.fake_events import MANAGE_THREADS, VIEW_AND_SEND, button, command, member
from adapters.discord.fake_server import FakeDiscord
from bot.app import App
from bot.bootstrap import build_app
from bot.commands import REGISTRY
from bot.models import Analysis, PollSpec, Summary
from tests.conftest import review_file

from .conftest import TEXT_CHANNEL, DiscordGate
from .helpers import autocomplete, interact
from .spec import check_all

EPHEMERAL = 64


async def test_review_answers_with_an_embed_and_restart_proof_buttons(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "review", {"film": "anora"}, channel_id=TEXT_CHANNEL)
    )
    assert [(r.method, r.path.split("/")[1]) for r in sent] == [("POST", "interactions")]
    body = sent[0].json
    assert body["type"] == 4
    embed = body["data"]["embeds"][0]
    assert embed["title"].startswith("Anora (2024)")
    assert body["data"]["allowed_mentions"] == {"parse": []}
    ids = [c["custom_id"] for row in body["data"]["components"] for c in row["components"]]
    assert ids == ["filmclub:prompts:anora-2024", "filmclub:trivia:anora-2024", "filmclub:poll:anora-2024"]
    assert not (body["data"].get("flags") or 0) & EPHEMERAL
    assert check_all(sent) == 1


async def test_commands_are_synced_from_the_registry_globally(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    (synced,) = [r for r in discord_fake.requests if r.method == "PUT"]
    assert synced.path == "/applications/1100/commands"
    by_name = {c["name"]: c for c in synced.json}
    assert set(by_name) == set(REGISTRY)
    film, section = by_name["review"]["options"]
    assert (film["name"], film["required"], film["autocomplete"]) == ("film", True, True)
    assert [c["value"] for c in section["choices"]] == ["summary", "prompts", "trivia", "polls", "all"]
    # A command without declared options takes one optional free-text option.
    assert [(o["name"], o.get("required", False)) for o in by_name["help"]["options"]] == [("args", False)]
    check_all([synced])


async def test_commands_sync_to_one_guild_in_development(discord_fake: FakeDiscord, app: App):
    bot = FilmClubBot(replace(app.settings, discord_guild_id="2200"))
    bot.app = app
    async with bot:
        await bot.login("fake.bot.token")
    (synced,) = [r for r in discord_fake.requests if r.method == "PUT"]
    assert synced.path == "/applications/1100/guilds/2200/commands"
    check_all([synced])


async def test_autocomplete_offers_at_most_25_short_titles(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, tmp_path: Path
):
    for i in range(30):
        review_file(tmp_path, f"f{i}.md", title=f"The Film Number {i} " + "and a very long subtitle " * 6, year="2001")
    await discord_bot.app.import_paths([tmp_path])
    payload = command(discord_fake, "review", {"film": "the film"}, channel_id=TEXT_CHANNEL, focused="film")
    (callback,) = await autocomplete(discord_bot, discord_fake, payload)
    choices = callback.json["data"]["choices"]
    assert callback.json["type"] == 8
    assert len(choices) == 25
    assert all(len(c["name"]) <= 100 for c in choices)
    assert all(c["value"].startswith("the-film-number-") for c in choices)
    check_all([callback])


async def test_long_content_is_split_across_messages_within_every_limit(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    sent = await interact(discord_bot, discord_fake, command(discord_fake, "longread", {}, channel_id=TEXT_CHANNEL))
    assert sent[0].path.endswith("/callback")
    followups = [r for r in sent[1:] if r.path.startswith("/webhooks/1100/")]
    assert len(followups) >= 3
    assert check_all(sent) == len(sent)
    texts = [e.get("description", "") for r in sent for e in (r.json.get("data") or r.json).get("embeds") or []]
    assert all(t.count("||") % 2 == 0 for t in texts)  # spoilers never broken across messages
    contents = [(r.json.get("data") or r.json).get("content") or "" for r in sent]
    assert any(len(c) > 1500 for c in contents)  # the untitled reply went as plain content, split


async def test_a_review_that_mentions_everyone_pings_nobody(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, tmp_path: Path
):
    body = "Hey @everyone and @here and <@&123> and <@456>: this **bold** film is _great_. It won the Oscar."
    review_file(tmp_path, "ping.md", title="@everyone <@&123> Party", year="2020", body=body)
    await discord_bot.app.import_paths([tmp_path])
    sent = await interact(
        discord_bot,
        discord_fake,
        command(discord_fake, "review", {"film": "@everyone <@&123> Party"}, channel_id=TEXT_CHANNEL),
    )
    check_all(sent)
    data = sent[0].json["data"]
    assert data["allowed_mentions"] == {"parse": []}
    # Shown as typed: a zero-width space after "@" keeps Discord from rendering a mention.
    assert "@\u200beveryone <@&\u200b123> Party" in data["embeds"][0]["title"]


async def test_a_moderator_only_command_is_refused_to_a_member_privately(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "tidy", {"args": "now"}, channel_id=TEXT_CHANNEL)
    )
    data = sent[0].json["data"]
    assert data["flags"] & EPHEMERAL
    assert "Only moderators" in data["content"]
    check_all(sent)
    moderator = member(permissions=VIEW_AND_SEND | MANAGE_THREADS)
    payload = command(discord_fake, "tidy", {"args": "now"}, channel_id=TEXT_CHANNEL, who=moderator)
    sent = await interact(discord_bot, discord_fake, payload)
    assert sent[0].json["data"]["embeds"][0]["description"] == "args=now"


async def test_poll_posts_a_native_poll_from_the_review(discord_bot: FilmClubBot, discord_fake: FakeDiscord, app: App):
    film = app.find("anora").film
    assert film is not None
    review = await app.review_of(film)
    assert review is not None
    spec = PollSpec("Did Ani get the ending she deserved? " * 12, ("Yes", "No", "It's complicated " * 5))
    cached = await app.analysis(review)
    await app.store.save_analysis(
        review.id, Analysis(film.title, film.year, Summary("x"), polls=(spec,), version=cached.version)
    )
    discord_bot.app = fresh = await build_app(app.settings)  # a new process reads the stored analysis
    try:
        sent = await interact(
            discord_bot, discord_fake, command(discord_fake, "poll", {"film": "anora"}, channel_id=TEXT_CHANNEL)
        )
    finally:
        await fresh.close()
    poll = sent[0].json["data"]["poll"]
    assert poll["duration"] == 168
    assert len(poll["question"]["text"]) <= 300
    assert [len(a["poll_media"]["text"]) <= 55 for a in poll["answers"]] == [True] * 3
    check_all(sent)


async def test_a_button_click_works_on_a_new_process(
    discord_fake: FakeDiscord, app: App, discord_commands: DiscordGate
):
    clickable = {"type": 2, "style": 2, "label": "More prompts", "custom_id": "filmclub:prompts:anora-2024"}
    message = discord_fake.message(
        TEXT_CHANNEL, {"content": "earlier", "components": [{"type": 1, "components": [clickable]}]}
    )
    bot = FilmClubBot(app.settings, sync=False)  # a fresh client: no view was ever added to it
    bot.app = app
    async with bot:
        await bot.login("fake.bot.token")
        payload = button(discord_fake, "filmclub:prompts:anora-2024", message, channel_id=TEXT_CHANNEL)
        sent = await interact(bot, discord_fake, payload)
    assert sent[0].json["type"] == 4
    assert sent[0].json["data"]["embeds"][0]["title"].startswith("Anora")
    check_all(sent)


async def test_slow_work_is_deferred_then_answered_by_follow_up(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, discord_commands: DiscordGate
):
    discord_bot.defer_after = 0.0
    payload = command(discord_fake, "slowcmd", {}, channel_id=TEXT_CHANNEL)
    start = len(discord_fake.requests)
    answered = asyncio.ensure_future(interact(discord_bot, discord_fake, payload))
    async with asyncio.timeout(5):
        await discord_fake.wait_for(lambda rs: any(r.path.endswith("/callback") for r in rs[start:]))
    discord_commands.release.set()
    sent = await answered
    assert sent[0].json == {"type": 5}
    assert sent[1].path == f"/webhooks/1100/{payload['token']}"
    assert sent[1].json["embeds"][0]["title"] == "Slow answer"
    check_all(sent)


async def test_a_private_answer_after_deferring_replaces_the_public_thinking_message(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, discord_commands: DiscordGate
):
    discord_bot.defer_after = 0.0
    payload = command(discord_fake, "slowcmd", {"args": "private"}, channel_id=TEXT_CHANNEL)
    start = len(discord_fake.requests)
    answered = asyncio.ensure_future(interact(discord_bot, discord_fake, payload))
    async with asyncio.timeout(5):
        await discord_fake.wait_for(lambda rs: any(r.path.endswith("/callback") for r in rs[start:]))
    discord_commands.release.set()
    sent = await answered
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in sent[1:]] == [
        ("DELETE", "@original"),
        ("POST", payload["token"]),
    ]
    assert sent[2].json["flags"] & EPHEMERAL
    check_all(sent)


async def test_a_failing_command_apologises_to_the_member_alone(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord, discord_commands: DiscordGate
):
    payload = command(discord_fake, "boom", {}, channel_id=TEXT_CHANNEL)
    sent = await interact(discord_bot, discord_fake, payload)
    data = sent[0].json["data"]
    assert data["flags"] & EPHEMERAL
    assert "Traceback" not in data["content"] and "failed on my side" in data["content"]
