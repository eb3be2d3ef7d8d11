"""General rules found on the fourth blind set, each with a negative control."""

from __future__ import annotations

from bot.analysis import analyze


def _facts(text: str, title: str = "Dunes") -> list[tuple[str, str | None, str | None, str]]:
    return [(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title).trivia]


def test_lower_case_bafta_is_a_body() -> None:
    """British style "Bafta" names the BAFTA Awards; a word merely starting alike does not."""
    assert _facts("Ben Ode won a Bafta for best actor.") == [("Ben Ode", "BAFTA Awards", "Best Actor", "won")]
    assert _facts("Ben Ode won a Baftaesque ovation for his turn.") == []


def test_lower_case_categories_split_at_and_best() -> None:
    """ "best picture and best director": two categories; "best original screenplay" stays one."""
    facts = _facts("The film went on to three Oscar nominations, including best picture and best director.")
    assert ("Dunes", "Academy Awards", "Best Picture", "nominated") in facts
    assert ("Dunes", "Academy Awards", "Best Director", "nominated") in facts
    assert not any(c and " And " in c for _, _, c, _ in facts)
    assert _facts("Ben Ode won the Oscar for best original screenplay.") == [
        ("Ben Ode", "Academy Awards", "Best Original Screenplay", "won")
    ]


def test_named_indirect_object_gets_the_award() -> None:
    """ "the part earned Keoghan an Oscar nomination": Keoghan, a surname alone, is the nominee."""
    text = "Rob Keoghan plays the son. The part earned Keoghan an Oscar nomination for Best Supporting Actor."
    assert _facts(text) == [("Rob Keoghan", "Academy Awards", "Best Supporting Actor", "nominated")]
    # control: a body after the verb is the award itself, not a recipient
    assert _facts("Dunes earned Oscar nominations for Best Picture.") == [
        ("Dunes", "Academy Awards", "Best Picture", "nominated")
    ]


def test_opening_participle_describes_the_film_after_the_comma() -> None:
    """ "Nominated for six Baftas, the film picked up two": the film, not a name further on."""
    facts = _facts("Nominated for six Baftas, the film picked up two, and Ben Ode took best actor at the Baftas.")
    assert ("Dunes", "BAFTA Awards", None, "nominated") in facts
    assert ("Ben Ode", "BAFTA Awards", None, "nominated") not in facts
    # control: a name right after the comma still takes it
    assert _facts("Nominated for a Bafta, Ben Ode lost to Ada Lin.")[0][0] == "Ben Ode"
