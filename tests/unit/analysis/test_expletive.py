"""An "it" that points forward ("Is it fair to call ...") leaves the review's own question standing; an "it" that
points back at an unnamed referent does not (own-written reviews)."""

from __future__ import annotations

from bot.analysis import analyze

REVIEW = (
    "Salt Road follows two sisters who drive a failing delivery van across the Atacama in the last week of a "
    "drought, and Lucía Ferrer directs the desert scenes with real confidence. "
    "The film is billed as a comedy, and the sisters bicker like a double act. "
    "Is it fair to call a film this sad a comedy at all? "
    "The middle section sags badly, and the uncle subplot adds little. "
    "Was it any good by then?"
)


def prompts() -> list[str]:
    return [p.text for p in analyze(REVIEW, title="Salt Road").prompts]


def test_a_forward_pointing_it_keeps_the_question() -> None:
    assert "Is it fair to call a film this sad a comedy at all?" in prompts()


def test_an_it_with_its_referent_elsewhere_is_no_prompt() -> None:
    assert not any(p.startswith("Was it any good") for p in prompts())
