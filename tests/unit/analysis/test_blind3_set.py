"""The third blind set: eight reviews mentioning awards in passing, written and labelled before any fix."""

from __future__ import annotations

import pytest

from bot.analysis.text import words
from tests.unit.analysis.scoring import REPORT, ROOT, Labelled, load_dir, score
from tests.unit.analysis.test_blind_set import (
    DANGLING,
    DISCORD_ANSWER_MAX,
    DISCORD_QUESTION_MAX,
    KEY_POINT_LENGTH,
    SLACK_BUTTON_MAX,
    _sources,
)

BLIND3 = ROOT / "tests" / "fixtures" / "blind3"
REVIEWS = load_dir(BLIND3)
FLOOR = 0.95  # first run at 1.6.0: P 0.720, R 0.562, F1 0.632, questions 17/17


def test_blind3_set_figures() -> None:
    """Award facts and explicit questions against the hand labels (printed; first run at 1.6.0: F1 0.632)."""
    assert len(REVIEWS) >= 8
    misses: list[str] = []
    result = score(REVIEWS, misses)
    REPORT.append(result.line(f"blind set 3 ({len(REVIEWS)} reviews)"))
    REPORT.extend(f"  {m}" for m in misses)
    assert result.precision >= FLOOR, misses
    assert result.recall >= FLOOR, misses
    assert result.question_recall >= FLOOR, misses


@pytest.mark.parametrize("review", REVIEWS, ids=[r.slug for r in REVIEWS])
def test_blind3_review_output_is_well_formed(review: Labelled) -> None:
    """Prompts, polls, summary and offsets of one review of the third blind set."""
    a = review.analyse()
    text = review.text
    for source in _sources(a):
        assert text[source.start : source.end] == source.sentence
    for prompt in a.prompts:
        assert prompt.text.endswith("?"), prompt.text
    assert len({p.text.strip().lower() for p in a.prompts}) == len(a.prompts), [p.text for p in a.prompts]
    assert 2 <= len(a.polls) <= 4, a.polls
    for poll in a.polls:
        assert poll.question.endswith("?") and len(poll.question) <= DISCORD_QUESTION_MAX, poll.question
        assert 2 <= len(poll.options) <= 10
        assert all(0 < len(o) <= min(DISCORD_ANSWER_MAX, SLACK_BUTTON_MAX) for o in poll.options), poll.options
    points = a.summary.key_points
    assert a.summary.tldr
    if words(text) > KEY_POINT_LENGTH:
        assert 3 <= len(points) <= 5, points
    for point in points:
        assert not DANGLING.match(point), point


def test_blind3_trivia_questions_are_answerable_uniquely() -> None:
    """No two trivia facts of one review ask the same question with different answers."""
    for review in REVIEWS:
        asked: dict[str, str] = {}
        for fact in review.analyse().trivia:
            assert fact.question.endswith("?") and fact.answer
            previous = asked.setdefault(fact.question, fact.answer)
            assert previous == fact.answer, (review.slug, fact.question, previous, fact.answer)


def test_blind3_review_without_awards_has_no_trivia() -> None:
    """Award-ish praise ("prize-worthy", "a winner of a film") states no award."""
    for review in REVIEWS:
        if not review.labels["awards"]:
            assert not review.analyse().trivia, (review.slug, review.analyse().trivia)
