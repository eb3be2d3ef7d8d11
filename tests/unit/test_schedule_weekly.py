"""The weekly thread's content: a poll from the review's questions, spoilers hidden, the recap."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.models import Film, PollTally, Review
from bot.weekly import pick_poll, recap, thread
from tests.fakes.harness import canned_analysis, text_of

FILM = Film(1, "anora-2024", "Anora", 2024, "Sean Baker")
REVIEW = Review(1, FILM, "text", "hash", "A. Critic")


def test_the_thread_holds_summary_prompts_with_spoilers_hidden_and_a_poll() -> None:
    weekly = thread(FILM, REVIEW, canned_analysis(REVIEW), datetime(2025, 3, 28, 19, 0), None)
    assert weekly.title == "Week of 28 March 2025 · Anora (2024)"
    assert "Review by A. Critic" in text_of(weekly.messages)
    hidden = [i.text for m in weekly.messages for s in m.sections for b in s.bullets for i in b if i.spoiler]
    assert hidden == ["Was the ending a punishment?"]
    assert weekly.poll is not None and weekly.poll.poll is not None
    assert weekly.poll.poll.question == "Does the film give Ani her own voice?"


def test_a_late_thread_says_so_first() -> None:
    weekly = thread(FILM, REVIEW, canned_analysis(REVIEW), datetime(2025, 3, 28, 19, 0), "Friday 28 March 19:00")
    first = weekly.messages[0].sections[0].paragraphs[0][0].text
    assert first.startswith("Posted late: this thread was due Friday 28 March 19:00")


def test_without_review_polls_the_first_spoiler_free_question_is_asked() -> None:
    analysis = replace(canned_analysis(REVIEW), polls=())
    spec = pick_poll(analysis)
    assert (
        spec is not None and spec.question == "Who truly owns their body?" and spec.options == ("Yes", "No", "Partly")
    )
    assert pick_poll(replace(analysis, prompts=())) is None


def test_the_recap_gives_the_result_and_the_turnout() -> None:
    tally = PollTally(("Yes", "No", "Partly"), (3, 3, 1), 7)
    text = text_of([recap("Anora (2024)", "Q?", tally)])
    assert "a tie between Yes and No, with 3 votes each" in text and "Turnout: 7 voted." in text
    assert "nobody voted" in text_of([recap("Anora (2024)", "Q?", PollTally(("Yes", "No"), (0, 0), 0))])
    assert "The week of Anora (2024) is over" in text_of([recap("Anora (2024)", None, None)])
