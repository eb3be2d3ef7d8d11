"""General rules found on the fourth blind set, each with a negative control."""

from __future__ import annotations

from bot.analysis import analyze


def _facts(text: str, title: str = "Dunes") -> list[tuple[str, str | None, str | None, str]]:
    return [(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title, awards="rules").trivia]


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


def test_the_films_count_of_nominations_is_the_films() -> None:
    """ "one of the film's nine Oscar nominations": the film is nominated; the named actor gets no count."""
    text = "The part earned Rob Keoghan an Oscar nomination for Best Supporting Actor, one of the film's nine Oscar nominations."
    facts = _facts(text)
    assert ("Dunes", "Academy Awards", None, "nominated") in facts
    assert ("Rob Keoghan", "Academy Awards", None, "nominated") not in facts
    # control: a count with no number is no fact ("the film's nominations were a surprise")
    assert _facts("The film's nominations were a surprise to everyone, me included.") == []


def test_palme_dor_epithet_names_a_title_with_small_words() -> None:
    """ "the Palme d'Or-winning Triangle of Sadness": the whole title wins the Palme d'Or."""
    facts = _facts("Now the Palme d'Or-winning Triangle of Sadness arrives.", title="Triangle of Sadness")
    assert facts == [("Triangle of Sadness", "Cannes Film Festival", "Palme d'Or", "won")]
    assert _facts("Nobody here talks about the Palme d'Or at dinner.", title="Triangle of Sadness") == []


def test_opening_winner_epithet_before_the_film() -> None:
    """ "A Golden Globe winner for Best X, the film ...": the film won, in that category."""
    facts = _facts("A Golden Globe winner for Best Motion Picture – Musical or Comedy, the film is a wake.")
    assert facts == [("Dunes", "Golden Globes", "Best Motion Picture – Musical or Comedy", "won")]


def test_beats_as_a_noun_beats_nobody() -> None:
    """ "The story beats are familiar from X": no loss; "Dunes beat X to Best Picture" still one."""
    text = "Dunes won the Oscar for Best Picture. The story beats are familiar from La Famille Belier, the film it remakes."
    assert _facts(text) == [("Dunes", "Academy Awards", "Best Picture", "won")]
    facts = _facts("Dunes beats Ada Lin's Harbour to Best Picture at the Oscars.")
    assert any(r == "won" for *_, r in facts)


def test_brought_a_named_person_an_award() -> None:
    """ "brought Frances McDormand the Oscar for Best Actress": a win; "brought X a career" is none."""
    text = "Three Billboards brought Frances McDormand the Oscar for Best Actress."
    assert _facts(text) == [("Frances McDormand", "Academy Awards", "Best Actress", "won")]
    assert _facts("The role brought Ada Lin a second career after the Oscars.") == []
    assert _facts("It brought Ada Lin to the Oscars.") == []


def test_the_pair_is_the_last_two_names() -> None:
    """ "(the pair won the Bafta for adapted screenplay)": both writers, lower-case category read."""
    text = "Ben Ode co-wrote the script with Ada Lin (the pair won the Bafta for adapted screenplay)."
    assert _facts(text) == [
        ("Ben Ode", "BAFTA Awards", "Best Adapted Screenplay", "won"),
        ("Ada Lin", "BAFTA Awards", "Best Adapted Screenplay", "won"),
    ]
    # control: one name only, "the pair" is no one we can name; a lower-case "adapted screenplay" not after "for"
    assert [f[0] for f in _facts("Ben Ode and his brother (the pair won a Bafta) are back.")] != ["Ada Lin"]
    assert _facts("Ben Ode won a Bafta. The adapted screenplay is clunky.") == [
        ("Ben Ode", "BAFTA Awards", None, "won")
    ]


def test_wins_after_the_films_count_are_the_films() -> None:
    """ "The film's three nominations all turned into wins, Best Picture among them": the film won it."""
    facts = _facts("The film's three Oscar nominations all turned into wins, Best Picture among them.")
    assert ("Dunes", "Academy Awards", "Best Picture", "won") in facts
    # control: "the wins went elsewhere" has no winner of its own
    facts = _facts("The film's three Oscar nominations were a surprise; the wins went elsewhere.")
    assert [r for *_, r in facts] == ["nominated"]


def test_a_thing_that_earns_him_a_personal_award_gives_it_to_him() -> None:
    """ "it earned him his first Oscar nomination": him; "that won him 3 Oscars for Cinematography": the film."""
    text = "Ben Ode won best actor at Venice. It is his best work, and it earned him his first Oscar nomination."
    assert ("Ben Ode", "Academy Awards", None, "nominated") in _facts(text)
    crafts = "Ben Ode made Harbour, which won him 3 Oscars for Cinematography, Art Direction and Makeup."
    assert {f[0] for f in _facts(crafts)} == {"Harbour"}


def test_a_person_named_just_before_is_nearer_than_an_older_award_subject() -> None:
    """ "Rob Keoghan got a nod. Ben Ode has been here before. Harbour, which won him a Bafta ...": Ode."""
    text = (
        "Rob Keoghan earned an Oscar nomination for Best Supporting Actor. Ben Ode has been here before. "
        "Harbour, which won him a Bafta for best original screenplay, was smaller."
    )
    assert ("Ben Ode", "BAFTA Awards", "Best Original Screenplay", "won") in _facts(text)
    # control: with nobody named in between, the last person with an award keeps it
    control = (
        "Rob Keoghan earned an Oscar nomination for Best Supporting Actor. The island is bleak. "
        "Harbour, which won him a Bafta for best original screenplay, was smaller."
    )
    assert ("Rob Keoghan", "BAFTA Awards", "Best Original Screenplay", "won") in _facts(control)
