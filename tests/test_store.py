"""The DuckDB store: migrations, round trip, idempotence, filters, read-only readers."""

from __future__ import annotations

import pytest

from detente.errors import StoreError
from detente.records import Document, Event, EVENT_FIELDS, content_hash
from detente.store import EventFilter, open_store


def make_event(doc_id: str, n: int, source="CHNGOV", target="RUS", root="04", factuality="asserted", day="2019-05-22"):
    code = root + "0"
    return Event(
        event_id=content_hash(doc_id, n, source, target, code), doc_id=doc_id, sentence_index=n,
        sentence=f"sentence {n}", source=source, source_country=source[:3], source_text="Beijing",
        target=target, target_country=target[:3], target_text="Moscow", trigger_text="met", cameo=code,
        cameo_root=root, goldstein=1.0, quad_class=1, plover="CONSULT", plover_mode=None,
        factuality=factuality, attributed_to=None, event_date=day, date_precision="report", report_date=day,
        place=None, rule="test", confidence=0.8,
    )


def test_store_round_trip_keeps_every_field(tmp_path):
    doc = Document.from_text("text one", published="2019-05-22")
    events = [make_event(doc.doc_id, 0), make_event(doc.doc_id, 1, target="USA", root="11")]
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.write_document(doc, events, 2, 2, "run1")
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        rows = store.events()
    assert rows == [e.to_dict() for e in events]
    assert tuple(rows[0]) == EVENT_FIELDS


def test_store_writing_the_same_document_twice_changes_nothing(tmp_path):
    doc = Document.from_text("text one")
    events = [make_event(doc.doc_id, 0)]
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.write_document(doc, events, 1, 1, "run1") is True
        assert store.write_document(doc, events, 1, 1, "run2") is False
        assert store.counts() == {"documents": 1, "sentences": 1, "events": 1, "skipped": 0}


def test_store_records_migrations_and_reopens_without_reapplying(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        first = store.migrations()
    with open_store(path) as store:
        assert store.migrations() == first == ["0001_initial"]


def test_store_read_only_open_of_missing_file_is_a_named_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize("selection, expected", [
    (EventFilter(source="CHN"), 3),
    (EventFilter(source="CHNGOV"), 2),
    (EventFilter(target="USA"), 1),
    (EventFilter(root="11"), 1),
    (EventFilter(root="4"), 2),
    (EventFilter(factuality="negated"), 1),
    (EventFilter(since="2019-06-01"), 1),
    (EventFilter(until="2019-05-31"), 2),
    (EventFilter(limit=2), 2),
])
def test_store_event_filters(tmp_path, selection, expected):
    doc = Document.from_text("text")
    events = [
        make_event(doc.doc_id, 0),
        make_event(doc.doc_id, 1, source="CHNMIL", target="USA", root="11"),
        make_event(doc.doc_id, 2, factuality="negated", day="2019-07-01"),
    ]
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_document(doc, events, 3, 3, "run")
        assert len(store.events(selection)) == expected
