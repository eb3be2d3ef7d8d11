"""The interaction guard: well-formed payloads pass, anything else is refused without raising."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord.fake_events import button, command
from adapters.discord.fake_server import FakeDiscord
from adapters.discord.guard import malformed

from .conftest import TEXT_CHANNEL

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(["id", "application_id", "token", "type", "data", "member", "message", "guild_id"])


@settings(max_examples=500, deadline=None)
@given(st.one_of(json_values, st.dictionaries(keys, json_values, max_size=8)))
def test_the_guard_never_raises_on_any_json(payload: Any):
    reason = malformed(payload)
    assert reason is None or isinstance(reason, str)


async def test_what_discord_sends_passes_and_broken_payloads_are_named(discord_fake: FakeDiscord):
    good = command(discord_fake, "review", {"film": "anora"}, channel_id=TEXT_CHANNEL)
    message = discord_fake.message(TEXT_CHANNEL, {"content": "x", "components": []})
    click = button(discord_fake, "filmclub:trivia:anora-2024", message, channel_id=TEXT_CHANNEL)
    assert malformed(good) is None and malformed(click) is None
    assert malformed(good | {"type": "2"}) == "no known type"
    assert malformed(good | {"token": None}) == "no id, application id or token"
    assert malformed(good | {"channel_id": []}) == "a bad guild or channel id"
    assert malformed(good | {"member": {"user": {"id": "x"}}}) == "a bad member"
    assert malformed(good | {"data": {"name": "review", "options": [{"name": 3}]}}) == "bad data for its type"
    assert malformed(click | {"message": {"id": "1"}}) == "bad data for its type"  # no components
    assert malformed([good]) == "not an object"
