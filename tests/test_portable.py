"""The project runs from any clone: no tracked file names a path of one machine."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.shared import ROOT

# An absolute path into a home, a workspace or a mount of some machine (POSIX, macOS, Windows). Not a URL's path:
# the slash must not follow a host name, a word or another path segment.
MACHINE_PATH = re.compile(r"(?<![\w.\-/:~$})])/(?:work|home|root|Users)/|[A-Za-z]:\\\\?(?:Users|work)\\")


def _tracked() -> list[Path]:
    """The files git tracks (every file but .git, .venv and caches when this is not a git checkout)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True).stdout
        return [ROOT / name for name in out.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"}
        return [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


def test_the_pattern_finds_machine_paths() -> None:
    for text in ("/" + "work/shared/x", 'Path("/' + 'home/ann/x")', "/" + "root/x", "C:\\" + "Users\\ann"):
        assert MACHINE_PATH.search(text), text
    for text in ("https://example.com/home/x", "~/.local/share/filmclub", "$XDG_DATA_HOME/filmclub", "../shared/x"):
        assert not MACHINE_PATH.search(text), text


def test_no_tracked_file_names_a_machine_path() -> None:
    files = _tracked()
    assert len(files) > 50, "the project's files were not found"
    here = str(ROOT)
    found = []
    for path in files:
        if not path.is_file():  # deleted in the working tree, not yet committed
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line) or here in line:
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, "absolute paths of one machine (use paths relative to the repository):\n" + "\n".join(found)
