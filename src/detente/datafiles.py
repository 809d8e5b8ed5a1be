"""Reading detente's data files: a `# key: value` header, then TSV rows or JSON lines.

Every loader reports a bad entry as `file:line: what is wrong` (a `DataFileError`), never as a
traceback from deep inside the coder. The files' format is documented in docs/dictionaries.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from .errors import DataFileError

REQUIRED_HEADER_KEYS = ("version", "source", "licence")
_HEADER_LINE = re.compile(r"^#\s*([A-Za-z_ ]+?)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Row:
    """One entry of a data file, with where it came from for error messages."""

    path: str
    line: int
    values: dict[str, Any]

    def fail(self, what: str) -> DataFileError:
        return DataFileError(self.path, self.line, what)

    def text(self, key: str) -> str:
        return (self.values.get(key) or "").strip()

    def many(self, key: str) -> list[str]:
        raw = self.text(key)
        return [part.strip() for part in raw.split("|") if part.strip()] if raw else []

    def date(self, key: str) -> date | None:
        raw = self.text(key)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise self.fail(f"{key} {raw!r} is not a YYYY-MM-DD date") from None


@dataclass(frozen=True)
class DataFile:
    path: str
    header: dict[str, str]
    rows: list[Row]


def data_path(name: str) -> Path:
    """Path of a packaged data file (`countries.tsv`, `triggers/conflict.jsonl`)."""
    return Path(__file__).resolve().parent / "data" / name


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(str(path), 0, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), 0, f"not UTF-8 ({exc.reason})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        yield number, line


def _read_header(path: Path) -> tuple[dict[str, str], list[tuple[int, str]]]:
    header: dict[str, str] = {}
    rest: list[tuple[int, str]] = []
    in_header = True
    for number, line in _lines(path):
        if in_header and line.startswith("#"):
            match = _HEADER_LINE.match(line)
            if match:
                header.setdefault(match.group(1).strip().lower(), match.group(2).strip())
            continue
        in_header = False
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rest.append((number, line))
    missing = [key for key in REQUIRED_HEADER_KEYS if key not in header]
    if missing:
        raise DataFileError(str(path), 1, f"header lacks {', '.join(missing)} (write '# {missing[0]}: ...')")
    return header, rest


def read_tsv(path: Path, columns: tuple[str, ...]) -> DataFile:
    """A TSV data file whose column row must be exactly `columns`."""
    header, lines = _read_header(path)
    if not lines:
        raise DataFileError(str(path), 1, "no column row")
    number, first = lines[0]
    found = tuple(c.strip() for c in first.split("\t"))
    if found != columns:
        raise DataFileError(str(path), number, f"columns are {found}, expected {columns}")
    rows = []
    for number, line in lines[1:]:
        parts = line.split("\t")
        if len(parts) != len(columns):
            raise DataFileError(str(path), number, f"{len(parts)} fields, expected {len(columns)} ({', '.join(columns)})")
        rows.append(Row(str(path), number, dict(zip(columns, parts))))
    return DataFile(str(path), header, rows)


def read_jsonl(path: Path) -> DataFile:
    """A JSON Lines data file: one object per line after the header."""
    header, lines = _read_header(path)
    rows = []
    for number, line in lines:
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(str(path), number, f"not valid JSON: {exc.msg}") from None
        if not isinstance(value, dict):
            raise DataFileError(str(path), number, "each line must be a JSON object")
        rows.append(Row(str(path), number, value))
    return DataFile(str(path), header, rows)
