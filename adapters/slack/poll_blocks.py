"""A stored poll as Block Kit: one button per option while it is open, the tally always, final results once closed."""

from __future__ import annotations

import re

from slack_sdk.models.blocks import Block, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from adapters.slack.blocks import (
    BUTTON_TEXT,
    SECTION_TEXT,
    SlackMessage,
    actions,
    defuse,
    escape,
    header,
    pack,
    split,
    trim,
)
from bot.models import PollTally
from bot.polls import Poll

BAR = 10
VOTE_VALUE = re.compile(r"([0-9]{1,18}):([0-9]{1,3})")


def vote_value(poll_id: int, option: int) -> str:
    """The value of a vote button: which poll and which option."""
    return f"{poll_id}:{option}"


def parse_vote(value: str) -> tuple[int, int] | None:
    """The poll id and option of a vote button's value; None if it is not one (ASCII digits that fit SQLite)."""
    found = VOTE_VALUE.fullmatch(value)
    return (int(found[1]), int(found[2])) if found else None


def _bar(count: int, total: int) -> str:
    filled = round(BAR * count / total) if total else 0
    return "█" * filled + "░" * (BAR - filled)


def tally_lines(tally: PollTally) -> str:
    """One line per option: its bar and count, escaped."""
    total = sum(tally.counts)
    return "\n".join(
        f"*{escape(option)}*\n`{_bar(count, total)}` {count} vote{'s' * (count != 1)}"
        for option, count in zip(tally.options, tally.counts, strict=True)
    )


def _status(poll: Poll, tally: PollTally, closed: bool) -> str:
    voters = f"{tally.voters} member{'s' * (tally.voters != 1)} voted"
    if closed:
        return f"*Final results* · {voters}"
    if poll.closes_at is None:
        return voters
    # Slack shows the closing time in each reader's own time zone; the fallback is UTC.
    stamp = int(poll.closes_at.timestamp())
    when = poll.closes_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"{voters} · closes <!date^{stamp}^{{date_short_pretty}} at {{time}}|{when}>"


def poll_message(poll: Poll, tally: PollTally, closed: bool = False) -> list[SlackMessage]:
    """The poll's message: title, question, tally, and vote buttons unless closed."""
    question = f":bar_chart: *{escape(poll.spec.question)}*"
    if poll.spec.multiple and not closed:
        question += "\n_Choose as many as you like; click again to take a vote back._"
    blocks: list[Block] = [header(poll.title)] if poll.title else []
    blocks += [SectionBlock(text=MarkdownTextObject(text=t)) for t in split(question, SECTION_TEXT)]
    blocks += [SectionBlock(text=MarkdownTextObject(text=t)) for t in split(tally_lines(tally), SECTION_TEXT)]
    if not closed:
        buttons = [
            ButtonElement(text=trim(defuse(option), BUTTON_TEXT), action_id=f"vote:{n}", value=vote_value(poll.id, n))
            for n, option in enumerate(poll.spec.options)
        ]
        blocks += actions(buttons)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_status(poll, tally, closed))]))
    text = f"Poll: {escape(poll.spec.question)}"
    return pack(split(text, 300)[0], blocks)
