"""Review files (front matter + text) to ReviewDoc, with errors that name file, line and problem."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.bounds import Breach, check_aliases, check_text
from bot.models import ReviewDoc

MAX_BYTES = 200 * 1024
_CAP = f"a review file may be at most {MAX_BYTES // 1024} KB"
MIN_YEAR, MAX_YEAR = 1870, 2100
_KEY_VALUE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$")
_LIST_ITEM = re.compile(r"^\s*-\s*(.*)$")  # a "- item" line, indented or not (YAML allows both)
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: "²⁰²⁴".isdigit() is True, int() of it is not
Meta = dict[str, tuple[int, str | list[str]]]  # key → (its line, its value)
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFOs to block on


@dataclass(frozen=True)
class IngestError(Exception):
    """A review file that cannot be imported: which file, which line, what is wrong."""

    path: str
    line: int
    problem: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


def review_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the `*.md` files inside the folders named (sorted, recursively)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.md") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def read_review(path: Path) -> ReviewDoc:
    """Read and parse one review file, or raise IngestError."""
    name = shown(path)
    if name != str(path):  # bytes no UTF-8 text can hold: the store and the terminal cannot keep them
        raise IngestError(name, 0, "the file name is not UTF-8; rename the file")
    return parse_review(_read_capped(path, name), name)


def shown(path: Path | str) -> str:
    """A path as printable text: the bytes of a name that is not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_capped(path: Path, name: str) -> bytes:
    """A regular file's bytes, its size checked before reading and at most one byte over the cap read."""
    try:
        _check_file(os.stat(path), name)  # a FIFO or a device is never opened, a huge file never read
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)  # a FIFO swapped in after the stat cannot block the open
        with open(fd, "rb") as file:
            _check_file(os.fstat(file.fileno()), name)
            raw = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise IngestError(name, 0, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:  # it grew after the stat
        raise IngestError(name, 0, f"the file is over {MAX_BYTES // 1024} KB; {_CAP}")
    return raw


def _check_file(info: os.stat_result, name: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a file")
        raise IngestError(name, 0, f"is not a regular file ({kind}); a review file must be a regular file")
    if info.st_size > MAX_BYTES:
        raise IngestError(name, 0, _too_big(info.st_size))


def _too_big(size: int) -> str:
    return f"the file is {-(-size // 1024):,} KB; {_CAP}"


def parse_review(raw: bytes, path: str = "<review>") -> ReviewDoc:
    """Parse the bytes of a review file, or raise IngestError."""
    text = _decode(raw, path)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise IngestError(path, 1, "the file must start with a '---' line opening the front matter (title, year, …)")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise IngestError(path, 1, "the front matter opened here is never closed by a '---' line")
    meta, item_lines = _front_matter(lines[1:end], path)
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise IngestError(path, end + 2, "the review text after the front matter is empty")
    doc = _doc(meta, body, path)
    _check_bounds(doc, meta, item_lines.get("aliases", []), path)
    return doc


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise IngestError(path, 0, _too_big(len(raw)))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise IngestError(path, line, "the file is binary (it contains NUL bytes), not a text review")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IngestError(
            path, line, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Hand-written rather than PyYAML: the contract is a small key/value subset, and we want
# each error tied to its line and nothing of YAML's wider syntax (anchors, tags) accepted.
def _front_matter(lines: list[str], path: str) -> tuple[Meta, dict[str, list[int]]]:
    meta: Meta = {}
    item_lines: dict[str, list[int]] = {}  # the line of each item of a list, for errors about one item
    current: str | None = None
    for number, line in enumerate(lines, start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item and current is not None and isinstance(meta[current][1], list):
            meta[current][1].append(_scalar(item.group(1)))  # type: ignore[union-attr]
            item_lines[current].append(number)
            continue
        match = _KEY_VALUE.match(line)
        if not match:
            raise IngestError(path, number, f"front matter line is not 'key: value': {line.strip()[:60]!r}")
        key, value = match.group(1).lower(), _strip_comment(match.group(2))
        if key in meta:
            raise IngestError(path, number, f"'{key}' is given twice in the front matter")
        meta[key] = (number, _value(value, path, number))
        item_lines[key] = [number] * len(meta[key][1]) if isinstance(meta[key][1], list) else []
        current = key
    return meta, item_lines


def _value(value: str, path: str, line: int) -> str | list[str]:
    if value.startswith("["):
        if not value.endswith("]"):
            raise IngestError(path, line, "a list must close with ']' on the same line")
        return [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
    return [] if value == "" else _scalar(value)


def _strip_comment(value: str) -> str:
    value = value.strip()
    if value[:1] in "\"'":
        return value
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _doc(meta: Meta, body: str, path: str) -> ReviewDoc:
    def text(key: str) -> str | None:
        line, value = meta.get(key, (0, ""))
        if isinstance(value, list):
            if not value:  # "author:" with nothing after it reads as an empty block list: no value
                return None
            raise IngestError(path, line, f"'{key}' must be a single value, not a list")
        return value.strip() or None

    title = text("title")
    if not title:
        raise IngestError(path, meta.get("title", (1, ""))[0], "the front matter has no 'title'")
    aliases = meta.get("aliases", (0, []))[1]
    aliases_tuple = tuple(a for a in ([aliases] if isinstance(aliases, str) else aliases) if a)
    return ReviewDoc(
        title=title,
        text=body,
        year=_year(text("year"), meta.get("year", (0, ""))[0], path),
        director=text("director"),
        author=text("author"),
        source=text("source"),
        aliases=aliases_tuple,
        path=path,
    )


def _year(value: str | None, line: int, path: str) -> int | None:
    if value is None:
        return None
    if not _YEAR.fullmatch(value) or not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise IngestError(path, line, f"year {value!r} is not a year (expected four digits, {MIN_YEAR}–{MAX_YEAR})")
    return int(value)


def _check_bounds(doc: ReviewDoc, meta: Meta, alias_lines: list[int], path: str) -> None:
    """Refuse a field over its limit (bot/bounds.py), naming its line."""
    aliases = meta.get("aliases", (0, []))
    values = aliases[1] if isinstance(aliases[1], list) else [aliases[1]]
    lines = [line for value, line in zip(values, alias_lines or [aliases[0]] * len(values), strict=True) if value]
    breaches: list[Breach | None] = [
        check_text(key, getattr(doc, key), meta.get(key, (0, ""))[0])
        for key in ("title", "director", "author", "source")
    ]
    breaches.append(check_aliases(doc.aliases, lines, aliases[0]))
    breach = next((b for b in breaches if b is not None), None)
    if breach is not None:
        raise IngestError(path, breach.line, breach.problem)
