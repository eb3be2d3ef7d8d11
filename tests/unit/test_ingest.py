"""Review files: the front-matter format and one precise error per bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest import MAX_BYTES, IngestError, parse_review, read_review

GOOD = b"""---
title: Anora
year: 2024
director: Sean Baker   # optional
aliases: [Ani, "Anora (film)"]
---
A review body.
"""


def test_a_good_file_parses_every_field() -> None:
    doc = parse_review(GOOD, "a.md")
    assert (doc.title, doc.year, doc.director, doc.aliases, doc.text) == (
        "Anora",
        2024,
        "Sean Baker",
        ("Ani", "Anora (film)"),
        "A review body.",
    )


def test_an_empty_field_is_no_value_not_a_list() -> None:
    doc = parse_review(b"---\ntitle: Anora\nauthor:\ndirector:\n---\nText.\n")
    assert (doc.title, doc.author, doc.director) == ("Anora", None, None)


def test_block_lists_bom_and_crlf_are_accepted() -> None:
    raw = "\ufeff---\r\ntitle: Été\r\naliases:\r\n  - Summer\r\n  - 'L''été'\r\n---\r\nText.\r\n".encode()
    doc = parse_review(raw)
    assert doc.title == "Été" and doc.aliases[0] == "Summer" and doc.text == "Text."


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"---\nyear: 2024\n---\nText\n", 1, "no 'title'"),
        (b"---\ntitle: X\nyear: twenty\n---\nText\n", 3, "is not a year"),
        (b"---\ntitle: X\nyear: 1066\n---\nText\n", 3, "is not a year"),
        (b"---\ntitle: X\n---\n\n   \n", 4, "empty"),
        (b"---\ntitle: X\n---\nbad \xff byte\n", 4, "not UTF-8"),
        (b"---\ntitle: X\n---\nbin\x00ary\n", 4, "binary"),
        (b"title: X\nText\n", 1, "must start with a '---'"),
        (b"---\ntitle: X\nText without a closing line\n", 1, "never closed"),
        (b"---\ntitle: X\nthis line is wrong\n---\nText\n", 3, "not 'key: value'"),
        (b"---\ntitle: X\ntitle: Y\n---\nText\n", 3, "twice"),
        (b"---\ntitle: X\naliases: [A, B\n---\nText\n", 3, "close with ']'"),
        (b"---\ntitle: [A, B]\n---\nText\n", 2, "single value"),
    ],
)
def test_each_bad_file_names_the_line_and_the_problem(raw: bytes, line: int, words: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_review(raw, "bad.md")
    assert caught.value.line == line
    assert words in caught.value.problem
    assert str(caught.value).startswith(f"bad.md:{line}: ")


def test_an_oversized_file_is_refused_before_decoding() -> None:
    raw = b"---\ntitle: X\n---\n" + b"a" * MAX_BYTES
    with pytest.raises(IngestError, match="at most 200 KB"):
        parse_review(raw, "big.md")


def test_a_file_over_the_cap_is_refused_from_its_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as sparse:
        sparse.truncate(MAX_BYTES + 1)
    with pytest.raises(IngestError, match="at most 200 KB"):
        read_review(path)


def _as_small(st: os.stat_result) -> os.stat_result:
    """The stat a file had before it grew: 10 bytes."""
    return os.stat_result((*st[:6], 10, *st[7:]))


def test_a_file_that_grows_past_the_cap_is_refused_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.md"
    path.write_bytes(GOOD + b"a" * MAX_BYTES)
    real_stat, real_fstat = os.stat, os.fstat
    monkeypatch.setattr(os, "stat", lambda p, *a, **kw: _as_small(real_stat(p, *a, **kw)))
    monkeypatch.setattr(os, "fstat", lambda fd: _as_small(real_fstat(fd)))
    with pytest.raises(IngestError, match="at most 200 KB"):
        read_review(path)


def test_a_folder_or_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for path, kind in ((fifo, "a FIFO"), (tmp_path, "a folder")):
        with pytest.raises(IngestError) as caught:
            read_review(path)
        assert str(caught.value) == f"{path}: is not a regular file ({kind}); a review file must be a regular file"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: ("---\n" + t).encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_give_a_review_or_a_clean_error(raw: bytes) -> None:
    try:
        doc = parse_review(raw, "fuzz.md")
    except IngestError as exc:
        assert exc.path == "fuzz.md" and exc.problem
    else:
        assert doc.title and doc.text


@pytest.mark.parametrize(
    ("front", "line", "words"),
    [
        ("title: " + "a " * 200, 2, "'title' is 399 characters long; it may be at most 300"),
        ("title: X\ndirector: " + "d" * 301, 3, "'director' is 301 characters long"),
        ("title: X\nauthor: " + "w" * 301, 3, "'author' is 301 characters long"),
        ("title: X\nsource: " + "s" * 2001, 3, "'source' is 2,001 characters long; it may be at most 2,000"),
        ("title: X\naliases: [" + ", ".join(["b"] * 21) + "]", 3, "there are 21 aliases; a film may have at most 20"),
        ("title: X\naliases:\n  - ok\n  - " + "c" * 301, 5, "an alias is 301 characters long"),
        ("title: X\naliases: " + "c" * 301, 3, "an alias is 301 characters long"),
    ],
)
def test_a_field_over_its_limit_is_refused_with_its_line(front: str, line: int, words: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_review(f"---\n{front}\n---\nText.\n".encode(), "long.md")
    assert (caught.value.line, str(caught.value)) == (line, f"long.md:{line}: {caught.value.problem}")
    assert words in caught.value.problem


def test_fields_at_their_limits_are_accepted() -> None:
    aliases = ", ".join(f"{i:03d}" + "x" * 297 for i in range(20))
    doc = parse_review(f"---\ntitle: {'t' * 300}\naliases: [{aliases}]\n---\nText.\n".encode())
    assert len(doc.title) == 300 and len(doc.aliases) == 20


def test_an_unindented_item_list_parses_as_the_readme_documents() -> None:
    text = b"---\ntitle: Salt Road\nyear: 2020\naliases:\n- Estrada do Sal\n- The Salt Road\n---\nA short review.\n"
    doc = parse_review(text, "salt-road.md")
    assert doc.aliases == ("Estrada do Sal", "The Salt Road")


def test_an_item_line_outside_a_list_is_still_an_error_with_its_line() -> None:
    with pytest.raises(IngestError, match=r"salt-road\.md:3"):
        parse_review(b"---\ntitle: Salt Road\n- stray\n---\nA short review.\n", "salt-road.md")
