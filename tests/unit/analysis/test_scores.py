"""Award-fact precision/recall and explicit-question recall on labelled reviews."""

from __future__ import annotations

from bot.analysis.trivia import AwardReader
from tests import shared
from tests.unit.analysis.scoring import DEV_DIR, FIXTURES, REPORT, Labelled, Score, load_dir, score


def _dev_figures(reader: AwardReader, name: str) -> tuple[list[Labelled], Score, list[str]]:
    """The dev set scored with one award reader, its figures added to the printed report."""
    shared.need(shared.DEV_REVIEWS)
    reviews = load_dir(DEV_DIR)
    misses: list[str] = []
    result = score(reviews, misses, reader)
    REPORT.append(result.line(f"{name} ({len(reviews)} reviews)"))
    return reviews, result, misses


def test_dev_set_figures() -> None:
    """The shared development set (others' reviews, read in place, never copied), hand-written rules alone."""
    _, result, misses = _dev_figures("rules", "dev set")
    REPORT.extend(f"  {m}" for m in misses)
    # Floors at what the analyser reached on all 30 reviews when the set grew from 10
    # (P=0.735 R=0.497 F1=0.593, questions 32/36); raised as the redesign lands.
    assert result.f1 >= 0.59, misses
    assert result.precision >= 0.73, misses
    assert result.question_recall >= 0.88


def test_dev_set_figures_of_the_staged_reader() -> None:
    """The staged award reader (not yet the default) on the same set: its floors keep it from regressing
    while it is measured against the shipped rules (docs/analysis.md)."""
    reviews, result, misses = _dev_figures("staged", "dev set, staged award reader")
    # Floors at what it reaches on 2026-12-03 (P=0.771 R=0.428 F1=0.550); raised when the catalogue read each
    # body's own category for a generic one, "Best Outstanding ..." as one qualifier, a gerund under a later modal
    # as a prediction, a pronoun in a fronted clause as the name after it and a named prize with a possessive
    # found with either apostrophe (P=0.812 R=0.451 F1=0.580).
    assert result.precision >= 0.80, misses
    assert result.recall >= 0.45, misses
    for review in (r for r in reviews if not r.labels["awards"]):
        assert review.analyse("staged").trivia == (), review.slug


def test_dev_set_figures_of_what_members_see() -> None:
    """The default trivia: the facts both readers state (one of them maybe more specifically), and the staged
    reader's facts that one construction states in full (precision first)."""
    _, result, misses = _dev_figures("agree", "dev set, shown to members: both readers agree")
    # Floors at what it reaches on 2026-12-03 (P=0.946 R=0.306 F1=0.463); raised when agreement took a more
    # specific form and complete facts of one reader were shown (P=0.971 R=0.382 F1=0.548, tuned on this set).
    # Recall 0.370 since doubtful facts are held back (a body only the context gives in a piece naming several,
    # TV awards, mixed nominee/winner headings): precision on batches 10-12 went from 0.42-0.67 to 0.71-0.73.
    assert result.precision >= 0.94, misses
    assert result.recall >= 0.36, misses


def test_dev_set_no_facts_where_none_are_stated() -> None:
    """A review whose labels hold no award gets no trivia at all (e.g. spotlight)."""
    shared.need(shared.DEV_REVIEWS)
    empty = [r for r in load_dir(DEV_DIR) if not r.labels["awards"]]
    assert empty
    for review in empty:
        assert review.analyse().trivia == (), review.slug


def test_fixture_figures() -> None:
    """The project's own hand-labelled reviews."""
    reviews = load_dir(FIXTURES)
    assert len(reviews) >= 8
    misses: list[str] = []
    result = score(reviews, misses)
    REPORT.append(result.line(f"fixtures ({len(reviews)} reviews)"))
    REPORT.extend(f"  {m}" for m in misses)
    assert result.precision >= 0.95, misses
    assert result.recall >= 0.95, misses
    assert result.question_recall >= 0.95


def test_fixture_figures_of_what_members_see() -> None:
    """The project's own reviews, default trivia (the rules were tuned on them; the widened agreement was not)."""
    reviews = load_dir(FIXTURES)
    misses: list[str] = []
    result = score(reviews, misses, "agree")
    REPORT.append(result.line(f"fixtures, shown to members ({len(reviews)} reviews)"))
    # Floors at what it reaches on 2026-12-03 (P=1.000 R=0.682 F1=0.811).
    assert result.precision >= 0.95, misses
    assert result.recall >= 0.68, misses


def test_fixture_no_award_review_has_no_trivia() -> None:
    """The no-award fixture (award-like idioms only) yields nothing."""
    empty = [r for r in load_dir(FIXTURES) if not r.labels["awards"]]
    assert empty
    assert all(r.analyse().trivia == () for r in empty)
