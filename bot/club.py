"""What the club thinks: the members' reviews of a film counted, averaged, and set against each other as prompts.

Pure, like the analysis it calls as a library (aspects and their stances, the overall stance): text in, values out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis.evidence import aspect_stances, labels
from bot.analysis.text import Span, split_sentences
from bot.analysis.verdict import overall_stance
from bot.wording import phrase

QUOTE = 110  # characters of a member's sentence quoted in a prompt
SPLIT = 2.0  # stars apart at which two ratings are a split
MAX_PROMPTS = 4


def _w(key: str, **values: object) -> str:
    return phrase("club", key, **values)


@dataclass(frozen=True)
class Voice:
    """One member's review as the club view reads it: the name shown, the text, the rating, the spoiler flag."""

    name: str
    text: str
    rating: float | None = None
    spoilers: bool = False


@dataclass(frozen=True)
class ClubPrompt:
    """A question set from members' reviews; `spoiler` when it quotes a review marked as one."""

    text: str
    spoiler: bool = False


@dataclass(frozen=True)
class ClubView:
    """The club's reviews of one film: how many, the average rating (None if none rated), and its prompts."""

    count: int
    average: float | None
    rated: int
    prompts: tuple[ClubPrompt, ...]

    @property
    def summary(self) -> str:
        """ "2 member reviews · average rating 3.3/5 (2 rated)"."""
        count = _w("count_one") if self.count == 1 else _w("count_many", count=self.count)
        if self.average is None:
            return count
        shown = f"{math.floor(self.average * 10 + 0.5) / 10:g}"  # 3.25 → 3.3, as people round
        return count + _w("average", average=shown, rated=self.rated)


@dataclass(frozen=True)
class _Read:
    voice: Voice
    aspects: dict[str, tuple[int, Span]]
    overall: int
    spans: list[Span]


def _quote(span: Span) -> str:
    text = span.sentence.strip().rstrip(".!")
    return text if len(text) <= QUOTE else text[: QUOTE - 1].rstrip() + "…"


def _distinct(voices: Sequence[Voice]) -> list[Voice]:
    """The voices with names told apart: a second "A member" becomes "another member"."""
    seen: set[str] = set()
    out: list[Voice] = []
    for voice in voices:
        name = voice.name if voice.name not in seen else _w("another")
        seen.add(voice.name)
        out.append(Voice(name, voice.text, voice.rating, voice.spoilers))
    return out


def club_view(title: str, voices: Sequence[Voice], critic: str | None = None) -> ClubView | None:
    """The club view of a film's member reviews (None when there are none); `critic` is the main review's text."""
    if not voices:
        return None
    reads = [_read(v, title) for v in _distinct(voices)]
    rated = [v.rating for v in voices if v.rating is not None]
    average = sum(rated) / len(rated) if rated else None
    prompts = [*_opposites(reads, title), *_rating_split(reads)]
    prompts += _critic_missed(reads, critic)
    return ClubView(len(voices), average, len(rated), tuple(prompts[:MAX_PROMPTS]))


def _read(voice: Voice, title: str) -> _Read:
    spans = split_sentences(voice.text)
    return _Read(voice, aspect_stances(spans), overall_stance(spans, title), spans)


def _opposites(reads: list[_Read], title: str) -> list[ClubPrompt]:
    """Two members with opposite stances on the same aspect (or, failing any, on the film as a whole)."""
    out: list[ClubPrompt] = []
    used: set[tuple[str, str]] = set()
    for aspect, label in labels().items():
        warm = [r for r in reads if r.aspects.get(aspect, (0,))[0] > 0]
        cold = [r for r in reads if r.aspects.get(aspect, (0,))[0] < 0]
        if warm and cold and (warm[0].voice.name, cold[0].voice.name) not in used:
            first, second = warm[0], cold[0]
            used.add((first.voice.name, second.voice.name))
            text = _w(
                "opposite",
                first=first.voice.name,
                second=second.voice.name,
                aspect=label,
                first_quote=_quote(first.aspects[aspect][1]),
                second_quote=_quote(second.aspects[aspect][1]),
            )
            out.append(ClubPrompt(text, first.voice.spoilers or second.voice.spoilers))
    return out or _opposite_film(reads, title)


def _opposite_film(reads: list[_Read], title: str) -> list[ClubPrompt]:
    warm = [r for r in reads if r.overall > 0 or (r.voice.rating or 0) >= 4]
    cold = [
        r for r in reads if (r.overall < 0 or (r.voice.rating is not None and r.voice.rating <= 2)) and r not in warm
    ]
    if not warm or not cold:
        return []
    first, second = warm[0], cold[0]
    text = _w(
        "opposite_film",
        first=first.voice.name,
        second=second.voice.name,
        title=title,
        first_quote=_quote(first.spans[0]) if first.spans else "",
        second_quote=_quote(second.spans[0]) if second.spans else "",
    )
    return [ClubPrompt(text, first.voice.spoilers or second.voice.spoilers)]


def _rating_split(reads: list[_Read]) -> list[ClubPrompt]:
    rated = sorted((r for r in reads if r.voice.rating is not None), key=lambda r: -(r.voice.rating or 0))
    if len(rated) < 2 or (rated[0].voice.rating or 0) - (rated[-1].voice.rating or 0) < SPLIT:
        return []
    high, low = rated[0].voice, rated[-1].voice
    text = _w(
        "rating_split", high=high.name, low=low.name, high_rating=f"{high.rating:g}", low_rating=f"{low.rating:g}"
    )
    return [ClubPrompt(text)]


def _critic_missed(reads: list[_Read], critic: str | None) -> list[ClubPrompt]:
    """A point (an aspect judged) one member raised that the critic's review does not discuss at all."""
    if critic is None:
        return []
    covered = set(aspect_stances(split_sentences(critic)))
    for read in reads:
        for aspect, (_, span) in read.aspects.items():
            if aspect not in covered:
                text = _w("critic_missed", member=read.voice.name, aspect=labels()[aspect], quote=_quote(span))
                return [ClubPrompt(text, read.voice.spoilers)]
    return []
