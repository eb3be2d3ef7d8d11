"""The award catalogue (data/awards.toml): bodies with their aliases, and their real categories."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

QUOTES = str.maketrans({"'": "['’]", "’": "['’]"})  # either apostrophe matches either
Kind = Literal["film", "person", "any"]
_NAME_AFTER = r"(?! (?!(?:Awards?|Best|Nominations?|Nominee|Winners?|Race|Season|Night|Campaign|Ceremony|Buzz|Film|Festival|Jury|Prize|Competition|Glory|Gold|Voters?|Members?|Statuettes?)\b)[A-Z][a-z])"


@dataclass(frozen=True)
class Category:
    """A real category of a body (or of the generic table), in its canonical form."""

    name: str
    kind: Kind


@dataclass(frozen=True, eq=False)
class Body:
    """An award body: its canonical name, how questions name it, its top prize and categories."""

    name: str
    display: str
    kind: str
    top: str | None
    categories: dict[str, Category] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalogue:
    """Every body, the generic categories, and one compiled pattern for the body aliases."""

    bodies: tuple[Body, ...]
    generic: dict[str, Category]
    alias_re: re.Pattern[str]
    alias_body: dict[str, Body]
    by_name: dict[str, Body]

    def category(self, key: str, body: Body | None) -> Category | None:
        """The canonical category for a lower-case phrase (without a leading "best"), or None."""
        key = normalise_key(key)
        if body is not None and key in body.categories:
            return body.categories[key]
        if body is not None and body.kind == "festival":
            return self.generic.get(key) if key in _FESTIVAL_GENERIC else None
        return self.generic.get(key)

    def prize_body(self, key: str) -> Body | None:
        """The body whose named prize this is ("palme d'or" -> Cannes), when only one body has it."""
        key = normalise_key(key)
        if key in self.generic:
            return None  # a generic category ("direction") names no body
        owners = [b for b in self.bodies if key in b.categories and b.kind == "festival"]
        return owners[0] if len(owners) == 1 else None


# Festival juries give these generic prizes too (Cannes' Best Actor, Venice's Best Screenplay).
_FESTIVAL_GENERIC = frozenset({"director", "actor", "actress", "screenplay", "script", "acting prize", "acting award"})


def normalise_key(text: str) -> str:
    """A category phrase as a table key: lower case, straight quotes, single spaces, no "best"."""
    key = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").lower()).strip(" .,;:")
    key = re.sub(r"(?<=\w)(?:'s|s')(?= )", "s", key)  # "director's guild", "actors' guild" -> "directors guild"
    # A dash between words is a separator ("motion picture – drama", "motion picture- drama"); one inside a word
    # is kept ("make-up").
    key = re.sub(r"\s*[–—]\s*|\s+-\s*|-\s+", " ", key)
    key = re.sub(r"^(?:the )?(?:(?:best|outstanding) )+", "", key)  # "Best Outstanding Debut": both dropped
    # The Academy's official wording: "Achievement in Cinematography" is the cinematography category.
    return re.sub(r"^achievement in ", "", key)


def _categories(rows: list[list[Any]]) -> dict[str, Category]:
    table: dict[str, Category] = {}
    for name, kind, aliases in rows:
        cat = Category(name, kind)
        for alias in [*aliases, name]:
            table.setdefault(normalise_key(alias), cat)
    return table


def _alias_pattern(alias: str) -> str:
    """One alias as a pattern: case-sensitive with "Cs:", a guard against first names on one word."""
    sensitive = alias.startswith("Cs:")
    word = alias[3:] if sensitive else alias
    core = re.escape(word).translate(QUOTES)
    core = re.sub(r"(?<=\w)s\\ ", r"(?:s|['’]s|s['’])\\ ", core)  # "Directors Guild" or "Director's Guild"
    if not sensitive:
        core = f"(?i:{core})"
    guard = _NAME_AFTER if " " not in word else ""
    return rf"(?<![\w-]){core}(?![\w-]){guard}"


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once."""
    raw = tomllib.loads(resources.files("bot.analysis").joinpath("data/awards.toml").read_text(encoding="utf-8"))
    bodies = tuple(
        Body(b["name"], b["display"], b["kind"], b.get("top"), _categories(b.get("categories", [])))
        for b in raw["body"]
    )
    generic = _categories(raw["generic"]["categories"])
    for body in bodies:
        _adopt_generic(body, generic)
    pairs = sorted(
        ((a, b) for b, row in zip(bodies, raw["body"], strict=True) for a in row["aliases"]), key=lambda p: -len(p[0])
    )
    alias_body = {normalise_key(a.removeprefix("Cs:")): b for a, b in pairs}
    alias_re = re.compile("|".join(_alias_pattern(a) for a, _ in pairs))
    return Catalogue(bodies, generic, alias_re, alias_body, {b.name: b for b in bodies})


def _adopt_generic(body: Body, generic: dict[str, Category]) -> None:
    """A generic category that one of the body's own categories covers is that category at this body, under
    every generic spelling ("international feature film" at BAFTA is its "Film Not in the English Language")."""
    spellings: dict[Category, list[str]] = {}
    for key, cat in generic.items():
        spellings.setdefault(cat, []).append(key)
    for keys in spellings.values():
        own = {body.categories[k] for k in keys if k in body.categories}
        if len(own) == 1:
            target = own.pop()
            for k in keys:
                body.categories.setdefault(k, target)


def body_named(name: str | None) -> Body | None:
    """A body by its canonical name or any alias ("Oscars", "Bafta", "Berlin International Film Festival")."""
    if not name:
        return None
    cat = catalogue()
    if name in cat.by_name:
        return cat.by_name[name]
    key = normalise_key(name)
    if key in cat.alias_body:
        return cat.alias_body[key]
    m = cat.alias_re.search(name)
    return cat.alias_body.get(normalise_key(m.group())) if m else None


def canonical_award(body: str | None, category: str | None) -> tuple[str | None, str | None]:
    """A body and a category in the catalogue's canonical form, as two readers' facts or a label and a fact are
    compared; a body or category the catalogue does not know stays as written."""
    name = canonical_body(body) if body else None
    known = catalogue().category(category, body_named(body)) if category else None
    return name or None, (known.name if known else category) or None


def canonical_body(name: str) -> str:
    """The canonical name of a body, or the name itself when the catalogue does not know it."""
    body = body_named(name)
    return body.name if body else name.strip()


_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"])


def shown_category(written: str, category: Category, body: Body | None) -> str:
    """A category as members read it: the review's own words, title-cased ("best actress" -> "Best Actress"),
    when they name it; the canonical name for a body's own prize ("palme d'or") or a paraphrase ("top prize")."""
    written = re.sub(r"\s+", " ", written).strip(" .,;:")
    cat = catalogue()
    if cat.category(written, body) != category or (
        body is not None
        and normalise_key(written) in body.categories
        and category.kind == "film"
        and normalise_key(written) not in cat.generic
    ):
        return category.name
    words = written.split(" ")
    return " ".join(
        w if any(ch.isupper() for ch in w) or (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )
