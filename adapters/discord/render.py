"""The core's Message as Discord message drafts that fit every Discord limit (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from discord.utils import escape_markdown

from bot.models import Button, Message, Para, PollSpec

CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
EMBED_TOTAL_MAX = 6000
EMBEDS_MAX = 10
FOOTER_MAX = 2048
THREAD_NAME_MAX = 100
CHOICE_NAME_MAX = 100
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
POLL_QUESTION_MAX = 300
POLL_ANSWER_MAX = 55
POLL_ANSWERS_MAX = 10
POLL_HOURS_MIN, POLL_HOURS_MAX = 1, 768  # Discord: 1 hour to 32 days
COLOUR, ERROR_COLOUR = 0x5865F2, 0xED4245
RENDERED = 256  # distinct messages whose drafts are kept
_CONT = " (cont.)"
_MENTION = re.compile(r"@(everyone|here)\b|<(@[!&]?)(\d+)>")
_ZWSP = "\u200b"


@dataclass(frozen=True)
class Draft:
    """One Discord message to send: content or one embed, and a poll or buttons."""

    content: str | None = None
    embed: dict[str, Any] | None = None
    poll: PollSpec | None = None
    buttons: tuple[Button, ...] = ()
    ephemeral: bool = False


def escape_mentions(text: str) -> str:
    """`@everyone`, `@here`, `<@id>`, `<@!id>` and `<@&role>` shown as typed, never as mentions."""
    # allowed_mentions already stops every ping; this also stops them rendering as mentions.
    return _MENTION.sub(lambda m: f"@{_ZWSP}{m[1]}" if m[1] else f"<{m[2]}{_ZWSP}{m[3]}>", text)


def escape(text: str) -> str:
    """Text as Discord shows it literally: Markdown and mentions escaped."""
    return escape_mentions(escape_markdown(text))


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, with an ellipsis when something was cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cut(text: str, limit: int) -> int:
    # Never cut between a backslash and the character it escapes.
    cut = limit
    while cut > 1 and (len(text[:cut]) - len(text[:cut].rstrip("\\"))) % 2:
        cut -= 1
    return cut


def _pieces(escaped: str, limit: int) -> Iterator[str]:
    """Words (with their trailing space) of escaped text; a word over `limit` is cut up."""
    for word in escaped.split(" "):
        while len(word) > limit:
            cut = _cut(word, limit)
            yield word[:cut]
            word = word[cut:]
        yield word + " "


def para_lines(para: Para, limit: int, prefix: str = "") -> list[str]:
    """A paragraph as escaped Markdown lines of at most `limit` characters; spoilers in ||…||."""
    lines: list[str] = []
    line = prefix
    for run in para:
        mark = "||" if run.spoiler else ""
        span = ""
        for piece in _pieces(escape(" ".join(run.text.split())), limit - len(prefix) - 4):
            if len(line) + len(span) + len(piece.rstrip()) + 2 * len(mark) > limit:
                line += f"{mark}{span.rstrip()}{mark}" if span.strip() else span
                lines.append(line.rstrip())
                line, span = prefix, ""
            span += piece
        if span.strip():
            line += f"{mark}{span.rstrip()}{mark} " if mark else span
    if line.strip():
        lines.append(line.rstrip())
    return lines


def message_lines(message: Message, limit: int) -> list[str]:
    """Every line of a message body: bold section titles, paragraphs, then bullets."""
    lines: list[str] = []
    for section in message.sections:
        if lines:
            lines.append("")
        if section.title:
            lines.append(f"**{clip(escape(section.title), limit - 4)}**")
        for para in section.paragraphs:
            lines += para_lines(para, limit)
        for bullet in section.bullets:
            lines += para_lines(bullet, limit, "• ")
    return lines


def _is_heading(line: str) -> bool:
    return line.startswith("**") and line.endswith("**")


def pack(lines: Sequence[str], limit: int) -> list[str]:
    """Lines joined into as few chunks of at most `limit` characters; a heading stays with its text."""
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        current = chunks[-1]
        if current and size + 1 + len(line) > limit:
            carried = [current.pop()] if len(current) > 1 and _is_heading(current[-1]) else []
            if carried and len(carried[0]) + 1 + len(line) > limit:
                current.append(carried.pop())
            chunks.append(carried)
            current, size = chunks[-1], len("\n".join(carried))
        size += len(line) + (1 if current else 0)
        current.append(line)
    texts = ["\n".join(c).strip("\n") for c in chunks]
    return [t for t in texts if t.strip()]


def _embed(title: str, description: str, colour: int, footer: str | None) -> dict[str, Any]:
    embed: dict[str, Any] = {"type": "rich", "title": title, "color": colour}
    if description:
        embed["description"] = description
    if footer:
        embed["footer"] = {"text": footer}
    return embed


def _embeds(message: Message, title: str) -> list[dict[str, Any]]:
    footer = clip(message.footer, FOOTER_MAX) if message.footer else None
    room = EMBED_TOTAL_MAX - len(title) - len(_CONT) - len(footer or "")
    budget = min(DESCRIPTION_MAX, room)
    chunks = pack(message_lines(message, budget), budget) or [""]
    colour = ERROR_COLOUR if message.error else COLOUR
    return [
        _embed(title if i == 0 else title + _CONT, chunk, colour, footer if i == len(chunks) - 1 else None)
        for i, chunk in enumerate(chunks)
    ]


def fit_poll(spec: PollSpec) -> PollSpec:
    """A poll within Discord's lengths: question 300, up to 10 distinct answers of 55."""
    options: list[str] = []
    for option in spec.options:
        text = clip(option, POLL_ANSWER_MAX)
        if text and text not in options:
            options.append(text)
    return replace(spec, question=clip(spec.question, POLL_QUESTION_MAX), options=tuple(options[:POLL_ANSWERS_MAX]))


def poll_hours(hours: int) -> int:
    """A poll duration within Discord's range."""
    return max(POLL_HOURS_MIN, min(POLL_HOURS_MAX, hours))


def drafts(message: Message) -> list[Draft]:
    """One core Message as Discord messages, split so that each one fits; buttons go on the last."""
    poll = fit_poll(message.poll) if message.poll and message.poll.options else None
    title = clip(escape(message.title), TITLE_MAX - len(_CONT)) if message.title else None
    out: list[Draft] = []
    if poll and not message.sections:
        # A poll message carries its heading as content; the question is in the poll itself.
        out.append(Draft(content=f"**{title}**" if title else None, poll=poll, ephemeral=message.ephemeral))
    elif title:
        out += [Draft(embed=e, ephemeral=message.ephemeral) for e in _embeds(message, title)]
    else:
        chunks = pack(message_lines(message, CONTENT_MAX), CONTENT_MAX) or ["…"]
        out += [Draft(content=c, ephemeral=message.ephemeral) for c in chunks]
    if poll and message.sections:
        out.append(Draft(poll=poll, ephemeral=message.ephemeral))
    out[-1] = replace(out[-1], buttons=message.buttons)
    return out


@lru_cache(maxsize=RENDERED)
def _kept_drafts(message: Message) -> tuple[Draft, ...]:
    # Keyed by the Message's value (frozen, hashable): a changed review or wording is another key, never stale.
    # Splitting and escaping are most of a /review's CPU on Discord (docs/performance.md). Drafts are frozen; their
    # embed dicts are shared with each discord.Embed.from_dict made of them, which sends them and never edits them.
    return tuple(drafts(message))


def render_all(messages: Sequence[Message]) -> list[Draft]:
    """Every reply of a command as drafts, in order."""
    return [d for m in messages for d in _kept_drafts(m)]
