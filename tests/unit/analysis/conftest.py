"""Print the analysis figures (dev set, fixtures) at the end of the test session."""

from __future__ import annotations

import pytest

from tests.unit.analysis.scoring import REPORT


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures the scoring tests recorded."""
    if REPORT:
        terminalreporter.section("analysis figures")
        for line in REPORT:
            terminalreporter.write_line(line)
