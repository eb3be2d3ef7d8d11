"""Shared fixtures: settings on a temporary database, and the core app built on them; the shared data's header."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App
from bot.bootstrap import build_app
from bot.config import Settings
from tests import shared

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_report_header() -> str:
    """Where the shared test data (../shared or $FILMCLUB_SHARED) is, and what of it is missing."""
    return shared.report_line()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a fresh SQLite file and the shipped seeds."""
    return Settings(database=tmp_path / "filmclub.db", seeds=SEEDS)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[App]:
    """The core app on a real SQLite file, seeds imported."""
    application = await build_app(settings)
    yield application
    await application.close()


def review_file(folder: Path, name: str, title: str = "Some Film", year: str = "2020", body: str = "") -> Path:
    """Write a review file and return its path."""
    text = body or f"{title} is a film. It is worth seeing. Its ending surprised me."
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nyear: {year}\n---\n{text}\n", encoding="utf-8")
    return path


def misnamed_file(folder: Path) -> str:
    """Write a good review under a name that is not UTF-8 (Latin-1 "café.md"); the name as errors show it."""
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.md"), "wb") as out:
        out.write(b"---\ntitle: Cafe\nyear: 2020\n---\nA review.\n")
    return f"{folder}{os.sep}caf\\xe9.md"
