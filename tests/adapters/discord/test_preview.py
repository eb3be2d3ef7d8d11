"""`filmclub preview --platform discord` and `filmclub discord invite-url`."""

from __future__ import annotations

import pytest

from adapters.discord.entry import preview
from adapters.discord.fake_server import Request
from bot.app import App
from bot.cli import main

from .spec import check_all


async def test_preview_prints_bodies_that_validate_against_the_specification(app: App):
    bodies = await preview(app, "/review anora")
    assert bodies[0]["method"] == "POST" and bodies[0]["path"].endswith("/callback")
    assert bodies[0]["json"]["data"]["embeds"][0]["title"].startswith("Anora")
    assert check_all([Request(b["method"], b["path"], b["json"]) for b in bodies]) == len(bodies)


def test_invite_url_names_exactly_the_scopes_and_permissions(capsys: pytest.CaptureFixture[str]):
    assert main(["discord", "invite-url", "--client-id", "123456789012345678"]) == 0
    url = capsys.readouterr().out.strip()
    assert url.startswith("https://discord.com/oauth2/authorize?client_id=123456789012345678")
    assert "scope=bot+applications.commands" in url
    assert "permissions=563259191151616" in url


@pytest.mark.parametrize(
    "line", ["/help", "/films", "/poll anora", "/prompts anora", "/review anoraa", "/queue add anora"]
)
async def test_preview_of_every_kind_of_command_validates(app: App, line: str):
    bodies = await preview(app, line)
    assert bodies and bodies[0]["path"].endswith("/callback")
    assert check_all([Request(b["method"], b["path"], b["json"]) for b in bodies]) == len(bodies)


def test_preview_fills_options_as_a_member_would():
    from adapters.discord.entry import preview_values

    assert preview_values("/review anora prompts") == ("review", {"film": "anora prompts"})
    assert preview_values("/queue add the zone of interest") == (
        "queue",
        {"action": "add", "film": "the zone of interest"},
    )
    assert preview_values("/help") == ("help", {})
