"""Core Messages as Block Kit (slack_sdk.models.blocks), escaped for mrkdwn and split to fit every limit."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.models import Button, Message, Para, Section

SECTION_TEXT = 3000
HEADER_TEXT = 150
BLOCKS_PER_MESSAGE = 50
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTION_ID = 255
BUTTONS_PER_ACTIONS = 25
FALLBACK_TEXT = 300  # the notification line; the blocks carry the content
HIDDEN = "▒▒▒▒▒"
SHOW_SPOILERS = "Show spoilers"
_MENTION_START = re.compile(r"<(?=[!@#])")


def escape(text: str) -> str:
    """Text from reviews and members, safe in mrkdwn: no <!channel>, <!here> or <@U…> can form."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def defuse(text: str) -> str:
    """Plain text that can never form <!channel> or <@U…>: a word joiner (invisible) after each such `<`."""
    return _MENTION_START.sub("<\u2060", text)


def trim(text: str, limit: int) -> str:
    """Plain text cut to `limit` characters with an ellipsis (titles and labels only; content is split)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split(text: str, limit: int) -> list[str]:
    """Escaped mrkdwn in pieces of at most `limit` characters, cut at a line, else a space, never in an entity."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        cut = cut if cut > 0 else text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            amp = text.rfind("&", limit - 5, limit)  # an entity is at most 5 characters: &amp;
            cut = amp if amp > 0 and ";" not in text[amp:limit] else limit
        pieces.append(text[:cut].rstrip("\n "))  # only what we cut at: str.rstrip() also eats \x1f and the like
        text = text[cut:].lstrip("\n ")
    return [*pieces, text] if text else pieces


def para_text(para: Para, reveal: bool = False) -> str:
    """One paragraph as escaped mrkdwn, spoiler runs hidden unless `reveal`."""
    return "".join(escape(run.text) if reveal or not run.spoiler else HIDDEN for run in para)


@dataclass(frozen=True)
class SlackMessage:
    """One Slack message: notification text and at most 50 blocks."""

    text: str
    blocks: tuple[Block, ...]

    def payload(self) -> dict[str, Any]:
        """The `text` and `blocks` arguments of chat.postMessage, an ack or a response_url."""
        return {"text": self.text, "blocks": [b.to_dict() for b in self.blocks]}


def section_blocks(section: Section, ids: Iterator[int], reveal: bool = False) -> list[Block]:
    """A core Section: its text in sections of ≤3,000 characters, then a "Show spoilers" button if it hides any."""
    lines = [f"*{escape(section.title)}*"] if section.title else []
    lines += [para_text(p, reveal) for p in section.paragraphs]
    lines += [f"• {para_text(b, reveal)}" for b in section.bullets]
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=t)) for t in split("\n".join(lines), SECTION_TEXT)]
    hidden = [p for p in (*section.paragraphs, *section.bullets) if any(r.spoiler for r in p)]
    if hidden and not reveal:
        # The hidden lines themselves ride in the button: revealing needs no state and no second lookup.
        revealed = "\n".join("".join(r.text for r in p) for p in hidden)
        values = [revealed[i : i + BUTTON_VALUE] for i in range(0, len(revealed), BUTTON_VALUE)]
        labels = [SHOW_SPOILERS] if len(values) == 1 else [f"{SHOW_SPOILERS} ({n})" for n in range(1, len(values) + 1)]
        buttons = [
            ButtonElement(text=t, action_id=f"spoilers:{next(ids)}", value=v)
            for t, v in zip(labels, values, strict=True)
        ]
        blocks += actions(buttons)
    return blocks


def actions(buttons: list[ButtonElement]) -> list[Block]:
    """Buttons in actions blocks of at most 25."""
    return [
        ActionsBlock(elements=buttons[i : i + BUTTONS_PER_ACTIONS]) for i in range(0, len(buttons), BUTTONS_PER_ACTIONS)
    ]


def command_button(button: Button, n: int) -> ButtonElement:
    """A button that runs a command line (`prompts anora-2024`) for whoever clicks it."""
    line = f"{button.command} {button.argument}".strip()
    return ButtonElement(
        text=trim(defuse(button.label), BUTTON_TEXT), action_id=f"command:{n}", value=line[:BUTTON_VALUE]
    )


def header(title: str) -> HeaderBlock:
    """A header block: plain text, defused so that no client or reader could take it for a mention."""
    return HeaderBlock(text=PlainTextObject(text=trim(defuse(title), HEADER_TEXT)))


def fallback(message: Message) -> str:
    """The notification text: the title, else the start of the first section (spoilers hidden)."""
    first = next((p for s in message.sections for p in (*s.paragraphs, *s.bullets)), None)
    text = escape(message.title) if message.title else para_text(first) if first else "filmclub"
    return split(text, FALLBACK_TEXT)[0] if text else "filmclub"


def render(message: Message, reveal: bool = False) -> list[SlackMessage]:
    """A core Message (without its poll) as Slack messages of at most 50 blocks each."""
    ids = itertools.count()
    blocks: list[Block] = [header(message.title)] if message.title else []
    for section in message.sections:
        blocks += section_blocks(section, ids, reveal)
    blocks += actions([command_button(b, n) for n, b in enumerate(message.buttons)])
    if message.footer:
        blocks += [
            ContextBlock(elements=[MarkdownTextObject(text=t)]) for t in split(escape(message.footer), SECTION_TEXT)
        ]
    return pack(fallback(message), blocks)


def pack(text: str, blocks: list[Block]) -> list[SlackMessage]:
    """Blocks in messages of at most 50; every message keeps the notification text."""
    groups = [tuple(blocks[i : i + BLOCKS_PER_MESSAGE]) for i in range(0, len(blocks), BLOCKS_PER_MESSAGE)]
    return [SlackMessage(text, group) for group in groups] or [SlackMessage(text, ())]
