"""Block Kit rendering: every limit kept by splitting (never rejected), mrkdwn escaped, spoilers hidden."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from slack_fakes import check_blocks

from adapters.slack.blocks import escape, render, split
from adapters.slack.poll_blocks import parse_vote, poll_message
from bot.models import Button, Inline, Message, PollSpec, PollTally, Section
from bot.polls import Poll


def _payloads(message: Message) -> list[dict]:
    parts = [p.payload() for p in render(message)]
    for part in parts:
        check_blocks(part["blocks"])
    return parts


def test_long_content_is_split_into_valid_sections_and_messages() -> None:
    bullets = tuple((Inline(f"Point {n}: " + "word " * 150),) for n in range(250))
    long = Message("T" * 400, (Section("Points", bullets=bullets),), footer="x" * 5000)
    parts = _payloads(long)
    assert len(parts) > 1
    assert parts[0]["blocks"][0]["text"]["text"].endswith("…") and len(parts[0]["blocks"][0]["text"]["text"]) == 150
    shown = "".join(b["text"]["text"] for p in parts for b in p["blocks"] if b["type"] == "section")
    assert all(f"Point {n}:" in shown for n in range(250))


def test_one_unbroken_run_longer_than_a_section_is_cut_outside_entities() -> None:
    text = escape("&" * 2000 + "<" * 2000)
    pieces = split(text, 3000)
    assert all(len(p) <= 3000 for p in pieces)
    assert "".join(pieces) == text
    assert all(p.endswith(";") for p in pieces)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=9000), st.integers(min_value=10, max_value=3000))
def test_split_keeps_every_character_within_the_limit(raw: str, limit: int) -> None:
    text = escape(raw)
    pieces = split(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_mentions_in_review_text_are_escaped() -> None:
    message = Message("<!here>", (Section("<!channel>", paragraphs=((Inline("a <@U1> & <!everyone>"),),)),))
    [part] = _payloads(message)
    assert part["text"] == "&lt;!here&gt;"
    section = part["blocks"][1]["text"]["text"]
    assert section == "*&lt;!channel&gt;*\na &lt;@U1&gt; &amp; &lt;!everyone&gt;"


def test_spoilers_are_hidden_behind_a_button_holding_them() -> None:
    para = (Inline("The ending: "), Inline("she leaves", spoiler=True))
    long = tuple((Inline("x" * 900, spoiler=True),) for _ in range(5))
    [part] = _payloads(Message("F", (Section(paragraphs=(para,)), Section(bullets=long))))
    text = str(part["blocks"])
    assert "she leaves" not in "".join(b["text"]["text"] for b in part["blocks"] if b["type"] == "section")
    buttons = [e for b in part["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons[0]["value"] == "The ending: she leaves" and buttons[0]["text"]["text"] == "Show spoilers"
    assert [b["text"]["text"] for b in buttons[1:]] == ["Show spoilers (1)", "Show spoilers (2)", "Show spoilers (3)"]
    assert len({b["action_id"] for b in buttons}) == len(buttons)
    assert "▒" in text


def test_command_buttons_carry_their_command_line() -> None:
    [part] = _payloads(Message("F", buttons=(Button("More prompts " * 10, "prompts", "anora-2024"),)))
    [button] = part["blocks"][1]["elements"]
    assert button["value"] == "prompts anora-2024" and len(button["text"]["text"]) <= 75


def test_poll_messages_show_buttons_while_open_and_results_once_closed() -> None:
    spec = PollSpec("Best <!channel> scene?", tuple(f"Option {n} " + "o" * 90 for n in range(10)))
    poll = Poll(7, "T1", "C1", spec, "Poll · Anora", "1.2", datetime(2025, 3, 9, 18, tzinfo=UTC))
    tally = PollTally(spec.options, tuple(range(10)), 45)
    [open_] = [p.payload() for p in poll_message(poll, tally)]
    check_blocks(open_["blocks"])
    buttons = [e for b in open_["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [parse_vote(b["value"]) for b in buttons] == [(7, n) for n in range(10)]
    assert "<!channel>" not in str(open_) and "<!date^" in str(open_["blocks"][-1])
    [closed] = [p.payload() for p in poll_message(poll, tally, closed=True)]
    check_blocks(closed["blocks"])
    assert not [b for b in closed["blocks"] if b["type"] == "actions"] and "Final results" in str(closed)
    assert parse_vote("x:1") is None
