"""Trivia questions a moderator can post: a count asked as a count, plain questions without a category, answers
with a capital (own-written sentences)."""

from __future__ import annotations

from bot.analysis import analyze

INTRO = "Salt Road is a drama directed by Lucía Ferrer and starring Tomas Reyes and Mara Quist. "


def trivia(sentence: str, reader: str = "rules") -> list[tuple[str, str]]:
    a = analyze(INTRO + sentence, title="Salt Road", awards=reader)  # type: ignore[arg-type]
    return [(f.question, f.answer) for f in a.trivia]


def test_a_nomination_count_is_asked_as_a_count() -> None:
    assert (
        "How many nominations did Salt Road receive at the Oscars, according to the review?",
        "Seven",
    ) in trivia("Salt Road received seven Oscar nominations this morning.")


def test_a_win_count_is_asked_as_a_count() -> None:
    got = trivia("Salt Road was nominated for 4 Golden Globes, winning 2.")
    assert ("How many awards did Salt Road win at the Golden Globes, according to the review?", "2") in got


def test_two_counts_of_one_kind_keep_the_plain_question() -> None:
    got = trivia("Salt Road received seven Oscar nominations, with three to Harbour Lights.")
    assert not any(q.startswith("How many") for q, _ in got)
    assert ("At which awards was Salt Road nominated?", "The Oscars") in got
