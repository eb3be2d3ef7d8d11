"""Importing review files and folders through the app and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.app import App
from bot.config import Settings
from tests.conftest import ROOT, SEEDS, misnamed_file, review_file


async def test_every_shipped_seed_imports_cleanly(app: App) -> None:
    report = await app.import_paths([SEEDS])
    assert report.ok and not report.created  # already imported at start, unchanged now
    assert len(app.films) == len(list(SEEDS.glob("*.md")))


async def test_a_folder_with_one_broken_file_imports_the_others(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    review_file(folder, "a.md", "First Film")
    review_file(folder, "b.md", "Second Film")
    (folder / "broken.md").write_text("---\ntitle: Broken\nyear: soon\n---\nText\n")
    report = await app.import_paths([folder])
    assert sorted(Path(p).name for p in report.created) == ["a.md", "b.md"]
    assert [str(e) for e in report.errors] == [
        f"{folder / 'broken.md'}:3: year 'soon' is not a year (expected four digits, 1870–2100)"
    ]
    assert app.find("Broken").film is None and app.find("second film").film is not None


async def test_an_edited_file_updates_its_review_and_analysis(app: App, tmp_path: Path) -> None:
    path = review_file(tmp_path, "x.md", "Edited Film", body="The first text. Is it good?")
    await app.import_paths([path])
    film = app.find("edited film").film
    assert film is not None
    review_file(tmp_path, "x.md", "Edited Film", body="The second text. Is it better now?")
    report = await app.import_paths([path])
    assert report.updated == [str(path)]
    review = await app.review_of(film)
    assert review is not None and "second" in review.text
    from bot.codec import analysis_to_json

    assert "second" in str(analysis_to_json(await app.analysis(review)))


def _cli(settings: Settings, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"FILMCLUB_DATABASE": str(settings.database), "PATH": "", "HOME": str(settings.database.parent)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def test_cli_import_names_the_broken_file_and_exits_non_zero(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    review_file(folder, "good.md", "Good Film")
    (folder / "bad.md").write_bytes(b"---\ntitle: Bad\n---\n\xff\xfe\n")
    result = _cli(settings, "import", str(folder))
    assert result.returncode == 1
    assert f"{folder / 'bad.md'}:4: the file is not UTF-8" in result.stderr
    assert "1 imported" in result.stdout
    films = _cli(settings, "films")
    assert "Good Film (2020)" in films.stdout and "Bad" not in films.stdout


def test_cli_review_finds_every_form_and_suggests_on_a_miss(settings: Settings) -> None:
    for query in ("anora", "ANORA", "anorra", "Anora (2024)"):
        result = _cli(settings, "review", query, "--section", "summary")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Anora (2024)")
    miss = _cli(settings, "review", "anoxa blue")
    assert miss.returncode == 1 and "Did you mean: Anora (2024)?" in miss.stderr


def test_console_answers_piped_commands_and_exits(settings: Settings) -> None:
    result = _cli(settings, "console", stdin="/review anora\n/films\n")
    assert result.returncode == 0, result.stderr
    assert "Anora (2024) · dir. Sean Baker" in result.stdout
    assert "In short" in result.stdout and "Discussion prompts" in result.stdout
    assert "\033[" not in result.stdout  # piped: no colour codes


def test_cli_review_prints_the_same_answer_as_the_console(settings: Settings) -> None:
    console = _cli(settings, "console", stdin="/review anora\n").stdout.strip()
    direct = _cli(settings, "review", "anora").stdout.strip()
    assert console == direct


def test_cli_json_contract(settings: Settings) -> None:
    import json

    data = json.loads(_cli(settings, "review", "anora", "--json").stdout)
    assert data["film"] == {"title": "Anora", "year": 2024}
    assert {"summary", "prompts", "trivia", "polls"} <= set(data)
    analysed = json.loads(_cli(settings, "analyze", str(SEEDS / "anora.md"), "--json").stdout)
    assert analysed["summary"] == data["summary"]


def test_an_edited_review_of_a_seeded_film_survives_every_start(settings: Settings, tmp_path: Path) -> None:
    # The host re-imports Anora with their own text; each later start re-reads the seeds and must keep it.
    edited = review_file(tmp_path, "anora.md", "Anora", year="2024", body="Our own Anora text. It is worth seeing.")
    result = _cli(settings, "import", str(edited))
    assert result.returncode == 0, result.stderr
    for _ in range(2):  # each CLI call is a start: seeds imported again
        shown = _cli(settings, "review", "anora", "--section", "summary")
        assert shown.returncode == 0, shown.stderr
        assert "Our own Anora text" in shown.stdout


async def test_a_changed_seed_still_updates_its_own_review(settings: Settings, tmp_path: Path) -> None:
    from dataclasses import replace

    from bot.bootstrap import build_app

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    review_file(seeds, "x.md", "Seeded Film", body="The first seed text. It is worth seeing.")
    mine = replace(settings, seeds=seeds)
    first = await build_app(mine)
    await first.close()
    review_file(seeds, "x.md", "Seeded Film", body="The upgraded seed text. It is worth seeing.")
    second = await build_app(mine)
    try:
        film = second.find("seeded film").film
        assert film is not None
        review = await second.review_of(film)
        assert review is not None and "upgraded" in review.text
    finally:
        await second.close()


async def test_a_file_name_that_is_not_utf8_is_one_error_and_the_others_import(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    review_file(folder, "good.md", "Good Film")
    name = misnamed_file(folder)
    report = await app.import_paths([folder])
    assert [Path(p).name for p in report.created] == ["good.md"]
    assert [str(e) for e in report.errors] == [f"{name}: the file name is not UTF-8; rename the file"]
    assert app.find("Cafe").film is None
