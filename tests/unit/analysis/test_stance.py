"""A negated evaluative word counts on the other side (own-written sentences)."""

from __future__ import annotations

import pytest

from bot.analysis.evidence import stance, stance_counts


@pytest.mark.parametrize(
    ("sentence", "sign"),
    [
        ("It is a masterpiece of tension.", 1),
        ("It is not a masterpiece of tension.", -1),
        ("I wouldn't call it a masterpiece.", -1),
        ("The film is never boring.", 1),
        ("The film is boring.", -1),
        ("Hardly a masterpiece, though.", -1),
    ],
)
def test_negation_turns_a_word_round(sentence: str, sign: int) -> None:
    assert (stance(sentence) > 0) - (stance(sentence) < 0) == sign


def test_a_negator_far_back_does_not_reach() -> None:
    assert stance_counts("No one in the room expected that this quiet little film would be such a masterpiece.")[0] == 1
