"""What the club thinks (bot/club.py): counts, the average, and prompts set from members' opposite views."""

from __future__ import annotations

from bot.club import Voice, club_view

ANA = Voice("Ana", "The ending felt earned and moving. A great film.", 4.5)
BEN = Voice("Ben", "The ending felt hollow. The script is thin and the pacing sluggish.", 2)
CRITIC = "The ending is haunting. Mikey Madison gives a terrific performance."


def test_two_opposite_stances_on_one_aspect_name_both_members_and_their_words() -> None:
    view = club_view("Anora", [ANA, BEN], CRITIC)
    assert view is not None and view.summary == "2 member reviews · average rating 3.3/5 (2 rated)"
    first = view.prompts[0].text
    assert first.startswith("Ana found the ending strong (“The ending felt earned and moving”)")
    assert "Ben found it weak (“The ending felt hollow”). Who's right?" in first


def test_a_rating_split_and_a_point_the_critic_did_not_raise() -> None:
    view = club_view("Anora", [ANA, BEN], CRITIC)
    assert view is not None
    texts = [p.text for p in view.prompts]
    assert "The ratings split: Ana gave it 4.5, Ben gave it 2." in texts[1]
    assert any(t.startswith("Ben raised the script (“The script is thin and the pacing sluggish”)") for t in texts)
    assert all("ending" not in t for t in texts if "does not discuss" in t)  # the critic did discuss the ending


def test_agreement_makes_no_opposition_and_close_ratings_no_split() -> None:
    view = club_view("Anora", [ANA, Voice("Cy", "The ending felt moving and powerful.", 4)])
    assert view is not None and view.prompts == ()
    assert view.summary == "2 member reviews · average rating 4.3/5 (2 rated)"


def test_no_member_review_is_no_club_view_and_unrated_reviews_have_no_average() -> None:
    assert club_view("Anora", []) is None
    view = club_view("Anora", [Voice("Ana", "Fine.")])
    assert view is not None and view.summary == "1 member review" and view.average is None


def test_two_anonymous_members_are_told_apart_and_a_spoiler_review_hides_its_prompt() -> None:
    hidden = Voice("A member", "The ending felt hollow.", 1, spoilers=True)
    view = club_view("Anora", [Voice("A member", "The ending felt moving.", 5), hidden])
    assert view is not None
    assert (
        "A member found the ending strong" in view.prompts[0].text
        and "another member found it weak" in view.prompts[0].text
    )
    assert view.prompts[0].spoiler
