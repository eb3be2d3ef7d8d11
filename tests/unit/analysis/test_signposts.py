"""The tl;dr follows the page's own signposts: a "Verdict:" label or heading, never a one-sided "The Good:" line
(own-written reviews)."""

from __future__ import annotations

from bot.analysis import analyze

BODY = (
    "Salt Road follows two sisters who drive a failing delivery van across the Atacama in the last week of a "
    "drought.\n\n"
    "Lucía Ferrer directs the desert scenes with real confidence, and the film is a gripping, beautifully shot "
    "journey for most of its length.\n\n"
    "The middle section sags, and a subplot about a missing uncle adds little to what the sisters already carry.\n\n"
)
MIXED = "Worth the drive, even if the middle stretch tests your patience more than once."


def tldr(text: str) -> str:
    return analyze(text, title="Salt Road").summary.tldr


def test_a_verdict_label_is_the_tldr_over_warmer_wording() -> None:
    assert tldr(BODY + f"Verdict: {MIXED}\n") == MIXED
    assert tldr(BODY + f"**Bottom line:** {MIXED}\n") == MIXED


def test_the_first_sentence_under_a_verdict_heading_is_the_tldr() -> None:
    assert tldr(BODY + f"## Final Thoughts\n\n{MIXED} Go see it with someone patient.\n") == MIXED


def test_a_one_sided_label_is_not_the_tldr() -> None:
    text = (
        "The Good: Salt Road is a gripping, beautifully shot film with two superb lead performances.\n\n"
        "The Bad: Salt Road is a dull, overlong film whose middle hour drags badly.\n\n"
        "Salt Road is an uneven film, but its last twenty minutes are worth the wait.\n"
    )
    assert tldr(text) == "Salt Road is an uneven film, but its last twenty minutes are worth the wait."


def test_a_plot_summary_heading_is_no_signpost() -> None:
    text = (
        "## Summary\n\n" + BODY + "Salt Road is a moving, beautifully acted film about what sisters owe each other.\n"
    )
    assert not tldr(text).startswith("Salt Road follows")


def test_a_title_with_a_colon_is_no_label() -> None:
    text = BODY.replace("Salt Road", "Salt Road: Redux") + (
        "Salt Road: Redux is a moving, beautifully acted film about what sisters owe each other.\n"
    )
    summary = analyze(text, title="Salt Road: Redux").summary
    shown = [summary.tldr, *summary.key_points]
    assert any(line.startswith("Salt Road: Redux is a moving") for line in shown), shown
    assert not any(line.startswith("Redux ") for line in shown), shown


def test_asides_in_brackets_are_no_key_points_and_are_dropped_from_them() -> None:
    text = (
        BODY.replace("with real confidence", "with real confidence (she shot most of it in nine days, on film)")
        + "(If you care about such things, the van is a 1978 Ford.)\n\n"
        + "Salt Road is an uneven film, but its last twenty minutes are worth the wait.\n"
    )
    summary = analyze(text, title="Salt Road").summary
    shown = [summary.tldr, *summary.key_points]
    assert not any(line.startswith("(") for line in shown), shown
    assert not any("nine days" in line for line in shown), shown
    assert any(line.startswith("Lucía Ferrer directs the desert scenes with real confidence, and") for line in shown)
