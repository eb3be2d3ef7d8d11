"""Small text helpers shared by lookup and the store."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "Les Misérables!" → "les miserables"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("&", " and ").replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", plain).strip()


def slugify(text: str) -> str:
    """A URL- and id-safe slug: "Les Misérables" → "les-miserables"."""
    return fold(text).replace(" ", "-") or "untitled"
