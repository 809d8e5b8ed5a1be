"""Shared by the accuracy gate test and scripts/update_baseline.py: what is measured, and how."""

from __future__ import annotations

from pathlib import Path

from detente.evaluate import check_lexicon, evaluate

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "gold"
BASELINE = ROOT / "eval" / "baseline.json"
# gold file → the level it is scored at
GOLD_SETS = {"petr2_gsr_validation.dev.jsonl": "root", "plover_gsr.dev.jsonl": "plover"}
# the baseline key of the lexicon self-check (every pattern's example sentence, coded)
LEXICON = "lexicon examples"


def measure(coder, name: str, level: str) -> dict[str, float]:
    """The gated figures: F1 where every event is annotated, the annotated event's recall where
    only one is (PLOVER), and the false-positive rate on records that expect no event."""
    report = evaluate(coder, GOLD / name, level)
    if report.annotated_only:
        figures = {"recall": round(report.scores.recall, 4)}
    else:
        figures = {"f1": round(report.scores.f1, 4)}
    if report.no_event_records:
        figures["expect_no_event_fp_rate"] = round(report.no_event_fp_rate, 4)
    return figures


def measure_lexicon(coder) -> dict[str, float]:
    """The share of trigger patterns whose own example sentence is coded with their code."""
    return {"share": round(check_lexicon(coder).share, 4)}
