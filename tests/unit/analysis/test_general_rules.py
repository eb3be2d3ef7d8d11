"""The rules added after the blind measurement, each on wording of its own (none of it from a labelled review)."""

from __future__ import annotations

import pytest

from bot.analysis import analyze

Fact = tuple[str, str, str | None, str]


def _facts(text: str, title: str = "Drive My Car") -> list[Fact]:
    return [(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title, awards="rules").trivia]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "It won Best Film at the BAFTAs and Best Director and Best Screenplay at the Golden Globes.",
            [
                ("Drive My Car", "BAFTA Awards", "Best Film", "won"),
                ("Drive My Car", "Golden Globes", "Best Director", "won"),
                ("Drive My Car", "Golden Globes", "Best Screenplay", "won"),
            ],
            id="each-run-of-categories-takes-the-body-after-it",
        ),
        pytest.param(
            "Toko Miura won Best Supporting Actress at the Golden Globes and the BAFTAs.",
            [
                ("Toko Miura", "Golden Globes", "Best Supporting Actress", "won"),
                ("Toko Miura", "BAFTA Awards", "Best Supporting Actress", "won"),
            ],
            id="one-category-at-a-list-of-bodies",
        ),
        pytest.param(
            "Reika Kirishima was nominated for Best Actress at the Golden Globes but lost to Nicole Kidman.",
            [
                ("Reika Kirishima", "Golden Globes", "Best Actress", "nominated"),
                ("Reika Kirishima", "Golden Globes", "Best Actress", "lost"),
                ("Nicole Kidman", "Golden Globes", "Best Actress", "won"),
            ],
            id="verb-first-clause-shares-the-subject",
        ),
        pytest.param(
            "It lost Best Picture at the Oscars to CODA.",
            [
                ("Drive My Car", "Academy Awards", "Best Picture", "lost"),
                ("CODA", "Academy Awards", "Best Picture", "won"),
            ],
            id="lost-category-at-body-to",
        ),
        pytest.param(
            "The Golden Lion went to Audrey Diwan's Happening, and the Silver Lion was won by Jane Campion.",
            [
                ("Happening", "Venice Film Festival", "Golden Lion", "won"),
                ("Jane Campion", "Venice Film Festival", "Silver Lion", "won"),
            ],
            id="went-to-a-possessive-title-and-passive-won-by",
        ),
        pytest.param(
            "At the Berlinale, Hidetoshi Nishijima was named Best Actor.",
            [("Hidetoshi Nishijima", "Berlinale", "Best Actor", "won")],
            id="named-a-category-is-a-win",
        ),
        pytest.param(
            "Masaki Okada, who would later win an Emmy, plays the young actor.",
            [("Masaki Okada", "Emmy Awards", None, "won")],
            id="would-later-win-is-a-win",
        ),
        pytest.param(
            "At the BAFTAs, Belfast went home with one award. Licorice Pizza, nominated for five, won nothing.",
            [("Belfast", "BAFTA Awards", None, "won"), ("Licorice Pizza", "BAFTA Awards", None, "nominated")],
            id="counts-with-the-noun-understood-and-won-nothing",
        ),
        pytest.param(
            "Ryusuke Hamaguchi won Best Director for The Lost Daughter.",
            [("Ryusuke Hamaguchi", "", "Best Director", "won")],
            id="for-a-title-with-an-article-is-not-the-winner",
        ),
        pytest.param(
            "Eiko Ishibashi, Hamaguchi's composer, earned an Oscar nomination for Best Original Score.",
            [("Eiko Ishibashi", "Academy Awards", "Best Original Score", "nominated")],
            id="an-appositive-owner-is-not-a-subject",
        ),
        pytest.param(
            "It won no fewer than three prizes at Cannes, including Best Screenplay.",
            [
                ("Drive My Car", "Cannes Film Festival", None, "won"),
                ("Drive My Car", "Cannes Film Festival", "Best Screenplay", "won"),
            ],
            id="no-fewer-than-is-no-negation",
        ),
        pytest.param(
            "Nishijima, who plays Yusuke Kafuku, was nominated for an Oscar.",
            [("Nishijima", "Academy Awards", None, "nominated")],
            id="a-name-inside-a-relative-clause-is-not-a-co-subject",
        ),
        pytest.param(
            "There is Oscar buzz for Hidetoshi Nishijima's performance and Eiko Ishibashi's music.",
            [
                ("Hidetoshi Nishijima", "Academy Awards", None, "contender"),
                ("Eiko Ishibashi", "Academy Awards", None, "contender"),
            ],
            id="buzz-for-two-owners",
        ),
    ],
)
def test_rule(text: str, expected: list[Fact]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The film took five minutes to win me over. Nishijima went home with a cold, I suspect.",
        "The heroine was named after her grandmother. It deserves the attention it is getting.",
        "It premiered at Cannes, and it deserves a bigger audience than festival prizes usually bring.",
        "Whether or not it wins anything, it is the best film of the year.",
        "At Venice, Toko Miura went home with her sister and a sunburn.",
        "Miura, who would later win a Japanese Academy Award (the Japanese Oscars), plays the driver.",
    ],
)
def test_no_fact(text: str) -> None:
    assert [f for f in _facts(text) if f[1] != "Japan Academy"] == []


def test_pronoun_skips_characters_and_later_names() -> None:
    """ "She" points at the actor named before it, not at a character or a name later in the sentence."""
    text = (
        "Misaki Watari (Toko Miura) drives the car. Miura is the film's quiet centre. "
        "She has already won the Golden Globe for Best Supporting Actress, and she could become the first "
        "Japanese Actress to win at the Oscars."
    )
    facts = _facts(text)
    assert ("Toko Miura", "Golden Globes", "Best Supporting Actress", "won") in facts
    assert all(f[0] == "Toko Miura" for f in facts), facts


def test_family_name_first() -> None:
    """A surname written first ("Youn") resolves to the one full name that opens with it."""
    text = "Jeon Do-yeon is superb. Jeon won Best Actress at Cannes."
    assert _facts(text, title="Secret Sunshine") == [("Jeon Do-yeon", "Cannes Film Festival", "Best Actress", "won")]


def test_html_entities_do_not_break_categories() -> None:
    text = "<p>It won Best Motion Picture &#8211; Drama at the Golden Globes.</p>"
    assert _facts(text) == [("Drive My Car", "Golden Globes", "Best Motion Picture – Drama", "won")]


def test_question_with_a_quoted_title_keeps_its_start() -> None:
    text = 'Is "Drive My Car" too long? I do not think so.'
    assert [p.text for p in analyze(text, title="Drive My Car").prompts if p.kind == "explicit"] == [
        'Is "Drive My Car" too long?'
    ]


@pytest.mark.parametrize(
    ("question", "options"),
    [
        ("Is it a comedy, a horror film or a drama?", ("A comedy", "A horror film", "A drama")),
        ("Did she leave, did she stay, or did she hide?", ("Did she leave", "Did she stay", "Did she hide")),
        ("Is this a film about grief or about love?", ("About grief", "About love")),
        ("Is it good or not?", None),
        ("Is it a story about a family that falls apart over a decade, or is it a portrait of a country?", ()),
    ],
)
def test_alternative_questions_give_their_choices(question: str, options: tuple[str, ...] | None) -> None:
    from bot.analysis.polls import alternatives

    assert alternatives(question) == options


def test_an_alternative_question_never_gets_a_yes_no_poll() -> None:
    text = "Is Drive My Car a film about grief or about theatre? It is long. Is it worth three hours? Yes."
    polls = {p.question: p.options for p in analyze(text, title="Drive My Car").polls}
    assert polls.get("Is Drive My Car a film about grief or about theatre?") == ("About grief", "About theatre")
    assert "Is it worth three hours?" not in polls  # answered at once ("Yes."): rhetorical, not polled


def test_summary_skips_a_credits_block_and_a_dateline() -> None:
    prose = [
        "The story follows a widowed theatre director who hires a young driver for a long summer residency.",
        "Nothing much happens for an hour, and the film is all the richer for its patience with silence.",
        "The performances are precise and the long car rides become the most intimate scenes of the year.",
        "By the end the two strangers have told each other more than they have ever told anyone at all.",
    ]
    text = (
        "DRIVE MY CAR. Directed by Ryusuke Hamaguchi. With Hidetoshi Nishijima. Running time: 179 minutes. "
        "At the Film Forum and the Angelika.\n\nHIROSHIMA, July 9 — " + "\n\n".join(prose)
    )
    summary = analyze(text, title="Drive My Car").summary
    everything = [summary.tldr, *summary.key_points]
    assert not any("Angelika" in s or "HIROSHIMA" in s or "Running time" in s for s in everything), everything


def test_a_title_with_a_colon_is_not_a_list_of_winners() -> None:
    text = "It won the Oscar for Best Animated Feature, beating Spider-Man: Across the Spider-Verse."
    facts = _facts(text, title="The Boy and the Heron")
    assert ("The Boy and the Heron", "Academy Awards", "Best Animated Feature", "won") in facts
    assert not any(f[0] == "Across the Spider-Verse" and f[3] == "won" for f in facts), facts


def test_an_award_list_item_may_end_with_its_body() -> None:
    text = "Awards\n- Nominated: Best Original Score, Golden Globes\n"
    assert _facts(text) == [("Drive My Car", "Golden Globes", "Best Original Score", "nominated")]


def test_alternatives_leave_the_pronoun_subject_out() -> None:
    from bot.analysis.polls import alternatives

    assert alternatives("Is it his best film, or his most personal one?") == ("His best film", "His most personal one")
