"""Core values to platform-neutral Messages, with all wording from prompts/messages.toml."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import Analysis, Button, Film, Inline, Message, Para, PollSpec, Review, Section
from bot.wording import phrase


def _w(key: str, **values: object) -> str:
    return phrase("messages", key, **values)


def _para(text: str, spoiler: bool = False) -> Para:
    return (Inline(text, spoiler),)


def text_section(text: str) -> Section:
    """A section of one plain paragraph."""
    return Section(paragraphs=(_para(text),))


def notice(text: str, *, error: bool = True) -> Message:
    """A short reply for the member alone: an error, or a confirmation with error=False."""
    return Message(sections=(text_section(text),), ephemeral=True, error=error)


def _is_spoiler(text: str, analysis: Analysis) -> bool:
    return any(text and (text in s.sentence or s.sentence in text) for s in analysis.spoilers)


def _summary(analysis: Analysis) -> tuple[Section, ...]:
    tldr = Section(
        _w("tldr_heading"), paragraphs=(_para(analysis.summary.tldr, _is_spoiler(analysis.summary.tldr, analysis)),)
    )
    points = tuple(_para(p, _is_spoiler(p, analysis)) for p in analysis.summary.key_points)
    return (tldr, Section(_w("key_points_heading"), bullets=points)) if points else (tldr,)


def _prompts(analysis: Analysis) -> Section:
    if not analysis.prompts:
        return Section(_w("prompts_heading"), paragraphs=(_para(_w("no_prompts")),))
    return Section(_w("prompts_heading"), bullets=tuple(_para(p.text, p.spoiler) for p in analysis.prompts))


def _trivia(analysis: Analysis) -> Section:
    if not analysis.trivia:
        return Section(_w("trivia_heading"), paragraphs=(_para(_w("no_trivia")),))
    # The answer is hidden like a spoiler, so the club can guess before revealing it.
    items = tuple((Inline(f.question + " "), Inline(f.answer, spoiler=True)) for f in analysis.trivia)
    return Section(_w("trivia_heading"), bullets=items)


def _polls(analysis: Analysis) -> Section:
    if not analysis.polls:
        return Section(_w("polls_heading"), paragraphs=(_para(_w("no_polls")),))
    items = tuple(_para(_w("poll_item", question=p.question, options=" / ".join(p.options))) for p in analysis.polls)
    return Section(_w("polls_heading"), bullets=items)


def _footer(review: Review) -> str | None:
    parts = [_w("footer_author", author=review.author)] if review.author else []
    parts += [_w("footer_source", source=review.source)] if review.source else []
    return " · ".join(parts) or None


def film_title(film: Film) -> str:
    """The heading of a film's messages."""
    if film.director:
        return _w("review_title_director", label=film.label, director=film.director)
    return _w("review_title", label=film.label)


def review(film: Film, review: Review, analysis: Analysis, section: str) -> list[Message]:
    """The `/review` answer for one section, or all of them."""
    parts = {
        "summary": _summary(analysis),
        "prompts": (_prompts(analysis),),
        "trivia": (_trivia(analysis),),
        "polls": (_polls(analysis),),
    }
    sections = tuple(s for name, group in parts.items() if section in (name, "all") for s in group)
    buttons = (
        Button(_w("button_prompts"), "prompts", film.slug),
        Button(_w("button_trivia"), "trivia", film.slug),
        Button(_w("button_poll"), "poll", film.slug),
    )
    return [Message(film_title(film), sections, buttons=buttons, footer=_footer(review), meta=(("film", film.slug),))]


def poll(film: Film, analysis: Analysis | None) -> Message:
    """A message carrying the review's first poll, or why there is none."""
    spec: PollSpec | None = analysis.polls[0] if analysis and analysis.polls else None
    if spec is None:
        return notice(_w("no_poll", label=film.label, query=film.title))
    return Message(_w("poll_title", label=film.label), poll=spec, meta=(("film", film.slug),))


def film_list(films: Sequence[Film], query: str = "") -> Message:
    """The `/films` answer."""
    if not films:
        return notice(_w("films_none_query", query=query))
    title = _w("films_title_query", query=query) if query else _w("films_title")
    items = tuple(_para(f.label) for f in films)
    return Message(title, (Section(bullets=items),), footer=_w("films_count", count=len(films)))


def help_message(commands: Sequence[tuple[str, str]]) -> Message:
    """The `/help` answer."""
    items = tuple((Inline(usage + " — "), Inline(text)) for usage, text in commands)
    return Message(_w("help_title"), (Section(paragraphs=(_para(_w("help_intro")),), bullets=items),), ephemeral=True)


def not_found(query: str, suggestions: Sequence[Film]) -> Message:
    """An unknown film, with up to three suggestions."""
    hint = (
        _w("did_you_mean", suggestions=", ".join(f.label for f in suggestions)) if suggestions else _w("no_suggestions")
    )
    return notice(f"{_w('not_found', query=query)} {hint}")


def empty_store() -> Message:
    """Nothing imported yet."""
    return notice(_w("empty_store"))


def film_needed(command: str) -> Message:
    """A film command without a film."""
    return notice(_w("film_needed", usage=f"/{command.lstrip('/')} anora"))


def bad_section(section: str, sections: Sequence[str]) -> Message:
    """An unknown `/review` section."""
    return notice(_w("bad_section", section=section, sections=", ".join(sections)))


def unknown_command(command: str, names: Sequence[str]) -> Message:
    """A command the bot does not have."""
    return notice(_w("unknown_command", command=command, commands=", ".join(f"/{n}" for n in names)))


def moderators_only(command: str) -> Message:
    """A moderator-only command run by a member."""
    return notice(_w("moderators_only", command=command))


def failure(command: str) -> Message:
    """A command that failed unexpectedly."""
    return notice(_w("failure", command=command))
