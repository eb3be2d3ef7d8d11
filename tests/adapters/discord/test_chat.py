"""DiscordChat (the ChatPort) through discord.py against the fake: posts, threads, forum posts, polls."""

from __future__ import annotations

from adapters.discord.chat import DiscordChat
from adapters.discord.client import FilmClubBot
from adapters.discord.fake_routes import route
from adapters.discord.fake_server import FakeDiscord
from bot.models import Inline, Message, PollSpec, Section
from bot.ports import ChatPort

from .conftest import FORUM_CHANNEL, TEXT_CHANNEL, long_message
from .spec import check_all, check_response

WEEK = Message("Week 12: Anora", (Section(paragraphs=((Inline("Discuss!"),),)),))


def _chat(bot: FilmClubBot) -> ChatPort:
    return DiscordChat(bot, poll_hours=48)


async def test_send_uses_a_nonce_that_discord_enforces(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    chat = _chat(discord_bot)
    ref = await chat.send(str(TEXT_CHANNEL), WEEK, key="schedule:1:2025-01-05T19:00")
    (sent,) = [r for r in discord_fake.requests if r.path == f"/channels/{TEXT_CHANNEL}/messages"]
    assert sent.json["enforce_nonce"] is True and len(sent.json["nonce"]) <= 25
    assert ref.channel_id == str(TEXT_CHANNEL) and ref.thread_id is None
    assert await chat.find_post(str(TEXT_CHANNEL), "schedule:1:2025-01-05T19:00") == ref
    # A new process cannot: Discord's history has no nonces (the store's claims cover restarts).
    assert await _chat(discord_bot).find_post(str(TEXT_CHANNEL), "schedule:1:2025-01-05T19:00") is None
    assert discord_fake.requests[-1].path == f"/channels/{TEXT_CHANNEL}/messages"  # it did look
    assert await chat.find_post(str(TEXT_CHANNEL), "another key") is None
    check_all(discord_fake.requests)


async def test_a_thread_in_a_text_channel_starts_from_a_message(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    ref = await _chat(discord_bot).create_thread(str(TEXT_CHANNEL), "A" * 150, [WEEK, long_message()], key="k1")
    paths = [r.path for r in discord_fake.requests if r.method == "POST"]
    assert paths[0] == f"/channels/{TEXT_CHANNEL}/messages"
    assert paths[1] == f"/channels/{TEXT_CHANNEL}/messages/{ref.message_id}/threads"
    assert set(paths[2:]) == {f"/channels/{ref.thread_id}/messages"}
    assert len(discord_fake.requests[-len(paths) + 1].json["name"]) <= 100
    check_all(discord_fake.requests)


async def test_a_thread_in_a_forum_channel_is_a_forum_post(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    ref = await _chat(discord_bot).create_thread(str(FORUM_CHANNEL), "Week 12: Anora", [WEEK], key="k2")
    (post,) = [r for r in discord_fake.requests if r.method == "POST"]
    assert post.path == f"/channels/{FORUM_CHANNEL}/threads"
    assert post.json["name"] == "Week 12: Anora" and post.json["message"]["embeds"][0]["title"] == "Week 12: Anora"
    assert ref.thread_id is not None
    assert await _chat(discord_bot).find_post(str(FORUM_CHANNEL), "k2") is None  # a forum has no history
    check_all(discord_fake.requests)


async def test_a_forum_post_made_before_a_restart_is_found_by_title_and_completed(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    prompts = Message(sections=(Section(paragraphs=((Inline("What did the ending mean?"),),)),))
    first = await _chat(discord_bot).create_thread(str(FORUM_CHANNEL), "Week 12: Anora", [WEEK], key="k3")
    start = len(discord_fake.requests)
    # A new process (nothing remembered) with the parts of the same thread: the post is reused, the reply added.
    again = await _chat(discord_bot).create_thread(str(FORUM_CHANNEL), "Week 12: Anora", [WEEK, prompts], key="k3")
    assert again == first
    later = discord_fake.requests[start:]
    assert [r.path for r in later if r.method == "POST"] == [f"/channels/{first.thread_id}/messages"]
    assert any(r.method == "GET" and r.path.endswith("/threads/active") for r in later)
    # Archived meanwhile (a day without activity): found among the forum's archived posts, nothing posted.
    discord_fake.archive(int(first.thread_id or 0))
    start = len(discord_fake.requests)
    third = await _chat(discord_bot).create_thread(str(FORUM_CHANNEL), "Week 12: Anora", [WEEK, prompts], key="k3")
    assert third == first and not [r for r in discord_fake.requests[start:] if r.method == "POST"]
    # Another title is another post.
    other = await _chat(discord_bot).create_thread(str(FORUM_CHANNEL), "Week 13: Anora", [WEEK], key="k4")
    assert other.thread_id != first.thread_id
    posts = [c for c in discord_fake.channels.values() if c.get("parent_id") == str(FORUM_CHANNEL)]
    assert len(posts) == 2
    check_all(discord_fake.requests)
    for request in discord_fake.requests:
        if request.method == "GET" and "/threads/" in request.path:
            check_response(request.method, request.path, _answer(discord_fake, request.path))


async def test_a_poll_in_a_thread_is_found_again_after_the_nonce_window(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    thread = await _chat(discord_bot).create_thread(str(FORUM_CHANNEL), "Week 14: Anora", [WEEK], key="k5:thread")
    poll = Message("Poll · Anora", poll=PollSpec("Who had the best arc?", ("Ani", "Igor")))
    sent = await _chat(discord_bot).send(str(FORUM_CHANNEL), poll, thread=thread, key="k5:poll")
    discord_fake.nonces.clear()  # a restart minutes later: Discord no longer knows the nonce
    again = _chat(discord_bot)
    assert await again.find_post(str(FORUM_CHANNEL), "k5:poll", thread=thread) == sent
    assert await again.find_post(str(FORUM_CHANNEL), "k5:recap", thread=thread) is None  # no recap yet


async def test_a_recap_in_a_thread_is_found_again_after_the_nonce_window(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    thread = await _chat(discord_bot).create_thread(str(TEXT_CHANNEL), "Week 15: Anora", [WEEK], key="k6:thread")
    poll = Message("Poll · Anora", poll=PollSpec("Who had the best arc?", ("Ani", "Igor")))
    await _chat(discord_bot).send(str(TEXT_CHANNEL), poll, thread=thread, key="k6:poll")
    recap = Message("Results · Anora", (Section(paragraphs=((Inline("Ani won."),),)),))
    sent = await _chat(discord_bot).send(str(TEXT_CHANNEL), recap, thread=thread, key="k6:recap")
    discord_fake.nonces.clear()  # a restart minutes later: Discord no longer knows the nonce
    assert await _chat(discord_bot).find_post(str(TEXT_CHANNEL), "k6:recap", thread=thread) == sent
    check_all(discord_fake.requests)


def _answer(fake: FakeDiscord, path: str) -> object:
    result = route(fake, "GET", path.strip("/").split("/"), None)
    assert result is not None and result[0] == 200, result
    return result[1]


async def test_close_poll_ends_the_native_poll_and_tallies_it(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    chat = _chat(discord_bot)
    poll = Message("Poll · Anora", poll=PollSpec("Who had the best arc?", ("Ani", "Igor", "Vanya")))
    ref = await chat.send(str(TEXT_CHANNEL), poll)
    sent = [r for r in discord_fake.requests if r.method == "POST"][-1]
    assert sent.json["poll"]["duration"] == 48
    discord_fake.votes[int(ref.message_id)] = [3, 5, 1]
    tally = await chat.close_poll(ref)
    assert discord_fake.requests[-1].path == f"/channels/{TEXT_CHANNEL}/polls/{ref.message_id}/expire"
    assert (tally.options, tally.counts, tally.voters) == (("Ani", "Igor", "Vanya"), (3, 5, 1), 9)
    check_all(discord_fake.requests)


async def test_check_channel_explains_what_is_wrong(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    chat = _chat(discord_bot)
    discord_fake.add_channel(8803, 4, "a category")
    assert await chat.check_channel(str(TEXT_CHANNEL)) is None
    assert "neither a text channel nor a forum" in (await chat.check_channel("8803") or "")
    assert "can't find channel" in (await chat.check_channel("8899") or "")
