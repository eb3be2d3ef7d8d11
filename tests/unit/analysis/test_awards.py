"""Award facts: results, subjects, bodies, categories, and the traps (all original sentences)."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from bot.analysis.lexicon import normalise_body


def facts(text: str, title: str = "Harbour Lights") -> set[tuple[str, str, str | None, str]]:
    return {(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title, awards="rules").trivia}


@pytest.mark.parametrize(
    ("alias", "body"),
    [
        ("the Oscars", "Academy Awards"),
        ("an Academy Award", "Academy Awards"),
        ("the BAFTAs", "BAFTA Awards"),
        ("the Golden Globes", "Golden Globes"),
        ("Screen Actors Guild", "SAG Awards"),
        ("the DGA", "Directors Guild"),
        ("the Producers Guild of America", "Producers Guild"),
        ("Writers Guild", "Writers Guild"),
        ("Critics Choice Awards", "Critics Choice Awards"),
        ("Independent Spirit Awards", "Independent Spirit Awards"),
        ("the Palme d'Or", "Cannes Film Festival"),
        ("the Golden Lion", "Venice Film Festival"),
        ("the Golden Bear", "Berlinale"),
        ("TIFF", "Toronto International Film Festival"),
        ("the Gotham Awards", "Gotham Awards"),
    ],
)
def test_award_bodies_are_normalised(alias: str, body: str) -> None:
    assert normalise_body(alias) == body


def test_win_with_body_and_category() -> None:
    assert facts("Rosa Delgado won Best Actress at the BAFTAs for her role.") == {
        ("Rosa Delgado", "BAFTA Awards", "Best Actress", "won")
    }


def test_film_reference_is_the_title() -> None:
    assert facts("The film won the Golden Bear in Berlin.") == {("Harbour Lights", "Berlinale", "Golden Bear", "won")}


def test_hypothetical_is_only_a_contender() -> None:
    assert facts("If it wins Best Picture at the Oscars, it would be a first for a debut.") == {
        ("Harbour Lights", "Academy Awards", "Best Picture", "contender")
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Harbour Lights is a strong contender for Best Picture at the Oscars.",
        "Harbour Lights should win Best Picture at the Oscars.",
        "There is real Oscar buzz around Harbour Lights for Best Picture.",
    ],
)
def test_predictions_are_contenders(sentence: str) -> None:
    assert facts(sentence) == {("Harbour Lights", "Academy Awards", "Best Picture", "contender")}


def test_negation_yields_nothing() -> None:
    assert facts("Tom Avery was never nominated for an Oscar, which is a scandal.") == set()
    assert facts("The film was snubbed for Best Director at the Golden Globes.") == set()


def test_award_of_another_film_goes_to_it() -> None:
    found = facts("The Long Field, which won the Palme d'Or last year, is clearly an influence here.")
    assert found == {("The Long Field", "Cannes Film Festival", "Palme d'Or", "won")}


def test_list_of_categories_is_read_item_by_item() -> None:
    text = "The film was nominated for four Oscars: Best Picture, Director, Original Screenplay, and Editing."
    assert facts(text) == {
        ("Harbour Lights", "Academy Awards", c, "nominated")
        for c in ("Best Picture", "Best Director", "Best Original Screenplay", "Editing")
    }


def test_list_of_subjects_after_a_colon() -> None:
    text = "Only two films have won eleven Oscars at the Academy Awards: Ben-Hur and Titanic."
    assert facts(text) == {("Ben-Hur", "Academy Awards", None, "won"), ("Titanic", "Academy Awards", None, "won")}


def test_loss_names_both_sides() -> None:
    text = "At the Golden Globes, Ada Kerr lost Best Actress to Mira Sol."
    assert facts(text) == {
        ("Ada Kerr", "Golden Globes", "Best Actress", "lost"),
        ("Mira Sol", "Golden Globes", "Best Actress", "won"),
    }


def test_upset_over_is_a_loss_with_the_winners_category() -> None:
    text = "Lena Ode won Best Actor at the BAFTAs. Her win was an upset over the favourite, Carl Mott."
    assert facts(text) == {
        ("Lena Ode", "BAFTA Awards", "Best Actor", "won"),
        ("Carl Mott", "BAFTA Awards", "Best Actor", "lost"),
    }


def test_recognition_by_several_bodies() -> None:
    text = "The film has gained recognition from the Writers Guild and the Gotham Awards."
    assert facts(text) == {
        ("Harbour Lights", "Writers Guild", None, "recognized"),
        ("Harbour Lights", "Gotham Awards", None, "recognized"),
    }


def test_surname_resolves_to_full_name() -> None:
    text = "Nadia Brook plays the lighthouse keeper. Brook won the acting prize at Venice."
    assert facts(text) == {("Nadia Brook", "Venice Film Festival", "acting prize", "won")}


def test_heading_list_gives_results_from_headings() -> None:
    text = "A fine film.\n\nAcademy Award Nominations:\nBest Sound\n\nOther Awards:\nGotham Awards: Best Feature\n"
    assert facts(text) == {
        ("Harbour Lights", "Academy Awards", "Best Sound", "nominated"),
        ("Harbour Lights", "Gotham Awards", "Best Feature", "won"),
    }


def test_national_gloss_is_not_the_oscars() -> None:
    text = "Awards:\nCésar Awards (French Oscars): Best Film\n"
    assert facts(text) == {("Harbour Lights", "César Awards", "Best Film", "won")}


@pytest.mark.parametrize(
    "text",
    [
        "It won me over in the first ten minutes, a winner of a film.",
        "The film received a standing ovation at Cannes and rave reviews.",
        "Rated 4 stars. A special kudos goes to the cast; they are in a category of their own.",
        "Is this the film that wins Best Picture next year?",
    ],
)
def test_no_award_statement_no_trivia(text: str) -> None:
    assert facts(text) == set()


def test_trivia_wording_comes_from_templates() -> None:
    fact = analyze("Rosa Delgado won Best Actress at the BAFTAs.", title="X", awards="rules").trivia[0]
    assert fact.question == "Which award did Rosa Delgado win at the BAFTAs?"
    assert fact.answer == "Best Actress"
    assert fact.question.endswith("?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two-time Oscar winner Ona Vale is magnetic as the preacher.",
            {("Ona Vale", "Academy Awards", None, "won")},
        ),
        (
            "Winner of the Palme d'Or, The Quiet Year is a drama of rare intelligence.",
            {("The Quiet Year", "Cannes Film Festival", "Palme d'Or", "won")},
        ),
        (
            "The movie is currently the frontrunner to win the Golden Lion.",
            {("Harbour Lights", "Venice Film Festival", "Golden Lion", "contender")},
        ),
        (
            "Mikael Dorn went on to win Best Director at the Golden Globes.",
            {("Mikael Dorn", "Golden Globes", "Best Director", "won")},
        ),
        ("The film won over critics at Sundance.", set()),
        (
            "Many expected Ida Fenn to win Best Actress at the BAFTAs; she lost to Roz Hale.",
            {
                ("Ida Fenn", "BAFTA Awards", "Best Actress", "lost"),
                ("Roz Hale", "BAFTA Awards", "Best Actress", "won"),
            },
        ),
    ],
)
def test_more_phrasings(text: str, expected: set[tuple[str, str, str | None, str]]) -> None:
    assert facts(text) == expected


def test_category_credited_to_a_person_named_in_the_review() -> None:
    text = "Directed by Ruth Anand, starring Leo Marsh. It won three Oscars, including Best Director for Anand and Best Actor for Marsh."
    assert facts(text) >= {
        ("Ruth Anand", "Academy Awards", "Best Director", "won"),
        ("Leo Marsh", "Academy Awards", "Best Actor", "won"),
    }


def test_category_for_a_film_stays_with_the_film() -> None:
    assert facts("Ruth Anand won Best Director for Harbour Lights at the Golden Globes.") == {
        ("Ruth Anand", "Golden Globes", "Best Director", "won")
    }


def test_first_names_that_look_like_awards_are_people() -> None:
    assert normalise_body("Oscar Isaac") == "Oscar Isaac"
    assert facts("Oscar Isaac is terrific, and Gotham City has never looked darker.") == set()


def test_negation_before_an_aside() -> None:
    assert facts("It is not, despite the buzz, an Oscar contender.") == set()


def test_mixed_award_section_with_results_on_items() -> None:
    text = (
        "A brief note on a lovely film.\n\nAwards & Nominations\n"
        "- Academy Awards: Best Picture (nominated), Best Actress (won)\n"
        "- Golden Globes – Best Motion Picture – Drama (won)\n\n"
        "## Accolades\n\n* Won: Critics Choice Award for Best Acting Ensemble\n"
    )
    assert facts(text) == {
        ("Harbour Lights", "Academy Awards", "Best Picture", "nominated"),
        ("Harbour Lights", "Academy Awards", "Best Actress", "won"),
        ("Harbour Lights", "Golden Globes", "Best Motion Picture – Drama", "won"),
        ("Harbour Lights", "Critics Choice Awards", "Best Acting Ensemble", "won"),
    }


def test_a_heading_that_is_a_phrase_is_not_an_award_section() -> None:
    text = "## The night it won\n\nHarbour Lights won Best Picture at the Academy Awards, beating The Pier."
    assert facts(text) == {
        ("Harbour Lights", "Academy Awards", "Best Picture", "won"),
        ("The Pier", "Academy Awards", "Best Picture", "lost"),
    }


def test_loss_takes_the_rivals_category_and_a_later_prediction_the_body() -> None:
    text = (
        "Ines Varga won Best Supporting Actress at the Oscars, and Tom Reyes won Best Supporting Actor. "
        "Dana Holt lost to Varga. Holt was tipped by many. She will do better next time."
    )
    found = facts(text)
    assert ("Dana Holt", "Academy Awards", "Best Supporting Actress", "lost") in found
    assert not any(f[0] == "Dana Holt" and f[3] == "won" for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rhea Stone became the first woman to win Best Director at the Oscars.",
            {("Rhea Stone", "Academy Awards", "Best Director", "won")},
        ),
        (
            "It is only the third animated film to be nominated for Best Picture at the Oscars.",
            {("Harbour Lights", "Academy Awards", "Best Picture", "nominated")},
        ),
        (
            "Best Picture winner The Tide set the template, and Oscar nominee Lou Park is wonderful here.",
            {("The Tide", "Academy Awards", "Best Picture", "won"), ("Lou Park", "Academy Awards", None, "nominated")},
        ),
        (
            "The film's star, Ana Lima, picked up the Volpi Cup for Best Actress.",
            {("Ana Lima", "Venice Film Festival", "Volpi Cup for Best Actress", "won")},
        ),
    ],
)
def test_records_epithets_and_appositions(text: str, expected: set[tuple[str, str, str | None, str]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lena Ode is a lock for a Best Actress nomination at the Oscars.",
            {("Lena Ode", "Academy Awards", "Best Actress", "contender")},
        ),
        (
            "Lena Ode, the frontrunner, won Best Actress at the BAFTAs.",
            {("Lena Ode", "BAFTA Awards", "Best Actress", "won")},
        ),
        ("Based on Jane Doe's prize-winning novel, the film premiered at Cannes.", set()),
    ],
)
def test_predictions_settled_and_epithets_ignored(text: str, expected: set[tuple[str, str, str | None, str]]) -> None:
    assert facts(text) == expected


def test_bare_category_words_count_only_in_lists() -> None:
    text = "The film won the Best Director prize at Cannes and was chosen for the International Feature race."
    assert facts(text) == {("Harbour Lights", "Cannes Film Festival", "Best Director", "won")}
