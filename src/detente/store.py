"""The store: an embedded DuckDB file with named migrations and content-hash keys.

One process writes; readers open the file read-only. A document and its events are written in
one transaction, so a document is either fully coded in the store or not there at all, and
coding the same document twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb

from .errors import StoreError
from .records import EVENT_FIELDS, Document, Event, Skipped

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,
            title VARCHAR, published VARCHAR, source VARCHAR, url VARCHAR, origin VARCHAR,
            meta JSON, n_sentences INTEGER, n_parsed INTEGER, n_events INTEGER,
            run_id VARCHAR, coded_at TIMESTAMP
        );
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR, sentence_index INTEGER, sentence VARCHAR,
            source VARCHAR, source_country VARCHAR, source_text VARCHAR,
            target VARCHAR, target_country VARCHAR, target_text VARCHAR, trigger_text VARCHAR,
            cameo VARCHAR, cameo_root VARCHAR, goldstein DOUBLE, quad_class INTEGER,
            plover VARCHAR, plover_mode VARCHAR, factuality VARCHAR, attributed_to VARCHAR,
            event_date VARCHAR, date_precision VARCHAR, report_date VARCHAR, place VARCHAR,
            rule VARCHAR, confidence DOUBLE, run_id VARCHAR
        );
        CREATE TABLE runs (
            run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP,
            tool_version VARCHAR, settings JSON, data_versions JSON,
            documents INTEGER, events INTEGER, skipped INTEGER
        );
        CREATE TABLE skipped (
            origin VARCHAR, position VARCHAR, reason VARCHAR, detail VARCHAR,
            run_id VARCHAR, recorded_at TIMESTAMP
        );
    """),
)

FILTERABLE = ("source", "target", "root", "factuality", "since", "until")


@dataclass(frozen=True)
class EventFilter:
    """What `detente events` and the exports select. Country or full actor codes for source/target."""

    source: str | None = None
    target: str | None = None
    root: str | None = None
    factuality: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(f"({column} = ? OR {column}_country = ?)")
                params += [value.upper(), value.upper()]
        if self.root:
            clauses.append("cameo_root = ?")
            params.append(self.root.zfill(2))
        if self.factuality:
            clauses.append("factuality = ?")
            params.append(self.factuality)
        if self.since:
            clauses.append("coalesce(event_date, report_date) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("coalesce(event_date, report_date) <= ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class Store:
    """A DuckDB file. Open it with `open_store(path)`; `read_only=True` for readers."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; run 'detente code' first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); is another 'detente code' writing it?") from None
        if not read_only:
            self._migrate()
        elif not self._applied():
            raise StoreError(f"{self.path}: not a detente store (no migrations recorded)")

    # -- schema ------------------------------------------------------------------------

    def _applied(self) -> set[str]:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return set()
        return {row[0] for row in self.con.execute("SELECT name FROM schema_migrations").fetchall()}

    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        applied = self._applied()
        for name, sql in MIGRATIONS:
            if name in applied:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
                self.con.execute("COMMIT")
            except duckdb.Error:
                self.con.execute("ROLLBACK")
                raise

    def migrations(self) -> list[str]:
        return sorted(self._applied())

    # -- writing -----------------------------------------------------------------------

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        if not doc_ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]).fetchall()
        return {row[0] for row in rows}

    def write_document(self, document: Document, events: Sequence[Event], n_sentences: int, n_parsed: int,
                       run_id: str) -> bool:
        """Write a document and its events in one transaction. False when it was already stored."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            inserted = self.con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING doc_id",
                [document.doc_id, document.title, document.published, document.source, document.url, document.origin,
                 json.dumps(document.meta, ensure_ascii=False, default=str), n_sentences, n_parsed, len(events), run_id, _now()],
            ).fetchall()
            if inserted and events:
                placeholders = ", ".join("?" for _ in range(len(EVENT_FIELDS) + 1))
                self.con.executemany(
                    f"INSERT INTO events VALUES ({placeholders}) ON CONFLICT DO NOTHING",
                    [[getattr(e, f) for f in EVENT_FIELDS] + [run_id] for e in events],
                )
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return bool(inserted)

    def record_skipped(self, skipped: Iterable[Skipped], run_id: str) -> None:
        rows = [[s.origin, s.position, s.reason, s.detail, run_id, _now()] for s in skipped]
        if rows:
            self.con.executemany("INSERT INTO skipped VALUES (?, ?, ?, ?, ?, ?)", rows)

    def start_run(self, run_id: str, tool_version: str, settings: dict[str, Any], data_versions: dict[str, Any]) -> None:
        self.con.execute("INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, 0, 0, 0)",
                         [run_id, _now(), tool_version, json.dumps(settings), json.dumps(data_versions)])

    def finish_run(self, run_id: str, documents: int, events: int, skipped: int) -> None:
        self.con.execute("UPDATE runs SET finished = ?, documents = ?, events = ?, skipped = ? WHERE run_id = ?",
                         [_now(), documents, events, skipped, run_id])

    # -- reading -----------------------------------------------------------------------

    def events(self, selection: EventFilter | None = None) -> list[dict[str, Any]]:
        selection = selection or EventFilter()
        where, params = selection.where()
        limit = f" LIMIT {int(selection.limit)}" if selection.limit else ""
        cursor = self.con.execute(
            f"SELECT {', '.join(EVENT_FIELDS)} FROM events{where} "
            f"ORDER BY coalesce(event_date, report_date), doc_id, sentence_index, event_id{limit}", params)
        return [dict(zip(EVENT_FIELDS, row)) for row in cursor.fetchall()]

    def counts(self) -> dict[str, int]:
        one = lambda sql: int(self.con.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "sentences": one("SELECT coalesce(sum(n_sentences), 0) FROM documents"),
            "events": one("SELECT count(*) FROM events"),
            "skipped": one("SELECT count(*) FROM skipped"),
        }

    def events_by_root(self, factuality: str | None = None) -> list[tuple[str, int]]:
        where = " WHERE factuality = ?" if factuality else ""
        return [(r, n) for r, n in self.con.execute(
            f"SELECT cameo_root, count(*) FROM events{where} GROUP BY 1 ORDER BY 2 DESC, 1",
            [factuality] if factuality else []).fetchall()]

    def events_by_factuality(self) -> list[tuple[str, int]]:
        return [(f, n) for f, n in self.con.execute(
            "SELECT factuality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()]

    def top_dyads(self, n: int = 10, factuality: str | None = "asserted") -> list[tuple[str, str, int, float]]:
        where = "WHERE target_country IS NOT NULL AND source_country IS NOT NULL"
        params: list[Any] = []
        if factuality:
            where += " AND factuality = ?"
            params.append(factuality)
        return [tuple(row) for row in self.con.execute(
            f"SELECT source_country, target_country, count(*) AS n, round(sum(goldstein), 1) FROM events {where} "
            f"GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT {int(n)}", params).fetchall()]

    def unknown_actors(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Names in actor positions that no dictionary knows, most frequent first."""
        sql = """
            WITH names AS (
                SELECT source_text AS text, 'source' AS role, doc_id FROM events WHERE source IS NULL AND source_text IS NOT NULL
                UNION ALL
                SELECT target_text, 'target', doc_id FROM events WHERE target IS NULL AND target_text IS NOT NULL
            )
            SELECT text, count(*) AS mentions, count(DISTINCT doc_id) AS documents,
                   sum(CASE WHEN role = 'source' THEN 1 ELSE 0 END) AS as_source,
                   sum(CASE WHEN role = 'target' THEN 1 ELSE 0 END) AS as_target
            FROM names GROUP BY text ORDER BY mentions DESC, text"""
        if limit:
            sql += f" LIMIT {int(limit)}"
        cursor = self.con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def skipped(self) -> list[dict[str, Any]]:
        cursor = self.con.execute("SELECT origin, position, reason, detail, run_id, recorded_at FROM skipped ORDER BY recorded_at")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path = "detente.duckdb", read_only: bool = False) -> Store:
    """Open (and create or migrate) a detente store."""
    return Store(path, read_only=read_only)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
