"""The DuckDB store: migrations, round trip, idempotence, filters, read-only readers."""

from __future__ import annotations

import duckdb
import pytest

from detente.errors import StoreError
from detente.records import Document, Event, EVENT_FIELDS, content_hash
from detente.store import MIGRATIONS, EventFilter, apply_migrations, open_store


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
        assert store.counts() == {"documents": 1, "sentences": 1, "events": 1, "skipped": 0, "clusters": 0}


def test_store_records_migrations_and_reopens_without_reapplying(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        first = store.migrations()
    with open_store(path) as store:
        assert store.migrations() == first == [name for name, _ in MIGRATIONS]


def test_store_opening_a_file_made_by_an_older_version_migrates_it_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    apply_migrations(con, upto=1)  # what a detente with only the first migration wrote
    con.execute("INSERT INTO documents (doc_id, title) VALUES ('d1', 'kept')")
    con.execute("INSERT INTO skipped VALUES ('a.txt', '', 'empty', '', 'r0', now())")
    con.close()
    with pytest.raises(StoreError, match="older detente"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        assert [q["origin"] for q in store.quarantine()] == ["a.txt"]
        assert store.counts()["documents"] == 1


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


def test_store_clusters_group_mentions_of_one_event_across_documents(tmp_path):
    def doc(text, source):
        return Document.from_text(text, source=source)

    a, b, c = doc("report one", "Agency A"), doc("report two", "Agency B"), doc("report three", "Agency B")
    with open_store(tmp_path / "s.duckdb") as store:
        # the same CHN→RUS consultation reported on three days by two agencies, and again a month later
        store.write_document(a, [make_event(a.doc_id, 0, day="2019-05-20")], 1, 1, "r")
        store.write_document(b, [make_event(b.doc_id, 0, day="2019-05-22"),
                                 make_event(b.doc_id, 1, day="2019-06-30")], 2, 2, "r")
        store.write_document(c, [make_event(c.doc_id, 0, day="2019-05-23"),
                                 make_event(c.doc_id, 1, target="USA", day="2019-05-23"),
                                 make_event(c.doc_id, 2, factuality="negated", day="2019-05-23")], 3, 3, "r")
        assert store.cluster_events(window_days=3) == 3
        first = store.cluster_events(window_days=3)
        clusters = store.clusters()
        assert store.cluster_events(window_days=3) == first  # recomputing changes nothing
        assert [(c["target_country"], c["num_mentions"], c["num_documents"], c["num_sources"]) for c in clusters] == [
            ("RUS", 3, 3, 2), ("USA", 1, 1, 1), ("RUS", 1, 1, 1)]
        assert store.clusters() == clusters
