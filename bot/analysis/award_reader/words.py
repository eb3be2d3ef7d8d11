"""The reader's word lists (data/award_words.toml) as compiled patterns, loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Words:
    """Cue, scope and name vocabularies, compiled."""

    cues: tuple[tuple[str, re.Pattern[str]], ...]  # (result class, pattern), longest phrases first
    negator: re.Pattern[str]
    modal: re.Pattern[str]
    boundary: re.Pattern[str]
    film_ref: re.Pattern[str]
    person_pronoun: re.Pattern[str]
    not_name: frozenset[str]
    not_film: frozenset[str]


def phrases(items: list[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternatives, longest first; "'" matches either apostrophe."""
    ordered = sorted(items, key=len, reverse=True)
    alts = [re.escape(p).replace("'", "['’]") for p in ordered]
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alts) + r")(?![\w-]|['’]t\b)", re.I)  # "won't" is no win


# "The 11th feature by ...", "his latest film", "this Norwegian drama", a sentence opening "French drama, ...":
# a noun phrase that names the reviewed film.
_FILM_PHRASE = (
    r"(?:^(?=[A-Z])(?:[A-Z][\w-]+\s+)?(?=(?i:drama|film|movie|thriller|comedy|documentary|feature)\b)|"
    r"(?<![\w'’-])(?:the|this|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?)"
    r"(?:film|movie|feature|drama|documentary|thriller|comedy|picture|western|musical|biopic|debut)(?:['’]s)?(?![\w-])"
)


@cache
def words() -> Words:
    """The shipped word lists."""
    text = resources.files("bot.analysis").joinpath("data/award_words.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    scope = raw["scope"]
    negators = [n for n in scope["negators"] if n != "n't"]
    return Words(
        cues=tuple((kind, phrases(items)) for kind, items in raw["cues"].items()),
        negator=re.compile(phrases(negators).pattern + r"|n['’]t\b", re.I),
        modal=re.compile(phrases([m for m in scope["modals"] if m != "'ll"]).pattern + r"|['’]ll\b", re.I),
        boundary=re.compile(
            "|".join(re.escape(b) for b in scope["boundaries"]) + r"|, (?=(?:who|which|whose|and|as)\b)"
        ),
        film_ref=re.compile(phrases(scope["film_refs"]).pattern + "|" + _FILM_PHRASE, re.I),
        person_pronoun=phrases(scope["person_pronouns"]),
        not_name=frozenset(raw["names"]["not_name"]),
        not_film=frozenset(raw["names"]["not_film"]),
    )
