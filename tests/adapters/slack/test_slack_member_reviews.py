"""/myreview on Slack through bolt against the fake: the slash command opens a modal with views.open (checked
against Slack's Web API spec), and the signed view_submission stores the review once or keeps the modal open
with the problem under its field (issue 13)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from slack_fakes import check_calls, post, spec_parameters, submission_body
from slack_harness import Harness
from slack_sdk.models.views import View

GOOD = {"rating": {"type": "plain_text_input", "value": "2"}, "text": {"type": "plain_text_input", "value": "Hollow."}}


def _rows(slack: Harness) -> list[tuple[Any, ...]]:
    with sqlite3.connect(slack.core.settings.database) as raw:
        return raw.execute(
            "SELECT member_name, body, rating, spoilers FROM reviews WHERE member_id IS NOT NULL"
        ).fetchall()


async def _opened(slack: Harness, user: str = "U1") -> dict[str, Any]:
    status, body = await slack.command("/myreview", "anora", user=user)
    assert status == 200 and body == "", body
    opened = slack.fake.made("views.open")[-1]
    view: dict[str, Any] = opened["view"]
    return view


async def test_myreview_opens_a_modal_with_the_commands_trigger(slack: Harness) -> None:
    view = await _opened(slack)
    (call,) = [c for c in slack.fake.calls if c.method == "views.open"]
    assert call.args["trigger_id"].startswith("13345224609.")
    assert {"trigger_id", "view"} <= spec_parameters()["views.open"]
    View(**view).validate_json()  # slack_sdk's own Block Kit limits, as for every message
    assert [b.get("block_id") for b in view["blocks"][1:]] == ["rating", "text", "spoilers"]
    assert json.loads(view["private_metadata"]) == {"command": "myreview", "film": "film:anora-2024", "channel": "C1"}
    check_calls(slack.fake.calls)


async def test_a_signed_submission_is_stored_once_and_shown_to_the_member(slack: Harness) -> None:
    view = await _opened(slack)
    values = GOOD | {"spoilers": {"type": "checkboxes", "selected_options": [{"value": "yes"}]}}
    for _ in range(2):  # a double click submits twice
        status, body = await post(slack.http, slack.url, submission_body(view, values, name="Ben"))
        assert status == 200
    ack = json.loads(body)
    assert ack["response_action"] == "update" and "already stored" in json.dumps(ack)
    View(**ack["view"]).validate_json()
    assert _rows(slack) == [("Ben", "Hollow.", 2.0, 1)]


async def test_a_bad_submission_keeps_the_modal_open_with_the_problem_under_its_field(slack: Harness) -> None:
    view = await _opened(slack)
    bad_rating = GOOD | {"rating": {"type": "plain_text_input", "value": "9"}}
    status, body = await post(slack.http, slack.url, submission_body(view, bad_rating))
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    assert "from 0.5 to 5" in json.loads(body)["errors"]["rating"]
    empty = GOOD | {"text": {"type": "plain_text_input", "value": "  "}}
    errors = json.loads((await post(slack.http, slack.url, submission_body(view, empty)))[1])["errors"]
    assert "Your review is empty" in errors["text"]
    assert _rows(slack) == []


async def test_an_unsigned_submission_is_refused(slack: Harness) -> None:
    view = await _opened(slack)
    status, _ = await post(slack.http, slack.url, submission_body(view, GOOD), headers={})
    assert status == 401 and _rows(slack) == []


async def test_review_shows_what_the_club_thinks_from_two_submissions(slack: Harness) -> None:
    for user, name, rating, text in [
        ("U1", "Ana", "5", "The ending felt moving."),
        ("U2", "Ben", "1", "The ending felt hollow."),
    ]:
        view = await _opened(slack, user)
        values = {
            "rating": {"type": "plain_text_input", "value": rating},
            "text": {"type": "plain_text_input", "value": text},
        }
        assert (await post(slack.http, slack.url, submission_body(view, values, user=user, name=name)))[0] == 200
    status, body = await slack.command("/review", "anora", user="U2")
    await slack.adapter.drain()
    shown = body + json.dumps([b for _, b in slack.fake.responses], ensure_ascii=False)
    assert status == 200 and "What the club thinks" in shown
    assert "Ana found the ending strong" in shown and "Ben found it weak" in shown
    check_calls(slack.fake.calls)


async def test_a_members_text_and_name_never_ping(slack: Harness) -> None:
    # The session's mention check (conftest.py) scans every ack, response and call for a ping made from content.
    view = await _opened(slack)
    loud = {"text": {"type": "plain_text_input", "value": "<!channel> <@U2> this is great!"}}
    await post(slack.http, slack.url, submission_body(view, loud, name="<!here>"))
    status, body = await slack.command("/reviews", "anora")
    await slack.adapter.drain()
    assert status == 200 and "&lt;!here&gt; — this is great!" in json.loads(body)["blocks"][2]["text"]["text"]
