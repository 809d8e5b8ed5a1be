"""The ingest stage: files, folders, JSON Lines and standard input → `Document` or `Skipped`.

Nothing is dropped silently: every input that cannot be coded comes out as a `Skipped`
record naming the file, the line and the reason, and the run goes on with the rest.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .errors import InputError
from .records import Document, Skipped

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def normalise_date(raw: object) -> str | None:
    """`YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) from a date-like value; None when it is not one."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (date, datetime)):
        return raw.isoformat()[:10]
    match = _DATE_PREFIX.match(str(raw).strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat()
        if month:
            date(int(year), int(month), 1)
            return f"{year}-{month}"
    except ValueError:
        return None
    return year


def report_date(published: str | None) -> date | None:
    """The date a document was reported, for resolving dates and office holders (day precision)."""
    if published and len(published) == 10:
        return date.fromisoformat(published)
    return None


def _decode(data: bytes, origin: str, position: str = "") -> str | Skipped:
    if not data.strip():
        return Skipped(origin, position, "empty", "no text")
    if b"\x00" in data[:8192]:
        return Skipped(origin, position, "binary", "contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(origin, position, "not UTF-8", f"undecodable byte at offset {exc.start}")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        return Skipped(origin, position, "binary", f"{controls} control characters")
    return text


def _document_from_row(row: object, origin: str, line: int, default_date: str | None) -> Document | Skipped:
    where = str(line)
    if not isinstance(row, dict):
        return Skipped(origin, where, "malformed row", "a JSON object is expected on each line")
    text = row.get("text")
    if not isinstance(text, str):
        return Skipped(origin, where, "no text", "the row has no 'text' string")
    if not text.strip():
        return Skipped(origin, where, "empty", "'text' is empty")
    meta = row.get("meta") if isinstance(row.get("meta"), dict) else {}
    published = normalise_date(row.get("date") or row.get("published")) or default_date
    if row.get("id") is not None:
        meta = {**meta, "id": str(row["id"])}
    return Document.from_text(
        text, title=_str(row.get("title")), published=published, source=_str(row.get("source")),
        url=_str(row.get("url")), origin=f"{origin}:{line}", meta=meta,
    )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def read_jsonl(stream: Iterable[bytes], origin: str, default_date: str | None = None) -> Iterator[Document | Skipped]:
    for line, raw in enumerate(stream, start=1):
        if not raw.strip() or raw.lstrip().startswith(b"#"):
            continue
        text = _decode(raw, origin, str(line))
        if isinstance(text, Skipped):
            yield text
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Skipped(origin, str(line), "not JSON", exc.msg)
            continue
        yield _document_from_row(row, origin, line, default_date)


def read_text(data: bytes, origin: str, default_date: str | None = None) -> Document | Skipped:
    text = _decode(data, origin)
    if isinstance(text, Skipped):
        return text
    first = text.strip().splitlines()[0].strip()
    title = first if len(first) < 200 else None
    return Document.from_text(text, title=title, published=default_date, origin=origin)


def _looks_like_jsonl(head: bytes) -> bool:
    return head.lstrip().startswith(b"{")


def read_stream(stream: BinaryIO, origin: str, default_date: str | None = None) -> Iterator[Document | Skipped]:
    data = stream.read()
    if _looks_like_jsonl(data[:1024]):
        yield from read_jsonl(data.splitlines(), origin, default_date)
    else:
        yield read_text(data, origin, default_date)


def read_path(path: Path, default_date: str | None = None) -> Iterator[Document | Skipped]:
    origin = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        with path.open("rb") as handle:
            yield from read_jsonl(handle, origin, default_date)
        return
    yield read_text(path.read_bytes(), origin, default_date)


def iter_documents(paths: Iterable[str], default_date: str | None = None) -> Iterator[Document | Skipped]:
    """Every document (or skip record) named by `paths`: files, folders (their .txt and .jsonl
    files, recursively, in name order) and `-` for standard input."""
    if default_date is not None and normalise_date(default_date) is None:
        raise InputError(f"--date {default_date!r} is not a YYYY-MM-DD date")
    for raw in paths:
        if raw == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", default_date)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
            if not files:
                yield Skipped(str(path), "", "empty folder", "no .txt or .jsonl files")
            for file in files:
                yield from read_path(file, default_date)
        elif path.is_file():
            yield from read_path(path, default_date)
        else:
            yield Skipped(raw, "", "not found", "no such file or folder")
