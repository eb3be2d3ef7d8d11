"""The page's tail (reader comments, share rows, related links) is not read as the review (own-written pages)."""

from __future__ import annotations

from bot.analysis import analyze
from bot.analysis.page import article_end, article_text

ARTICLE = (
    "Harbour Lights is the quiet triumph of the autumn. Mara Quist directs with a patience that never turns "
    "into indulgence, and Tomas Reyes gives the finest performance of his career as a ferryman who has stopped "
    "expecting anything of the sea. The film won the Golden Lion at the Venice Film Festival, and it deserved it.\n\n"
    "The second half loses some of its nerve, trading the long silences for a subplot about a missing brother "
    "that the script never quite believes in. Still, the last image stays with you for days, and the score by "
    "Ilse Marten is as spare and exact as the camera. Does the film need its brother at all?\n\n"
)
TAIL = (
    "Share this:\nFacebook Twitter Email\n\n"
    "Leave a Reply\n\nYour email address will not be published.\n\n"
    "Jon Parr says:\nGreat review! Did you know Daniel Ostrow won the Oscar for Best Actor for Sea Glass?\n\n"
)


def test_the_tail_after_a_comments_marker_is_blanked_and_offsets_kept() -> None:
    text = ARTICLE + TAIL
    out = article_text(text)
    assert len(out) == len(text)
    assert out[: len(ARTICLE)] == ARTICLE
    assert out[len(ARTICLE) :].strip() == ""
    assert out.count("\n") == text.count("\n")


def test_a_reader_comment_gives_no_trivia_and_no_prompt() -> None:
    analysis = analyze(ARTICLE + TAIL, title="Harbour Lights", year=2025)
    assert "Daniel Ostrow" not in {fact.subject for fact in analysis.trivia}
    assert all("Did you know" not in prompt.text for prompt in analysis.prompts)
    assert "Great review" not in analysis.summary.tldr
    assert all(s.start < len(ARTICLE) for s in analysis.spoilers)


def test_the_same_comment_inside_the_article_is_read() -> None:
    """Without the marker the sentence is part of the text: what the marker changes is the only difference."""
    text = ARTICLE + "Jon Parr points out that Daniel Ostrow won the Oscar for Best Actor for Sea Glass.\n"
    assert article_end(text) == len(text)


def test_a_marker_before_the_article_does_not_cut_it() -> None:
    text = "Share this:\nFacebook Twitter\n\n" + ARTICLE
    assert article_end(text) == len(text)


def test_a_weak_marker_cuts_only_when_no_prose_follows() -> None:
    related = "Related\n\nThe best films of the year so far\nTen autumn releases to watch\n"
    assert article_end(ARTICLE + related) == len(ARTICLE)
    resumed = "Related\n\nOscars 2026: the full list\n\n" + ARTICLE
    assert article_end(ARTICLE + resumed) == len(ARTICLE + resumed)


def test_marker_lines_are_read_without_markdown_debris_or_counts() -> None:
    for marker in ("## 3 Comments", "**Share this:**", "— Related —", "2 thoughts on “Harbour Lights”"):
        text = ARTICLE + marker + "\n\nNothing here is prose either\n"
        assert article_end(text) == len(ARTICLE), marker
