"""The store with real processes: a run killed with SIGKILL resumes without loss or duplicates,
and readers can read while `detente code` writes (DuckDB lets one process hold a file at a time)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from detente.errors import StoreError
from detente.store import open_store

from .conftest import run_cli

N_DOCUMENTS = 300
TEMPLATES = [
    "Russia condemned Ukraine on Tuesday over border incident number {i}.",
    "China and Japan held talks in Tokyo about trade question {i}.",
    "Washington imposed sanctions on Iran over case {i}, the State Department said.",
    "Turkish troops shelled Syrian positions near the border in clash {i}.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("procs") / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(N_DOCUMENTS):
            text = " ".join(t.format(i=i) for t in TEMPLATES[i % 4:] + TEMPLATES[: i % 4])
            out.write(json.dumps({"id": f"d{i}", "date": "2019-05-22", "text": text}) + "\n")
    return path


def _writer(corpus, db):
    env = dict(os.environ)
    return subprocess.Popen([sys.executable, "-m", "detente.cli", "code", str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _documents(db) -> int:
    try:
        with open_store(db, read_only=True, lock_timeout=0.5) as store:
            return store.counts()["documents"]
    except StoreError:
        return -1  # not created yet, or held by the writer right now


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    result = run_cli("code", str(corpus), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    with open_store(db, read_only=True) as store:
        return store.counts(), {r["event_id"] for r in store.events()}


def test_store_run_killed_mid_way_resumes_and_codes_every_document_exactly_once(corpus, clean_run, tmp_path):
    db = tmp_path / "killed.duckdb"
    writer = _writer(corpus, db)
    deadline = time.monotonic() + 300
    while _documents(db) < 32:  # wait until some batches are committed, then kill without warning
        assert writer.poll() is None, writer.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.5)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    partial = _documents(db)
    assert 0 < partial < N_DOCUMENTS

    again = run_cli("code", str(corpus), "--db", str(db))
    assert again.returncode == 0, again.stderr.decode()
    assert f"{partial} already stored" in again.stdout.decode()
    counts, event_ids = clean_run
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == counts["documents"] == N_DOCUMENTS
        rows = store.events()
    assert len(rows) == len({r["event_id"] for r in rows}) == counts["events"]
    assert {r["event_id"] for r in rows} == event_ids


def test_store_readers_read_while_a_writer_writes(corpus, tmp_path):
    db = tmp_path / "busy.duckdb"
    writer = _writer(corpus, db)
    reads_during_write = 0
    deadline = time.monotonic() + 300
    while writer.poll() is None and time.monotonic() < deadline:
        if _documents(db) > 0:
            result = run_cli("events", "--db", str(db), "--format", "jsonl", "--limit", "3")
            assert result.returncode == 0, result.stderr.decode()
            assert len(result.stdout.splitlines()) == 3
            if writer.poll() is None:
                reads_during_write += 1
        time.sleep(0.5)
    assert writer.wait() == 0, writer.stderr.read().decode()
    assert reads_during_write >= 2
    assert _documents(db) == N_DOCUMENTS
