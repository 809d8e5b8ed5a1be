"""Fuzzing: random bytes, unicode and very long lines go through ingest and the coder without a
crash, and every input is either coded or quarantined with a reason."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import detente
from detente.ingest import iter_documents
from detente.records import Document, Skipped

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WORDS = st.sampled_from(["Russia", "China", "condemned", "the", "U.S.", "sanctions", "on", "Beijing", "and",
                         "met", "Kyiv", ".", ",", "?", "'s", "not", "will", "\n\n", "Sino-", "it", "they"])


@FUZZ
@given(data=st.binary(max_size=4000))
def test_fuzz_random_bytes_are_coded_or_quarantined(tmp_path, data):
    for suffix in (".txt", ".jsonl"):
        path = tmp_path / f"input{suffix}"
        path.write_bytes(data)
        for item in iter_documents([str(path)]):
            assert isinstance(item, (Document, Skipped))
            if isinstance(item, Skipped):
                assert item.reason and str(path) in item.message()
            else:
                assert isinstance(detente.code_text(item.text), list)


@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_fuzz_random_unicode_text_never_crashes_the_coder(text):
    events = detente.code_text(text, date="2019-05-22")
    assert all(e.cameo and e.factuality for e in events)


@FUZZ
@given(words=st.lists(WORDS, min_size=1, max_size=400), repeat=st.integers(min_value=1, max_value=40))
def test_fuzz_long_lines_of_political_words_never_crash_the_coder(words, repeat):
    text = " ".join(words * repeat)  # up to 16,000 tokens on one line, no sentence end
    events = detente.code_text(text, date="2019-05-22")
    assert all(e.source or e.target for e in events)


@FUZZ
@given(rows=st.lists(st.one_of(st.text(alphabet=string.printable, max_size=200),
                               st.builds(lambda t: '{"text": %s}' % t, st.text(max_size=100).map(repr))), max_size=30))
def test_fuzz_jsonl_rows_each_become_a_document_or_a_quarantined_row(tmp_path, rows):
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(r.replace("\n", " ") for r in rows), encoding="utf-8")
    items = list(iter_documents([str(path)]))
    non_blank = [r for r in rows if r.replace("\n", " ").strip() and not r.strip().startswith("#")]
    assert len(items) == len(non_blank)
