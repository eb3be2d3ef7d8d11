"""/myreview through discord.py against the fake: the modal it opens (checked against Discord's OpenAPI), and
MODAL_SUBMIT interactions answered privately, stored once, refused whole when bad (issue 13)."""

from __future__ import annotations

import sqlite3

from adapters.discord.client import FilmClubBot
from adapters.discord.fake_events import command, member, modal_submit
from adapters.discord.fake_server import FakeDiscord, Request

from .conftest import TEXT_CHANNEL
from .helpers import interact
from .spec import check_all

EPHEMERAL = 64
ANORA_FORM = "filmclub:form:myreview:film:anora-2024"


def _member_rows(bot: FilmClubBot) -> list[tuple[str, str, float | None]]:
    with sqlite3.connect(bot.app.settings.database) as raw:
        query = "SELECT member_name, body, rating FROM reviews WHERE member_id IS NOT NULL ORDER BY id"
        return raw.execute(query).fetchall()


def _reply(sent: list[Request]) -> dict[str, object]:
    (callback,) = [r for r in sent if r.path.endswith("/callback")]
    assert callback.json["type"] == 4
    data: dict[str, object] = callback.json["data"]
    return data


async def _submit(bot: FilmClubBot, fake: FakeDiscord, values: dict[str, str], user: int = 4401) -> list[Request]:
    payload = modal_submit(fake, ANORA_FORM, values, channel_id=TEXT_CHANNEL, who=member(user))
    return await interact(bot, fake, payload)


async def test_myreview_opens_a_modal_that_matches_the_spec(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "myreview", {"film": "anora-2024"}, channel_id=TEXT_CHANNEL)
    )
    (callback,) = sent
    assert callback.json["type"] == 9
    modal = callback.json["data"]
    assert modal["custom_id"] == ANORA_FORM and modal["title"] == "Your review of Anora (2024)"
    inputs = [c for row in modal["components"] for c in row["components"]]
    assert [i["custom_id"] for i in inputs] == ["rating", "text", "spoilers"]
    assert next(i for i in inputs if i["custom_id"] == "text")["max_length"] == 4000
    assert check_all(sent) == 1


async def test_a_submitted_modal_is_stored_once_and_acknowledged_privately(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    values = {"rating": "4.5", "text": "The ending felt earned and moving.", "spoilers": "no"}
    first = await _submit(discord_bot, discord_fake, values)
    data = _reply(first)
    assert data["flags"] == EPHEMERAL and data["allowed_mentions"] == {"parse": []}
    assert "Stored your review of Anora (2024) (rated 4.5/5)" in str(data)
    again = await _submit(discord_bot, discord_fake, values)  # a double click
    assert "already stored" in str(_reply(again))
    assert _member_rows(discord_bot) == [("member4401", "The ending felt earned and moving.", 4.5)]
    check_all(first + again)


async def test_a_bad_modal_gets_a_private_message_and_stores_nothing(
    discord_bot: FilmClubBot, discord_fake: FakeDiscord
):
    for values, says in [
        ({"rating": "lots", "text": "Fine.", "spoilers": "no"}, "is not a rating"),
        ({"rating": "4", "text": "   ", "spoilers": "no"}, "Your review is empty"),
        ({"rating": "4", "text": "x" * 4001, "spoilers": "no"}, "may be at most 4,000"),
    ]:
        sent = await _submit(discord_bot, discord_fake, values)
        data = _reply(sent)
        assert data["flags"] == EPHEMERAL and says in str(data)
        check_all(sent)
    gone = modal_submit(
        discord_fake, "filmclub:form:myreview:film:gone-1999", {"text": "Mine."}, channel_id=TEXT_CHANNEL
    )
    assert "no longer stored" in str(_reply(await interact(discord_bot, discord_fake, gone)))
    assert _member_rows(discord_bot) == []


async def test_review_shows_what_the_club_thinks_from_two_modals(discord_bot: FilmClubBot, discord_fake: FakeDiscord):
    await _submit(discord_bot, discord_fake, {"rating": "5", "text": "The ending felt moving.", "spoilers": "no"})
    await _submit(discord_bot, discord_fake, {"rating": "1", "text": "The ending felt hollow.", "spoilers": "no"}, 4402)
    sent = await interact(
        discord_bot, discord_fake, command(discord_fake, "review", {"film": "anora-2024"}, channel_id=TEXT_CHANNEL)
    )
    shown = "\n".join(e["description"] for e in _reply(sent)["embeds"])  # type: ignore[attr-defined]
    club = shown[shown.index("**What the club thinks**") :]
    assert "2 member reviews · average rating 3/5 (2 rated)" in club
    assert "member4401 found the ending strong" in club and "member4402 found it weak" in club
    check_all(sent)
