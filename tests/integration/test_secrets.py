"""Secrets never reach logs, output or the database, even at debug logging."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SECRETS = {
    "DISCORD_TOKEN": "MTEST.discord-secret-token-0001",
    "SLACK_BOT_TOKEN": "xoxb-test-slack-secret-0002",
    "SLACK_APP_TOKEN": "xapp-test-slack-secret-0003",
    "SLACK_SIGNING_SECRET": "signing-secret-test-0004",
}


def _run(tmp_path: Path, *args: str, stdin: str = "") -> str:
    env = {"FILMCLUB_DATABASE": str(tmp_path / "s.db"), "FILMCLUB_LOG_LEVEL": "DEBUG", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        env=env | SECRETS, cwd=ROOT, timeout=120,
    )  # fmt: skip
    return result.stdout + result.stderr


def _leaks(text: str) -> list[str]:
    return [name for name, value in SECRETS.items() if value in text or value[6:] in text]


def test_debug_runs_of_the_core_never_show_a_secret(tmp_path: Path) -> None:
    outputs = [
        _run(tmp_path, "console", stdin="/review anora\n/poll anora\n/films\n/help\n/nope\n"),
        _run(tmp_path, "review", "anorra", "--json"),
        _run(tmp_path, "import", str(tmp_path / "missing.md")),
    ]
    assert "DEBUG" in "".join(outputs)  # debug logging really was on
    assert _leaks("\n".join(outputs)) == []
    database = b"".join(p.read_bytes() for p in tmp_path.glob("s.db*"))
    assert [n for n, v in SECRETS.items() if v.encode() in database] == []
