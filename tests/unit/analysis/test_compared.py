"""A review that sets the film beside other films gets a comparison prompt naming them; a person is never taken
for a film (own-written reviews)."""

from __future__ import annotations

from bot.analysis import analyze

BODY = (
    "Salt Road follows two sisters who drive a failing delivery van across the Atacama in the last week of a "
    "drought, and Lucía Ferrer directs the desert scenes with real confidence. "
)


def prompts(extra: str) -> list[str]:
    return [p.text for p in analyze(BODY + extra, title="Salt Road").prompts]


def test_marked_titles_after_a_comparison_cue_make_a_prompt() -> None:
    got = prompts("Salt Road recalls *The Third Man* and *Chinatown* in its long shadows.")
    assert "The review sets Salt Road beside The Third Man and Chinatown. How do they compare for you?" in got


def test_a_bare_title_reads_as_a_title_and_a_person_ends_the_list() -> None:
    got = prompts("Salt Road is often compared to The Wages of Fear and Thelma Ritter's best work.")
    assert "The review sets Salt Road beside The Wages of Fear. How do they compare for you?" in got


def test_a_person_after_the_cue_is_no_comparison() -> None:
    got = prompts("The film recalls Ingmar Bergman at his bleakest.")
    assert not any(p.startswith("The review sets") for p in got)
