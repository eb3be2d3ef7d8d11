"""The shared test data kept outside the repository: platform specifications and the development review set.

The folder is `$FILMCLUB_SHARED` when that is set, else `../shared` beside the repository. It holds
`specs/discord/openapi.json`, `specs/slack/web_openapi_v2.json` (the platforms' OpenAPI specifications the
adapters' request bodies are checked against), `dev-reviews/` (the labelled development set) and
`seeds/anora-review.txt`. A test that needs a part calls `need(part)`: when the part is absent the test is
skipped with one line naming what is missing and how to provide it; under CI (`CI=true`) it fails instead,
so CI never skips silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETTING = "FILMCLUB_SHARED"

DISCORD_SPEC = "specs/discord/openapi.json"
SLACK_SPEC = "specs/slack/web_openapi_v2.json"
DEV_REVIEWS = "dev-reviews"
ANORA_REVIEW = "seeds/anora-review.txt"
PARTS = {
    DISCORD_SPEC: "Discord's OpenAPI specification",
    SLACK_SPEC: "Slack's Web API OpenAPI specification",
    DEV_REVIEWS: "the shared development review set",
    ANORA_REVIEW: "the shared Anora review text",
}


def folder() -> Path:
    """Where the shared folder is looked for: $FILMCLUB_SHARED, else ../shared beside the repository."""
    value = os.environ.get(SETTING, "").strip()
    return Path(value).expanduser().resolve() if value else ROOT.parent / "shared"


def path(part: str) -> Path:
    """The path of one part of the shared folder (it may not exist)."""
    return folder() / part


def in_ci() -> bool:
    """CI=true (as GitHub Actions, GitLab CI and most others set it)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing(part: str) -> str:
    """One line: what is missing, where it was looked for, and how to provide it."""
    return (
        f"{PARTS[part]} is missing ({part} not found in {folder()}): put the shared folder beside the "
        f"repository as ../shared, or set {SETTING}=/path/to/shared"
    )


def need(part: str) -> Path:
    """The part's path; skips the calling test when it is absent, and fails it under CI=true."""
    found = path(part)
    if found.exists():
        return found
    if in_ci():
        pytest.fail(f"{missing(part)} (CI=true: a missing shared folder is a failure)", pytrace=False)
    pytest.skip(missing(part))


def report_line() -> str:
    """For the session header: where the shared folder is and which parts are missing."""
    absent = [part for part in PARTS if not path(part).exists()]
    if not absent:
        return f"shared test data: {folder()}"
    what = "fail (CI=true)" if in_ci() else "are skipped"
    return (
        f"shared test data: missing in {folder()}: {', '.join(absent)}; tests that need them {what} "
        f"(put the shared folder beside the repository as ../shared, or set {SETTING})"
    )
