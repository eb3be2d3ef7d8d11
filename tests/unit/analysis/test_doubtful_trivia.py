"""Trivia members see holds back what the text does not pin down (the default reader, own wording)."""

from __future__ import annotations

from bot.analysis import analyze


def _shown(text: str, title: str) -> list[tuple[str, str, str | None, str]]:
    return [(f.subject, f.award, f.category, f.result) for f in analyze(text, title=title).trivia]


def test_a_television_prize_on_an_awards_night_is_no_film_trivia() -> None:
    text = (
        "Harbour Lights won Best Motion Picture – Drama at the Golden Globes on Sunday night.\n"
        "Nora Vance won Best Actress in a TV drama at the Golden Globes for her role in the series Cold Open."
    )
    shown = _shown(text, "Harbour Lights")
    assert any(s == "Harbour Lights" and award == "Golden Globes" for s, award, *_ in shown)
    assert not any(s == "Nora Vance" for s, *_ in shown)


def test_a_heading_of_nominees_and_winners_gives_no_result() -> None:
    text = "Academy Award Nominations and Winners: Best Picture\n\nThe film is a cold, handsome drama of a marriage."
    assert _shown(text, "Glass Hours") == []


def test_it_is_not_the_film_when_the_sentence_credits_another_title() -> None:
    text = (
        "Cold Meridian is a patient, gripping thriller about a lighthouse keeper.\n"
        'It also marks another triumph for its director, whose "Salt Winter" won the best picture Oscar last year.'
    )
    assert not any(s == "Cold Meridian" for s, *_ in _shown(text, "Cold Meridian"))


def test_a_persons_prize_is_not_credited_to_the_film() -> None:
    text = (
        "Winter Harbour took home four prizes at the European Film Awards, winning Best Film, "
        "Best Actress: Marta Lind and Best Director: Piotr Nowak."
    )
    shown = _shown(text, "Winter Harbour")
    assert not any(s == "Winter Harbour" and c in ("Best Actress", "Best Director") for s, _, c, _ in shown)


def test_a_headlines_words_are_no_winner() -> None:
    text = "The Giant Wins One at Last as ‘Deep Tide’ Wins the Oscar for Visual Effects"
    assert not any("Wins" in s for s, *_ in _shown(text, "Deep Tide"))
