"""The store: an embedded DuckDB file with named migrations and content-hash keys.

One process writes; readers open the file read-only. A document and its events are written in
one transaction, so a document is either fully coded in the store or not there at all, and
coding the same document twice changes nothing.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

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
    # inputs that could not be coded are kept in quarantine; runs record what coded them
    ("0002_quarantine_and_data_hashes", """
        ALTER TABLE skipped RENAME TO quarantine;
        ALTER TABLE runs ADD COLUMN data_hashes JSON;
    """),
    # mentions of one real event across documents share a cluster (see cluster_events)
    ("0003_event_clusters", """
        CREATE TABLE event_clusters (
            event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR
        );
    """),
)
# how long a process waits for another one that holds the file (DuckDB: one process at a time)
LOCK_TIMEOUT_SECONDS = 120.0
CLUSTER_WINDOW_DAYS = 3

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
    """A DuckDB file. Open it with `open_store(path)`; `read_only=True` for readers.

    DuckDB lets one process at a time open a file. So that readers (`detente events`, the
    analytics, the web server) can work while `detente code` writes, the writer holds the file
    only while it writes one batch of documents (`with store.batch():`), and every open waits
    and retries while another process holds the file, up to `lock_timeout` seconds.
    """

    def __init__(self, path: str | Path, read_only: bool = False, lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; run 'detente code' first")
        if read_only:
            self._con = self._open()
            if not self._applied(self._con):
                raise StoreError(f"{self.path}: not a detente store (no migrations recorded)")
            missing = [name for name, _ in MIGRATIONS if name not in self._applied(self._con)]
            if missing:
                raise StoreError(f"{self.path}: made by an older detente; open it once for writing "
                                 f"(e.g. 'detente code') to apply {', '.join(missing)}")
        else:
            with self.batch() as con:
                apply_migrations(con)

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.25)

    @contextmanager
    def batch(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the file for a group of operations; without it, each operation opens and closes it."""
        if self._con is not None:
            yield self._con
            return
        self._con = self._open()
        try:
            yield self._con
        finally:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """A connection for read queries (opened on first use and kept until `close`)."""
        if self._con is None:
            self._con = self._open()
        return self._con

    # -- schema ------------------------------------------------------------------------

    @staticmethod
    def _applied(con: duckdb.DuckDBPyConnection) -> set[str]:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return set()
        return {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}

    def migrations(self) -> list[str]:
        with self.batch() as con:
            return sorted(self._applied(con))

    # -- writing -----------------------------------------------------------------------

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        if not doc_ids:
            return set()
        with self.batch() as con:
            rows = con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]).fetchall()
        return {row[0] for row in rows}

    def write_document(self, document: Document, events: Sequence[Event], n_sentences: int, n_parsed: int,
                       run_id: str) -> bool:
        """Write a document and its events in one transaction. False when it was already stored."""
        with self.batch() as con:
            return self._write_document(con, document, events, n_sentences, n_parsed, run_id)

    @staticmethod
    def _write_document(con: duckdb.DuckDBPyConnection, document: Document, events: Sequence[Event],
                        n_sentences: int, n_parsed: int, run_id: str) -> bool:
        con.execute("BEGIN TRANSACTION")
        try:
            inserted = con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING doc_id",
                [document.doc_id, document.title, document.published, document.source, document.url, document.origin,
                 json.dumps(document.meta, ensure_ascii=False, default=str), n_sentences, n_parsed, len(events), run_id, _now()],
            ).fetchall()
            if inserted and events:
                placeholders = ", ".join("?" for _ in range(len(EVENT_FIELDS) + 1))
                con.executemany(
                    f"INSERT INTO events VALUES ({placeholders}) ON CONFLICT DO NOTHING",
                    [[getattr(e, f) for f in EVENT_FIELDS] + [run_id] for e in events],
                )
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        return bool(inserted)

    def record_skipped(self, skipped: Iterable[Skipped], run_id: str) -> None:
        """Put inputs that could not be coded in quarantine, with where they came from and why."""
        rows = [[s.origin, s.position, s.reason, s.detail, run_id, _now()] for s in skipped]
        if rows:
            with self.batch() as con:
                con.executemany("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?)", rows)

    def start_run(self, run_id: str, tool_version: str, settings: dict[str, Any], data_versions: dict[str, Any],
                  data_hashes: dict[str, str] | None = None) -> None:
        with self.batch() as con:
            con.execute("INSERT INTO runs (run_id, started, finished, tool_version, settings, data_versions, documents,"
                        " events, skipped, data_hashes) VALUES (?, ?, NULL, ?, ?, ?, 0, 0, 0, ?)",
                        [run_id, _now(), tool_version, json.dumps(settings), json.dumps(data_versions),
                         json.dumps(data_hashes or {})])

    def finish_run(self, run_id: str, documents: int, events: int, skipped: int) -> None:
        with self.batch() as con:
            con.execute("UPDATE runs SET finished = ?, documents = ?, events = ?, skipped = ? WHERE run_id = ?",
                        [_now(), documents, events, skipped, run_id])

    # -- reading -----------------------------------------------------------------------

    def events(self, selection: EventFilter | None = None) -> list[dict[str, Any]]:
        return list(self.iter_events(selection))

    def iter_events(self, selection: EventFilter | None = None, with_documents: bool = False,
                    batch_size: int = 10_000) -> Iterator[dict[str, Any]]:
        """The selected events in `events()` order, fetched in batches (exports of any size).
        `with_documents` adds the fields of each event's document as `doc_title`, `doc_published`,
        `doc_source`, `doc_url`, `doc_origin` and `doc_coded_at`, and its cluster's `cluster_id`,
        `cluster_mentions`, `cluster_documents` and `cluster_sources` (null outside clusters)."""
        selection = selection or EventFilter()
        where, params = selection.where()
        limit = f" LIMIT {int(selection.limit)}" if selection.limit else ""
        order = "coalesce({p}event_date, {p}report_date), {p}doc_id, {p}sentence_index, {p}event_id"
        sql = f"SELECT {', '.join(EVENT_FIELDS)} FROM events{where} ORDER BY {order.format(p='')}{limit}"
        names = list(EVENT_FIELDS)
        if with_documents:
            columns = ("title", "published", "source", "url", "origin", "coded_at")
            names += [f"doc_{c}" for c in columns] + ["cluster_id", "cluster_mentions", "cluster_documents",
                                                     "cluster_sources"]
            sql = (f"SELECT e.*, {', '.join(f'd.{c}' for c in columns)}, k.cluster_id, k.mentions, k.documents, k.sources "
                   f"FROM ({sql}) AS e LEFT JOIN documents AS d ON d.doc_id = e.doc_id "
                   f"LEFT JOIN (SELECT c.event_id, c.cluster_id, "
                   f"           count(*) OVER w AS mentions, count(DISTINCT x.doc_id) OVER w AS documents, "
                   f"           count(DISTINCT coalesce(y.source, y.origin, x.doc_id)) OVER w AS sources "
                   f"           FROM event_clusters c JOIN events x USING (event_id) LEFT JOIN documents y USING (doc_id) "
                   f"           WINDOW w AS (PARTITION BY c.cluster_id)) AS k ON k.event_id = e.event_id "
                   f"ORDER BY {order.format(p='e.')}")
        cursor = self.con.execute(sql, params)
        while rows := cursor.fetchmany(batch_size):
            for row in rows:
                yield dict(zip(names, row))

    def counts(self) -> dict[str, int]:
        one = lambda sql: int(self.con.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "sentences": one("SELECT coalesce(sum(n_sentences), 0) FROM documents"),
            "events": one("SELECT count(*) FROM events"),
            "skipped": one("SELECT count(*) FROM quarantine"),
            "clusters": one("SELECT count(DISTINCT cluster_id) FROM event_clusters"),
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

    def cluster_events(self, window_days: int = CLUSTER_WINDOW_DAYS) -> int:
        """Group mentions of one real event across documents: asserted events with the same
        directed country dyad, CAMEO root and place (unknown place is a place of its own), whose
        dates follow each other by at most `window_days`, share a cluster. The cluster id is a
        hash of those keys and the cluster's first date, so re-running changes nothing. Returns
        the number of clusters."""
        with self.batch() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("DELETE FROM event_clusters")
                con.execute(f"""
                    INSERT INTO event_clusters
                    WITH e AS (
                        SELECT * FROM (
                            SELECT event_id, source_country AS s, coalesce(target_country, '-') AS t, cameo_root AS r,
                                   coalesce(place, '') AS p,
                                   -- report dates may be a year ("2021") or a month ("2021-06") only
                                   try_cast(CASE length(coalesce(event_date, report_date))
                                            WHEN 4 THEN coalesce(event_date, report_date) || '-01-01'
                                            WHEN 7 THEN coalesce(event_date, report_date) || '-01'
                                            ELSE coalesce(event_date, report_date) END AS DATE) AS d
                            FROM events
                            WHERE factuality = 'asserted' AND source_country IS NOT NULL
                        ) WHERE d IS NOT NULL
                    ), gaps AS (
                        SELECT *, d - lag(d) OVER (PARTITION BY s, t, r, p ORDER BY d, event_id) AS gap FROM e
                    ), islands AS (
                        SELECT *, sum(CASE WHEN gap IS NULL OR gap > {int(window_days)} THEN 1 ELSE 0 END)
                                  OVER (PARTITION BY s, t, r, p ORDER BY d, event_id ROWS UNBOUNDED PRECEDING) AS island
                        FROM gaps
                    ), firsts AS (
                        SELECT *, min(d) OVER (PARTITION BY s, t, r, p, island) AS first_day FROM islands
                    )
                    SELECT event_id, substr(md5(concat_ws('|', s, t, r, p, CAST(first_day AS VARCHAR))), 1, 16)
                    FROM firsts""")
                con.execute("COMMIT")
            except duckdb.Error:
                con.execute("ROLLBACK")
                raise
            return int(con.execute("SELECT count(DISTINCT cluster_id) FROM event_clusters").fetchone()[0])

    def clusters(self, selection: EventFilter | None = None) -> list[dict[str, Any]]:
        """Event clusters (see `cluster_events`) with their mentions, documents and sources."""
        selection = selection or EventFilter()
        where, params = selection.where()
        limit = f" LIMIT {int(selection.limit)}" if selection.limit else ""
        cursor = self.con.execute(f"""
            WITH selected AS (SELECT * FROM events{where})
            SELECT c.cluster_id, min(e.source_country) AS source_country, min(e.target_country) AS target_country,
                   min(e.cameo_root) AS cameo_root, min(e.place) AS place,
                   min(coalesce(e.event_date, e.report_date)) AS first_date,
                   max(coalesce(e.event_date, e.report_date)) AS last_date,
                   count(*) AS num_mentions, count(DISTINCT e.doc_id) AS num_documents,
                   count(DISTINCT coalesce(d.source, d.origin, e.doc_id)) AS num_sources,
                   round(avg(e.goldstein), 2) AS goldstein, min(e.cameo) AS cameo, any_value(e.sentence) AS example
            FROM selected e JOIN event_clusters c USING (event_id) LEFT JOIN documents d USING (doc_id)
            GROUP BY c.cluster_id
            ORDER BY first_date, source_country, target_country, cameo_root, c.cluster_id{limit}""", params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def quarantine(self) -> list[dict[str, Any]]:
        """Every input that could not be coded, oldest first."""
        cursor = self.con.execute(
            "SELECT origin, position, reason, detail, run_id, recorded_at FROM quarantine ORDER BY recorded_at, origin, position")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def apply_migrations(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> None:
    """Apply the named migrations not yet recorded in `schema_migrations`, each in its own
    transaction (`upto` stops early: tests use it to make a file as an older version did)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    applied = Store._applied(con)
    for name, sql in MIGRATIONS[:upto]:
        if name in applied:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise


def open_store(path: str | Path = "detente.duckdb", read_only: bool = False,
               lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> Store:
    """Open (and create or migrate) a detente store."""
    return Store(path, read_only=read_only, lock_timeout=lock_timeout)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
