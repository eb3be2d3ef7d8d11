"""Frozen value types the core speaks: films, reviews, analyses and chat messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PromptKind = Literal["explicit", "implicit", "debate", "theme"]
AwardResult = Literal["won", "nominated", "lost", "contender", "recognized"]


# --- films and reviews -------------------------------------------------------


@dataclass(frozen=True)
class Film:
    """A film the club can talk about."""

    id: int
    slug: str
    title: str
    year: int | None = None
    director: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Title with year, as people write it: "Anora (2024)"."""
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True)
class ReviewDoc:
    """A parsed review file, before it is stored."""

    title: str
    text: str
    year: int | None = None
    director: str | None = None
    author: str | None = None
    source: str | None = None
    aliases: tuple[str, ...] = ()
    path: str = ""


@dataclass(frozen=True)
class Review:
    """A stored review of one film, global (club_id "") or owned by one club."""

    id: int
    film: Film
    text: str
    content_hash: str
    author: str | None = None
    source: str | None = None
    club_id: str = ""
    member_id: str | None = None  # set for a member's review written in chat (author: their display name)
    rating: float | None = None  # a member's rating, 0.5 to 5 in half stars
    spoilers: bool = False  # the member said it contains spoilers
    origin: str = ""  # the file an imported review came from


# --- analysis ----------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A sentence of the review text and its character offsets."""

    sentence: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Summary:
    """A one-to-two-sentence tl;dr and 3-5 key points."""

    tldr: str
    key_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prompt:
    """A discussion question the review raises."""

    text: str
    kind: PromptKind
    source: Source
    quoted: bool = False
    spoiler: bool = False


@dataclass(frozen=True)
class AwardFact:
    """An award statement of the review, with a trivia question about it."""

    subject: str
    film: str
    award: str
    category: str | None
    result: AwardResult
    question: str
    answer: str
    source: Source


@dataclass(frozen=True)
class PollSpec:
    """A poll question with 2-10 short options."""

    question: str
    options: tuple[str, ...]
    source: Source | None = None
    multiple: bool = False


@dataclass(frozen=True)
class Analysis:
    """Everything the analysis derives from one review text."""

    title: str
    year: int | None
    summary: Summary
    prompts: tuple[Prompt, ...] = ()
    trivia: tuple[AwardFact, ...] = ()
    polls: tuple[PollSpec, ...] = ()
    spoilers: tuple[Source, ...] = ()
    version: str = ""
    prompts_note: str = ""  # why a review of 250+ words has fewer than five prompts ("" otherwise)


# --- chat --------------------------------------------------------------------


@dataclass(frozen=True)
class Incoming:
    """A command as any adapter receives it, in neutral form."""

    command: str
    args: str = ""
    user_id: str = "console"
    club_id: str = "console"
    channel_id: str = "console"
    is_moderator: bool = False
    platform: str = "console"
    options: tuple[tuple[str, str], ...] = ()
    user_name: str = ""  # the member's display name, as the platform shows it

    def option(self, name: str) -> str | None:
        """The named option's value (Discord-style structured arguments), if given."""
        return next((v for k, v in self.options if k == name), None)


@dataclass(frozen=True)
class Inline:
    """A run of plain text; spoiler runs are hidden by adapters until asked for."""

    text: str
    spoiler: bool = False


Para = tuple[Inline, ...]


@dataclass(frozen=True)
class Section:
    """A titled part of a message: paragraphs, then bullet items."""

    title: str | None = None
    paragraphs: tuple[Para, ...] = ()
    bullets: tuple[Para, ...] = ()


@dataclass(frozen=True)
class Button:
    """A button that runs a command (e.g. "prompts") on an argument (a film slug)."""

    label: str
    command: str
    argument: str = ""


@dataclass(frozen=True)
class Form:
    """A form a platform with modals opens for the member (`/myreview`): its answers come back as the options
    film (this `film` key), rating, text and spoilers of the same command."""

    command: str
    title: str
    film: str  # a film slug, or "new:" and a title for a film not stored yet
    rating: str = ""  # the member's earlier answers, when they edit their review
    text: str = ""
    spoilers: bool = False


@dataclass(frozen=True)
class Message:
    """A platform-neutral reply: adapters only translate it."""

    title: str | None = None
    sections: tuple[Section, ...] = ()
    poll: PollSpec | None = None
    buttons: tuple[Button, ...] = ()
    ephemeral: bool = False
    error: bool = False
    footer: str | None = None
    meta: tuple[tuple[str, str], ...] = field(default=())
    form: Form | None = None  # open this form (a modal); platforms without one show the message


@dataclass(frozen=True)
class PostRef:
    """Where a message was posted: enough for an adapter to find it again."""

    channel_id: str
    message_id: str
    thread_id: str | None = None


@dataclass(frozen=True)
class PollTally:
    """A poll's counts per option, in option order, and how many people voted."""

    options: tuple[str, ...]
    counts: tuple[int, ...]
    voters: int
