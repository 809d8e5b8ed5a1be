"""Score the coder on the probe sentences in eval/probes/ (written for this project: news-style
sentences per CAMEO root range, each with its expected events).

Usage: python scripts/score_probes.py [--misses]

An expected event is found when an asserted event has the same source and target (country level;
IGO/NGO/IMG codes by their first six letters) and the same CAMEO root. These sentences were
written to find gaps, and lexicon patterns were added from their misses, so the figure is an
in-sample regression check, not an estimate of accuracy on new text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import detente

PROBES = Path(__file__).resolve().parents[1] / "eval" / "probes"
ORGANISATIONS = ("IGO", "NGO", "IMG")


def _level(code: str | None, empty: str) -> str:
    if not code:
        return empty
    return code[:6] if code.startswith(ORGANISATIONS) else code[:3]


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    total = found = 0
    for path in sorted(PROBES.glob("*.jsonl")):
        here = hits = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            events = detente.code_text(record["text"], date=record.get("date") or "2015-03-02")
            got = {(_level(e.source, "---"), _level(e.target, "-"), e.cameo[:2]) for e in events if e.factuality == "asserted"}
            for want in record["expected"]:
                key = (_level(want["source"], "---"), _level(want.get("target"), "-"), want["cameo"][:2])
                here += 1
                hits += key in got
                if show and key not in got:
                    print(f"  miss {key} {record['text'][:100]}")
        print(f"{path.name}: {hits}/{here}")
        total, found = total + here, found + hits
    print(f"all probes: {found}/{total} ({found / total:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
