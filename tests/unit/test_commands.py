"""The router: a command in, neutral messages out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import commands
from bot.app import App
from bot.bootstrap import build_app
from bot.commands import REGISTRY, command, dispatch, parse_line, split_section
from bot.config import Settings
from bot.models import Incoming, Message
from tests.fakes.harness import text_of


@pytest.fixture
def temporary_commands() -> Iterator[None]:
    saved = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)


async def test_review_answers_with_every_section(app: App) -> None:
    [message] = await app.dispatch(Incoming("review", "anora"))
    assert message.title == "Anora (2024) · dir. Sean Baker"
    titles = [s.title for s in message.sections]
    assert titles[:2] == ["In short", "Key points"] and "Discussion prompts" in titles and "Award trivia" in titles
    assert [b.command for b in message.buttons] == ["prompts", "trivia", "poll"]
    assert {b.argument for b in message.buttons} == {"anora-2024"}


async def test_a_button_argument_finds_the_film_again(app: App) -> None:
    [message] = await app.dispatch(Incoming("prompts", "anora-2024"))
    assert not message.error and message.sections[0].title == "Discussion prompts"


@pytest.mark.parametrize(
    ("incoming", "expected"),
    [
        (Incoming("review", "anora prompts"), ("anora", "prompts")),
        (Incoming("review", "the shape of water"), ("the shape of water", "all")),
        (Incoming("review", "x", options=(("film", "anora"), ("section", "trivia"))), ("anora", "trivia")),
        (Incoming("review", "trivia"), ("trivia", "all")),
    ],
)
def test_split_section(incoming: Incoming, expected: tuple[str, str]) -> None:
    assert split_section(incoming) == expected


async def test_unknown_film_suggests_and_is_private(app: App) -> None:
    [message] = await app.dispatch(Incoming("review", "anoxa"))
    assert message.error and message.ephemeral
    assert "Did you mean: Anora (2024)?" in text_of([message])


async def test_an_empty_store_says_how_to_import(tmp_path: Path) -> None:
    empty = await build_app(Settings(database=tmp_path / "e.db", seeds=tmp_path / "none"))
    try:
        [message] = await empty.dispatch(Incoming("review", "anora"))
        assert "filmclub import" in text_of([message])
    finally:
        await empty.close()


async def test_unknown_command_and_missing_film(app: App) -> None:
    assert "/review" in text_of(await app.dispatch(Incoming("nope")))
    assert "Which film?" in text_of(await app.dispatch(Incoming("trivia", "")))
    assert "not a section" in text_of(
        await app.dispatch(Incoming("review", options=(("film", "anora"), ("section", "x"))))
    )


async def test_a_mistyped_section_is_blamed_not_the_film(app: App) -> None:
    text = text_of(await app.dispatch(Incoming("review", "anora poll")))
    assert "“poll” is not a section" in text and "polls" in text
    assert "I don't know" not in text
    unknown = text_of(await app.dispatch(Incoming("review", "nosuchfilm poll")))
    assert "is not a section" not in unknown  # an unknown film is still the film's problem


async def test_moderator_only_commands_refuse_members(app: App, temporary_commands: None) -> None:
    @command("secret", moderator=True)
    async def secret(app: App, incoming: Incoming) -> list[Message]:
        """A moderator tool."""
        return [Message("done")]

    refused = await dispatch(app, Incoming("secret", is_moderator=False))
    assert refused[0].ephemeral and "Only moderators" in text_of(refused)
    assert (await dispatch(app, Incoming("secret", is_moderator=True)))[0].title == "done"
    assert "/secret" not in text_of(await dispatch(app, Incoming("help")))
    assert "/secret" in text_of(await dispatch(app, Incoming("help", is_moderator=True)))


async def test_a_failing_handler_apologises_without_a_traceback(
    app: App, temporary_commands: None, caplog: pytest.LogCaptureFixture
) -> None:
    @command("boom")
    async def boom(app: App, incoming: Incoming) -> list[Message]:
        """Fails."""
        raise RuntimeError("internal detail")

    [message] = await dispatch(app, Incoming("boom"))
    assert message.error and "internal detail" not in text_of([message]) and "Traceback" not in text_of([message])
    assert "internal detail" in caplog.text


async def test_help_lists_every_member_command(app: App) -> None:
    shown = text_of(await app.dispatch(Incoming("help")))
    for name in ("review", "prompts", "trivia", "poll", "films", "help"):
        assert f"/{name}" in shown


def test_parse_line() -> None:
    assert parse_line("  /Review  anora prompts ") == Incoming("review", "anora prompts")
    assert parse_line("hello") is None and parse_line("/") is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=st.text(max_size=300))
async def test_any_command_text_gets_messages_not_exceptions(app: App, line: str) -> None:
    incoming = parse_line("/" + line) or Incoming("review", line)
    replies = await commands.dispatch(app, incoming)
    assert replies and all(isinstance(m, Message) for m in replies)
