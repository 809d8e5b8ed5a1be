"""Exports: stored events in the formats the field reads.

`export_events(store, selection, fmt, out)` writes the events that `selection` (the filters of
`detente events`) picks, in `events()` order, as

* `jsonl` — one object per event with exactly the keys of `detente events --format jsonl`;
* `csv` — the same fields as columns, with a header row;
* `parquet` — the same columns, typed (strings, int32 `sentence_index` and `quad_class`,
  float64 `goldstein` and `confidence`);
* `gdelt` — a GDELT 2.0 event-table-style TSV with a header row and the `GDELT_COLUMNS` that
  apply to detente's events;
* `plover` — PLOVER/POLECAT-style JSON records, one per line (`PLOVER_KEYS`).

README's "Exports" section documents how each GDELT column and PLOVER key is filled and what is
left empty. Rows are streamed from the store, so an export of any size runs in little memory.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from .codes import ORGANISATION_PREFIXES, sector_of
from .errors import ExportError
from .ontology import Ontology, load_ontology
from .places import load_gazetteer
from .records import EVENT_FIELDS
from .store import EventFilter, Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")

GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1CountryCode", "Actor2Code", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL",
)

PLOVER_KEYS = (
    "id", "date", "date_precision", "event_type", "mode", "context", "quad_code",
    "actor", "actor_country", "actor_sector", "actor_text",
    "recipient", "recipient_country", "recipient_sector", "recipient_text",
    "location", "factuality", "attributed_to", "event_text", "trigger_text",
    "cameo", "goldstein", "confidence", "doc_id", "source", "url", "headline", "publication_date",
)

_INT_FIELDS = frozenset({"sentence_index", "quad_class"})
_FLOAT_FIELDS = frozenset({"goldstein", "confidence"})


def export_events(store: Store, selection: EventFilter, fmt: str, out: str | Path | IO[Any]) -> int:
    """Write the selected events to `out` (a path, or an open stream: text for jsonl, csv,
    gdelt and plover; binary for parquet) in format `fmt`. Returns the number of records.

    A path is written to a temporary file next to it and renamed at the end, so a failed export
    never leaves a half-written file behind."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    writer = _WRITERS[fmt]
    rows = store.iter_events(selection, with_documents=fmt in ("gdelt", "plover"))
    if not isinstance(out, (str, Path)):
        if fmt == "parquet" and isinstance(out, io.TextIOBase):
            raise ExportError("parquet is a binary format: write it to a file (--out PATH)")
        return writer(rows, out)
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; --out needs a file name")
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb" if fmt == "parquet" else "w", **({} if fmt == "parquet" else
                                                                {"encoding": "utf-8", "newline": ""})) as handle:
            count = writer(rows, handle)
        os.replace(partial, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the export ({exc.strerror or exc})") from None
    finally:
        partial.unlink(missing_ok=True)
    return count


# --------------------------------------------------------------------------- jsonl, csv, parquet

def _event(row: dict[str, Any]) -> dict[str, Any]:
    return {field: row[field] for field in EVENT_FIELDS}


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(_event(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(EVENT_FIELDS), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def parquet_schema() -> Any:
    import pyarrow as pa

    def kind(field: str) -> Any:
        if field in _INT_FIELDS:
            return pa.int32()
        if field in _FLOAT_FIELDS:
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(field, kind(field)) for field in EVENT_FIELDS])


def write_parquet(rows: Iterable[dict[str, Any]], out: IO[bytes], batch_size: int = 50_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(_event(row))
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:  # an empty export is still a valid file with the columns
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


# --------------------------------------------------------------------------- places

@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@lru_cache(maxsize=4096)
def locate(place: str) -> Location:
    """A stored event place with its country and coordinates from detente's gazetteer; a
    country named as the place ("talks in Russia") gets its code from the country dictionary
    and no coordinates (detente has no country centroids)."""
    gazetteer = load_gazetteer()
    bare = place[4:] if place.lower().startswith("the ") else place
    found = gazetteer.lookup(place) or gazetteer.lookup(bare)
    if found is not None:
        return Location(place, found.country, found.lat, found.lon)
    return Location(place, _country_named(place) or _country_named(bare), None, None)


def _country_named(name: str) -> str | None:
    from .actors import load_actor_dictionary

    for entry in load_actor_dictionary().lookup(name):
        if entry.kind == "country":
            return entry.code
    return None


# --------------------------------------------------------------------------- GDELT

def _day(row: dict[str, Any]) -> date | None:
    """The event's date (else its report date) as a day: a month or year stands for its first day."""
    raw = row["event_date"] or row["report_date"]
    if not raw:
        return None
    parts = str(raw).split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2][:2]) if len(parts) > 2 else 1)
    except ValueError:
        return None


def _state(country: str | None) -> str:
    """A three-letter country code; organisations (IGOUNO …) have no country in GDELT's sense."""
    if not country or country[:3] in ORGANISATION_PREFIXES or len(country) != 3:
        return ""
    return country


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One event as the values of `GDELT_COLUMNS` (README, "Exports", says how each is filled)."""
    day = _day(row)
    cameo = row["cameo"] or ""
    where = locate(row["place"]) if row["place"] else None
    coded_at = row.get("doc_coded_at")
    return [
        str(int(row["event_id"][:15], 16)),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}" if day else "",  # as in GDELT's files
        row["source"] or "",
        _state(row["source_country"]),
        row["target"] or "",
        _state(row["target_country"]),
        "1" if row["sentence_index"] == 0 else "0",
        cameo,
        cameo[:3],
        row["cameo_root"] or cameo[:2],
        "" if row["quad_class"] is None else str(row["quad_class"]),
        _number(row["goldstein"]),
        str(row.get("cluster_mentions") or 1), str(row.get("cluster_sources") or 1), str(row.get("cluster_documents") or 1),
        where.name if where else "",
        (where.country or "") if where else "",
        _number(where.lat) if where else "",
        _number(where.lon) if where else "",
        coded_at.strftime("%Y%m%d%H%M%S") if isinstance(coded_at, datetime) else "",
        row.get("doc_url") or row.get("doc_source") or "",
    ]


def write_gdelt(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for row in rows:
        out.write("\t".join(" ".join(value.split()) for value in gdelt_row(row)) + "\n")
        count += 1
    return count


# --------------------------------------------------------------------------- PLOVER

def plover_record(row: dict[str, Any], ontology: Ontology | None = None) -> dict[str, Any] | None:
    """One event as a PLOVER/POLECAT-style record; None for CAMEO roots 01 and 02, which PLOVER drops."""
    if not row["plover"]:
        return None
    ontology = ontology or load_ontology()
    code = ontology.cameo.get(row["cameo"])
    context = [c.strip() for c in (code.plover_context or "").split(";") if c.strip()] if code else []
    ptype = ontology.plover.get(row["plover"])
    where = locate(row["place"]) if row["place"] else None
    record = {
        "id": row["event_id"],
        "date": row["event_date"] or row["report_date"],
        "date_precision": row["date_precision"],
        "event_type": row["plover"],
        "mode": row["plover_mode"],
        "context": context,
        "quad_code": ptype.quad_class if ptype else row["quad_class"],
        "actor": row["source"],
        "actor_country": row["source_country"],
        "actor_sector": sector_of(row["source"]),
        "actor_text": row["source_text"],
        "recipient": row["target"],
        "recipient_country": row["target_country"],
        "recipient_sector": sector_of(row["target"]),
        "recipient_text": row["target_text"],
        "location": None if where is None else
        {"name": where.name, "country": where.country, "lat": where.lat, "lon": where.lon},
        "factuality": row["factuality"],
        "attributed_to": row["attributed_to"],
        "event_text": row["sentence"],
        "trigger_text": row["trigger_text"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "confidence": row["confidence"],
        "doc_id": row["doc_id"],
        "source": row.get("doc_source"),
        "url": row.get("doc_url"),
        "headline": row.get("doc_title"),
        "publication_date": row.get("doc_published") or row["report_date"],
    }
    return record


def write_plover(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    ontology = load_ontology()
    count = 0
    for row in rows:
        record = plover_record(row, ontology)
        if record is not None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


_WRITERS: dict[str, Callable[[Iterator[dict[str, Any]], Any], int]] = {
    "jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet, "gdelt": write_gdelt, "plover": write_plover,
}
