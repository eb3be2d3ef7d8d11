"""The console adapter: a chat on the terminal (colour on a TTY, plain text when piped)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
from collections.abc import Sequence
from typing import TextIO

from bot.app import App
from bot.commands import parse_line
from bot.models import Message, Para, PollTally, PostRef

_BOLD, _DIM, _RED, _CYAN, _RESET = "\033[1m", "\033[2m", "\033[31m", "\033[36m", "\033[0m"


def render_text(message: Message, colour: bool = False) -> str:
    """A message as terminal text; spoilers dimmed on a TTY, marked ||like this|| when plain."""

    def style(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    def para(p: Para) -> str:
        return "".join((style(_DIM, r.text) if colour else f"||{r.text}||") if r.spoiler else r.text for r in p)

    lines: list[str] = []
    if message.title:
        lines += [style(_BOLD, message.title), ""]
    for section in message.sections:
        if section.title:
            lines.append(style(_CYAN, section.title))
        lines += [para(p) for p in section.paragraphs]
        lines += [f"  • {para(b)}" for b in section.bullets]
        lines.append("")
    if message.poll:
        lines.append(style(_BOLD, f"📊 {message.poll.question}"))
        lines += [f"  {i}. {opt}" for i, opt in enumerate(message.poll.options, start=1)]
        lines.append("")
    if message.buttons:
        lines += [style(_DIM, "  ".join(f"[{b.label}: /{b.command} {b.argument}]" for b in message.buttons)), ""]
    if message.footer:
        lines += [style(_DIM, message.footer), ""]
    text = "\n".join(lines).rstrip() + "\n"
    return style(_RED, text) if colour and message.error else text


class ConsoleChat:
    """ChatPort on a text stream: threads and polls are printed."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.colour = out.isatty()
        self._ids = itertools.count(1)

    def show(self, messages: Sequence[Message]) -> None:
        """Print replies to the terminal."""
        for message in messages:
            self.out.write(render_text(message, self.colour) + "\n")
        self.out.flush()

    async def send(
        self, channel_id: str, message: Message, *, thread: PostRef | None = None, key: str | None = None
    ) -> PostRef:
        """Print one message."""
        self.show([message])
        return PostRef(channel_id, str(next(self._ids)), thread.thread_id if thread else None)

    async def create_thread(self, channel_id: str, title: str, messages: Sequence[Message], *, key: str) -> PostRef:
        """Print a thread: its title, then its messages."""
        self.out.write(f"🧵 {title}\n\n")
        self.show(messages)
        thread = str(next(self._ids))
        return PostRef(channel_id, thread, thread_id=thread)

    async def find_post(self, channel_id: str, key: str, *, thread: PostRef | None = None) -> PostRef | None:
        """Printed posts cannot be found again."""
        return None

    async def check_channel(self, channel_id: str) -> str | None:
        """Every console channel is the terminal."""
        return None

    async def close_poll(self, ref: PostRef) -> PollTally:
        """Console polls take no votes: an empty tally."""
        return PollTally((), (), 0)


def read_lines(stdin: TextIO) -> asyncio.Queue[str]:
    """The lines of `stdin` as they come ("" at end of input), read on a daemon thread: Ctrl-C or a fatal error
    then exits at once, where a read in the default executor would be waited for until the next Enter."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        line = "start"
        with contextlib.suppress(RuntimeError, ValueError):  # the loop closed, or stdin did: the process is ending
            while line:
                line = stdin.readline()
                loop.call_soon_threadsafe(lines.put_nowait, line)

    threading.Thread(target=read, name="filmclub-console-input", daemon=True).start()
    return lines


async def chat_loop(app: App, chat: ConsoleChat, stdin: TextIO, user: str = "console") -> int:
    """Read commands until end of input, answering each; the console user (`user`, a member's name) is a
    moderator."""
    interactive = stdin.isatty()
    if interactive:
        chat.out.write("filmclub console — type /help, or /review anora. Ctrl-D quits.\n")
    lines = read_lines(stdin)
    while True:
        if interactive:
            chat.out.write("> ")
            chat.out.flush()
        line = await lines.get()
        if not line:
            return 0
        incoming = parse_line(line, is_moderator=True, user_id=user, user_name=user)
        if incoming is None:
            if line.strip():
                chat.out.write("Commands start with '/': try /help\n")
            continue
        chat.show(await app.dispatch(incoming))
