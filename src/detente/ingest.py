"""The ingest stage: files, folders and standard input → `Document` or `Skipped`.

Inputs: plain text, JSON Lines, CSV (with a column mapping), HTML pages (main text via
trafilatura), RSS and Atom feeds (feedparser; one document per entry), and gzip'd JSON Lines
and CSV. Everything is read from the given bytes: nothing is fetched from the network.

Nothing is dropped silently: every input that cannot be coded comes out as a `Skipped`
record naming the file, the position (line, or feed entry) and the reason, and the run goes on
with the rest. Text that is plainly not English is skipped too (see `language_evidence`):
the parser and the dictionaries only read English.
"""

from __future__ import annotations

import csv
import email.utils
import gzip
import io
import json
import re
import sys
import time
import xml.sax
import zlib
from dataclasses import dataclass, fields
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from .errors import InputError
from .language import language_evidence
from .records import Document, Skipped

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CSV_FIELD_LIMIT = 2**31 - 1  # one cell may hold a whole (long) document; the csv default is 128 KiB


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


def _document(text: str, origin: str, position: str = "", *, title: str | None = None, published: str | None = None,
              source: str | None = None, url: str | None = None, meta: dict[str, Any] | None = None) -> Document | Skipped:
    """A Document from one text, or a Skipped record when the text is not English."""
    why = language_evidence(text).not_english()
    if why:
        return Skipped(origin, position, "not English", why)
    return Document.from_text(text, title=title, published=published, source=source, url=url,
                              origin=f"{origin}:{position}" if position else origin, meta=meta or {})


# --------------------------------------------------------------------------- bytes

def _bytes_problem(data: bytes, origin: str, position: str = "") -> Skipped | None:
    if not data.strip():
        return Skipped(origin, position, "empty", "no text")
    if b"\x00" in data[:8192]:
        return Skipped(origin, position, "binary", "contains NUL bytes")
    return None


def _decode(data: bytes, origin: str, position: str = "") -> str | Skipped:
    problem = _bytes_problem(data, origin, position)
    if problem:
        return problem
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(origin, position, "not UTF-8", f"undecodable byte at offset {exc.start}")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        return Skipped(origin, position, "binary", f"{controls} control characters")
    return text


def _str(value: object) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- plain text and JSON Lines

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
    return _document(text, origin, where, title=_str(row.get("title")), published=published,
                     source=_str(row.get("source")), url=_str(row.get("url")), meta=meta)


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
    if not text.strip():  # only Unicode whitespace (no-break spaces, separators …)
        return Skipped(origin, "", "empty", "only whitespace")
    first = text.strip().splitlines()[0].strip()
    title = first if len(first) < 200 else None
    return _document(text, origin, title=title, published=default_date)


# --------------------------------------------------------------------------- CSV

@dataclass(frozen=True)
class CsvColumns:
    """Which CSV columns hold a document's fields (`--csv-text`, `--csv-title` … on `detente code`).

    Every file must have the `text` column. The others are used when the file has them; a column
    renamed from its default must exist, since it was asked for by name."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"
    source: str = "source"
    url: str = "url"

    def __post_init__(self) -> None:
        for f in fields(self):
            if not str(getattr(self, f.name)).strip():
                raise InputError(f"--csv-{f.name} needs a column name")

    def required(self) -> list[str]:
        """The columns a file must have: `text`, and every column named explicitly."""
        return [self.text] + [getattr(self, f.name) for f in fields(self)
                              if f.name != "text" and getattr(self, f.name) != f.default]


def read_csv(stream: Iterable[bytes], origin: str, default_date: str | None = None,
             columns: CsvColumns | None = None) -> Iterator[Document | Skipped]:
    """Rows of a CSV file with a header row (comma-separated, double-quoted fields, UTF-8).

    A row that cannot be used — the wrong number of fields, an empty text cell, bytes that are
    not UTF-8 — is skipped with the line it starts on; the other rows are read."""
    columns = columns or CsvColumns()
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    bad_lines: dict[int, int] = {}  # line number → offset of the undecodable byte

    def lines() -> Iterator[str]:
        for number, raw in enumerate(stream, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad_lines[number] = exc.start
                yield raw.decode("utf-8", "replace")

    reader = csv.reader(lines(), strict=True)
    header: list[str] | None = None
    while header is None:
        try:
            row = next(reader)
        except StopIteration:
            yield Skipped(origin, "", "empty", "no header row")
            return
        except csv.Error as exc:
            yield Skipped(origin, str(reader.line_num), "binary" if "NUL" in str(exc) else "malformed CSV", str(exc))
            return
        if any(cell.strip() for cell in row):
            header = [cell.strip() for cell in row]
    if bad_lines:
        line, offset = next(iter(bad_lines.items()))
        yield Skipped(origin, str(line), "not UTF-8", f"undecodable byte at offset {offset} of the header")
        return
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name, i)
    missing = [name for name in columns.required() if name not in index]
    if missing:
        yield Skipped(origin, str(reader.line_num), "missing column",
                      f"no column {', '.join(map(repr, missing))}; the header has {', '.join(map(repr, header))}")
        return
    mapped = {f.name: getattr(columns, f.name) for f in fields(columns)}
    others = [name for name in header if name and name not in mapped.values()]

    rows = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            if not rows:
                yield Skipped(origin, "", "empty", "no rows after the header")
            return
        except csv.Error as exc:
            rows += 1
            through = f" (lines {start}-{reader.line_num})" if reader.line_num > start else ""
            yield Skipped(origin, str(start), "malformed row", f"{exc}{through}")
            continue
        if not row:
            continue  # a blank line
        rows += 1
        bad = [line for line in range(start, reader.line_num + 1) if line in bad_lines]
        if bad:
            yield Skipped(origin, str(start), "not UTF-8", f"undecodable byte at offset {bad_lines[bad[0]]} of line {bad[0]}")
            continue
        if len(row) != len(header):
            yield Skipped(origin, str(start), "malformed row", f"{len(row)} fields where the header has {len(header)}")
            continue
        cell = {name: row[i] for name, i in index.items()}
        text = cell[columns.text]
        if not text.strip():
            yield Skipped(origin, str(start), "no text", f"column {columns.text!r} is empty")
            continue
        if "\x00" in text:
            yield Skipped(origin, str(start), "binary", f"column {columns.text!r} contains NUL bytes")
            continue
        value = lambda key: cell.get(mapped[key]) or None  # noqa: E731
        meta: dict[str, Any] = {name: cell[name] for name in others if cell.get(name)}
        if value("id") is not None:
            meta["id"] = value("id")
        yield _document(text, origin, str(start), title=value("title"),
                        published=normalise_date(value("date")) or default_date, source=value("source"),
                        url=value("url"), meta=meta)


# --------------------------------------------------------------------------- HTML pages

def read_html(data: bytes, origin: str, default_date: str | None = None) -> Document | Skipped:
    """The main text of an HTML page (trafilatura, from these bytes only), with its title, date,
    canonical URL and site name when the page's metadata gives them."""
    problem = _bytes_problem(data, origin)
    if problem:
        return problem
    import trafilatura

    extracted = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_images=False, include_links=False,
        # the date from the page's metadata (meta tags, JSON-LD, <time>), not guessed from its text
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat()},
    )
    text = (extracted.text or "").strip() if extracted is not None else ""
    if not text:
        return Skipped(origin, "", "no text", "no main text found in the HTML page")
    meta = {key: value for key, value in (("author", extracted.author), ("hostname", extracted.hostname)) if value}
    return _document(text, origin, title=extracted.title or None,
                     published=normalise_date(extracted.date) or default_date, source=extracted.sitename or None,
                     url=extracted.url or None, meta=meta)


class _HtmlText(HTMLParser):
    """Text of an HTML fragment: block elements become paragraph breaks, scripts are dropped."""

    BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article pre hr figure".split())
    HIDDEN = frozenset(("script", "style", "template"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(self.parts)))
        return "\n\n".join(p for p in paragraphs if p)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs kept apart."""
    parser = _HtmlText()
    parser.feed(fragment)
    parser.close()
    return parser.text()


# --------------------------------------------------------------------------- RSS and Atom feeds

def _feed_date(raw: object, parsed: time.struct_time | None) -> str | None:
    """The entry's date as the feed writes it (the publisher's own day), else feedparser's UTC day."""
    if isinstance(raw, str) and raw.strip():
        iso = normalise_date(raw)
        if iso and len(iso) == 10:
            return iso
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass  # not RFC 822: feedparser's parse of it, below
    if parsed is not None:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _entry_text(entry: Any) -> str:
    parts = list(entry.get("content") or [])
    if not parts and entry.get("summary_detail"):
        parts = [entry["summary_detail"]]
    for part in parts:
        value = part.get("value") or ""
        text = value if part.get("type") == "text/plain" else html_to_text(value)
        if text.strip():
            return text.strip()
    return ""


def read_feed(data: bytes, origin: str, default_date: str | None = None) -> Iterator[Document | Skipped]:
    """Each entry of an RSS or Atom feed as a document: its content (else its summary) with the
    HTML stripped, its title, link and date (published, else updated), the feed's title as source."""
    problem = _bytes_problem(data, origin)
    if problem:
        yield problem
        return
    import feedparser

    # a stream, never a string: feedparser fetches strings that look like URLs
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.version:
        why = parsed.get("bozo_exception")
        yield Skipped(origin, "", "not a feed", str(why) if why else "no RSS or Atom feed element")
        return
    if not parsed.entries:
        yield Skipped(origin, "", "empty", "the feed has no entries")
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        position = f"entry {number}"
        text = _entry_text(entry)
        if not text:
            yield Skipped(origin, position, "no text", "the entry has no content or summary")
            continue
        published = (_feed_date(entry.get("published"), entry.get("published_parsed"))
                     or _feed_date(entry.get("updated"), entry.get("updated_parsed")) or default_date)
        meta = {"id": entry["id"]} if entry.get("id") else {}
        yield _document(text, origin, position, title=entry.get("title") or None, published=published,
                        source=source, url=entry.get("link") or None, meta=meta)
    if parsed.bozo and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):
        yield Skipped(origin, "", "malformed feed",
                      f"{parsed.bozo_exception}; the feed was read up to there ({len(parsed.entries)} entries)")


# --------------------------------------------------------------------------- dispatch

def input_format(path: Path) -> str | None:
    """`text`, `jsonl`, `csv`, `html`, `feed`, `jsonl.gz` or `csv.gz` by the file name; None otherwise."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    stem = name[:-3] if gzipped else name
    for suffixes, kind in ((JSONL_SUFFIXES, "jsonl"), (CSV_SUFFIXES, "csv"), (HTML_SUFFIXES, "html"),
                           (FEED_SUFFIXES, "feed"), (TEXT_SUFFIXES, "text")):
        if any(stem.endswith(suffix) and len(stem) > len(suffix) for suffix in suffixes):
            if not gzipped:
                return kind
            return f"{kind}.gz" if kind in ("jsonl", "csv") else None
    return None


def _gunzipped(items: Iterator[Document | Skipped], origin: str) -> Iterator[Document | Skipped]:
    """The items read from a gzip stream, and a Skipped record if the stream turns out corrupt."""
    try:
        yield from items
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield Skipped(origin, "", "bad gzip", str(exc) or type(exc).__name__)


def _read_csv_file(handle: BinaryIO, origin: str, default_date: str | None,
                   columns: CsvColumns | None) -> Iterator[Document | Skipped]:
    """A CSV file (plain or gzip'd): a binary file is one Skipped record, not one per line."""
    problem = _bytes_problem(handle.read(8192), origin)
    if problem:
        yield problem
        return
    handle.seek(0)
    yield from read_csv(handle, origin, default_date, columns)


def read_path(path: Path, default_date: str | None = None,
              csv_columns: CsvColumns | None = None) -> Iterator[Document | Skipped]:
    origin = str(path)
    kind = input_format(path)
    if kind in ("jsonl", "csv"):
        with path.open("rb") as handle:
            yield from (read_jsonl(handle, origin, default_date) if kind == "jsonl"
                        else _read_csv_file(handle, origin, default_date, csv_columns))
    elif kind in ("jsonl.gz", "csv.gz"):
        with gzip.open(path, "rb") as handle:
            yield from _gunzipped(read_jsonl(handle, origin, default_date) if kind == "jsonl.gz"
                                  else _read_csv_file(handle, origin, default_date, csv_columns), origin)
    elif kind == "html":
        yield read_html(path.read_bytes(), origin, default_date)
    elif kind == "feed":
        yield from read_feed(path.read_bytes(), origin, default_date)
    else:
        yield read_text(path.read_bytes(), origin, default_date)


def _sniff(head: bytes) -> str:
    """What standard input holds, from its first bytes: `jsonl`, `feed`, `html` or `text`."""
    start = head.lstrip().lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", start):
            return "feed"
        if re.search(rb"<(!doctype html|html)[\s>]", start):
            return "html"
    return "text"


def read_stream(stream: BinaryIO, origin: str, default_date: str | None = None) -> Iterator[Document | Skipped]:
    """Standard input: gzip'd or not; JSON Lines when it starts with `{`, a feed or an HTML page
    when it starts with their element, plain text otherwise."""
    data = stream.read()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            yield Skipped(origin, "", "bad gzip", str(exc) or type(exc).__name__)
            return
    kind = _sniff(data[:2048])
    if kind == "jsonl":
        yield from read_jsonl(data.splitlines(), origin, default_date)
    elif kind == "feed":
        yield from read_feed(data, origin, default_date)
    elif kind == "html":
        yield read_html(data, origin, default_date)
    else:
        yield read_text(data, origin, default_date)


def iter_documents(paths: Iterable[str], default_date: str | None = None,
                   csv_columns: CsvColumns | None = None) -> Iterator[Document | Skipped]:
    """Every document (or skip record) named by `paths`: files, folders (their text, JSON Lines,
    CSV, HTML, feed and gzip'd JSON Lines/CSV files, recursively, in name order) and `-` for
    standard input."""
    if default_date is not None and normalise_date(default_date) is None:
        raise InputError(f"--date {default_date!r} is not a YYYY-MM-DD date")
    for raw in paths:
        if raw == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", default_date)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and input_format(p) is not None)
            if not files:
                yield Skipped(str(path), "", "empty folder",
                              "no .txt, .md, .jsonl, .csv, .html, .rss, .atom, .xml, .jsonl.gz or .csv.gz files")
            for file in files:
                yield from read_path(file, default_date, csv_columns)
        elif path.is_file():
            yield from read_path(path, default_date, csv_columns)
        else:
            yield Skipped(raw, "", "not found", "no such file or folder")
