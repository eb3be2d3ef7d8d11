"""The staged award reader (bot.analysis.award_reader): catalogue, stages, and sentences of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import analyze
from bot.analysis.award_reader import Fact as ReadFact
from bot.analysis.award_reader import read_facts
from bot.analysis.award_reader.catalogue import body_named, canonical_award, canonical_body, catalogue, shown_category
from bot.analysis.award_reader.mentions import find_mentions
from bot.analysis.award_reader.results import clauses
from bot.analysis.text import split_sentences
from bot.analysis.trivia import _agreed
from bot.models import AwardFact, Source

Fact = tuple[str, str, str | None, str]
SEED = Path(__file__).resolve().parents[3] / "seeds" / "anora.md"


def staged(text: str, title: str = "Harbour Lights") -> list[Fact]:
    return [(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title, awards="staged").trivia]


@pytest.mark.parametrize(
    ("alias", "body"),
    [
        ("the Oscars", "Academy Awards"),
        ("a Bafta", "BAFTA Awards"),
        ("the Director's Guild", "Directors Guild"),
        ("Screen Actor's Guild", "SAG Awards"),
        ("TIFF", "Toronto International Film Festival"),
        ("the Berlin International Film Festival", "Berlinale"),
    ],
)
def test_catalogue_finds_bodies_by_any_alias(alias: str, body: str) -> None:
    assert canonical_body(alias) == body


def test_a_first_name_is_no_body() -> None:
    assert body_named("Oscar Isaac") is None
    assert find_mentions("Oscar Isaac is superb as the brother.").bodies == ()


def test_categories_are_canonical_per_body_and_shown_as_written() -> None:
    oscars, bafta = body_named("Oscars"), body_named("BAFTA")
    foreign = catalogue().category("foreign language film", oscars)
    assert foreign is not None and foreign.name == "Best International Feature Film"
    actress = catalogue().category("leading actress", bafta)
    assert actress is not None and actress.name == "Best Actress"
    assert shown_category("best foreign language film", foreign, oscars) == "Best Foreign Language Film"


@pytest.mark.parametrize(
    ("body", "written", "canonical"),
    [
        ("Academy Awards", "Motion Picture of the Year", "Best Picture"),
        ("Academy Awards", "Achievement in Cinematography", "Best Cinematography"),
        ("Academy Awards", "Achievement in Music Written for Motion Pictures (Original Score)", "Best Original Score"),
        ("Golden Globes", "Best Motion Picture- Drama", "Best Picture"),
        (
            "Golden Globes",
            "Performance by an Actress in a Supporting Role in a Motion Picture",
            "Best Supporting Actress",
        ),
        ("Golden Globes", "Original Score – Motion Picture", "Best Original Score"),
        ("BAFTA Awards", "Screenplay (Adapted)", "Best Adapted Screenplay"),
        (None, "make-up", "Best Makeup and Hairstyling"),
    ],
)
def test_a_bodys_official_category_wording_is_its_category(body: str | None, written: str, canonical: str) -> None:
    assert canonical_award(body, written)[1] == canonical


def test_a_list_after_a_colon_stays_in_its_clause() -> None:
    text = "It was nominated for five Oscars: Best Picture, Director, Adapted Screenplay, Actor, and Editing."
    assert len(clauses(text)) == 2  # the ", and" item is cut off, but joins its list through its anchor
    names = [c.category.name for c in find_mentions(text).categories]
    assert names == ["Best Picture", "Best Director", "Best Adapted Screenplay", "Best Actor", "Best Film Editing"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rosa Delgado won Best Actress at the BAFTAs for her role.",
            [("Rosa Delgado", "BAFTA Awards", "Best Actress", "won")],
        ),
        ("The film won the Golden Bear in Berlin.", [("Harbour Lights", "Berlinale", "Golden Bear", "won")]),
        (
            "If it wins Best Picture at the Oscars, it would be a first for a debut.",
            [("Harbour Lights", "Academy Awards", "Best Picture", "contender")],
        ),
        (
            "The Long Field, which won the Palme d'Or last year, is clearly an influence here.",
            [("The Long Field", "Cannes Film Festival", "Palme d'Or", "won")],
        ),
        ("Ben Ode won a Bafta for best actor.", [("Ben Ode", "BAFTA Awards", "Best Actor", "won")]),
        (
            "The Golden Lion went to Audrey Diwan's Happening, and the Silver Lion was won by Jane Campion.",
            [
                ("Happening", "Venice Film Festival", "Golden Lion", "won"),
                ("Jane Campion", "Venice Film Festival", "Silver Lion", "won"),
            ],
        ),
        (
            "Toko Miura won Best Supporting Actress at the Golden Globes and the BAFTAs.",
            [
                ("Toko Miura", "Golden Globes", "Best Supporting Actress", "won"),
                ("Toko Miura", "BAFTA Awards", "Best Supporting Actress", "won"),
            ],
        ),
        (
            "It won Best Film at the BAFTAs and Best Director and Best Screenplay at the Golden Globes.",
            [
                ("Harbour Lights", "BAFTA Awards", "Best Film", "won"),
                ("Harbour Lights", "Golden Globes", "Best Director", "won"),
                ("Harbour Lights", "Golden Globes", "Best Screenplay", "won"),
            ],
        ),
        (
            "Reika Kirishima was nominated for Best Actress at the Golden Globes but lost to Nicole Kidman.",
            [
                ("Reika Kirishima", "Golden Globes", "Best Actress", "nominated"),
                ("Reika Kirishima", "Golden Globes", "Best Actress", "lost"),
                ("Nicole Kidman", "Golden Globes", "Best Actress", "won"),
            ],
        ),
        (
            "It lost Best Picture at the Oscars to CODA.",
            [
                ("CODA", "Academy Awards", "Best Picture", "won"),
                ("Harbour Lights", "Academy Awards", "Best Picture", "lost"),
            ],
        ),
        (
            "Masaki Okada, who would later win an Emmy, plays the young actor.",
            [("Masaki Okada", "Emmy Awards", None, "won")],
        ),
        (
            "Nishijima, who plays Yusuke Kafuku, was nominated for an Oscar.",
            [("Nishijima", "Academy Awards", None, "nominated")],
        ),
        (
            "It won no fewer than three prizes at Cannes, including Best Screenplay.",
            [
                ("Harbour Lights", "Cannes Film Festival", "Best Screenplay", "won"),
                ("Harbour Lights", "Cannes Film Festival", None, "won"),
            ],
        ),
        (
            "It beat Maestro to the Golden Lion at Venice.",
            [
                ("Maestro", "Venice Film Festival", "Golden Lion", "lost"),
                ("Harbour Lights", "Venice Film Festival", "Golden Lion", "won"),
            ],
        ),
        (
            "Ada Lin co-wrote it with Ben Ode (the pair won the Bafta for adapted screenplay).",
            [
                ("Ada Lin", "BAFTA Awards", "Adapted Screenplay", "won"),
                ("Ben Ode", "BAFTA Awards", "Adapted Screenplay", "won"),
            ],
        ),
        (
            "Instead it is The Long Field, Ferryman and Salt Flats, each receiving the Best Film nod at the BAFTAs.",
            [
                ("The Long Field", "BAFTA Awards", "Best Film", "nominated"),
                ("Ferryman", "BAFTA Awards", "Best Film", "nominated"),
                ("Salt Flats", "BAFTA Awards", "Best Film", "nominated"),
            ],
        ),
        (
            "French drama, from filmmaker Ada Lin, won the Palme d'Or at Cannes in 2021.",
            [("Harbour Lights", "Cannes Film Festival", "Palme d'Or", "won")],
        ),
    ],
)
def test_sentences(text: str, expected: list[Fact]) -> None:
    assert staged(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The film took five minutes to win me over. Nishijima went home with a cold, I suspect.",
        "The heroine was named after her grandmother. It deserves the attention it is getting.",
        "It premiered at Cannes, and it deserves a bigger audience than festival prizes usually bring.",
        "Whether or not it wins anything, it is the best film of the year.",
        "At Venice, Toko Miura went home with her sister and a sunburn.",
        "The film received a standing ovation at Cannes and rave reviews.",
        "Tom Avery was never nominated for an Oscar, which is a scandal.",
        "The film was snubbed for Best Director at the Golden Globes.",
        "Oscar Isaac is superb as the brother.",
        "The story beats are familiar.",
        "Lost in Translation is about two people lost in Tokyo.",
    ],
)
def test_no_fact(text: str) -> None:
    assert staged(text, title="Lost in Translation" if text.startswith("Lost") else "Harbour Lights") == []


def test_award_sections_give_results_from_their_headings() -> None:
    text = (
        "Academy Award Nominations:\nBest International Film\n\nOther Awards:\n"
        "Cannes Film Festival: Jury Prize (tie); Vulcain Prize (Ada Lin, editing)\n"
        "César Awards: Best Film; Most Promising Actor (Ode)\n\nBen Ode is the find of the year.\n"
    )
    assert staged(text) == [
        ("Harbour Lights", "Academy Awards", "Best International Film", "nominated"),
        ("Harbour Lights", "Cannes Film Festival", "Jury Prize", "won"),
        ("Ada Lin", "Cannes Film Festival", "Vulcain Prize", "won"),
        ("Harbour Lights", "César Awards", "Best Film", "won"),
        ("Ben Ode", "César Awards", "Most Promising Actor", "won"),
    ]


def test_the_shipped_review_reads_the_same_with_both_readers() -> None:
    text = SEED.read_text(encoding="utf-8").split("---", 2)[2]
    rules = {(f.subject, f.award, f.category, f.result) for f in analyze(text, title="Anora").trivia}
    assert set(staged(text, title="Anora")) == rules


def test_a_title_matches_with_either_apostrophe() -> None:
    assert staged("It was Child’s Pose taking home the Golden Bear.", title="Child's Pose") == [
        ("Child's Pose", "Berlinale", "Golden Bear", "won")
    ]


def test_the_academy_gave_it_the_award() -> None:
    assert staged("Ada Lin is superb, and I see why the Academy gave it the Oscar for Best Foreign Language Film.") == [
        ("Harbour Lights", "Academy Awards", "Best Foreign Language Film", "won")
    ]


def test_a_loss_to_a_named_rival_continues_the_award_before_it() -> None:
    text = "Harbour Lights won Best Film at the BAFTAs. Ben Ode lost to Ada Lin for his role."
    assert staged(text) == [
        ("Harbour Lights", "BAFTA Awards", "Best Film", "won"),
        ("Ben Ode", "BAFTA Awards", None, "lost"),
        ("Ada Lin", "BAFTA Awards", None, "won"),
    ]


def test_wont_is_no_win() -> None:
    assert staged("I won't pretend I was keen on the Oscar-season slog.") == []


def test_a_described_rival_after_ahead_of_lost() -> None:
    text = "Venice awarded it the Golden Lion, finishing just ahead of another divisive film, Ada Lin's Salt Flats."
    assert ("Salt Flats", "Venice Film Festival", "Golden Lion", "lost") in staged(text)


def test_a_lower_case_acting_prize_is_a_category() -> None:
    assert staged("Ben Ode, who won the acting prize at Cannes, is superb.") == [
        ("Ben Ode", "Cannes Film Festival", "Acting Prize", "won")
    ]


def test_a_fact_read_through_html_entities_keeps_the_reviews_own_span() -> None:
    text = "Ben Ode won Best Actor &#8211; Drama at the Golden Globes."
    facts = analyze(text, title="Harbour Lights", awards="staged").trivia
    assert facts and all(text[f.source.start : f.source.end] == f.source.sentence for f in facts)


def shown(text: str, title: str = "Harbour Lights") -> set[Fact]:
    """What members see (the default: facts both readers state, and facts one construction states in full)."""
    return {(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title).trivia}


def test_a_doubled_qualifier_is_one_category() -> None:
    written = "Best Outstanding Debut by a British Writer, Director or Producer"
    assert canonical_award("BAFTA", written)[1] == "Best Debut by a British Writer, Director or Producer"


def test_a_generic_category_at_a_body_is_that_bodys_own() -> None:
    assert canonical_award("BAFTA", "Best International Feature Film") == canonical_award(
        "BAFTA", "Best Foreign Language Film"
    )
    assert canonical_award("BAFTA", "Best Foreign Language Film")[1] == "Best Film Not in the English Language"


def test_the_spirit_awards_name_their_own_categories() -> None:
    assert canonical_award("Spirit Awards", "Best Female Lead") == canonical_award("Spirit Awards", "Best Actress")
    assert staged("Harbour Lights won Best Feature at the Spirit Awards.") == [
        ("Harbour Lights", "Independent Spirit Awards", "Best Feature", "won")
    ]


def test_respectively_pairs_each_subject_with_its_category() -> None:
    text = "At the Gothams, Mara Quinn and Tobias Lind took, respectively, Breakthrough Performer and Breakthrough Director."
    assert set(staged(text)) == {
        ("Mara Quinn", "Gotham Awards", "Breakthrough Performer", "won"),
        ("Tobias Lind", "Gotham Awards", "Breakthrough Director", "won"),
    }


def test_people_in_brackets_after_a_category_take_it() -> None:
    text = "At the Spirit Awards it was the big winner, winning Best Feature and Best Director (for Ada Moss and Ivo Hart)."
    assert set(staged(text)) >= {
        ("Harbour Lights", "Independent Spirit Awards", "Best Feature", "won"),
        ("Ada Moss", "Independent Spirit Awards", "Best Director", "won"),
        ("Ivo Hart", "Independent Spirit Awards", "Best Director", "won"),
    }


def test_a_plural_nationality_is_no_person() -> None:
    text = (
        "She could become the first of the Pacific Islanders, Samoans and Italians to win the Oscar for Best Actress."
    )
    assert not [f for f in staged(text) if f[0].endswith(("Samoans", "Italians"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one reader's fact in full: a named subject, a result verb, a catalogue category and its body in one clause
        ("Mara Quinn won Best Actress at the Césars.", ("Mara Quinn", "César Awards", "Best Actress", "won")),
        # a weak verb whose object is a catalogue category
        ("Tobias Lind took Best Director at the Goyas.", ("Tobias Lind", "Goya Awards", "Best Director", "won")),
        # a capsule line that opens with its result is about the reviewed film
        ("Winner of the Palme d'Or at Cannes 2019", ("Harbour Lights", "Cannes Film Festival", "Palme d'Or", "won")),
    ],
)
def test_a_fact_stated_in_full_is_complete(text: str, expected: Fact) -> None:
    assert expected in {(f.subject, f.body, f.category, f.result) for f in _read(text) if f.complete}


@pytest.mark.parametrize(
    "text",
    [
        "Mara Quinn and Tobias Lind won Best Screenplay at the Césars.",  # a shared award: who won what is unsaid
        "The film won Best Picture at the Oscars.",  # a film reference, not a name
        "Mara Quinn could win Best Actress at the Césars.",  # a prediction
        "Mara Quinn won the Oscar.",  # no category
        "The prize for Best Actress at the Césars went to a friend of Mara Quinn.",  # a name after a preposition
    ],
)
def test_a_fact_not_stated_in_full_is_not_complete(text: str) -> None:
    assert not [f for f in _read(text) if f.complete]


def _read(text: str, title: str = "Harbour Lights") -> list[ReadFact]:
    return read_facts(split_sentences(text), title)


def test_members_see_one_readers_complete_fact() -> None:
    assert ("Mara Quinn", "César Awards", "Best Actress", "won") in shown(
        "Harbour Lights is cold. Mara Quinn won Best Actress at the Césars for the lead."
    )


def test_members_see_the_more_specific_of_two_agreeing_facts() -> None:
    text = "Mara Quinn is a lock for Best Actress this year, at least at the Oscars."
    facts = shown(text)
    assert all(f[0] == "Mara Quinn" and f[3] == "contender" for f in facts)


def test_no_trivia_when_the_readers_state_two_specific_forms_of_one_general_fact() -> None:
    def fact(category: str | None) -> AwardFact:
        return AwardFact("Mara Quinn", "Harbour Lights", "Academy Awards", category, "won", "q", "a", Source("s", 0, 1))

    assert _agreed([fact("Best Actress"), fact("Best Director")], [fact(None)]) == []
    assert _agreed([fact("Best Actress")], [fact(None)]) == [fact("Best Actress")]


def test_a_gerund_under_a_later_modal_is_a_contender() -> None:
    assert staged("Maybe Harbour Lights winning Best Picture at the Oscars would console him.") == [
        ("Harbour Lights", "Academy Awards", "Best Picture", "contender")
    ]


def test_a_pronoun_in_a_fronted_clause_is_the_name_after_it() -> None:
    text = "Tom Reed was nominated for Best Actor at the Oscars. Though she won the Oscar in 2001, Mara Quinn is a rare guest."
    assert ("Mara Quinn", "Academy Awards", None, "won") in staged(text)
    assert ("Tom Reed", "Academy Awards", None, "won") not in staged(text)


def test_a_body_named_in_the_sentence_before_completes_a_fact() -> None:
    text = "The BAFTAs were handed out on Sunday. Mara Quinn won Best Actress for her role."
    assert [f.complete for f in _read(text) if f.subject == "Mara Quinn"] == [True]


RESULTS = """Berlinale 2024: the full list of winners

Golden Bear: Harbour Lights
Silver Bear Grand Jury Prize: The Quiet Shore
Best Director: Ann Cole, for Harbour Lights
Best Leading Performance: Tom Reed, The Quiet Shore"""


def test_a_results_list_under_a_headline_naming_the_body() -> None:
    assert shown(RESULTS) == {
        ("Harbour Lights", "Berlinale", "Golden Bear", "won"),
        ("The Quiet Shore", "Berlinale", "Silver Bear Grand Jury Prize", "won"),
        ("Ann Cole", "Berlinale", "Best Director", "won"),
        ("Tom Reed", "Berlinale", "Best Leading Performance", "won"),
    }


def test_a_list_of_guesses_or_a_winner_of_the_wrong_kind_is_no_result() -> None:
    assert staged(RESULTS.replace("the full list of winners", "our predictions for the winners")) == []
    spirit = staged("The winners of the 2024 Spirit Awards\n\nBest Female Lead: Harbour Lights")
    assert not [f for f in spirit if f[2]]


def test_a_silver_lion_for_best_direction_is_the_silver_lion() -> None:
    assert canonical_award("Venice", "Silver Lion for Best Direction")[1] == "Silver Lion"


def test_a_named_prize_with_a_possessive_is_found_with_either_apostrophe() -> None:
    for apostrophe in ("'", "’"):
        text = f"Today Harbour Lights won the Toronto Film Festival{apostrophe}s top People{apostrophe}s Choice award."
        assert ("Harbour Lights", "Toronto International Film Festival", "People's Choice Award", "won") in staged(text)
