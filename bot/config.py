"""Settings from the environment and `.env`: the only module that reads either."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

# Where each secret comes from, said whenever one is missing.
_WHERE = {
    "DISCORD_TOKEN": "Discord Developer Portal → your application → Bot → Reset Token",
    "SLACK_BOT_TOKEN": "api.slack.com/apps → your app → OAuth & Permissions → Bot User OAuth Token (xoxb-…)",
    "SLACK_APP_TOKEN": "api.slack.com/apps → your app → Basic Information → App-Level Tokens, "
    "scope connections:write (xapp-…)",
    "SLACK_SIGNING_SECRET": "api.slack.com/apps → your app → Basic Information → Signing Secret",
}


class ConfigError(Exception):
    """A setting is missing or invalid; the message names it and never shows a secret."""


class Secret:
    """A secret string whose repr and str never show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself: pass it to the platform client, never to a log."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)


def _default_database(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    home = env.get("HOME") or str(Path.home())
    base = env.get("XDG_DATA_HOME") or str(Path(home) / ".local" / "share")
    return Path(base) / "filmclub" / "filmclub.db"


@dataclass(frozen=True)
class Settings:
    """Every setting of the bot; see `.env.example` for each one's meaning."""

    database: Path = field(default_factory=_default_database)
    timezone: str = "UTC"
    log_level: str = "INFO"
    seeds: Path = Path(__file__).resolve().parent.parent / "seeds"
    grace_hours: float = 12.0
    discord_token: Secret | None = None
    discord_guild_id: str | None = None
    discord_moderator_role: str | None = None
    discord_api_base: str | None = None
    discord_poll_hours: int = 168
    slack_bot_token: Secret | None = None
    slack_app_token: Secret | None = None
    slack_signing_secret: Secret | None = None
    slack_api_url: str | None = None
    slack_moderator_group: str | None = None
    slack_host: str = "127.0.0.1"  # HTTP mode's address: loopback behind a proxy; 0.0.0.0 to listen on all
    slack_port: int = 3000
    slack_poll_hours: int = 168

    def require(self, name: str) -> Secret:
        """The secret setting `name` (e.g. "DISCORD_TOKEN"), or a ConfigError saying where to get it."""
        value = getattr(self, name.lower())
        if not value:
            raise ConfigError(f"{name} is not set. Get it from {_WHERE[name]}, then put it in .env or the environment.")
        assert isinstance(value, Secret)
        return value


_SECRETS = {"discord_token", "slack_bot_token", "slack_app_token", "slack_signing_secret"}
_NAMES = {"database": "FILMCLUB_DATABASE", "timezone": "FILMCLUB_TIMEZONE", "log_level": "FILMCLUB_LOG_LEVEL"}
_NAMES |= {"seeds": "FILMCLUB_SEEDS", "grace_hours": "FILMCLUB_GRACE_HOURS"}


def env_name(attr: str) -> str:
    """The environment variable that sets `attr`."""
    return _NAMES.get(attr, attr.upper())


def _convert(attr: str, kind: object, raw: str) -> object:
    if attr in _SECRETS:
        return Secret(raw)
    if attr in ("database", "seeds"):
        return Path(raw).expanduser()
    try:
        return {"int": int, "float": float}.get(str(kind), str)(raw)
    except ValueError:
        raise ConfigError(f"{env_name(attr)} must be a number, not {_shape(raw)}") from None


def load_settings(env: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
    """Settings from `env` (default: the process environment) over the `.env` file."""
    source: dict[str, str] = {}
    if dotenv is not None and dotenv.is_file():
        source.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
    source.update(os.environ if env is None else env)
    values = {
        f.name: _convert(f.name, f.type, source[env_name(f.name)])
        for f in fields(Settings)
        if source.get(env_name(f.name), "").strip()
    }
    values.setdefault("database", _default_database(source))
    settings = Settings(**values)  # type: ignore[arg-type]
    try:
        validate_timezone(settings.timezone, "FILMCLUB_TIMEZONE")
    except ConfigError:
        msg = f"FILMCLUB_TIMEZONE must be an IANA time zone (e.g. Europe/London), not {_shape(settings.timezone)}"
        raise ConfigError(msg) from None
    _validate(settings)
    return settings


_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _shape(raw: str) -> str:
    """What a bad value looks like, never the value itself: a token put in the wrong variable must not be
    printed ("a value of 57 characters")."""
    return f"a value of {len(raw.strip())} characters"


def _validate(settings: Settings) -> None:
    """Reject values that would fail later, naming the variable."""
    if settings.log_level.upper() not in _LEVELS:
        raise ConfigError(f"FILMCLUB_LOG_LEVEL must be one of {', '.join(_LEVELS)}, not {_shape(settings.log_level)}")
    if not 0 <= settings.grace_hours <= 24 * 7:  # also refuses nan
        raise ConfigError(f"FILMCLUB_GRACE_HOURS must be between 0 and 168 hours, not {settings.grace_hours}")
    if not 1 <= settings.discord_poll_hours <= 768:
        raise ConfigError(
            f"DISCORD_POLL_HOURS must be between 1 and 768 (Discord's limit), not {settings.discord_poll_hours}"
        )
    if not 1 <= settings.slack_poll_hours <= 24 * 366:
        raise ConfigError(f"SLACK_POLL_HOURS must be between 1 and 8784, not {settings.slack_poll_hours}")
    if not 0 < settings.slack_port < 65536:
        raise ConfigError(f"SLACK_PORT must be a port number (1–65535), not {settings.slack_port}")


def validate_timezone(name: str, setting: str = "timezone") -> ZoneInfo:
    """The IANA zone `name`, or a ConfigError naming the setting."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{setting}: {name!r} is not an IANA time zone (e.g. Europe/London)") from None
