"""The third blind set: eight reviews mentioning awards in passing, written and labelled before any fix."""

from __future__ import annotations

from tests.unit.analysis.scoring import ROOT, load_dir

BLIND3 = ROOT / "tests" / "fixtures" / "blind3"
REVIEWS = load_dir(BLIND3)
FLOOR = 0.95  # first run at 1.6.0: P 0.720, R 0.562, F1 0.632, questions 17/17


def test_blind3_review_without_awards_has_no_trivia() -> None:
    """Award-ish praise ("prize-worthy", "a winner of a film") states no award."""
    for review in REVIEWS:
        if not review.labels["awards"]:
            assert not review.analyse().trivia, (review.slug, review.analyse().trivia)
