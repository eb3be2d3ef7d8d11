"""Titles in any script: each film keeps its own slug and review and is found by its own title (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from bot.text import fold, slugify
from tests.conftest import review_file

TITLES = ["기생충", "万引き家族", "卧虎藏龙", "Левиафан", "Κυνόδοντας", "الرسالة"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Les Misérables", "les-miserables"),  # Latin slugs are as they always were
        ("Amélie & Nino’s", "amelie-and-ninos"),
        ("기생충", "기생충"),
        ("Левиафан", "левиафан"),
        ("ガンダム", "ガンダム"),  # a kana voicing mark stays with its letter
        ("Crouching Tiger, 卧虎藏龙", "crouching-tiger-卧虎藏龙"),
    ],
)
def test_a_slug_keeps_the_letters_of_every_script(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_titles_with_no_letter_get_distinct_slugs() -> None:
    assert slugify("!!!") != slugify("???")
    assert slugify("!!!").startswith("untitled-")


async def test_six_films_of_one_year_in_six_scripts_stay_six_films(app: App, tmp_path: Path) -> None:
    before = len(app.films)
    paths = [
        review_file(
            tmp_path, f"{i}.md", title, year="2019", body=f"Review number {i} of this film. It is worth seeing."
        )
        for i, title in enumerate(TITLES)
    ]
    report = await app.import_paths(paths)
    assert report.ok and len(report.created) == len(TITLES)
    assert len(app.films) == before + len(TITLES)
    for i, title in enumerate(TITLES):
        film = app.find(title).film
        assert film is not None and film.title == title, title
        review = await app.review_of(film)
        assert review is not None and f"number {i} " in review.text


async def test_a_different_film_with_the_same_slug_is_never_merged(app: App, tmp_path: Path) -> None:
    # Two titles made only of symbols fold to nothing; distinct titles must stay distinct films.
    first = review_file(tmp_path, "a.md", "!!!", year="2021", body="The first one. It is worth seeing.")
    second = review_file(tmp_path, "b.md", "???", year="2021", body="The second one. It is not worth seeing.")
    report = await app.import_paths([first, second])
    assert len(report.created) == 2
    titles = {f.title for f in app.films.films()}
    assert {"!!!", "???"} <= titles


async def test_a_title_ending_in_a_year_is_not_merged_with_that_year_s_film(app: App, tmp_path: Path) -> None:
    # "Harbour 2020" (no year) and "Harbour" (2020) share the slug harbour-2020 but are two films.
    dated = review_file(tmp_path, "a.md", "Harbour", year="2020", body="The dated one. It is worth seeing.")
    (tmp_path / "b.md").write_text("---\ntitle: Harbour 2020\n---\nThe other one. It is not worth seeing.\n")
    report = await app.import_paths([dated, tmp_path / "b.md"])
    assert len(report.created) == 2
    films = [f for f in app.films.films() if f.title.startswith("Harbour")]
    assert sorted((f.title, f.year) for f in films) == [("Harbour", 2020), ("Harbour 2020", None)]
    assert len({f.slug for f in films}) == 2


def test_lookup_folds_case_in_other_scripts() -> None:
    assert fold("ЛЕВИАФАН") == fold("левиафан")
