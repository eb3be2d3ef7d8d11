"""A bot on a fake platform and a fake clock: what the scheduler tests drive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.app import App
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Analysis, Incoming, Message, PollSpec, Prompt, Review, Source, Summary
from bot.ports import Clock
from bot.scheduler import LEASE, Scheduler
from bot.store.schedules import ScheduleStore
from tests.fakes.chat import FakeChat, FakePlatform
from tests.fakes.clock import FakeClock


def canned_analysis(review: Review) -> Analysis:
    """A fixed analysis, so these tests do not depend on the analyser's current output."""
    src = Source("Who truly owns their body?", 0, 27)
    prompts = (
        Prompt("Who truly owns their body?", "explicit", src),
        Prompt("Was the ending a punishment?", "debate", src, spoiler=True),
    )
    poll = PollSpec("Does the film give Ani her own voice?", ("Yes", "No", "Partly"), src)
    summary = Summary(f"{review.film.title} is a film about work and love.", ("It is funny.", "It is sad."))
    return Analysis(review.film.title, review.film.year, summary, prompts, (), (poll,), version="test")


def text_of(messages: tuple[Message, ...] | list[Message]) -> str:
    """Every visible string of the messages, joined."""
    parts: list[str] = []
    for m in messages:
        parts += [m.title or "", m.footer or ""]
        for s in m.sections:
            parts.append(s.title or "")
            parts += ["".join(i.text for i in p) for p in (*s.paragraphs, *s.bullets)]
        parts += [m.poll.question] if m.poll else []
    return "\n".join(parts)


@dataclass
class Bot:
    """One bot process: its app, chat and scheduler, on a platform and clock that outlive it."""

    app: App
    chat: FakeChat
    scheduler: Scheduler

    async def say(self, line: str, club: str = "console", moderator: bool = True) -> str:
        """Run a command line as a member of `club`; the replies' text."""
        name, _, args = line.lstrip("/").partition(" ")
        incoming = Incoming(name, args, club_id=club, channel_id="mods", is_moderator=moderator)
        return text_of(await self.app.dispatch(incoming))

    async def close(self) -> None:
        """Stop this process (the platform and the database file stay)."""
        await self.app.close()


async def start_bot(settings: Settings, platform: FakePlatform, clock: FakeClock, own: Clock | None = None) -> Bot:
    """A fresh bot process on the same database file, platform and clock (the database's); its scheduler runs
    on `own` (a process clock that differs from the database's) if given, else on `clock` too."""
    chat = FakeChat(platform)
    app = await build_app(settings, chat, clock=clock)

    async def analysis(review: Review) -> Analysis:
        return canned_analysis(review)

    app.analysis = analysis  # type: ignore[method-assign]
    return Bot(app, chat, Scheduler(app, chat, own or clock))


async def states(bot: Bot, schedule_id: int = 1) -> list[str]:
    """The states of a schedule's recorded occurrences, oldest first."""
    return [o.state for o in reversed(await ScheduleStore(bot.app.store).history(schedule_id))]


def utc(*parts: int) -> datetime:
    """A UTC instant."""
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


__all__ = ["LEASE", "Bot", "start_bot", "states", "text_of", "utc"]
