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


def test_a_change_replaces_adds_and_removes_films_over_the_base(index: FilmIndex) -> None:
    renamed = Film(4, "aftersun-2022", "After the Sun", 2022)
    added = Film(6, "anora-2025", "Anora", 2025)
    changed = index.changed([renamed, added], {6: frozenset({"club-b"})}, gone=[5])
    assert len(changed) == len(index) and changed.layered == 4  # 2 in the layer, 2 base films hidden
    assert changed.find("after the sun").film == renamed and changed.find("aftersun").film is None
    assert changed.find("the verdict").film is None and index.find("the verdict").film == FILMS[4]
    assert changed.find("anora", "club-b").film == added and changed.find("anora", "club-a").film == FILMS[0]
    assert [f.id for f in changed.films()] == [4, 1, 6, 2, 3]  # one order across base and layer
    assert [f.id for f in changed.complete("a", "club-b")] == [4, 1, 6]
    assert changed.find("anorra 2025", "club-b").film == added


def test_a_change_of_a_changed_film_keeps_the_latest(index: FilmIndex) -> None:
    once = index.changed([Film(7, "new-2020", "Brand New", 2020)], {}, gone=[])
    twice = once.changed([Film(7, "new-2020", "Quite Different", 2020)], {}, gone=[])
    assert twice.find("quite different").film is not None and twice.find("brand new").film is None
    assert len(twice) == len(index) + 1 and twice.complete("brand") == []
    assert len(twice.changed([], {}, gone=[7])) == len(index)


def test_a_saved_index_answers_as_the_built_one(index: FilmIndex) -> None:
    body = index.dump()
    assert body is not None and index.changed([], {}, gone=[1]).dump() is None  # a layered index is not saved
    loaded = FilmIndex.load(body)
    assert loaded is not None and len(loaded) == len(index)
    for query in ("anorra", "shape of water", "ani", "les miserables"):
        assert loaded.find(query, "club-a") == index.find(query, "club-a")
    assert loaded.complete("a") == index.complete("a") and loaded.films("club-b") == index.films("club-b")
    assert FilmIndex.load(b"\x00garbage") is None
