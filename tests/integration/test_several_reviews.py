"""Several imported reviews of one film: all reachable, the main one named with its reason, none reverted, and
`filmclub remove` deleting a mistaken import with its analysis (issue 14, "Reviews are overwritten or hidden")."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.app import App
from bot.bootstrap import build_app
from bot.config import Settings
from bot.models import Incoming, Message
from tests.conftest import ROOT

SECOND = "Anora is a dull, overlong film. The ending felt hollow. The script is thin."


def _anora(folder: Path, name: str, author: str | None, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    by = f"author: {author}\n" if author else ""
    path = folder / name
    path.write_text(f"---\ntitle: Anora\nyear: 2024\n{by}---\n{body}\n", encoding="utf-8")
    return path


def _text(messages: list[Message]) -> str:
    from adapters.console import render_text

    return "\n".join(render_text(m) for m in messages)


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"FILMCLUB_DATABASE": str(settings.database), "PATH": "", "HOME": str(settings.database.parent)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


async def test_a_second_authors_review_is_listed_and_the_main_one_is_named(app: App, tmp_path: Path) -> None:
    await app.import_paths([_anora(tmp_path, "jo.md", "Jo Critic", SECOND)])
    listing = _text(await app.dispatch(Incoming("reviews", "anora")))
    assert "1. Unsigned review (the main review: the first one imported)" in listing
    assert "2. Review by Jo Critic" in listing
    digest = _text(await app.dispatch(Incoming("review", "anora summary")))
    assert "Main review: the first one imported, of 2. /reviews Anora lists the others" in digest
    second = _text(await app.dispatch(Incoming("reviews", "anora 2")))
    assert "Review by Jo Critic" in second and "dull, overlong" in second


async def test_a_clubs_own_import_is_the_main_review_for_that_club(app: App, tmp_path: Path) -> None:
    await app.import_paths([_anora(tmp_path, "ours.md", "Our Host", SECOND)], club_id="club-a")
    ours = _text(await app.dispatch(Incoming("reviews", "anora", club_id="club-a")))
    assert "1. Review by Our Host (the main review: this club's own review)" in ours
    theirs = _text(await app.dispatch(Incoming("reviews", "anora", club_id="club-b")))
    assert "Our Host" not in theirs and "(the main review: the only one)" in theirs


def test_a_hosts_file_called_seeds_anora_md_is_not_reverted_by_the_next_start(
    settings: Settings, tmp_path: Path
) -> None:
    # The host keeps their own copy in a folder that is also called seeds: the shipped seed must not win it back.
    mine = _anora(tmp_path / "club" / "seeds", "anora.md", None, "Our own Anora text. It is worth seeing.")
    assert _cli(settings, "import", str(mine)).returncode == 0
    again = _anora(tmp_path / "club" / "seeds", "anora.md", None, "Our second Anora text. It is worth seeing.")
    assert "updated" in _cli(settings, "import", str(again)).stdout
    for _ in range(2):  # each call is a start that imports the seeds again
        shown = _cli(settings, "review", "anora", "--section", "summary")
        assert "Our second Anora text" in shown.stdout, shown.stdout + shown.stderr


def test_remove_deletes_a_mistaken_import_with_its_analysis(settings: Settings, tmp_path: Path) -> None:
    wrong = _anora(tmp_path, "wrong.md", "Jo Critic", SECOND)
    assert _cli(settings, "import", str(wrong)).returncode == 0
    ambiguous = _cli(settings, "remove", "anora")
    assert ambiguous.returncode == 1 and "choose one with --review N" in ambiguous.stderr
    assert "review 2 of Anora (2024) by Jo Critic" in ambiguous.stderr
    done = _cli(settings, "remove", "anora", "--review", "2")
    assert done.returncode == 0 and "removed review 2 of Anora (2024) by Jo Critic" in done.stdout
    with sqlite3.connect(settings.database) as raw:
        assert raw.execute("SELECT count(*) FROM reviews WHERE author = 'Jo Critic'").fetchone()[0] == 0
        orphans = "SELECT count(*) FROM analyses WHERE review_id NOT IN (SELECT id FROM reviews)"
        assert raw.execute(orphans).fetchone()[0] == 0
    assert "Jo Critic" not in _cli(settings, "review", "anora").stdout


async def test_remove_by_file_and_a_film_left_without_reviews_goes(settings: Settings, tmp_path: Path) -> None:
    from tests.conftest import review_file

    path = review_file(tmp_path, "oops.md", "Oops Film")
    assert _cli(settings, "import", str(path)).returncode == 0
    done = _cli(settings, "remove", str(path))
    assert "removed the review of Oops Film (2020)" in done.stdout and "no longer listed" in done.stdout
    app = await build_app(settings)
    try:
        assert app.find("oops film").film is None
    finally:
        await app.close()
