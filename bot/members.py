"""Members' reviews: the checks on what a member submits, and saving or deleting it (the rules; SQL in the store)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.bounds import MAX_NAME
from bot.club import Voice, club_view
from bot.models import Film, Incoming, Inline, Review, Section
from bot.store.members import Draft, SqliteMembers
from bot.text import fold
from bot.wording import phrase

if TYPE_CHECKING:
    from bot.app import App

MAX_TEXT = 4000
MAX_SHOWN_NAME = 80
NEW = "new:"  # a form's film key for a film not stored yet
STORED = "film:"  # a form's film key for a stored film, by slug
_RATING = re.compile(r"^(\d+(?:[.,]\d+)?)(?:/5)?★?$")
_CONSOLE_RATING = re.compile(r"^(?:\d(?:[.,]\d+)?|\d+(?:[.,]\d+)?/5)★?$")
_TITLE_YEAR = re.compile(r"^(.*\S)\s*\((\d{4})\)$")
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


def w(key: str, **values: object) -> str:
    """A phrase of prompts/members.toml."""
    return phrase("members", key, **values)


class Refusal(Exception):
    """A submission refused with a message for the member; nothing is stored."""


@dataclass(frozen=True)
class Target:
    """The film a member writes about: stored (`film`), or new (`title`, `year`); `note` tells how it was read."""

    film: Film | None
    title: str = ""
    year: int | None = None
    note: str = ""

    @property
    def label(self) -> str:
        """The film as members read it."""
        if self.film is not None:
            return self.film.label
        return f"{self.title} ({self.year})" if self.year else self.title


def clean(text: str) -> str:
    """Untrusted text without control characters (newlines and tabs kept), normalised, trimmed."""
    kept = (c for c in unicodedata.normalize("NFC", text) if c in "\n\t" or unicodedata.category(c) not in _CONTROL)
    return "".join(kept).strip()


def shown_name(incoming: Incoming) -> str:
    """The member's display name as stored: cleaned, one line, bounded; their id if they have none."""
    name = " ".join(clean(incoming.user_name).split())[:MAX_SHOWN_NAME]
    return name or incoming.user_id


def parse_rating(raw: str) -> float | None:
    """A rating from 0.5 to 5 in half stars, or None when empty; Refusal otherwise."""
    raw = raw.strip()
    if not raw:
        return None
    found = _RATING.match(raw)
    if found is None:
        raise Refusal(w("rating_not_number", rating=raw[:20]))
    value = float(found.group(1).replace(",", "."))
    if not 0.5 <= value <= 5 or value * 2 != int(value * 2):
        raise Refusal(w("rating_out_of_range", rating=raw[:20]))
    return value


def check_text(text: str, target: Target, query: str) -> str:
    """The review text, cleaned; Refusal if it is empty or too long."""
    cleaned = clean(text)
    if not cleaned:
        raise Refusal(w("text_empty", label=target.label, query=query))
    if len(cleaned) > MAX_TEXT:
        raise Refusal(w("text_too_long", length=f"{len(cleaned):,}", limit=f"{MAX_TEXT:,}"))
    return cleaned


def split_line(rest: str) -> tuple[str, str, bool]:
    """`TEXT [rating] [spoilers]` of the console line: the text, the rating as typed, the spoiler flag. A last
    word is a rating when it is one digit with halves or "/5" ("4.5", "7", "3/5"), so "seen in 1994" stays text."""
    words = rest.split()
    spoilers = bool(words) and words[-1].lower() in {"spoilers", "spoiler"}
    words = words[:-1] if spoilers else words
    rating = words.pop() if len(words) > 1 and _CONSOLE_RATING.match(words[-1]) else ""
    return " ".join(words), rating, spoilers


async def target(app: App, incoming: Incoming, query: str) -> Target:
    """The film a member names: a form's key, else the normal lookup (a near typo is taken and said so),
    else a new club film from "Title" or "Title (Year)"; Refusal when none fits."""
    query = " ".join(clean(query).split())
    if not query:
        raise Refusal(w("film_needed"))
    if query.startswith(STORED):
        film = await SqliteMembers(app.store).film(query[len(STORED) :])
        if film is None:
            raise Refusal("")  # the caller says the film is gone, quoting the member's text
        return Target(film)
    if query.startswith(NEW):
        return _new(query[len(NEW) :])
    match = app.find(query, incoming.club_id) if len(app.films) else None
    if match is not None and match.film is not None:
        film = match.film
        same = fold(query) in {fold(film.title), fold(film.label), film.slug.replace("-", " "), fold(film.slug)}
        return Target(film, note="" if same else w("took_as", query=query, label=film.label))
    if match is not None and match.suggestions and not _TITLE_YEAR.match(query):
        suggestions = ", ".join(f.label for f in match.suggestions)
        raise Refusal(w("ask_film", query=query, suggestions=suggestions))
    return _new(query)


def _new(query: str) -> Target:
    found = _TITLE_YEAR.match(query)
    title, year = (found.group(1), int(found.group(2))) if found else (query, None)
    problem = ""
    if len(title) > MAX_NAME:
        problem = f"a title may be at most {MAX_NAME} characters"
    elif not any(c.isalnum() for c in title):
        problem = "it has no letter or digit"
    elif year is not None and not 1870 <= year <= 2100:
        problem = f"{year} is not a film's year"
    if problem:
        raise Refusal(w("bad_title", query=query[:80], problem=problem))
    target = Target(None, title, year)
    return Target(None, title, year, w("new_film", label=target.label))


async def save(
    app: App, incoming: Incoming, where: Target, text: str, rating: float | None, spoilers: bool
) -> tuple[Review, str]:
    """Store the member's review (replacing theirs), analyse it once, and refresh what answers show."""
    draft = Draft(
        incoming.club_id,
        incoming.user_id,
        shown_name(incoming),
        text,
        rating,
        spoilers,
        where.film,
        where.title,
        where.year,
    )
    review, outcome = await SqliteMembers(app.store).save(draft)
    if outcome != "unchanged":
        await app.refresh()  # a new film enters the index; every kept answer of the film is stale
        await app.analyse_later(review)
    return review, outcome


def main_reason(reviews: list[Review], club_id: str) -> str:
    """Why the first of a film's imported reviews is the one `/review` shows."""
    if len(reviews) == 1:
        return w("why_only")
    if reviews[0].club_id and reviews[0].club_id == club_id:
        return w("why_club")
    return w("why_first")


def main_note(critics: list[Review], club_id: str, film: Film) -> str | None:
    """The footer line of `/review` when a film has several imported reviews: which is shown, and why."""
    if len(critics) < 2:
        return None
    return w("main_note", why=main_reason(critics, club_id), count=len(critics), query=film.title)


async def club_section(app: App, film: Film, club_id: str, critic: Review | None) -> Section | None:
    """ "What the club thinks" of a film, from the club's member reviews; None when no member reviewed it."""
    store = SqliteMembers(app.store)
    found = await store.reviews(film.id, club_id)
    if not found:
        return None
    anonymous = await store.anonymous(club_id)
    voices = [
        Voice(
            w("anonymous_name") if r.member_id in anonymous else r.author or w("anonymous_name"),
            r.text,
            r.rating,
            r.spoilers,
        )
        for r in found
    ]
    view = club_view(film.title, voices, critic.text if critic else None)
    if view is None:
        return None
    bullets = tuple((Inline(p.text, spoiler=p.spoiler),) for p in view.prompts)
    return Section(phrase("club", "heading"), paragraphs=((Inline(view.summary),),), bullets=bullets)
