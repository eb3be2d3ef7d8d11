"""Properties every analysis must have, on every review we can read."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import ANALYSER_VERSION, analyze
from bot.analysis.polls import OPTION_MAX, QUESTION_MAX
from bot.analysis.text import words
from bot.models import Analysis, Source
from tests.unit.analysis.scoring import ANORA_TEXT, DEV_DIR, FIXTURES, load_dir

SLACK_BUTTON_MAX = 75
NORMAL_LENGTH = 350  # words; shorter capsules may get fewer prompts rather than weak ones
DISCORD_ANSWERS_MAX = 10


def _reviews() -> list[tuple[str, str, str]]:
    """(name, title, text) for the fixtures, the dev set and the Anora seed, where present."""
    found = [(r.slug, r.meta["title"], r.text) for r in load_dir(FIXTURES)]
    if DEV_DIR.is_dir():
        found += [(f"dev/{r.slug}", r.meta["title"], r.text) for r in load_dir(DEV_DIR)]
    if ANORA_TEXT.exists():
        found.append(("anora", "Anora", ANORA_TEXT.read_text(encoding="utf-8")))
    return found


REVIEWS = _reviews()


def _sources(a: Analysis) -> list[Source]:
    polls = [p.source for p in a.polls if p.source]
    return [p.source for p in a.prompts] + [f.source for f in a.trivia] + polls + list(a.spoilers)


@pytest.mark.parametrize(("name", "title", "text"), REVIEWS, ids=[r[0] for r in REVIEWS])
def test_analysis_properties(name: str, title: str, text: str) -> None:
    a = analyze(text, title=title)
    assert a.version == ANALYSER_VERSION
    for source in _sources(a):
        assert text[source.start : source.end] == source.sentence
    for prompt in a.prompts:
        assert prompt.text.endswith("?"), prompt.text
        assert not re.search(r"\s\s|\?\s*\?$", prompt.text.replace(" ?", "?"))
    assert len({p.text.lower() for p in a.prompts}) == len(a.prompts)
    assert len(a.prompts) <= 10
    if words(text) >= NORMAL_LENGTH:
        # fewer than five only with the reason in the JSON (prompts_note)
        assert len(a.prompts) >= 5 or a.prompts_note, [p.text for p in a.prompts]
    for prompt in a.prompts:
        assert len(prompt.text) <= 200, prompt.text
    assert 2 <= len(a.polls) <= 4
    for poll in a.polls:
        assert poll.question.endswith("?") and len(poll.question) <= QUESTION_MAX
        assert 2 <= len(poll.options) <= min(5, DISCORD_ANSWERS_MAX)
        assert all(0 < len(o) <= min(OPTION_MAX, SLACK_BUTTON_MAX) for o in poll.options)
    for fact in a.trivia:
        assert fact.question.endswith("?") and fact.answer
    assert 1 <= len(a.summary.key_points) <= 5 or words(text) < 100
    assert a.summary.tldr


def test_prompts_from_spoiler_sentences_are_marked() -> None:
    for _, title, text in REVIEWS:
        a = analyze(text, title=title)
        spoiled = {(s.start, s.end) for s in a.spoilers}
        for prompt in a.prompts:
            # a prompt from a spoiler sentence is hidden; an after-watching prompt is hidden by nature
            if (prompt.source.start, prompt.source.end) in spoiled:
                assert prompt.spoiler


_PROSE = st.lists(
    st.sampled_from(
        [
            "The film won Best Picture.",
            "It was never nominated.",
            "Why?",
            "Is it good?",
            "<p>",
            "\n\n",
            "“Quoted? Yes.”",
            "Some critics argue it is slow.",
            "While it is long, it is worth it.",
            "The Oscars: Best Sound.",
            "Nominations:\n",
            "Best Actor\n",
            "...",
            "Mr. Smith lost to Ms. Jones.",
        ]
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(_PROSE)
def test_any_text_is_analysed_without_error(parts: list[str]) -> None:
    text = " ".join(parts)
    a = analyze(text, title="Fuzz")
    for source in _sources(a):
        assert text[source.start : source.end] == source.sentence
    assert all(p.text.endswith("?") for p in a.prompts)


@pytest.mark.parametrize(
    "text",
    [
        "the film won " * 2000,
        "Best " + " in a ".join(["Word"] * 800) + " lowercase",
        ", ".join(["Best Picture"] * 1000),
        "word " * 10000,
        "Why? " * 2000,
    ],
    ids=["run-on-cues", "title-case", "category-list", "long-line", "questions"],
)
def test_pathological_text_stays_fast(text: str) -> None:
    start = time.perf_counter()
    a = analyze(text, title="T")
    # A guard against blow-ups (a quadratic rule took 12 s here), not a speed target: those live in bench/.
    # About 1.5 s on a quiet machine; the margin keeps a busy CI runner green.
    assert time.perf_counter() - start < 5.0
    assert len(a.prompts) <= 10
