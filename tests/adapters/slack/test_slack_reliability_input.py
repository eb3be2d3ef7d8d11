"""Bad input, mentions, isolation and authority, each through real signed requests to the served app."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from slack_fakes import FakeSlack, click_body, click_payload, command_body, command_fields, pings, post, sign
from slack_harness import Harness, buttons, dumps, harness, with_poll

from adapters.slack.guard import UNREADABLE, WINDOW, Replays
from bot.commands import REGISTRY
from bot.config import Settings
from bot.models import PollSpec, PostRef
from bot.render import moderators_only
from tests.conftest import review_file

LOUD = "<!channel> <!here> <!everyone> @everyone @here <@U123> <!subteam^S123> <#C123> &"
EXAMPLES = hsettings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


# --- bad input -----------------------------------------------------------------------------------------------

NASTY = st.sampled_from(
    ["", " ", "anora", "x" * 10_000, "\u200b\u200banora\u200d", "\u202eaנורה\u202c", "*bold* _it_ ~s~ `c` ```b```",
     "<https://evil|anora>", LOUD, "\x00\x01", "anora prompts", "anora nonsense-section", "🎬" * 500]
)  # fmt: skip
TEXT = st.one_of(NASTY, st.text(max_size=300), st.text(alphabet="<>!@#&*_~`|^ ", max_size=50))
COMMANDS = st.sampled_from([*sorted(f"/{n}" for n in REGISTRY), "/nope", "/review"])
FIELDS = ("team_id", "user_id", "text", "channel_id", "response_url")


@st.composite
def command_forms(draw: st.DrawFn) -> dict[str, str]:
    """Slash-command forms with fields missing or odd."""
    form = command_fields(FakeSlack(port=1), draw(COMMANDS), draw(TEXT), draw(st.sampled_from(["U1", "U2", ""])))
    for name in draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=3)):
        del form[name]
    return form


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def click_forms(draw: st.DrawFn) -> str:
    """block_actions bodies: junk JSON, wrong types where Slack sends objects, votes for unknown polls or options."""
    kind = draw(st.sampled_from(["junk", "wrong-types", "bad-vote"]))
    if kind == "junk":
        return urlencode({"payload": draw(st.text(max_size=80) | st.sampled_from(["{", "[]", "null", "1", '"x"']))})
    payload = click_payload(FakeSlack(port=1), "vote:0", "1:9")  # poll 1 has options 0-2
    if kind == "wrong-types":
        for name in draw(st.lists(st.sampled_from(["user", "team", "actions", "channel", "container"]), min_size=1)):
            payload[name] = draw(JSONISH)
    else:
        value = draw(st.sampled_from(["999:0", "1:7", "1:-1", "1", ":", "x:y", "99999999999999999999999:0", "١:0"]))
        payload["actions"][0] |= {"value": draw(st.one_of(st.just(value), JSONISH))}
    return urlencode({"payload": json.dumps(payload)})


def _clean(status: int, body: str) -> None:
    """A clean answer: 200 (an ack, maybe with a message) or a 4xx, and never a trace."""
    assert status == 200 or 400 <= status < 500, (status, body[:300])
    assert "Traceback" not in body and 'File "' not in body
    if status == 200 and body:
        ack = json.loads(body)
        assert ack.get("response_type") in ("ephemeral", "in_channel") and ack.get("text")


@given(form=command_forms())
@EXAMPLES
async def test_any_slash_command_form_gets_a_clean_answer(slack: Harness, form: dict[str, str]) -> None:
    if "response_url" in form:
        form["response_url"] = slack.fake.response_url("cmd-any")
    status, body = await post(slack.http, slack.url, urlencode(form))
    _clean(status, body)
    if {"team_id", "user_id", "channel_id"} - set(form):
        assert status == 200 and json.loads(body)["response_type"] == "ephemeral"


@given(body=click_forms())
@EXAMPLES
async def test_any_click_gets_a_clean_answer_and_stores_nothing(slack: Harness, body: str) -> None:
    if not slack.fake.history:
        await slack.post_poll()  # poll 1, options 0-2
    body = body.replace("127.0.0.1%3A1%2F", f"127.0.0.1%3A{slack.fake.port}%2F")  # refusals reach the fake
    status, answer = await post(slack.http, slack.url, body)
    _clean(status, answer)
    await slack.adapter.drain()
    assert await slack.votes() == []


async def test_an_unreadable_request_is_refused_cleanly_and_unsigned_junk_is_401(slack: Harness) -> None:
    body = "payload=%7Bnot-json"
    assert await post(slack.http, slack.url, body) == (400, UNREADABLE)
    assert (await post(slack.http, slack.url, body, sign(body, secret="wrong")))[0] == 401
    assert slack.fake.calls == []


# --- mentions ------------------------------------------------------------------------------------------------


async def test_mentions_in_reviews_titles_options_and_input_ping_nobody(
    settings: Settings, fake: FakeSlack, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    title = "Loud <!channel> <@U123> @everyone <!subteam^S123>"
    review_file(seeds, "loud.md", title, "2021", f"{LOUD} is loud. Is it a classic? {LOUD}.")
    async for slack in harness(replace(settings, seeds=seeds), fake):
        bodies: list[Any] = []
        for text in ("loud", f"{LOUD} prompts", LOUD):
            bodies.append((await slack.command("/review", text))[1])
            bodies.append((await slack.command("/films", text))[1])
        spec = PollSpec(f"{LOUD}?", (f"A {LOUD}", "B <@U1>", "<!here>"))
        ts, blocks = await slack.post_poll(spec, film=title)
        for n, button in enumerate(buttons(blocks)):
            await slack.click(button["action_id"], button["value"], f"U{n}", ts)
        await slack.adapter.drain()
        await slack.adapter.chat.close_poll(PostRef("C1", ts))
        bodies += [c.args for c in fake.calls] + [b for _, b in fake.responses]
        assert [p for body in bodies for p in pings(body)] == []
        seen = dumps(bodies)
        assert "&lt;!channel&gt;" in seen and "&lt;@U123&gt;" in seen and "&lt;#C123&gt;" in seen
        assert "&lt;!subteam^S123&gt;" in seen and "<\u2060!here>" in seen  # plain text: defused, not escaped
        assert all("link_names" not in c.args for c in fake.calls)


# --- isolation -----------------------------------------------------------------------------------------------


async def test_a_vote_from_another_workspace_is_refused_and_stores_nothing(slack: Harness) -> None:
    ts, blocks = await slack.post_poll()
    first = buttons(blocks)[0]
    assert (await slack.click(first["action_id"], first["value"], "U9", ts, team="T2"))[0] == 200
    await slack.adapter.drain()
    assert await slack.votes() == []
    key, said = slack.fake.responses[-1]
    assert key == "click-U9" and said["response_type"] == "ephemeral" and "no longer exists" in said["text"]
    assert slack.fake.made("chat.update") == []
    await slack.click(first["action_id"], first["value"], "U9", ts, team="T1")
    assert await slack.votes() == [(1, "U9", 0)]


async def test_a_club_only_review_is_not_visible_from_another_workspace(slack: Harness, tmp_path: Path) -> None:
    path = review_file(tmp_path, "secret.md", "Club Secret", "2022", "Club Secret is our film. Is it good?")
    report = await slack.core.import_paths([path], club_id="T1")
    assert report.ok
    ours = json.loads((await slack.command("/review", "club secret", team="T1"))[1])
    theirs = json.loads((await slack.command("/review", "club secret", team="T2"))[1])
    assert ours["response_type"] == "in_channel" and "Club Secret" in ours["blocks"][0]["text"]["text"]
    assert theirs["response_type"] == "ephemeral" and "Club Secret" not in dumps(theirs)
    listed = dumps(json.loads((await slack.command("/films", "", team="T2"))[1]))
    assert "Club Secret" not in listed


# --- authority -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n, s in REGISTRY.items() if s.moderator))
async def test_every_moderator_command_is_refused_for_a_member(slack: Harness, name: str) -> None:
    assert {"schedule", "queue"} <= {n for n, s in REGISTRY.items() if s.moderator}
    before = await slack.core.store.fetchone(
        "SELECT (SELECT COUNT(*) FROM schedules) + (SELECT COUNT(*) FROM film_queue)"
    )
    for text in ("", "add anora fridays 19:00 Europe/London", "add anora", "list", "remove 1"):
        status, body = await slack.command(f"/{name}", text, user="U1")
        ack = json.loads(body)
        assert status == 200 and ack["response_type"] == "ephemeral"
        assert ack["text"] == moderators_only(name).sections[0].paragraphs[0][0].text
    after = await slack.core.store.fetchone(
        "SELECT (SELECT COUNT(*) FROM schedules) + (SELECT COUNT(*) FROM film_queue)"
    )
    assert before is not None and after is not None and after[0] == before[0] == 0
    assert json.loads((await slack.command(f"/{name}", "list", user="UADMIN"))[1])["text"] != ack["text"]


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize(
    "signature", ["bad", "missing", "stale", "future", "other body", "word time", "word time only"]
)
async def test_unsigned_or_stale_requests_get_401_and_do_nothing(slack: Harness, signature: str) -> None:
    ts, blocks = await slack.post_poll()
    calls = len(slack.fake.calls)
    first = buttons(blocks)[0]
    for body in (command_body(slack.fake, "/review", "anora"), click_body(slack.fake, "vote:0", first["value"], ts=ts)):
        now = int(time.time())
        headers = {
            "bad": sign(body, secret="wrong"),
            "missing": {"Content-Type": "application/x-www-form-urlencoded"},
            "stale": sign(body, timestamp=now - int(timedelta(minutes=6).total_seconds())),
            "future": sign(body, timestamp=now + 3600 * 24 * 365 * 20),
            "other body": sign(body + "&text=x"),
            "word time": {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00", **FORM},
            "word time only": {"X-Slack-Request-Timestamp": "soon", **FORM},
        }[signature]
        status, answer = await post(slack.http, slack.url, body, headers)
        assert status == 401 and "Traceback" not in answer
    await slack.adapter.drain()
    assert len(slack.fake.calls) == calls and await slack.votes() == []


async def test_a_replayed_signed_request_is_refused_and_does_nothing(slack: Harness) -> None:
    body = command_body(slack.fake, "/poll", "anora")
    headers = sign(body)  # one signature, as captured off the wire
    await with_poll(slack.core)
    assert await post(slack.http, slack.url, body, headers) == (200, "")
    await slack.adapter.drain()
    assert len(slack.fake.made("chat.postMessage")) == 1
    calls = len(slack.fake.calls)
    for _ in range(2):
        assert (await post(slack.http, slack.url, body, headers))[0] == 401
    await slack.adapter.drain()
    assert len(slack.fake.calls) == calls
    again = command_body(slack.fake, "/poll", "anora")  # the member's next /poll: a trigger_id of its own
    assert await post(slack.http, slack.url, again) == (200, "")
    await slack.adapter.drain()
    assert len(slack.fake.made("chat.postMessage")) == 2


async def test_signatures_are_remembered_for_their_window_within_a_bound() -> None:
    now = [1_000_000.0]
    replays = Replays(size=3, now=lambda: now[0])
    assert replays.first_use("v0=a", 1_000_000) and not replays.first_use("v0=a", 1_000_000)
    now[0] += WINDOW - 1
    assert not replays.first_use("v0=a", 1_000_000)
    now[0] += 1  # its timestamp has left the window: bolt refuses it as stale, and it is forgotten
    assert replays.first_use("v0=b", int(now[0])) and len(replays) == 1
    for name in "cdef":
        assert replays.first_use(f"v0={name}", int(now[0]))
    assert len(replays) == 3  # the oldest make room


async def test_a_poll_closes_after_slack_poll_hours(settings: Settings, fake: FakeSlack) -> None:
    async for slack in harness(replace(settings, slack_poll_hours=2), fake):
        ts, _ = await slack.post_poll()
        poll = await slack.adapter.chat.polls.at("C1", ts)
        assert poll is not None and poll.closes_at == slack.clock.at + timedelta(hours=2)
        slack.clock.at += timedelta(hours=2)
        assert await slack.adapter.chat.close_due() == 1


async def test_a_bad_signature_is_logged_without_the_request(slack: Harness, caplog: pytest.LogCaptureFixture) -> None:
    body = command_body(slack.fake, "/review", "anora") + "&token=verification-token-xyz"
    bolt_log = logging.getLogger("slack_bolt.RequestVerification")  # bolt's own logger, which may not propagate
    bolt_log.addHandler(caplog.handler)
    level = bolt_log.level
    try:
        with caplog.at_level(logging.DEBUG):
            bolt_log.setLevel(logging.DEBUG)
            status, _ = await post(slack.http, slack.url, body, sign(body, secret="wrong"))
    finally:
        bolt_log.removeHandler(caplog.handler)
        bolt_log.setLevel(level)
    assert status == 401
    assert "Invalid request signature" in caplog.text
    assert "verification-token-xyz" not in caplog.text and "response_url" not in caplog.text
