"""Discussion prompts: explicit, implicit, debate and theme (original sentences)."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from bot.analysis.embedded import direct_question
from bot.analysis.implicit import debate_kind, debate_question, implicit_questions
from bot.analysis.questions import explicit_questions
from bot.analysis.text import split_sentences


def _explicit(text: str) -> list[tuple[str, bool]]:
    return [(q.text, q.quoted) for q in explicit_questions(split_sentences(text))]


def test_explicit_questions_verbatim() -> None:
    text = "Why does it end there ? The answer is unclear. Is that the point?"
    assert _explicit(text) == [("Why does it end there ?", False), ("Is that the point?", False)]


def test_question_inside_quotation_is_found_and_marked() -> None:
    text = "My neighbour asked: “Was any of it real? Probably not”, and left."
    assert _explicit(text) == [("Was any of it real?", True)]


def test_question_inside_brackets() -> None:
    text = "The hero (but is he a hero at all? I doubt it.) walks away."
    assert _explicit(text) == [("but is he a hero at all?", False)]


@pytest.mark.parametrize(
    ("clause", "question"),
    [
        ("how much room the script gives its women", "How much room does the script give its women?"),
        ("whether the director trusts his audience", "Does the director trust his audience?"),
        ("why the sequel exists", "Why does the sequel exist?"),
        ("what choices remain for the survivors", "What choices remain for the survivors?"),
        ("whether the ending is earned", "Is the ending earned?"),
    ],
)
def test_embedded_questions_become_direct(clause: str, question: str) -> None:
    assert direct_question(clause) == question


def test_raises_the_question_of() -> None:
    found = implicit_questions("The film raises the question of whether grief can ever be shared.", "Dusk")
    assert [q for _, q in found] == ["Can grief ever be shared?"]


def test_stops_short_of() -> None:
    found = implicit_questions("It stops short of fully examining how the town profits from the mine.", "Dusk")
    assert [q for _, q in found] == ["Does Dusk go far enough in examining how the town profits from the mine?"]


def test_reported_position_is_a_debate() -> None:
    sentence = "Some critics argue that the second half drags."
    assert debate_kind(sentence) == 4
    assert debate_question(sentence) == "Some critics argue that the second half drags. Do you agree?"


def test_contrast_is_a_debate() -> None:
    assert debate_kind("While the photography dazzles, the story never finds its feet.") == 3
    assert debate_kind("The photography dazzles.") == 0


REVIEW = """Dusk is a patient, beautiful film about a fishing town waiting for a storm. The harbour master,
played with quiet authority by Ines Varga, holds the community together while the boats stay in.

The script raises the question of whether a town can survive the loss of its only industry. It stops short of
fully examining how the owners of the cannery profit from the town's fear. Some critics argue that the film is
too slow to hold a modern audience. While the photography is stunning, the dialogue often feels like a lecture.

The fishing town is the real subject, and the storm is only a pretext. The fishing town's young people leave one by
one, and the storm never quite arrives. Is the storm a metaphor for the market? Perhaps. The ending, in which the
harbour master finally sells her boat, is devastating and I won't forget it soon.
"""


def test_prompt_mix_for_a_normal_review() -> None:
    a = analyze(REVIEW, title="Dusk")
    kinds = [p.kind for p in a.prompts]
    assert {"explicit", "implicit", "debate"} <= set(kinds)
    assert all(p.text.endswith("?") for p in a.prompts)
    assert len({p.text for p in a.prompts}) == len(a.prompts)


def test_prompts_from_spoilers_are_marked() -> None:
    a = analyze(REVIEW + "\nDoes the ending, in which she dies, betray the rest of the film?", title="Dusk")
    spoiled = {(s.start, s.end) for s in a.spoilers}
    assert all(p.spoiler for p in a.prompts if (p.source.start, p.source.end) in spoiled)
    after = [p for p in a.prompts if p.text.startswith("After watching")]
    assert after and all(p.spoiler for p in after)


def test_the_film_asks_is_an_implicit_question() -> None:
    found = implicit_questions("The film asks what a family owes to its oldest member.", "Dusk")
    assert [q for _, q in found] == ["What does a family owe to its oldest member?"]


def test_question_in_single_quotes() -> None:
    assert _explicit("'What is this really about?' I kept asking myself.") == [("What is this really about?", True)]


def test_many_questions_still_leave_room_for_other_kinds() -> None:
    questions = " ".join(f"Why does scene {i} arrive so late in the film?" for i in range(12))
    filler = "The acting is fine and the story moves along at a decent pace. " * 40
    text = f"{questions} Some critics argue that the film is too long. It raises the question of whether anyone cares. {filler}"
    kinds = [p.kind for p in analyze(text, title="X").prompts]
    assert len(kinds) <= 10
    assert {"explicit", "implicit", "debate"} <= set(kinds)


def test_a_url_query_is_not_a_question() -> None:
    assert _explicit("Read more at https://example.com/page?id=3 for details.") == []
