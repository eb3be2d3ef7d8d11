"""Sentence splitting: exact offsets, abbreviations, headings and scrape debris."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.analysis.text import split_sentences


def _sentences(text: str) -> list[str]:
    return [s.sentence for s in split_sentences(text)]


def test_offsets_are_exact() -> None:
    text = "  First one here.  Second one?\n\nThird, after a blank line!  "
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.sentence
    assert _sentences(text) == ["First one here.", "Second one?", "Third, after a blank line!"]


def test_abbreviations_and_initials_do_not_split() -> None:
    text = "Is it the film Warner Bros. is selling? Dr. No opened in 1962. J. R. Smith wrote it."
    assert _sentences(text) == [
        "Is it the film Warner Bros. is selling?",
        "Dr. No opened in 1962.",
        "J. R. Smith wrote it.",
    ]


def test_markdown_headings_and_bullets_are_stripped() -> None:
    text = "# THE STORY\n\n- A bullet line\n**Bold** text here.\n[](<>)Glued link text."
    assert _sentences(text) == ["THE STORY", "A bullet line", "**Bold** text here.", "Glued link text."]


def test_upper_case_ellipsis_heading_stays_whole() -> None:
    assert _sentences("TO BE… OR NOT TO BE?") == ["TO BE… OR NOT TO BE?"]


def test_html_tags_at_line_edges_are_dropped() -> None:
    assert _sentences("<p>A paragraph in tags.</p>") == ["A paragraph in tags."]


def test_hard_wrapped_prose_is_joined() -> None:
    text = "This sentence was wrapped by an old mail client at a fixed\nwidth and goes on here."
    assert len(_sentences(text)) == 1


@given(st.text(alphabet=st.sampled_from(list("ab .?!\n#*“”()-AZ…")), max_size=200))
def test_any_text_gives_exact_offsets(text: str) -> None:
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.sentence
        assert span.sentence.strip() == span.sentence
