"""Ratchet the accuracy baseline in eval/baseline.json: each figure only moves up.

    .venv/bin/python scripts/update_baseline.py

Runs `detente eval` on the dev gold sets in ../shared/data/gold/ and writes a figure only when it
beats the pinned one (for the expect_no_event false-positive rate, only when it is lower).
tests/test_accuracy_gate.py fails when a change lowers any pinned figure.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from accuracy import BASELINE, GOLD_SETS, LEXICON, measure, measure_lexicon  # noqa: E402

from detente.pipeline import Coder  # noqa: E402


def main() -> int:
    pinned = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    coder = Coder()
    changed = False
    runs = [(name, lambda name=name, level=level: measure(coder, name, level)) for name, level in GOLD_SETS.items()]
    runs.append((LEXICON, lambda: measure_lexicon(coder)))
    for name, run in runs:
        figures = run()
        old = pinned.get(name, {})
        new = dict(old)
        for key, value in figures.items():
            lower_is_better = key.endswith("fp_rate")
            if key not in old or (value < old[key] if lower_is_better else value > old[key]):
                new[key] = value
        if new != old:
            changed = True
        pinned[name] = new
        print(f"{name}: measured {figures}; pinned {new}")
    BASELINE.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n")
    print("baseline updated" if changed else "baseline unchanged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
