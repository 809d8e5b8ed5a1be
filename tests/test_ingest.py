"""Ingest: every input becomes a Document or a Skipped record with a reason."""

from __future__ import annotations

import json

import pytest

from detente.ingest import iter_documents, normalise_date
from detente.records import Document, Skipped


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_ingest_text_file_becomes_one_document_with_content_hash_id(tmp_path):
    a = _write(tmp_path / "a.txt", b"China and Russia held talks.\n")
    b = _write(tmp_path / "b.txt", b"China and Russia held talks.\n")
    [doc_a] = iter_documents([a])
    [doc_b] = iter_documents([b])
    assert isinstance(doc_a, Document) and doc_a.doc_id == doc_b.doc_id
    assert doc_a.title == "China and Russia held talks."


def test_ingest_changed_text_is_a_new_document(tmp_path):
    [one] = iter_documents([_write(tmp_path / "a.txt", b"China condemned Japan.")])
    [two] = iter_documents([_write(tmp_path / "b.txt", b"China condemned Japan again.")])
    assert one.doc_id != two.doc_id


def test_ingest_folder_reads_txt_and_jsonl_in_name_order(tmp_path):
    _write(tmp_path / "b.txt", b"Second text.")
    _write(tmp_path / "a.jsonl", json.dumps({"text": "First text.", "date": "2019-05-01"}).encode() + b"\n")
    _write(tmp_path / "ignored.bin", b"\x00\x01")
    items = list(iter_documents([str(tmp_path)]))
    assert [d.text for d in items] == ["First text.", "Second text."]
    assert items[0].published == "2019-05-01"


def test_ingest_jsonl_fields_are_mapped(tmp_path):
    row = {"id": "x1", "title": "T", "date": "2018-09-21T10:00:00Z", "source": "wire", "url": "http://example.org/1", "text": "Body."}
    [doc] = iter_documents([_write(tmp_path / "d.jsonl", json.dumps(row).encode())])
    assert (doc.title, doc.published, doc.source, doc.url, doc.meta["id"]) == ("T", "2018-09-21", "wire", "http://example.org/1", "x1")


@pytest.mark.parametrize("line, reason", [
    (b"{not json", "not JSON"),
    (b'{"title": "no text here"}', "no text"),
    (b'{"text": "   "}', "empty"),
    (b'["a", "list"]', "malformed row"),
    (b'{"text": "\xff\xfe bad"}', "not UTF-8"),
])
def test_ingest_bad_jsonl_rows_are_skipped_with_file_line_and_reason(tmp_path, line, reason):
    good = json.dumps({"text": "Russia condemned Ukraine."}).encode()
    path = _write(tmp_path / "rows.jsonl", good + b"\n" + line + b"\n" + good + b" \n")
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    skipped = items[1]
    assert skipped.reason == reason and skipped.position == "2" and skipped.origin == path
    assert path in skipped.message() and ":2:" in skipped.message()


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(1, 32)) * 4, "binary"),
    ("Beijing a condamné".encode("latin-1"), "not UTF-8"),
])
def test_ingest_bad_files_are_skipped_with_reason(tmp_path, data, reason):
    path = _write(tmp_path / "bad.txt", data)
    [item] = iter_documents([path])
    assert isinstance(item, Skipped) and item.reason == reason and item.origin == path


def test_ingest_missing_path_is_skipped_not_fatal(tmp_path):
    items = list(iter_documents([str(tmp_path / "nope.txt"), _write(tmp_path / "ok.txt", b"Text.")]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Document"]
    assert items[0].reason == "not found"


@pytest.mark.parametrize("raw, expected", [
    ("2017-07-28", "2017-07-28"), ("2017-07-28T12:00:00", "2017-07-28"), ("2017", "2017"),
    ("2017-07", "2017-07"), ("2017-13-01", None), ("yesterday", None), (None, None),
])
def test_ingest_dates_are_normalised(raw, expected):
    assert normalise_date(raw) == expected
