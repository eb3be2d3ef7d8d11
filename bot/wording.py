"""The one loader of wording: TOML templates in the top-level prompts/ folder."""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@cache
def wording(name: str) -> dict[str, Any]:
    """The parsed `prompts/<name>.toml` table (cached; files are read once)."""
    with (PROMPTS_DIR / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def phrase(name: str, key: str, **values: object) -> str:
    """Fill the template `key` of `prompts/<name>.toml` with `values` ($name placeholders)."""
    template = wording(name)[key]
    if not isinstance(template, str):
        raise TypeError(f"prompts/{name}.toml: {key} is not a string template")
    return string.Template(template).substitute(values)
