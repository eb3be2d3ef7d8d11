"""Small text helpers shared by lookup and the store."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "Les Misérables!" → "les miserables".

    Latin letters lose their accents as before; the letters and digits of every other script are kept
    ("기생충" → "기생충", "Левиафан" → "левиафан"), so a title in any script can be found and slugged."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = decomposed if decomposed.isascii() else unicodedata.normalize("NFC", "".join(_fold_chars(decomposed)))
    plain = plain.replace("&", " and ").replace("'", "").replace("\u2019", "")
    if plain.isascii():
        return _NON_WORD.sub(" ", plain).strip()
    # Only ASCII punctuation is left to split on: _fold_chars made every other non-letter a space.
    return " ".join(w for w in re.split(r"[^a-z0-9\u0080-\U0010ffff]+", plain) if w)


def _fold_chars(decomposed: str) -> list[str]:
    """Latin letters without their accents, other scripts' letters with their marks, the rest as spaces."""
    kept: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            if kept and kept[-1].isalnum() and not _latin(kept[-1]):
                kept.append(ch)  # a mark of another script belongs to its letter (kana voicing, Cyrillic й)
        elif ch.isascii() or ch == "\u2019" or (ch.isalnum() and not _latin(ch)):
            kept.append(ch)
        else:
            kept.append(" ")  # a Latin letter with no plain form ("ø") or a symbol, as before
    return kept


def _latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def slugify(text: str) -> str:
    """A URL- and id-safe slug: "Les Misérables" → "les-miserables", "기생충" → "기생충"; a title with no letter
    or digit at all gets a short hash of itself ("untitled-3f2a9c1b"), so two such titles never share a slug."""
    folded = fold(text)
    if folded:
        return folded.replace(" ", "-")
    return "untitled-" + hashlib.sha256(text.strip().casefold().encode()).hexdigest()[:8]
