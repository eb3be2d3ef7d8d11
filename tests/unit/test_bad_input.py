"""Bad input everywhere in the core: generated command text and review files never crash anything."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import App
from bot.commands import REGISTRY, dispatch, parse_line
from bot.ingest import IngestError, parse_review
from bot.models import Incoming, Message
from tests.fakes.harness import text_of

NASTY = st.sampled_from(
    [
        "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "'", '"', "`", "--", ";", "DROP TABLE films;",
        "' OR 1=1 --", "*bold*", "_it_", "~~s~~", "||sp||", "<!channel>", "@everyone", "<@&123>", "\x00",
        "\n", "\r", "\t", "\U0001f3ac", "é", "ß", "\u0301", "NEAR(", "AND", "*", '"unterminated',
    ]
)  # fmt: skip
ARGS = st.lists(NASTY | st.text(max_size=20), max_size=30).map("".join) | st.tuples(NASTY, st.text(max_size=5)).map(
    lambda t: (t[0] + t[1]) * (10_000 // max(1, len(t[0] + t[1])))
)  # 10,000-character arguments
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(name=st.sampled_from(sorted(REGISTRY)), args=ARGS, moderator=st.booleans())
async def test_every_command_answers_any_argument_cleanly(app: App, name: str, args: str, moderator: bool) -> None:
    replies = await dispatch(app, Incoming(name, args, is_moderator=moderator, club_id="fuzz-club"))
    assert replies and all(isinstance(m, Message) for m in replies)
    assert "Traceback" not in text_of(replies) and "failed on my side" not in text_of(replies)


@SETTINGS
@given(line=ARGS)
async def test_any_typed_line_is_a_command_or_nothing(app: App, line: str) -> None:
    incoming = parse_line("/" + line)
    if incoming is not None:
        assert await dispatch(app, incoming)


FIELD = st.sampled_from(["title", "year", "director", "author", "source", "aliases", "Title", "x-y", "year "])
VALUE = NASTY | st.text(max_size=30) | st.integers(-5000, 5000).map(str) | st.just("[a, b") | st.just("[]")
LINE = st.tuples(FIELD, VALUE).map(lambda kv: f"{kv[0]}: {kv[1]}") | NASTY | st.text(max_size=40)


@settings(max_examples=500, deadline=None)
@given(
    lines=st.lists(LINE, max_size=8),
    body=st.text(max_size=200) | st.just("x" * 5000),
    close=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"]),
)
def test_generated_review_files_parse_or_fail_with_file_line_and_problem(
    lines: list[str], body: str, close: bool, encoding: str
) -> None:
    text = "---\n" + "\n".join(lines) + ("\n---\n" if close else "\n") + body
    raw = text.encode(encoding, "replace")
    try:
        doc = parse_review(raw, "gen.md")
    except IngestError as exc:
        assert str(exc).startswith("gen.md:") and exc.problem
        assert 0 <= exc.line <= text.count("\n") + 2
    else:
        assert doc.title.strip() and doc.text.strip()
        assert doc.year is None or 1870 <= doc.year <= 2100
