"""Award facts with their trivia question, worded from prompts/analysis_trivia.toml."""

from __future__ import annotations

import re

from bot.analysis.award_context import read_awards
from bot.analysis.award_draft import Draft
from bot.analysis.text import Span
from bot.models import AwardFact
from bot.wording import phrase, wording

_WORDING = "analysis_trivia"
_FILM_CATEGORY = re.compile(r"Picture|Film\b|Feature|Documentary|Palme|Golden (?:Lion|Bear)", re.I)


def award_facts(spans: list[Span], text: str, title: str) -> tuple[AwardFact, ...]:
    """Every award statement of the review as a fact with a question and answer."""
    drafts = [d for d in read_awards(spans, text, title) if d.body or d.category]
    # A subject with a film's own category anywhere ("Best Picture") is a film in all its facts.
    films = {d.subject for d in drafts if d.category and _FILM_CATEGORY.search(d.category)}
    return tuple(_fact(d, title, films) for d in drafts)


def _fact(d: Draft, title: str, films: set[str]) -> AwardFact:
    """One AwardFact from a draft."""
    shape = "category" if d.body and d.category else "bare" if d.body else "nobody"
    key = f"{d.result}_{shape}"
    bodies = wording(_WORDING).get("bodies", {})
    values = {
        "subject": d.subject,
        "award": bodies.get(d.body, d.body) if d.body else "",
        "category": d.category or "",
        "film": title,
    }
    return AwardFact(
        subject=d.subject,
        film=d.subject if d.subject in films else _film_of(d, title),
        award=d.body or "",
        category=d.category,
        result=d.result,
        question=phrase(_WORDING, key, **values),
        answer=phrase(_WORDING, f"{key}_answer", **values),
        source=d.span.source,
    )


def _film_of(d: Draft, title: str) -> str:
    """The film a fact belongs to: the subject if it is another film, else the review's film."""
    other = re.search(r"\bin [\"“]([^\"”]+?)[,.]?[\"”]", d.span.sentence)
    if other and d.subject in d.span.sentence[: other.start()]:
        return other.group(1)
    star = re.search(
        rf"((?:The |A |An )?[A-Z][\w’']*(?: [A-Z][\w’']*)*) (?:star|actor|actress) {re.escape(d.subject)}",
        d.span.sentence,
    )
    if star:
        return star.group(1)
    if d.category and _FILM_CATEGORY.search(d.category) and d.subject != title:
        return d.subject  # a film's own category: the subject is a film
    looks_like_person = re.fullmatch(r"[A-Z][\w’'-]+(?: [A-Z][\w’'.-]+){1,3}", d.subject)
    if d.subject == title or (looks_like_person and not d.subject.startswith(("The ", "A ", "An "))):
        return title
    return d.subject
