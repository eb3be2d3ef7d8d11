"""Summary, polls and spoilers."""

from __future__ import annotations

from bot.analysis import analyze
from bot.analysis.polls import OPTION_MAX, QUESTION_MAX
from tests.unit.analysis.test_prompts import REVIEW


def test_summary_has_a_tldr_and_three_to_five_points_in_order() -> None:
    summary = analyze(REVIEW, title="Dusk").summary
    assert summary.tldr.startswith("Dusk is a patient, beautiful film")
    assert 3 <= len(summary.key_points) <= 5
    flat = " ".join(REVIEW.split())
    positions = [flat.index(p) for p in summary.key_points]
    assert positions == sorted(positions)


def test_key_points_never_open_with_a_lost_pronoun_or_cut_a_quote() -> None:
    text = (
        "Milo Hart's film opens in a rainstorm and never dries out. This is a problem for the cast. "
        "It rarely lets up. The critic said “nothing here works. Nothing at all” and left. "
        "The lead performance by Ana Ruiz is the one reason to watch. The score is by a newcomer who shows promise. "
        "The editing is choppy in the second hour and the ending falls flat."
    )
    summary = analyze(text, title="Rain").summary
    for point in (summary.tldr, *summary.key_points):
        assert not point.startswith(("This", "It ", "They", "He ", "She "))
        assert point.count("“") == point.count("”")


def test_polls_within_platform_limits() -> None:
    polls = analyze(REVIEW, title="Dusk").polls
    assert 2 <= len(polls) <= 4
    for poll in polls:
        assert poll.question.endswith("?") and len(poll.question) <= QUESTION_MAX
        assert 2 <= len(poll.options) <= 5
        assert all(len(o) <= OPTION_MAX for o in poll.options)


def test_short_text_still_gets_two_polls() -> None:
    assert len(analyze("A quiet, lovely film. See it.", title="Small").polls) >= 2


def test_spoilers_are_marked_with_offsets() -> None:
    a = analyze(REVIEW, title="Dusk")
    assert any("finally sells her boat" in s.sentence for s in a.spoilers)
    assert all(REVIEW[s.start : s.end] == s.sentence for s in a.spoilers)
    assert not any("patient, beautiful" in s.sentence for s in a.spoilers)


def test_spoiler_warning_section() -> None:
    text = "An opening note.\n\n# SPOILERS AHEAD\n\nHe walks into the sea.\n\n# VERDICT\n\nGo and see it, quickly."
    sentences = {s.sentence for s in analyze(text, title="Sea").spoilers}
    assert "He walks into the sea." in sentences
    assert "Go and see it, quickly." not in sentences


def test_a_paragraph_about_the_ending_is_hidden_to_its_end() -> None:
    text = "A calm opening.\n\nAnd then there is the ending. Years later she sees him across a hall. He does not see her.\n\nGo."
    hidden = {s.sentence for s in analyze(text, title="Hall").spoilers}
    assert {"Years later she sees him across a hall.", "He does not see her."} <= hidden
    assert "A calm opening." not in hidden


def test_spoilers_are_judged_on_what_the_sentence_reveals() -> None:
    from bot.analysis.spoilers import spoiler_flags
    from bot.analysis.text import split_sentences

    def hidden(sentence: str) -> bool:
        return spoiler_flags(split_sentences(sentence), sentence)[0]

    assert hidden("In the last scene, Marta dies in her brother's arms.")
    assert hidden("It turns out that the lodger was the thief all along.")
    assert hidden("The film ends with her boarding a train alone.")
    assert not hidden("A blind death metal guitarist rides the hood of a truck.")
    assert not hidden("The director tightens each twist of the intricate narrative.")
    assert not hidden("The ending is haunting.")


def test_polls_from_content_and_the_rating_poll_once() -> None:
    text = (
        "Dusk is a patient, beautiful film about a fishing town. Ines Varga is superb as the harbour master. "
        "Tom Reyes is terrific as her son. The cinematography is stunning and gorgeous. The script is clumsy and flat."
    )
    polls = analyze(text, title="Dusk").polls
    questions = [p.question for p in polls]
    assert questions[0] == "The review calls Dusk “a patient, beautiful film”. Do you agree?"
    assert any(p.options == ("Ines Varga", "Tom Reyes") for p in polls)
    assert sum(q == "How would you rate Dusk?" for q in questions) == 1
    assert 2 <= len(polls) <= 4
