"""The accuracy gate: dev-set scores may not fall below the pinned baseline (eval/baseline.json).

The baseline only ratchets up (scripts/update_baseline.py). The gold sets are read from
../shared/data/gold/, never copied into the repository.
"""

from __future__ import annotations

import json

import pytest

from .accuracy import BASELINE, GOLD, GOLD_SETS, LEXICON, measure, measure_lexicon


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_accuracy_does_not_fall_below_the_pinned_baseline(coder, name):
    assert (GOLD / name).exists(), f"gold set {GOLD / name} is missing: ../shared must sit beside the repository"
    pinned = json.loads(BASELINE.read_text())[name]
    measured = measure(coder, name, GOLD_SETS[name])
    for key, floor in pinned.items():
        if key.endswith("fp_rate"):
            assert measured[key] <= floor + 1e-9, f"{name}: {key} rose from {floor} to {measured[key]}"
        else:
            assert measured[key] >= floor - 1e-9, f"{name}: {key} fell from {floor} to {measured[key]}"


def test_lexicon_examples_do_not_fall_below_the_pinned_share(coder):
    # every pattern carries the sentence it is meant to code; a change to the syntax or the
    # dictionaries that stops coding them shows here (detente lexicon check lists which)
    pinned = json.loads(BASELINE.read_text())[LEXICON]
    measured = measure_lexicon(coder)
    assert measured["share"] >= pinned["share"] - 1e-9, f"lexicon examples coded fell from {pinned['share']} to {measured['share']}"
