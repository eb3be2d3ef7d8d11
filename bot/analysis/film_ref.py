"""How a review names the film it reviews: its title, short forms of it, "the film"."""

from __future__ import annotations

import re

from bot.analysis.names import fold
from bot.analysis.text import display

_FILM_NOUN = re.compile(
    r"\b(?:the|this|his|her|their) (?:(?:first|second|third|final|latest|new) )?"
    r"(?:film|movie|picture|feature|drama|documentary|installment|instalment|sequel|entry)\b",
    re.I,
)


def short_titles(title: str) -> tuple[str, ...]:
    """The ways a review names the film, folded: the title, without its article, before a colon, its first words."""
    folded = fold(title)
    bare = re.sub(r"^(?:the|a|an) ", "", folded)
    forms = {folded, bare, folded.split(":")[0].strip()}
    if len(bare.split()) >= 4:
        forms.add(" ".join(bare.split()[:2]))  # "Three Billboards", "No Country"
    return tuple(sorted((f for f in forms if len(f) >= 3), key=len, reverse=True))


def head_word(title: str) -> str | None:
    """The one word a long title is shortened to ("Banshees"), matched only capitalised."""
    words = re.sub(r"^(?:The|A|An) ", "", title).split()
    head = words[0].strip(":,") if words else ""
    return head if len(words) >= 3 and len(head) >= 5 and head[:1].isupper() else None


def names_film(sentence: str, title: str) -> float:
    """1.0 when the sentence names the film by its title, 0.6 by "the film", else 0."""
    shown = display(sentence)
    folded = fold(shown)
    if (":" in title and _sequel(shown, title)) or _numbered(shown, title):
        return 0.0
    if any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", folded) for t in short_titles(title)):
        return 1.0
    head = head_word(title)
    if head and re.search(rf"(?<!\w){re.escape(head)}(?!\w)", shown):
        return 1.0
    return 0.6 if _FILM_NOUN.search(shown) else 0.0


def _sequel(shown: str, title: str) -> bool:
    """ "Pirates of the Caribbean: Dead Man's Chest" in a review of "...: At World's End": another film of the
    franchise, named by the part of the title they share."""
    head, _, tail = title.partition(":")
    m = re.search(rf"{re.escape(head.strip())}:\s*(?P<tail>[^,.;]+)", shown, re.I)
    return m is not None and fold(m.group("tail"))[:8] != fold(tail)[:8]


def _numbered(shown: str, title: str) -> bool:
    """ "Blade Runner 2049" or "Jaws 2" in a review of "Blade Runner" or "Jaws": a sequel, not the film."""
    return bool(re.search(rf"{re.escape(title)}\s+(?:\d{{1,4}}|II|III|IV|Part [A-Z\d])\b", shown, re.I))
