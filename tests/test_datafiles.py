"""Data files: every packaged file loads and validates; a bad entry names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors import load_actor_dictionary
from detente.codes import country_of, is_actor_code, sector_of
from detente.datafiles import read_jsonl, read_tsv
from detente.errors import DataFileError
from detente.factuality import load_cues
from detente.lexicon import load_lexicon
from detente.ontology import load_ontology

HEADER = "# detente test\n# version: 1\n# source: test\n# licence: MIT\n"


def test_every_packaged_data_file_loads():
    assert len(load_ontology().cameo) > 250
    assert load_actor_dictionary().terms
    assert load_lexicon().patterns
    assert load_cues().modal


def test_every_trigger_pattern_code_exists_in_the_ontology():
    ontology = load_ontology()
    assert all(p.code in ontology.cameo for p in load_lexicon().patterns)


def test_trigger_lexicon_covers_every_cameo_root():
    roots = {p.code[:2] for p in load_lexicon().patterns}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_every_cameo_code_has_goldstein_quad_and_known_plover():
    ontology = load_ontology()
    for code in ontology.cameo.values():
        assert -10 <= code.goldstein <= 10 and code.quad_class in (1, 2, 3, 4)
        assert code.plover is None or code.plover in ontology.plover
    # PLOVER's definition of SANCTION places international sanctions there (mode discontinue),
    # though its 2021 table maps 163 to COERCE: see DEPARTURES in scripts/build_ontology.py
    assert (ontology.cameo["163"].plover, ontology.cameo["163"].plover_mode) == ("SANCTION", "discontinue")
    assert ontology.cameo["0813"].plover == "CONCEDE" and ontology.cameo["0841"].plover == "RETREAT"
    assert ontology.plover_name("DISAPPROVE") == "ACCUSE" and ontology.plover_name("FIGHT") == "ASSAULT"


@pytest.mark.parametrize("body, line, what", [
    ("a\tb\nx\ty\tz\n", 6, "3 fields, expected 2"),
    ("a\tc\n", 5, "columns are"),
])
def test_bad_tsv_entry_reports_file_and_line(tmp_path, body, line, what):
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_tsv(path, ("a", "b"))
    assert info.value.line == line and what in str(info.value) and str(path) in str(info.value)


def test_missing_header_key_is_reported(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("# version: 1\na\tb\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="lacks source, licence"):
        read_tsv(path, ("a", "b"))


def test_bad_jsonl_entry_reports_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(HEADER + '{"id": "ok"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_jsonl(path)
    assert info.value.line == 6 and "not valid JSON" in str(info.value)


@pytest.mark.parametrize("code, country, sector", [
    ("CHNGOV", "CHN", "GOV"), ("CHN", "CHN", None), ("IGOUNO", "IGOUNO", None),
    ("IGOUNOMIL", "IGOUNO", "MIL"), ("---REB", None, "REB"), ("USALEGMIL", "USA", "LEG"),
])
def test_actor_code_parts(code, country, sector):
    assert is_actor_code(code)
    assert (country_of(code), sector_of(code)) == (country, sector)


@pytest.mark.parametrize("code", ["chn", "CHNG", "IGO-UN", ""])
def test_actor_code_rejects_malformed(code):
    assert not is_actor_code(code)


def test_ontology_follows_the_reference_mapping_except_the_listed_departures():
    """cameo.tsv is built from ../shared/data/reference/cameo_codes.tsv; the only PLOVER types
    that differ are the ones scripts/build_ontology.py lists, each with its definition."""
    import csv
    import importlib.util

    reference = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "reference" / "cameo_codes.tsv"
    assert reference.exists(), f"{reference} is missing: ../shared must sit beside the repository"
    spec = importlib.util.spec_from_file_location("build_ontology", Path(__file__).resolve().parents[1] / "scripts" / "build_ontology.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    ontology = load_ontology()
    with reference.open(encoding="utf-8", newline="") as handle:
        every = list(csv.DictReader(handle, delimiter="\t"))
    rows = [r for r in every if len(r["code"].strip()) > 2]
    differing = {r["code"] for r in rows if (ontology.cameo[r["code"]].plover or "") != r["plover_event"].strip()}
    assert differing == set(builder.departures(every)) - {"02"}
    assert len(ontology.cameo) == len(rows)
