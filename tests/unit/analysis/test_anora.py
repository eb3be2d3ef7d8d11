"""The issue's acceptance example: the Anora review's facts, question and prompts."""

from __future__ import annotations

import pytest

from bot.analysis import ANALYSER_VERSION, analyze
from bot.models import Analysis
from tests import shared
from tests.unit.analysis.scoring import ROOT, split_front_matter


def _text(which: str) -> str:
    """The shared folder's Anora text, or the repository's seeds/anora.md."""
    if which == "shared":
        return shared.path(shared.ANORA_REVIEW).read_text(encoding="utf-8")
    return split_front_matter((ROOT / "seeds" / "anora.md").read_text(encoding="utf-8"))[1]


# Every test runs on the shipped seed, and on the shared folder's text when that is there.
TEXTS = ["seed"] + (["shared"] if shared.path(shared.ANORA_REVIEW).is_file() else [])


def test_the_shared_anora_text_is_there() -> None:
    """Skipped (failed under CI) once, rather than every test below, when the shared text is absent."""
    assert shared.need(shared.ANORA_REVIEW).is_file()


@pytest.fixture(params=TEXTS)
def anora(request: pytest.FixtureRequest) -> Analysis:
    return analyze(_text(request.param), title="Anora", year=2024, director="Sean Baker")


def _facts(a: Analysis) -> set[tuple[str, str, str | None, str]]:
    return {(f.subject, f.award, f.category, f.result) for f in a.trivia}


def test_exact_award_facts(anora: Analysis) -> None:
    assert _facts(anora) == {
        ("Mikey Madison", "BAFTA Awards", "Best Actress", "won"),
        ("Mikey Madison", "Academy Awards", "Best Actress", "won"),
        ("Demi Moore", "BAFTA Awards", "Best Actress", "lost"),
        ("Anora", "Directors Guild", None, "recognized"),
        ("Anora", "Producers Guild", None, "recognized"),
        ("Anora", "Academy Awards", "Best Picture", "contender"),
    }


def test_best_picture_is_never_a_win(anora: Analysis) -> None:
    assert not any(f.category == "Best Picture" and f.result == "won" for f in anora.trivia)


def test_trivia_question_and_answer(anora: Analysis) -> None:
    bafta = next(f for f in anora.trivia if f.award == "BAFTA Awards" and f.result == "won")
    assert bafta.question == "Which award did Mikey Madison win at the BAFTAs?"
    assert bafta.answer == "Best Actress"
    assert bafta.film == "Anora"


def test_own_question_verbatim(anora: Analysis) -> None:
    explicit = [p.text for p in anora.prompts if p.kind == "explicit"]
    assert explicit == [
        "Who truly owns their body when economic precarity, stigma, and legal systems dictate the terms?"
    ]


def test_implicit_and_debate_prompts(anora: Analysis) -> None:
    texts = [p.text for p in anora.prompts]
    assert "How much space does the film give to Ani’s own perspective on her work?" in texts
    assert "The review is warm on Anora. Did it live up to that for you?" in texts  # the critic's overall stance
    assert any(
        t.startswith("Some critics argue that Anora misses an opportunity") and t.endswith(". Do you agree?")
        for t in texts
    )
    # filled templates: the critic's verdict put to the club, a named performance, an after-watching question
    assert "The review calls Anora “a beautifully tragic, darkly funny film”. Is that how it struck you?" in texts
    assert any("Mikey Madison" in t and "performance" in t for t in texts)
    assert anora.prompts[-1].spoiler and anora.prompts[-1].text.startswith("After watching")
    assert 5 <= len(anora.prompts) <= 10
    assert all(len(t) <= 200 for t in texts)


def test_the_final_act_judged_is_no_spoiler(anora: Analysis) -> None:
    """The "haunting final act ... devastating toll" judges the ending and tells no event (issue 18)."""
    assert not any("final act" in s.sentence for s in anora.spoilers)


def test_version(anora: Analysis) -> None:
    assert anora.version == ANALYSER_VERSION
