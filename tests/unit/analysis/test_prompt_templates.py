"""The prompt templates, each filled from short sentences written for the test, and the shape on every dev review."""

from __future__ import annotations

import re

import pytest

from bot.analysis import analyze
from bot.analysis.page import article_text
from bot.analysis.prompts import normalised
from bot.analysis.text import words
from tests import shared
from tests.unit.analysis.scoring import DEV_DIR, load_dir

CONNECTIVE = re.compile(r"^(?:And|But|So|Yes|Sure|Or|Well)\b")


def _texts(text: str, title: str = "Dusk") -> list[str]:
    return [p.text for p in analyze(text, title=title).prompts]


def test_own_question_loses_its_lead_in() -> None:
    texts = _texts("The harbour scenes are long. So, what does the town owe its fishermen now?")
    assert "What does the town owe its fishermen now?" in texts
    texts = _texts("The plot is simple: when should a daughter stop forgiving her father?")
    assert "When should a daughter stop forgiving her father?" in texts


@pytest.mark.parametrize(
    "text",
    [
        "The storm never comes. Or does it?",  # an "Or ...?" fragment
        "Is the boat a symbol of hope? No. It is just a boat.",  # answered at once
        "The fog rolls in. Why bother?",  # under four words
        "Was he good? The script gave him little.",  # a lost referent
        "The town is dying, isn't that right?",  # a tag question
    ],
)
def test_rhetorical_questions_are_not_prompts(text: str) -> None:
    assert not [p for p in analyze(text, title="Dusk").prompts if p.kind == "explicit"]


def test_an_epigraph_question_is_not_the_critic_s() -> None:
    text = "“What is a town without its sea?”\n— An old song\n\nDusk is a patient film about a harbour in winter."
    assert not [p for p in analyze(text, title="Dusk").prompts if p.kind == "explicit"]


def test_a_verdict_is_put_to_the_club() -> None:
    texts = _texts("Dusk is a patient, beautiful film about a fishing town.")
    assert "The review calls Dusk “a patient, beautiful film”. Is that how it struck you?" in texts


def test_a_craft_claim_quotes_the_phrase() -> None:
    texts = _texts("The script is clumsy and the pacing is sluggish in the second hour.")
    assert "The review calls the script “clumsy”. Did it work for you?" in texts


def test_a_performance_claim_names_the_person() -> None:
    texts = _texts("Ines Varga gives a fiercely committed performance as the harbour master.")
    assert (
        "The review says Ines Varga gives “a fiercely committed performance”. Did the performance win you over?"
        in texts
    )


def test_a_theme_needs_the_review_to_dwell_on_it() -> None:
    once = _texts("Dusk is about a town. Grief hangs over the harbour.")
    one_passage = _texts("Dusk is about a town. Grief hangs over the harbour, grief of a kind.")
    two_paragraphs = _texts(
        "Dusk is about a town. Grief hangs over the harbour.\n\nThe grief of the widows is its heart."
    )
    three = _texts("Dusk is about grief. Grief hangs over the harbour. The grief of the widows is the film's heart.")
    assert not any("grief" in t for t in once + one_passage)
    assert any("grief" in t for t in two_paragraphs)
    assert any("grief" in t for t in three)


def test_a_passing_word_is_no_theme() -> None:
    texts = _texts("The morning light is lovely. The morning fog is grey. He walks in the morning.")
    assert not any("morning" in t for t in texts)


def test_the_ending_gets_an_after_watching_question_marked_as_spoiler() -> None:
    a = analyze(
        "Dusk is a calm film. The ending, in which the harbour master sells her boat, is devastating.", title="Dusk"
    )
    after = [p for p in a.prompts if p.text.startswith("After watching")]
    assert after and after[0].spoiler


def test_a_long_review_without_evidence_says_why() -> None:
    text = "The festival opened on a Tuesday and the screening started at nine in the evening. " * 30
    a = analyze(text, title="Dusk")
    assert len(a.prompts) < 5 and a.prompts_note.startswith(f"Only {len(a.prompts)} prompts")


DEV = load_dir(DEV_DIR) if DEV_DIR.is_dir() else []


@pytest.mark.parametrize("review", DEV or [None], ids=[r.slug for r in DEV] or ["dev-reviews"])
def test_dev_review_prompt_shape(review: object) -> None:
    if review is None:
        shared.need(shared.DEV_REVIEWS)
    a = review.analyse()  # type: ignore[attr-defined]
    texts = [p.text for p in a.prompts]
    assert len(texts) <= 10
    assert all(t.endswith("?") and len(t) <= 200 for t in texts), texts
    assert len({normalised(t) for t in texts}) == len(texts), texts
    assert not any(CONNECTIVE.match(t) for t in texts), texts
    # the rule counts the review's words, not the page's tail (comments, share rows) the analysis does not read
    if words(article_text(review.text)) >= 250 and len(texts) < 5:  # type: ignore[attr-defined]
        assert a.prompts_note
    for poll in a.polls:
        assert len(poll.question) <= 300 and 2 <= len(poll.options) <= 10
        assert all(0 < len(o) <= 55 for o in poll.options)
        assert len({o.lower() for o in poll.options}) == len(poll.options)
