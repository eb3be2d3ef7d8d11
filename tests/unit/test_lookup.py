"""Finding films by what members type, with suggestions and autocomplete."""

from __future__ import annotations

import pytest

from bot.lookup import FilmIndex
from bot.models import Film

FILMS = [
    Film(1, "anora-2024", "Anora", 2024, "Sean Baker", ("Ani",)),
    Film(2, "les-miserables-2019", "Les Misérables", 2019),
    Film(3, "the-shape-of-water-2017", "The Shape of Water", 2017),
    Film(4, "aftersun-2022", "Aftersun", 2022),
    Film(5, "the-verdict-1982", "The Verdict", 1982),
]


@pytest.fixture
def index() -> FilmIndex:
    return FilmIndex(FILMS, {1: frozenset({""}), 2: frozenset({"club-a"})})


@pytest.mark.parametrize(
    "query", ["anora", "ANORA", "anorra", "Anora (2024)", "anora 2024", "anora-2024", "  Anora! ", "Ani", "Anóra"]
)
def test_every_form_finds_anora(index: FilmIndex, query: str) -> None:
    assert index.find(query).film == FILMS[0]


def test_accents_and_articles_forgiven(index: FilmIndex) -> None:
    assert index.find("les miserables", "club-a").film == FILMS[1]
    assert index.find("shape of water").film == FILMS[2]


def test_no_good_match_gives_at_most_three_suggestions(index: FilmIndex) -> None:
    match = index.find("the verd ict shape")
    assert match.film is None
    assert 0 < len(match.suggestions) <= 3


def test_a_dropped_article_finds_the_film_but_an_exact_title_comes_first() -> None:
    films = [Film(1, "the-thing-1982", "The Thing", 1982), Film(2, "thing-2020", "Thing", 2020)]
    index = FilmIndex(films, {1: frozenset({""}), 2: frozenset({""})})
    assert index.find("thing").film == films[1]
    assert index.find("the thing").film == films[0]
    assert index.find("thing 1982").film == films[0]


def test_a_near_word_is_asked_about_not_answered() -> None:
    index = FilmIndex([Film(1, "heat-1995", "Heat", 1995)], {1: frozenset({""})})
    match = index.find("heart")
    assert match.film is None and [f.title for f in match.suggestions] == ["Heat"]
    assert index.find("haet").film is None  # a four-letter swap is too far to assume
    assert index.find("heat").film is not None


def test_nonsense_gives_no_film(index: FilmIndex) -> None:
    assert index.find("zzzzqqq").film is None
    assert index.find("").film is None


def test_a_club_only_film_is_invisible_to_other_clubs(index: FilmIndex) -> None:
    assert index.find("Les Misérables", "club-b").film is None
    assert FILMS[1] not in index.find("les miserables", "club-b").suggestions
    assert index.find("Les Misérables", "club-a").film == FILMS[1]


def test_autocomplete_matches_title_and_word_prefixes(index: FilmIndex) -> None:
    assert index.complete("an") == [FILMS[0]]
    assert index.complete("sha") == [FILMS[2]]
    assert [f.title for f in index.complete("the")] == ["The Shape of Water", "The Verdict"]
    assert len(index.complete("")) == 5  # no club given: every film
    assert len(index.complete("", "club-b")) == 4  # Les Misérables belongs to club-a


def test_autocomplete_returns_at_most_the_limit() -> None:
    films = [Film(i, f"film-{i}", f"Film {i:03d}", 2000) for i in range(100)]
    assert len(FilmIndex(films).complete("film", limit=25)) == 25


def _indexed_bytes(title: str) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        FilmIndex([Film(1, "x", title, 2020, None, (title,) * 50)])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_index_of_a_hostile_name_stays_small() -> None:
    # A film stored before import bounded titles (old databases): 5,000 one-letter words, and
    # 50 copies as aliases. Whole-word suffixes made this ~25 MB per name (95,000 words: over 4 GB).
    assert _indexed_bytes("a " * 5000) < 2_000_000


def test_words_inside_a_long_name_still_autocomplete() -> None:
    long = Film(9, "long-2020", "The " + " ".join(f"word{i}" for i in range(60)), 2020)
    index = FilmIndex([*FILMS, long])
    assert index.complete("word59") == [long]
    assert index.complete("word3 word4 word5 word6 word7 word8 word9 word10 word11 word12 word13") == [long]
    assert index.find(long.title).film == long
