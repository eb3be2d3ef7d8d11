"""Rules found on the third blind set, probed on sentences of other (invented) films, with negative controls."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from bot.analysis.embedded import direct_question

Fact = tuple[str, str | None, str | None, str]


def _facts(text: str, title: str = "Harbour Lights") -> set[Fact]:
    return {(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title, awards="rules").trivia}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tilda Park, the two-time Oscar nominee, is superb as the mother.",
            {("Tilda Park", "Academy Awards", None, "nominated")},
        ),
        (
            "Ravi Menon, a Golden Globe winner for the role, is the film's anchor.",
            {("Ravi Menon", "Golden Globes", None, "won")},
        ),
        (
            "Mara Kell and Jonas Obi's BAFTA-winning screenplay is sharp and funny.",
            {("Mara Kell", "BAFTA Awards", None, "won"), ("Jonas Obi", "BAFTA Awards", None, "won")},
        ),
        (
            "Lena Holt, the Oscar-winning director of Sunfall, returns with a smaller film.",
            {("Lena Holt", "Academy Awards", None, "won")},
        ),
        (
            "Omar Diallo, already a Critics' Choice nominee for Dust, is better still here.",
            {("Omar Diallo", "Critics Choice Awards", None, "nominated")},
        ),
        (
            "Since its Cannes win, the film has been sold to thirty countries.",
            {("Harbour Lights", "Cannes Film Festival", None, "won")},
        ),
        (
            "Ava Lund scored a SAG Award, a Golden Globe and, eventually, the Oscar for the part.",
            {
                ("Ava Lund", "SAG Awards", None, "won"),
                ("Ava Lund", "Golden Globes", None, "won"),
                ("Ava Lund", "Academy Awards", None, "won"),
            },
        ),
        (
            "T.J. Reyes won the Oscar for Best Actor, and he also picked up a BAFTA for the part.",
            {("T.J. Reyes", "Academy Awards", "Best Actor", "won"), ("T.J. Reyes", "BAFTA Awards", None, "won")},
        ),
        ("It swept the BIFAs, winning seven.", {("Harbour Lights", "British Independent Film Awards", None, "won")}),
        (
            "The film took the top prize at Toronto last autumn.",
            {("Harbour Lights", "Toronto International Film Festival", None, "won")},
        ),
        (
            "The BAFTA-nominated score by Kai Lenz is lovely.",
            {("Kai Lenz", "BAFTA Awards", None, "nominated")},
        ),
        (
            "Tipped for Best Actress all season, Mia Sol won the Oscar for it.",
            {("Mia Sol", "Academy Awards", "Best Actress", "won")},
        ),
        ("Having won the Oscar, Mia Sol retired.", {("Mia Sol", "Academy Awards", None, "won")}),
        (
            "Arriving in cinemas after its Cannes win, it is a treat.",
            {("Harbour Lights", "Cannes Film Festival", None, "won")},
        ),
        ("A BAFTA winner for Dunes, Ben Ode is back.", {("Ben Ode", "BAFTA Awards", None, "won")}),
        ("The Venice-winning Poor Things is odder.", {("Poor Things", "Venice Film Festival", None, "won")}),
        ("Cannes winner Anora is a blast.", {("Anora", "Cannes Film Festival", None, "won")}),
        (
            "Rosa Vega plays the aunt. She is a two-time Oscar nominee.",
            {("Rosa Vega", "Academy Awards", None, "nominated")},
        ),
        ("Rosa Vega's Oscar win was deserved.", {("Rosa Vega", "Academy Awards", None, "won")}),
        (
            "The role earned Rosa Vega a Golden Globe nod.",
            {("Rosa Vega", "Golden Globes", None, "nominated")},
        ),
        (
            "It scored big at the box office, then scored four Oscar nominations.",
            {("Harbour Lights", "Academy Awards", None, "nominated")},
        ),
        ("It was scored by Max Richter, whose music won an Emmy.", {("Max Richter", "Emmy Awards", None, "won")}),
        (
            "Harbour Lights earned two Oscar nominations. Nils Berg was robbed of a nomination.",
            {("Harbour Lights", "Academy Awards", None, "nominated")},
        ),
    ],
)
def test_blind3_rules(text: str, expected: set[Fact]) -> None:
    """Each new rule on wording the blind set did not use."""
    assert _facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She scored a goal in the final scene, and the crowd went wild.",
        "It is a winner of a film, and a prize-worthy performance holds it up.",
        "He grew up in Toronto and the film won me over.",
        "The award-winning novel it adapts is better than the film.",
        "Her Oscar-nominated turn in Lowlands felt like a start.",
        "This is award-season bait, and it knows it.",
        "Its Sunday win at the box office surprised the studio.",
        "The Oscar winner, in my view, is the editor.",
        "Hollywood's Oscar-winning elite turned up for the premiere.",
        "Sony's BAFTA-nominated thriller opens next week.",
        "Like Nomadland, the Oscar-winning film by Zhao, it is quiet.",
        "The film is scored by Max Richter, an Oscar-friendly composer.",
        "The film scored a 95 on Rotten Tomatoes before the Oscars.",
        "Her win at the box office was deserved.",
    ],
)
def test_blind3_negative_controls(text: str) -> None:
    """Award-ish words without an award fact stay silent."""
    assert _facts(text) == set()


def test_initials_do_not_end_a_sentence() -> None:
    """ "J.K. Simmons" is one name inside one sentence; a pronoun after it resolves to him."""
    a = analyze("Fletcher (J.K. Simmons) is terrifying. He won the Oscar for it.", title="Whiplash", awards="rules")
    assert ("J.K. Simmons", "Academy Awards") in {(f.subject, f.award) for f in a.trivia}


def test_a_race_named_apart_stays_open() -> None:
    """ "After its Venice win, ... a frontrunner for Best Picture": the win does not settle the other race.

    (The prediction borrows the sentence's only body, Venice; see docs/analysis.md, known limits.)
    """
    facts = _facts("After its Venice win, the film is a frontrunner for Best Picture.")
    assert ("Harbour Lights", "Venice Film Festival", None, "won") in facts
    assert {(f[0], f[2], f[3]) for f in facts} >= {("Harbour Lights", "Best Picture", "contender")}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("why sequels are ever bad", "Why are sequels ever bad?"),
        ("why critics loved it", "Why did critics love it?"),
        ("how audiences will react", "How will audiences react?"),
        ("what stories still need to be told", "What stories still need to be told?"),  # a subject question stays
        ("where people go when they leave", None),  # no verb to invert: dropped, not asked ungrammatically
    ],
)
def test_embedded_adverb_questions_are_inverted(clause: str, expected: str | None) -> None:
    """ "makes you wonder why sequels are ever bad" asks "Why are sequels ever bad?", not "Why sequels are ...?"."""
    assert direct_question(clause) == expected
