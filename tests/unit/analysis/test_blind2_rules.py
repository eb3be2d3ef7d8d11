"""The general rules found with the second blind set, each tried on new wording, with negative controls."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from bot.analysis.questions import explicit_questions
from bot.analysis.text import split_sentences

Fact = tuple[str, str | None, str | None, str]


def _facts(text: str, title: str = "The Film") -> list[Fact]:
    return [
        (f.subject, f.award or None, f.category, f.result) for f in analyze(text, title=title, awards="rules").trivia
    ]


def _questions(text: str) -> list[str]:
    """The questions the detector finds (prompts then keep only the real ones)."""
    return [q.text for q in explicit_questions(split_sentences(text))]


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # "winning neither" / "won neither" negate the win
        (
            "It was nominated for Best Sound and Best Editing, winning neither.",
            "Dunkirk",
            [
                ("Dunkirk", None, "Best Sound", "nominated"),
                ("Dunkirk", None, "Best Editing", "nominated"),
            ],
        ),
        # a win stated in French, and "Palme d'or" with a lower-case "or"
        (
            "Le film a remporté la Palme d'or en 2019.",
            "Parasite",
            [("Parasite", "Cannes Film Festival", "Palme d'or", "won")],
        ),
        # a count of nominations as "N times" takes no category from the left
        (
            "Blanchett won Best Actress at the BAFTAs, having been nominated four times before.",
            "Tár",
            [("Blanchett", "BAFTA Awards", "Best Actress", "won"), ("Blanchett", "BAFTA Awards", None, "nominated")],
        ),
        # a craft's owner is the subject; a list of bodies as the object gives one fact each
        (
            "Hildur Guðnadóttir's cello score won the Oscar and the Golden Globe.",
            "Joker",
            [
                ("Hildur Guðnadóttir", "Academy Awards", None, "won"),
                ("Hildur Guðnadóttir", "Golden Globes", None, "won"),
            ],
        ),
        # "for X's score" credits X
        (
            "The remake received one Oscar nomination, for Mica Levi's score.",
            "Jackie",
            [("Mica Levi", "Academy Awards", None, "nominated")],
        ),
        # "whose Title won": the title, not the person it belongs to
        (
            "Villeneuve, whose Dune won six Oscars, returns with a sequel.",
            "Dune: Part Two",
            [("Dune", "Academy Awards", None, "won")],
        ),
        # a colon opens a new statement with its own subject
        (
            "Kurosawa was famous abroad: Ran had taken the Oscar for Best Costume Design.",
            "Ran",
            [("Ran", "Academy Awards", "Best Costume Design", "won")],
        ),
        # a number word opening a sentence is no name
        (
            "Five years after Moonlight won Best Picture, Jenkins returned.",
            "The Underground Railroad",
            [("Moonlight", None, "Best Picture", "won")],
        ),
        # a shortlist is an honour, not a nomination
        (
            "It made the Academy's shortlist for Best International Feature but was not nominated.",
            "Close",
            [("Close", "Academy Awards", "Best International Feature", "recognized")],
        ),
        # "would win her first Oscar in 2011" is a later win told in the past; with "if" it stays a wish
        (
            "Natalie Portman would win her first Oscar in 2011.",
            "Jackie",
            [("Natalie Portman", "Academy Awards", None, "won")],
        ),
        (
            "Natalie Portman would win the Oscar in 2011 if voters had their way.",
            "Jackie",
            [("Natalie Portman", "Academy Awards", None, "contender")],
        ),
        # "the second going to X" hands the second category to X
        (
            "The film received two BAFTA nominations, for Best Film and Best Editing, the second going to Tom Cross.",
            "Whiplash",
            [
                ("Whiplash", "BAFTA Awards", "Best Film", "nominated"),
                ("Tom Cross", "BAFTA Awards", "Best Editing", "nominated"),
            ],
        ),
        # a writer who never capitalises: the words before the verb are the name, the body read capitalised
        (
            "ok so cate blanchett won the bafta for best actress and i screamed",
            "Tár",
            [("Cate Blanchett", "BAFTA Awards", "Best Actress", "won")],
        ),
        (
            "Gerwig, whose Lady Bird was nominated for Best Picture, directs.",
            "Little Women",
            [("Lady Bird", None, "Best Picture", "nominated")],
        ),
        ("Awards: the film won the Golden Lion.", "Joker", [("Joker", "Venice Film Festival", "Golden Lion", "won")]),
        (
            "Anne Hathaway's performance won her the Oscar for Best Supporting Actress.",
            "Les Misérables",
            [("Anne Hathaway", "Academy Awards", "Best Supporting Actress", "won")],
        ),
        ("the cinematography alone deserves an oscar", "Dune", [("Dune", "Academy Awards", None, "contender")]),
        # "lost out on X to Y"; "the Academy" is the Oscars' body; a credit's name drops the sentence's full stop
        (
            "At the Golden Globes it lost out on Best Drama to Bohemian Rhapsody.",
            "A Star Is Born",
            [
                ("A Star Is Born", "Golden Globes", "Best Drama", "lost"),
                ("Bohemian Rhapsody", "Golden Globes", "Best Drama", "won"),
            ],
        ),
        ("The Academy gave Hopkins Best Actor.", "The Father", [("Hopkins", "Academy Awards", "Best Actor", "won")]),
        (
            "It won four Oscars, among them Best Director for Alfonso Cuarón.",
            "Roma",
            [("Roma", "Academy Awards", None, "won"), ("Alfonso Cuarón", "Academy Awards", "Best Director", "won")],
        ),
        # a "but" clause starts a new negation scope
        (
            "The documentary was snubbed by the Academy but won the Peabody.",
            "Hoop Dreams",
            [("Hoop Dreams", "Peabody Awards", None, "won")],
        ),
        # wins in Spanish and Italian, with their prizes
        ("Ganó el Goya a la mejor película.", "As bestas", [("As bestas", "Goya Awards", None, "won")]),
        ("Il film ha vinto il Leone d'oro.", "Joker", [("Joker", "Venice Film Festival", "Leone d'oro", "won")]),
        # a feeling or a thought before a lower-case name is not part of it
        ("i'm so happy emma stone won best actress!!", "Poor Things", [("Emma Stone", None, "Best Actress", "won")]),
        # negative controls
        ("i think timothee chalamet won nothing", "Dune", []),
        ("It was snubbed by the Academy, which never nominated it.", "Hoop Dreams", []),
        ("Nolan, whose films have won many awards, returns.", "Tenet", []),
        ("Thirty years later, Goodfellas won nothing but our hearts.", "Goodfellas", []),
        ("honestly i think timothee chalamet won nothing and that's a crime", "Dune", []),
        ("It won me over within minutes, and the Oscars will not matter.", "Past Lives", []),
        ("Coppola deserved every award going.", "The Godfather", []),
        ("The Academy Awards it was never going to win were beside the point.", "Aftersun", []),
    ],
)
def test_general_rule(text: str, title: str, expected: list[Fact]) -> None:
    """Each rule on a sentence it was not written for."""
    assert _facts(text, title) == expected


def test_questions_in_new_forms() -> None:
    """Guillemets, "??", speaker labels, quoted one-word questions; a title ending in "?" is no question."""
    assert _questions("« Pourquoi pas ? » demande-t-elle. « Why not me? » she asks.") == [
        "Pourquoi pas ?",
        "Why not me?",
    ]
    assert _questions("why is nobody talking about this?? it rules.") == ["why is nobody talking about this??"]
    assert _questions("Q: What drew you to the story? A: The silence.") == ["What drew you to the story?"]
    assert _questions('He said "Seriously?" and left.') == ["Seriously?"]
    assert _questions("She is best known for Who Framed Roger Rabbit? and little else.") == []
    assert _questions("Why? Nobody knows.") == []  # an unquoted single word stays a fragment


def test_lowercase_writer_sentences_split() -> None:
    """A writer who never capitalises still gets sentences, so key points and questions stand alone."""
    text = (
        "this movie is a lot. the first hour is pure chaos and i loved it. the second hour slows down a bit. "
        "do i care? not really. the ending made me cry in the cinema. the score is unreal."
    )
    assert [q.text for q in explicit_questions(split_sentences(text))] == ["do i care?"]
    # answered at once ("not really") and about the writer: no club prompt
    assert not [p for p in analyze(text, title="The Film").prompts if p.kind == "explicit"]


def test_summary_leaves_out_notes_warnings_interviews_and_replies() -> None:
    """Editorial notes, spoiler warnings, Q&A lines and one-word replies to a question are no key points."""
    text = (
        "This review originally appeared in a Glasgow fanzine.\n\n"
        "The film follows two sisters who inherit a failing ferry company on a cold northern island.\n\n"
        "Is the middle act too slow for its own good? Probably, but the final storm makes up for every lull.\n\n"
        "The cast is excellent, and the younger sister is played with real bite by a newcomer.\n\n"
        "Spoiler warning: the next paragraph discusses the ending in full.\n\n"
        "Q: What drew you to the island setting for this story?\n"
        "A: I grew up on a ferry, so the sound of engines is in my bones forever.\n\n"
        "The photography makes the grey sea look like hammered silver in every single shot."
    )
    a = analyze(text, title="The Ferry")
    shown = [a.summary.tldr, *a.summary.key_points]
    assert not any(s.startswith(("This review", "Probably", "Spoiler", "I grew up")) for s in shown), shown
    assert len(a.summary.key_points) == 2  # the three usable sentences: a tl;dr and two points


def test_theme_prompts_skip_compound_adjectives_and_possessions() -> None:
    """ "three-hour" recurs but is no theme; "Hobie Brown's Spider-Punk is a moving collage" is no performance."""
    text = (
        "A three-hour drama about a fishing village, told with patience.\n\n"
        "The three-hour running time is earned by the village and its quarrels.\n\n"
        "Hobie Brown's Spider-Punk is a moving collage of torn paper.\n\n"
        "Another three-hour stretch of village life would not hurt."
    )
    prompts = [p.text for p in analyze(text, title="The Village").prompts]
    assert not any("three-hour" in p for p in prompts), prompts
    assert not any("Spider-Punk's performance" in p for p in prompts), prompts
