"""The blind sets: reviews written after the rules, by people who had not read them, scored and checked.

Each set's first score, before any rule was fixed against it, is recorded beside it (docs/analysis.md):
blind 0.651, blind2 0.579, blind3 0.632, blind4 0.566 award-fact F1 — the honest estimate for unseen reviews.
"""

from __future__ import annotations

import re

import pytest

from bot.analysis.text import words
from bot.models import Analysis, Source
from tests.unit.analysis.scoring import REPORT, ROOT, Labelled, load_dir, score

BLIND = ROOT / "tests" / "fixtures" / "blind"
REVIEWS = load_dir(BLIND)
FLOOR = 0.95
# (folder, label in the report, least number of reviews, floor for precision, recall and question recall)
SETS = [
    ("blind", "blind set", 10, FLOOR),
    ("blind2", "blind set 2", 10, FLOOR),
    ("blind3", "blind set 3", 8, FLOOR),
    ("blind4", "blind set 4", 6, FLOOR),
]
LOADED = {name: load_dir(ROOT / "tests" / "fixtures" / name) for name, _, _, _ in SETS}
EVERY = [(name, r) for name, reviews in LOADED.items() for r in reviews]

DISCORD_QUESTION_MAX = 300
DISCORD_ANSWER_MAX = 55
SLACK_BUTTON_MAX = 75
KEY_POINT_LENGTH = 150  # words; shorter capsules may have fewer key points
# A key point is read on its own, so it must not open with a pronoun whose referent is elsewhere.
DANGLING = re.compile(r"^(It|Its|This|That|These|Those|He|She|They|His|Her|Him|Their|Them)\b")


def _sources(a: Analysis) -> list[Source]:
    polls = [p.source for p in a.polls if p.source]
    return [p.source for p in a.prompts] + [f.source for f in a.trivia] + polls + list(a.spoilers)


@pytest.mark.parametrize(("name", "label", "least", "floor"), SETS, ids=[n for n, _, _, _ in SETS])
def test_blind_set_figures(name: str, label: str, least: int, floor: float) -> None:
    """Award facts and explicit questions against the hand labels (printed; floors below the measured figures)."""
    reviews = LOADED[name]
    assert len(reviews) >= least
    misses: list[str] = []
    result = score(reviews, misses)
    REPORT.append(result.line(f"{label} ({len(reviews)} reviews)"))
    REPORT.extend(f"  {m}" for m in misses)
    assert result.precision >= floor, misses
    assert result.recall >= floor, misses
    assert result.question_recall >= floor, misses


def test_blind_no_award_review_has_no_trivia() -> None:
    """A review stating no award (award-like idioms only) gets no trivia."""
    empty = [r for r in REVIEWS if not r.labels["awards"]]
    assert empty
    for review in empty:
        assert review.analyse().trivia == (), review.slug


@pytest.mark.parametrize(("name", "review"), EVERY, ids=[f"{n}/{r.slug}" for n, r in EVERY])
def test_blind_review_output_is_well_formed(name: str, review: Labelled) -> None:
    """Prompts, polls, summary and offsets of one blind review."""
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
        assert 2 <= len(points) <= 5, points  # two when a third would be a flawed sentence
    for point in points:
        assert not DANGLING.match(point), point


def test_blind_trivia_questions_are_answerable_uniquely() -> None:
    """No two trivia facts of one review ask the same question with different answers."""
    for _, review in EVERY:
        asked: dict[str, str] = {}
        for fact in review.analyse().trivia:
            assert fact.question.endswith("?") and fact.answer
            previous = asked.setdefault(fact.question, fact.answer)
            assert previous == fact.answer, (review.slug, fact.question, previous, fact.answer)


def test_two_honours_of_one_sentence_get_distinct_questions() -> None:
    """ "Recognition from A and B": two facts, each question naming the other body, so each has one answer."""
    from bot.analysis import analyze

    text = "Lulu Wang earned recognition from the Directors Guild and the Writers Guild for her work."
    facts = analyze(text, title="The Farewell").trivia
    assert [(f.award, f.result) for f in facts] == [
        ("Directors Guild", "recognized"),
        ("Writers Guild", "recognized"),
    ]
    assert facts[0].question != facts[1].question
    assert "Writers Guild" in facts[0].question and "Directors Guild" in facts[1].question
