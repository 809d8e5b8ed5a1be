"""The CLI through its real entry point, with the real model and a real DuckDB file."""

from __future__ import annotations

import json

import pytest

from detente.records import EVENT_FIELDS

from .conftest import SAMPLE, run_cli


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "sample.duckdb"
    result = run_cli("code", str(SAMPLE), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    return db, result.stdout.decode()


def test_cli_code_prints_summary_of_documents_sentences_roots_and_dyads(coded_db):
    _, summary = coded_db
    assert "8 new documents" in summary
    assert "Asserted events by CAMEO root" in summary and "Top 10 dyads" in summary
    assert "0 skipped" in summary


def test_cli_code_twice_adds_nothing(coded_db):
    db, _ = coded_db
    before = [json.loads(l) for l in run_cli("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    again = run_cli("code", str(SAMPLE), "--db", str(db))
    assert again.returncode == 0
    assert "0 new documents, 8 already stored" in again.stdout.decode()
    after = [json.loads(l) for l in run_cli("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert before == after and len(after) > 10


def test_cli_events_jsonl_has_exactly_the_documented_keys(coded_db):
    db, _ = coded_db
    rows = [json.loads(l) for l in run_cli("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert rows and all(tuple(r) == EVENT_FIELDS for r in rows)
    factualities = {r["factuality"] for r in rows}
    assert "asserted" in factualities and len(factualities) >= 2, factualities


@pytest.mark.parametrize("args, check", [
    (["--source", "RUS"], lambda r: r["source_country"] == "RUS"),
    (["--target", "CHN"], lambda r: r["target_country"] == "CHN"),
    (["--root", "16"], lambda r: r["cameo_root"] == "16"),
    (["--factuality", "negated"], lambda r: r["factuality"] == "negated"),
    (["--since", "2024-01-01"], lambda r: r["event_date"] >= "2024-01-01"),
    (["--until", "2017-12-31"], lambda r: r["event_date"] <= "2017-12-31"),
])
def test_cli_events_filters(coded_db, args, check):
    db, _ = coded_db
    rows = [json.loads(l) for l in run_cli("events", "--db", str(db), "--format", "jsonl", *args).stdout.splitlines()]
    assert rows and all(check(r) for r in rows)


def test_cli_events_csv_and_limit(coded_db):
    db, _ = coded_db
    lines = run_cli("events", "--db", str(db), "--format", "csv", "--limit", "3").stdout.decode().splitlines()
    assert lines[0].split(",") == list(EVENT_FIELDS) and len(lines) == 4


def test_cli_bad_inputs_are_reported_skipped_and_exit_nonzero_without_losing_data(coded_db, tmp_path):
    db, _ = coded_db
    before = run_cli("events", "--db", str(db), "--format", "jsonl").stdout
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "rows.jsonl").write_bytes(b'{"text": "Russia condemned Ukraine on Monday."}\n{broken\n{"title": "x"}\n')
    result = run_cli("code", str(tmp_path), "--db", str(db))
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "empty.txt" in err and "blob.txt" in err and "rows.jsonl:2" in err and "rows.jsonl:3" in err
    assert "4 skipped" in result.stdout.decode() or "4 skipped" in err
    after = run_cli("events", "--db", str(db), "--format", "jsonl").stdout
    assert set(before.splitlines()) <= set(after.splitlines())


def test_cli_reads_standard_input(tmp_path):
    db = tmp_path / "stdin.duckdb"
    result = run_cli("code", "-", "--db", str(db), "--date", "2019-05-22",
                     stdin=b"Russia and China held joint naval exercises in the Sea of Japan.")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(l) for l in run_cli("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert {(r["source_country"], r["target_country"]) for r in rows} >= {("RUS", "CHN"), ("CHN", "RUS")}
    assert all(r["report_date"] == "2019-05-22" for r in rows)


def test_cli_explain_shows_tokens_actors_and_why(tmp_path):
    result = run_cli("explain", "China didn't raise objections to the sanctions on North Korea.", "--date", "2017-09-11",
                     "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    [sentence] = report["sentences"]
    assert any(t["dep"] == "neg" for t in sentence["tokens"])
    assert {a["code"] for a in sentence["actors"]} >= {"CHN", "PRK"}
    assert all(a["why"] for a in sentence["actors"])
    assert all(c["pattern"] and c["reason"] for c in sentence["candidates"])


def test_cli_explain_text_format_lists_candidates(tmp_path):
    result = run_cli("explain", "Washington imposed sanctions on Moscow.", "--date", "2017-07-28")
    out = result.stdout.decode()
    assert result.returncode == 0 and "Actors" in out and "Event candidates" in out and "USAGOV" in out


def test_cli_errors_are_messages_not_tracebacks(tmp_path):
    result = run_cli("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "no such store" in err and "Traceback" not in err


