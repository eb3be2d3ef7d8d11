"""CI runs exactly the README's test command, and that command cannot pass with a failed or no test."""

from __future__ import annotations

from tests.shared import ROOT


def _commands(path: str) -> list[str]:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./scripts/test     #" in readme
    ci = _commands(".ci/run")
    assert ci[0] == "set -euo pipefail" and ci[-1] == "exec scripts/test"


def test_the_test_command_stops_at_the_first_failure_and_ends_in_pytest() -> None:
    script = _commands("scripts/test")
    assert script[0] == "set -euo pipefail"
    # exec: pytest's own status is the script's (1 on a failed test, 5 when no test ran).
    assert script[-1] == 'exec .venv/bin/python -m pytest "$@"'
