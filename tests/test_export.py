"""Exports: every format from a store filled with hand-made events, through the Python API and the CLI."""

from __future__ import annotations

import csv
import io
import json
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from detente.export import FORMATS, GDELT_COLUMNS, PLOVER_KEYS, ExportError, export_events
from detente.places import load_gazetteer
from detente.records import EVENT_FIELDS, Document, Event, content_hash
from detente.store import EventFilter, open_store

from .conftest import run_cli


def make_event(doc_id: str, n: int, *, source="CHNGOV", source_country="CHN", target="RUSGOV", target_country="RUS",
               cameo="042", goldstein=1.9, quad=1, plover="CONSULT", mode="visit", factuality="asserted",
               day="2019-05-22", precision="day", place=None) -> Event:
    return Event(
        event_id=content_hash(doc_id, n, source, target, cameo), doc_id=doc_id, sentence_index=n,
        sentence=f"Sentence {n} of the story.", source=source, source_country=source_country, source_text="Beijing",
        target=target, target_country=target_country, target_text="Moscow", trigger_text="visited", cameo=cameo,
        cameo_root=cameo[:2], goldstein=goldstein, quad_class=quad, plover=plover, plover_mode=mode,
        factuality=factuality, attributed_to=None, event_date=day, date_precision=precision, report_date="2019-05-22",
        place=place, rule="test", confidence=0.8,
    )


@pytest.fixture()
def store_path(tmp_path):
    doc = Document.from_text("story one", title="Xi visits Moscow", published="2019-05-22", source="Wire",
                             url="https://wire.example.org/1")
    bare = Document.from_text("story two")  # no url, title or source
    events = [
        make_event(doc.doc_id, 0, place="Moscow"),
        make_event(doc.doc_id, 1, source="IGOUNO", source_country="IGOUNO", target=None, target_country=None,
                   cameo="1831", goldstein=-10.0, quad=4, plover="ASSAULT", mode="suicide-attack", place="Syria",
                   factuality="negated"),
        make_event(doc.doc_id, 2, cameo="010", goldstein=0.0, plover=None, mode=None),  # PLOVER drops root 01
        make_event(bare.doc_id, 0, source="USAGOV", source_country="USA", cameo="163", goldstein=-8.0, quad=4,
                   plover="COERCE", mode=None, day="2017-07", precision="month", place="the Baltic Sea"),
    ]
    path = tmp_path / "export.duckdb"
    with open_store(path) as store:
        store.write_document(doc, events[:3], 3, 3, "run1")
        store.write_document(bare, events[3:], 1, 1, "run1")
    return path


def _export(store_path, fmt, selection=EventFilter()) -> str:
    buffer = io.StringIO()
    with open_store(store_path, read_only=True) as store:
        export_events(store, selection, fmt, buffer)
    return buffer.getvalue()


def _stored(store_path, selection=EventFilter()):
    with open_store(store_path, read_only=True) as store:
        return store.events(selection)


def test_export_jsonl_is_exactly_the_events_records(store_path):
    rows = [json.loads(line) for line in _export(store_path, "jsonl").splitlines()]
    assert rows == _stored(store_path) and len(rows) == 4
    assert all(tuple(row) == EVENT_FIELDS for row in rows)


def test_export_csv_has_a_header_and_every_field(store_path):
    rows = list(csv.DictReader(io.StringIO(_export(store_path, "csv"))))
    stored = _stored(store_path)
    assert [tuple(r) for r in rows] == [EVENT_FIELDS] * 4
    assert [r["event_id"] for r in rows] == [s["event_id"] for s in stored]
    assert rows[0]["goldstein"] == str(stored[0]["goldstein"]) and rows[0]["place"] == (stored[0]["place"] or "")


def test_export_parquet_reads_back_with_pyarrow_with_types(store_path, tmp_path):
    out = tmp_path / "events.parquet"
    with open_store(store_path, read_only=True) as store:
        assert export_events(store, EventFilter(), "parquet", out) == 4
    table = pq.read_table(out)
    assert table.column_names == list(EVENT_FIELDS)
    assert table.schema.field("sentence_index").type == pa.int32() and table.schema.field("goldstein").type == pa.float64()
    assert table.to_pylist() == _stored(store_path)
    assert not list(tmp_path.glob("*.partial"))


def test_export_parquet_of_nothing_is_still_a_file_with_the_columns(store_path, tmp_path):
    out = tmp_path / "none.parquet"
    with open_store(store_path, read_only=True) as store:
        assert export_events(store, EventFilter(source="ZZZ"), "parquet", out) == 0
    assert pq.read_table(out).column_names == list(EVENT_FIELDS) and pq.read_table(out).num_rows == 0


def _gdelt(store_path) -> list[dict[str, str]]:
    lines = _export(store_path, "gdelt").splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    assert all(len(line.split("\t")) == len(GDELT_COLUMNS) == 24 for line in lines)
    return [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines[1:]]


def test_export_gdelt_columns_and_values(store_path):
    rows = _gdelt(store_path)
    stored = _stored(store_path)
    assert len(rows) == 4
    by_code = {r["EventCode"]: r for r in rows}
    visit, attack, coerce = by_code["042"], by_code["1831"], by_code["163"]
    moscow = load_gazetteer().lookup("Moscow")
    assert (visit["Day"], visit["MonthYear"], visit["Year"], visit["FractionDate"]) == ("20190522", "201905", "2019", "2019.3890")
    assert (visit["Actor1Code"], visit["Actor1CountryCode"], visit["Actor2Code"], visit["Actor2CountryCode"]) == (
        "CHNGOV", "CHN", "RUSGOV", "RUS")
    assert (visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"], visit["GoldsteinScale"]) == ("042", "04", "1", "1.9")
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"], visit["IsRootEvent"]) == ("1", "1", "1", "1")
    assert (visit["ActionGeo_FullName"], visit["ActionGeo_CountryCode"]) == ("Moscow", "RUS")
    assert (float(visit["ActionGeo_Lat"]), float(visit["ActionGeo_Long"])) == (moscow.lat, moscow.lon)
    assert visit["SOURCEURL"] == "https://wire.example.org/1" and re.fullmatch(r"\d{14}", visit["DATEADDED"])
    [visit_event] = [s for s in stored if s["cameo"] == "042"]
    assert int(visit["GlobalEventID"]) == int(visit_event["event_id"][:15], 16)
    # an organisation has no country code; no target leaves Actor2 empty; a country as place has no coordinates
    assert (attack["Actor1Code"], attack["Actor1CountryCode"], attack["Actor2Code"], attack["IsRootEvent"]) == ("IGOUNO", "", "", "0")
    assert (attack["EventBaseCode"], attack["EventRootCode"], attack["GoldsteinScale"]) == ("183", "18", "-10")
    assert (attack["ActionGeo_CountryCode"], attack["ActionGeo_Lat"]) == ("SYR", "")
    # a month-precision date is the month's first day; a sea has coordinates but no country; no url, no source
    assert (coerce["Day"], coerce["ActionGeo_FullName"], coerce["ActionGeo_CountryCode"], coerce["SOURCEURL"]) == (
        "20170701", "the Baltic Sea", "", "")
    assert coerce["ActionGeo_Lat"] != ""


def test_export_plover_records_have_the_documented_keys_and_drop_roots_01_02(store_path):
    records = [json.loads(line) for line in _export(store_path, "plover").splitlines()]
    assert len(records) == 3 and all(tuple(r) == PLOVER_KEYS for r in records)
    by_type = {r["event_type"]: r for r in records}
    assert set(by_type) == {"CONSULT", "ASSAULT", "COERCE"}
    consult, assault = by_type["CONSULT"], by_type["ASSAULT"]
    assert (consult["actor"], consult["actor_country"], consult["actor_sector"], consult["recipient_country"]) == (
        "CHNGOV", "CHN", "GOV", "RUS")
    assert consult["location"] == {"name": "Moscow", "country": "RUS", "lat": 55.76, "lon": 37.62}
    assert (consult["source"], consult["url"], consult["headline"], consult["publication_date"]) == (
        "Wire", "https://wire.example.org/1", "Xi visits Moscow", "2019-05-22")
    assert (consult["mode"], consult["quad_code"], consult["date"], consult["factuality"]) == ("visit", 1, "2019-05-22", "asserted")
    assert (assault["recipient"], assault["factuality"], assault["mode"], assault["quad_code"]) == (None, "negated", "suicide-attack", 4)
    # context comes from the CAMEO code's PLOVER mapping (cameo.tsv): 163 is diplomatic, 042 has none
    assert (by_type["COERCE"]["context"], consult["context"]) == (["diplomatic"], [])
    assert by_type["COERCE"]["location"] == {"name": "the Baltic Sea", "country": None, "lat": 58.0, "lon": 20.0}
    assert (by_type["COERCE"]["source"], by_type["COERCE"]["url"], by_type["COERCE"]["date"]) == (None, None, "2017-07")


@pytest.mark.parametrize("selection, expected", [
    (EventFilter(source="CHN"), 2),
    (EventFilter(source="IGOUNO"), 1),
    (EventFilter(root="16"), 1),
    (EventFilter(factuality="negated"), 1),
    (EventFilter(until="2018-01-01"), 1),
    (EventFilter(limit=2), 2),
])
def test_export_applies_the_events_filters_in_every_format(store_path, selection, expected):
    assert len(_export(store_path, "jsonl", selection).splitlines()) == expected
    assert len(_export(store_path, "csv", selection).splitlines()) == expected + 1
    assert len(_export(store_path, "gdelt", selection).splitlines()) == expected + 1


def test_export_unknown_format_and_parquet_to_a_text_stream_are_named_errors(store_path):
    with open_store(store_path, read_only=True) as store:
        with pytest.raises(ExportError, match="unknown export format"):
            export_events(store, EventFilter(), "xml", io.StringIO())
        with pytest.raises(ExportError, match="binary"):
            export_events(store, EventFilter(), "parquet", io.StringIO())


def test_export_to_a_path_leaves_no_partial_file_when_it_fails(store_path, tmp_path):
    target = tmp_path / "missing-folder" / "events.jsonl"
    with open_store(store_path, read_only=True) as store:
        with pytest.raises(ExportError, match="cannot write"):
            export_events(store, EventFilter(), "jsonl", target)
    assert not target.exists() and not list(tmp_path.rglob("*.partial"))


# --------------------------------------------------------------------------- the CLI

@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "parquet"])
def test_cli_export_writes_each_text_format_to_stdout(store_path, fmt):
    result = run_cli("export", "--db", str(store_path), "--format", fmt)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == _export(store_path, fmt)


def test_cli_export_parquet_to_a_file_with_filters(store_path, tmp_path):
    out = tmp_path / "chn.parquet"
    result = run_cli("export", "--db", str(store_path), "--format", "parquet", "--out", str(out), "--source", "CHN",
                     "--factuality", "asserted")
    assert result.returncode == 0, result.stderr.decode()
    assert "exported 2 events" in result.stderr.decode()
    rows = pq.read_table(out).to_pylist()
    assert rows == _stored(store_path, EventFilter(source="CHN", factuality="asserted"))


def test_cli_export_gdelt_to_a_file_matches_stdout(store_path, tmp_path):
    out = tmp_path / "events.tsv"
    assert run_cli("export", "--db", str(store_path), "--format", "gdelt", "--out", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == _export(store_path, "gdelt")


@pytest.mark.parametrize("args, message", [
    (("--format", "parquet"), "give the file to write with --out"),
    (("--format", "xml"), "--format must be one of"),
    (("--format", "jsonl", "--factuality", "maybe"), "--factuality must be one of"),
])
def test_cli_export_bad_requests_are_named_errors(store_path, args, message):
    result = run_cli("export", "--db", str(store_path), *args)
    err = result.stderr.decode()
    assert result.returncode == 2 and "error (export)" in err and message in err and "Traceback" not in err


def test_cli_export_of_a_missing_store_is_a_named_error(tmp_path):
    result = run_cli("export", "--db", str(tmp_path / "none.duckdb"), "--format", "jsonl")
    assert result.returncode == 2 and "no such store" in result.stderr.decode()


def test_export_gdelt_counts_mentions_sources_and_articles_of_the_event_cluster(tmp_path):
    a = Document.from_text("wire one", source="Wire A")
    b = Document.from_text("wire two", source="Wire B")
    c = Document.from_text("wire three", source="Wire B")
    path = tmp_path / "clusters.duckdb"
    with open_store(path) as store:
        for doc, day in ((a, "2019-05-21"), (b, "2019-05-22"), (c, "2019-05-23")):
            store.write_document(doc, [make_event(doc.doc_id, 0, day=day)], 1, 1, "run")
        store.cluster_events()
    buffer = io.StringIO()
    with open_store(path, read_only=True) as store:
        export_events(store, EventFilter(), "gdelt", buffer)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in buffer.getvalue().splitlines()[1:]]
    assert [(r["NumMentions"], r["NumSources"], r["NumArticles"]) for r in rows] == [("3", "2", "3")] * 3
