"""Upper bounds on a review file's front-matter fields, checked at import.

Every stored name is indexed and rendered; one unbounded field (a 190 KB title) made start-up
run out of memory, so each field has a limit and a file over it is refused with its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_NAME = 300  # a title, an alias, a director or an author
MAX_ALIASES = 20
MAX_SOURCE = 2000  # a URL or a citation may be longer than a name
_LIMITS = {"title": MAX_NAME, "director": MAX_NAME, "author": MAX_NAME, "source": MAX_SOURCE}


@dataclass(frozen=True)
class Breach:
    """A field over its limit: the line it is on and what is wrong."""

    line: int
    problem: str


def check_text(key: str, value: str | None, line: int) -> Breach | None:
    """A breach if a single-value field is longer than its limit."""
    limit = _LIMITS.get(key)
    if value is None or limit is None or len(value) <= limit:
        return None
    return Breach(line, f"'{key}' is {len(value):,} characters long; it may be at most {limit:,}")


def check_aliases(aliases: Sequence[str], lines: Sequence[int], key_line: int) -> Breach | None:
    """A breach if there are too many aliases or one is too long."""
    if len(aliases) > MAX_ALIASES:
        return Breach(key_line, f"there are {len(aliases):,} aliases; a film may have at most {MAX_ALIASES}")
    for alias, line in zip(aliases, lines, strict=True):
        if len(alias) > MAX_NAME:
            return Breach(line, f"an alias is {len(alias):,} characters long; it may be at most {MAX_NAME}")
    return None
