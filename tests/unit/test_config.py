"""Settings: environment over .env, secrets hidden, missing tokens named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Secret, load_settings


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("FILMCLUB_TIMEZONE=Europe/Paris\nFILMCLUB_DATABASE=/from/dotenv.db\nDISCORD_TOKEN=abc\n")
    settings = load_settings({"FILMCLUB_DATABASE": str(tmp_path / "env.db")}, dotenv)
    assert settings.database == tmp_path / "env.db"
    assert settings.timezone == "Europe/Paris"
    assert settings.require("DISCORD_TOKEN").reveal() == "abc"


def test_secrets_never_show_in_repr_or_str() -> None:
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-very-secret", "DISCORD_TOKEN": "disc-secret"}, None)
    shown = repr(settings) + str(settings) + repr(settings.slack_bot_token) + f"{settings.discord_token}"
    assert "very-secret" not in shown and "disc-secret" not in shown


@pytest.mark.parametrize("name", ["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"])
def test_a_missing_token_names_the_variable_and_where_to_get_it(name: str) -> None:
    with pytest.raises(ConfigError, match=name) as caught:
        load_settings({}, None).require(name)
    assert "Get it from" in str(caught.value)


def test_bad_values_are_named() -> None:
    with pytest.raises(ConfigError, match="FILMCLUB_TIMEZONE"):
        load_settings({"FILMCLUB_TIMEZONE": "Mars/Olympus"}, None)
    with pytest.raises(ConfigError, match="SLACK_PORT"):
        load_settings({"SLACK_PORT": "eighty"}, None)


@pytest.mark.parametrize("name", ["SLACK_PORT", "FILMCLUB_TIMEZONE", "FILMCLUB_LOG_LEVEL", "FILMCLUB_GRACE_HOURS"])
def test_a_bad_value_is_never_echoed(name: str) -> None:
    token = "xoxb-1234567890-abcdefSECRET"  # a token pasted into the wrong variable
    with pytest.raises(ConfigError) as caught:
        load_settings({name: token}, None)
    assert name in str(caught.value) and "SECRET" not in str(caught.value)
    assert f"{len(token)} characters" in str(caught.value)


def test_defaults() -> None:
    settings = load_settings({"HOME": "/member-home", "XDG_DATA_HOME": "/data"}, None)
    assert settings.database == Path("/data/filmclub/filmclub.db")
    assert load_settings({"HOME": "/member-home"}, None).database == Path(
        "/member-home/.local/share/filmclub/filmclub.db"
    )
    assert settings.timezone == "UTC" and settings.grace_hours == 12.0
    assert isinstance(Secret("x"), Secret) and not Secret("")


def test_every_setting_is_documented_in_env_example() -> None:
    from dataclasses import fields

    from bot.config import Settings, env_name

    example = (Path(__file__).resolve().parents[2] / ".env.example").read_text()
    missing = [env_name(f.name) for f in fields(Settings) if f"{env_name(f.name)}=" not in example]
    assert missing == []
