"""The core never imports a chat platform; only the composition root reaches adapters, lazily."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
PLATFORMS = ("discord", "slack_bolt", "slack_sdk")
COMPOSITION = {"bootstrap.py", "cli.py"}


def _imports(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    found: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node, node.module))
    return found


def _top_level(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_of_bot_imports_a_platform_library() -> None:
    offenders = [
        f"{path.relative_to(BOT)}: {name}"
        for path in BOT.rglob("*.py")
        for _, name in _imports(ast.parse(path.read_text("utf-8")))
        if name.split(".")[0] in PLATFORMS
    ]
    assert offenders == []


def test_only_the_composition_root_imports_adapters_and_only_inside_functions() -> None:
    for path in BOT.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        top = {n for n in _top_level(tree) if n.split(".")[0] == "adapters"}
        assert not top, f"{path.name} imports {top} at module level"
        anywhere = {n for _, n in _imports(tree) if n.split(".")[0] == "adapters"}
        if path.name not in COMPOSITION:
            assert not anywhere, f"{path.name} imports adapters: {anywhere}"


def test_the_boundary_test_would_catch_a_leak() -> None:
    tree = ast.parse("import os\nfrom discord import app_commands\n")
    assert [n for _, n in _imports(tree) if n.split(".")[0] in PLATFORMS] == ["discord"]
