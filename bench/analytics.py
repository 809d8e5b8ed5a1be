"""Benchmark of the relationship analytics on synthetic events (a script, not a test).

    .venv/bin/python bench/analytics.py [--events 10000000] [--db /tmp/detente-analytics-bench.duckdb] [--reuse]

Builds a detente store holding N synthetic events, generated inside DuckDB with `range()` (no
Python loop): 150 real country codes with a skewed (power-law-like) activity, 30 years of dates,
the four QuadClasses in news-like shares, 85 % asserted. Then it times each analytics function
(and each plot) once on it and prints the seconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import duckdb

from detente import analytics, plots
from detente.actors import COUNTRY_COLUMNS
from detente.datafiles import data_path, read_tsv
from detente.store import open_store

COUNTRIES = 150
FIRST = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "IRN", "PRK", "UKR", "ISR", "TUR", "KOR", "PAK")


def country_codes() -> list[str]:
    codes = [row.text("code") for row in read_tsv(data_path("countries.tsv"), COUNTRY_COLUMNS).rows
             if not row.text("valid_to")]
    rest = [c for c in codes if c not in FIRST]
    return list(FIRST) + rest[:COUNTRIES - len(FIRST)]


def build(path: Path, n: int) -> float:
    """Create the store and fill `events` with n synthetic rows; the seconds it took."""
    started = time.perf_counter()
    path.unlink(missing_ok=True)
    open_store(path).close()  # schema and migrations
    con = duckdb.connect(str(path))
    con.execute("CREATE TEMP TABLE country AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS idx",
                [country_codes(), country_codes()])
    # u1, u2 pick the countries (u^2.5 skews activity toward the first codes), u3 the QuadClass,
    # u4 the factuality, u5 the day; hash() makes them deterministic.
    con.execute(f"""
        INSERT INTO events
        WITH r AS (
            SELECT i,
                   (hash(i) % 1000003) / 1000003.0 AS u1, (hash(i + {n}) % 1000003) / 1000003.0 AS u2,
                   (hash(i + 2 * {n}) % 1000) / 1000.0 AS u3, (hash(i + 3 * {n}) % 100) AS u4,
                   (hash(i + 4 * {n}) % 10957) AS u5
            FROM range({n}) t(i)
        ), p AS (
            SELECT i, u3, u4, u5,
                   CAST(floor({COUNTRIES} * pow(u1, 2.5)) AS INTEGER) AS s,
                   CAST((floor({COUNTRIES} * pow(u1, 2.5)) + 1 + floor({COUNTRIES - 1} * pow(u2, 2.5))) % {COUNTRIES} AS INTEGER) AS t,
                   CASE WHEN u3 < 0.40 THEN 1 WHEN u3 < 0.55 THEN 2 WHEN u3 < 0.85 THEN 3 ELSE 4 END AS q
            FROM r
        )
        SELECT 'e' || i, 'd' || (i // 25), CAST(i % 25 AS INTEGER), 'synthetic event ' || i,
               sc.code || 'GOV', sc.code, sc.code, tc.code || 'GOV', tc.code, tc.code, 'did',
               ['040', '060', '111', '190'][q], ['04', '06', '11', '19'][q],
               [3.0, 7.4, -2.0, -9.5][q] + (u4 % 10) / 10.0 - 0.45, q, NULL, NULL,
               CASE WHEN u4 < 85 THEN 'asserted' WHEN u4 < 90 THEN 'future' WHEN u4 < 95 THEN 'hypothetical' ELSE 'negated' END,
               NULL, strftime(DATE '1995-01-01' + CAST(u5 AS INTEGER), '%Y-%m-%d'), 'day',
               strftime(DATE '1995-01-01' + CAST(u5 AS INTEGER), '%Y-%m-%d'), NULL, 'bench', 0.9, 'bench'
        FROM p JOIN country sc ON sc.idx = p.s JOIN country tc ON tc.idx = p.t
    """)
    con.close()
    return time.perf_counter() - started


def timed(label: str, call):
    started = time.perf_counter()
    result = call()
    print(f"{label:58s} {time.perf_counter() - started:8.2f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", default="/tmp/detente-analytics-bench.duckdb")
    parser.add_argument("--reuse", action="store_true", help="Keep an existing bench store instead of rebuilding it.")
    parser.add_argument("--plots", default="/tmp/detente-analytics-bench", help="Folder for the timed PNGs.")
    args = parser.parse_args()
    path = Path(args.db)
    if not (args.reuse and path.exists()):
        print(f"building {args.events:,} synthetic events in {path} … {build(path, args.events):.1f} s", flush=True)
    out = Path(args.plots)
    out.mkdir(parents=True, exist_ok=True)
    timed("imports paid once by a command (ruptures, networkx, names)",
          lambda: (__import__("ruptures"), __import__("networkx"), analytics.country_name("USA")))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"DuckDB {duckdb.__version__}, store {path.stat().st_size / 2**20:.0f} MiB")
    with open_store(path, read_only=True) as store:
        n = store.con.execute("SELECT count(*), count(*) FILTER (WHERE factuality = 'asserted') FROM events").fetchone()
        print(f"events: {n[0]:,} ({n[1]:,} asserted)")
        series = timed("dyad_series USA CHN --by month", lambda: analytics.dyad_series(store, "USA", "CHN", by="month"))
        timed("dyad_series USA CHN --by week", lambda: analytics.dyad_series(store, "USA", "CHN", by="week"))
        timed("dyad_series USA CHN --by year --factuality all",
              lambda: analytics.dyad_series(store, "USA", "CHN", by="year", factuality="all"))
        rel = timed("relations (top 10 most active)", lambda: analytics.relations(store, top=10))
        timed("relations --countries (12 given)", lambda: analytics.relations(store, list(FIRST[:12])))
        report = timed("network --min-events 50 (graph + balance + 2 blocs)",
                       lambda: analytics.network(store, min_events=50))
        print(f"   {len(report.graph.nodes)} countries, {len(report.graph.edges):,} edges, "
              f"{report.balance.triangles:,} triangles")
        graph = timed("   signed_network alone", lambda: analytics.signed_network(store, min_events=50))
        timed("   structural_balance alone", lambda: analytics.structural_balance(graph))
        timed("   signed_blocs alone (k=2)", lambda: analytics.signed_blocs(graph, 2))
        timed("   signed_blocs alone (k=4)", lambda: analytics.signed_blocs(graph, 4))
        timed("network --since 2020-01-01 --min-events 10",
              lambda: analytics.network(store, since="2020-01-01", min_events=10))
        timed("write GraphML + JSON", lambda: (analytics.write_graphml(report, out / "n.graphml"),
                                               analytics.write_json(report, out / "n.json")))
        timed("shifts USA CHN --by month", lambda: analytics.shifts(store, "USA", "CHN", by="month"))
        timed("shifts USA CHN --by week", lambda: analytics.shifts(store, "USA", "CHN", by="week"))
        timed("align CHN RUS --toward USA --by month", lambda: analytics.align(store, "CHN", "RUS", "USA", by="month"))
    timed("plot_dyad (month, 30 years)", lambda: plots.plot_dyad(series, out / "dyad.png"))
    timed("plot_relations (10 × 10)", lambda: plots.plot_relations(rel, out / "relations.png"))
    timed("plot_network (150 countries)", lambda: plots.plot_network(report, out / "network.png"))


if __name__ == "__main__":
    main()
