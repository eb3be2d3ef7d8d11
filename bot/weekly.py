"""The weekly thread's content: title, summary, prompts, poll and the recap, as neutral Messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import render
from bot.models import Analysis, Film, Inline, Message, PollSpec, PollTally, Review, Section
from bot.render import text_section
from bot.wording import phrase, wording

POLL_OPTION_LIMIT = 55  # Discord's poll answer limit; the stricter of the platforms
POLL_QUESTION_LIMIT = 300  # Discord's poll question limit


def _w(key: str, **values: object) -> str:
    return phrase("schedule", key, **values)


@dataclass(frozen=True)
class Weekly:
    """Everything one weekly thread posts."""

    title: str
    label: str
    messages: tuple[Message, ...]
    poll: Message | None


def week_label(wall: datetime) -> str:
    """ "28 March 2025": the occurrence's local date."""
    return f"{wall.day} {wall:%B %Y}"


def pick_poll(analysis: Analysis) -> PollSpec | None:
    """The review's first poll; else a yes/no/partly poll on its first spoiler-free question."""
    if analysis.polls:
        return analysis.polls[0]
    prompt = next((p for p in analysis.prompts if not p.spoiler), None)
    if prompt is None:
        return None
    options = tuple(str(o)[:POLL_OPTION_LIMIT] for o in wording("schedule")["fallback_options"])
    text = prompt.text if len(prompt.text) <= POLL_QUESTION_LIMIT else prompt.text[: POLL_QUESTION_LIMIT - 1] + "…"
    return PollSpec(text, options, prompt.source)


def thread(
    film: Film, review: Review, analysis: Analysis, wall: datetime, late_due: str | None, club: Section | None = None
) -> Weekly:
    """The thread of one occurrence; `late_due` (the due time, as text) adds the late line, `club` what the club's
    members think."""
    digest = render.review(film, review, analysis, "all")[0]
    named = {s.title: s for s in digest.sections}
    summary = tuple(s for s in digest.sections if s.title in {_m("tldr_heading"), _m("key_points_heading")})
    intro = [text_section(_w("thread_intro", label=film.label))]
    if late_due:
        intro.insert(0, text_section(_w("thread_late", due=late_due)))
    prompts = named.get(_m("prompts_heading"))
    messages = [Message(render.film_title(film), (*intro, *summary), footer=digest.footer)]
    if prompts is not None:
        messages.append(Message(sections=(text_section(_w("prompts_intro")), prompts)))
    if club is not None:
        messages.append(Message(sections=(club,)))
    spec = pick_poll(analysis)
    poll = Message(_w("poll_title", label=film.label), poll=spec) if spec else None
    title = _w("thread_title", week=week_label(wall), label=film.label)
    return Weekly(title, film.label, tuple(messages), poll)


def _m(key: str) -> str:
    return phrase("messages", key)


def recap(label: str, question: str | None, tally: PollTally | None) -> Message:
    """The closing message: the poll's result and turnout."""
    if tally is None or question is None:
        return Message(_w("recap_title", label=label), (text_section(_w("recap_no_poll", label=label)),))
    if tally.voters == 0 or not any(tally.counts):
        return Message(_w("recap_title", label=label), (text_section(_w("recap_no_votes", question=question)),))
    top = max(tally.counts)
    winners = [o for o, c in zip(tally.options, tally.counts, strict=True) if c == top]
    if len(winners) > 1:
        result = _w("recap_tie", question=question, winners=" and ".join(winners), votes=top)
    else:
        share = round(100 * top / max(tally.voters, 1))
        result = _w("recap_result", question=question, winner=winners[0], votes=top, voters=tally.voters, share=share)
    rows = tuple(
        (Inline(_w("recap_option", option=o, votes=c)),) for o, c in zip(tally.options, tally.counts, strict=True)
    )
    sections = (text_section(result), Section(bullets=rows), text_section(_w("recap_turnout", voters=tally.voters)))
    return Message(_w("recap_title", label=label), sections)


def report(key: str, **values: object) -> Message:
    """A notice to the moderators' channel about a thread that failed."""
    return Message(sections=(text_section(_w(key, **values)),), error=True)
