"""`detente eval`: score the coder against gold-standard codings.

Gold records follow `../shared/data/gold/README.md`: `{"id", "text", "date", "events": [{"source",
"target", "code"}], "expect_no_event"}`. Events are compared as (source country, target
country, label) over **asserted** events, where the label is the CAMEO root, the full CAMEO
code, or the PLOVER type (`--level`). With `--sectors` actors are compared with their first
sector as well (`USAGOV` ≠ `USA`).

Records whose codes are PLOVER types (the PLOVER gold standard) annotate one "ideal" event per
sentence: other events in the sentence are not annotated, so for them the headline figure is
the recall of the annotated event; precision is reported but is only a lower bound.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .codes import ORGANISATION_PREFIXES
from .errors import InputError
from .events import extract
from .lexicon import load_lexicon
from .ontology import Ontology, load_ontology
from .parse import SentenceText
from .pipeline import Coder
from .records import Event

LEVELS = ("root", "code", "plover")
LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
Triple = tuple[str, str, str]


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class EvalReport:
    gold: str
    level: str
    sectors: bool
    records: int = 0
    scores: Scores = field(default_factory=Scores)
    annotated_only: bool = False
    no_event_records: int = 0
    no_event_false_positives: int = 0
    per_label: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def no_event_fp_rate(self) -> float:
        return self.no_event_false_positives / self.no_event_records if self.no_event_records else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "level": self.level, "sectors": self.sectors, "records": self.records,
            "annotated_only": self.annotated_only, **self.scores.to_dict(),
            "expect_no_event_records": self.no_event_records,
            "expect_no_event_false_positives": self.no_event_false_positives,
            "expect_no_event_fp_rate": round(self.no_event_fp_rate, 4),
            "per_label": {k: v.to_dict() for k, v in sorted(self.per_label.items())},
            "confusion": {k: dict(v) for k, v in sorted(self.confusion.items())},
            "misses": self.misses,
        }


def _actor(code: str | None, sectors: bool) -> str:
    if not code or code in ("None", "---"):
        return "-"
    country = LEGACY_COUNTRIES.get(code[:3], code[:3])
    if not sectors:
        return country
    organisation = code[:3] in ORGANISATION_PREFIXES
    rest = code[6:] if organisation else code[3:]
    prefix = code[:6] if organisation else country
    return prefix + rest[:3]


def _gold_label(code: str, level: str, ontology: Ontology) -> str | None:
    if code.isdigit():
        if level == "root":
            return code[:2]
        if level == "code":
            return code
        entry = ontology.cameo.get(code) or ontology.cameo.get(code[:3]) or ontology.cameo.get(code[:2] + "0")
        return entry.plover if entry else None
    return ontology.plover_name(code)


def _event_label(event: Event, level: str, ontology: Ontology, plover_gold: bool) -> str | None:
    """The event's label at `level`. Against PLOVER-annotated gold the event's own PLOVER type
    counts (a trigger may refine it); against CAMEO gold seen at PLOVER level, the type the CAMEO
    table gives, as for the gold codes."""
    if level == "root":
        return event.cameo[:2]
    if level == "code":
        return event.cameo
    return event.plover if plover_gold else ontology.cameo[event.cameo].plover


def read_gold(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise InputError(f"{path}: no such gold file")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if "text" not in record:
            raise InputError(f"{path}:{number}: gold record has no text")
        records.append(record)
    return records


def evaluate(coder: Coder, path: Path, level: str = "root", sectors: bool = False,
             records: Iterable[dict[str, Any]] | None = None) -> EvalReport:
    if level not in LEVELS:
        raise InputError(f"--level must be one of {', '.join(LEVELS)}")
    ontology = load_ontology()
    report = EvalReport(str(path), level, sectors)
    rows = list(records) if records is not None else read_gold(path)
    for record in rows:
        report.records += 1
        plover_record = any(not str(e.get("code", "")).isdigit() for e in record.get("events", []))
        if plover_record and level != "plover":
            report_level = "plover"
        else:
            report_level = level
        report.annotated_only = report.annotated_only or plover_record
        gold: set[Triple] = set()
        for event in record.get("events", []):
            label = _gold_label(str(event["code"]), report_level, ontology)
            if label is None:
                continue
            gold.add((_actor(event.get("source"), sectors), _actor(event.get("target"), sectors), label))
        # an event with an unknown actor (a name no dictionary knows) is kept for review but not scored
        produced = [e for e in coder.code_text(record["text"], record.get("date"))
                    if e.factuality == "asserted" and e.source is not None
                    and not (e.target is None and e.target_text is not None)]
        predicted: set[Triple] = set()
        for e in produced:
            label = _event_label(e, report_level, ontology, plover_record)
            if label is not None:
                predicted.add((_actor(e.source, sectors), _actor(e.target, sectors), label))
        if record.get("expect_no_event"):
            report.no_event_records += 1
            report.no_event_false_positives += bool(predicted)
        tp = gold & predicted
        report.scores.tp += len(tp)
        report.scores.fp += len(predicted - gold)
        report.scores.fn += len(gold - predicted)
        for t in gold:
            report.per_label[t[2]].tp += t in tp
            report.per_label[t[2]].fn += t not in tp
        for t in predicted - gold:
            report.per_label[t[2]].fp += 1
        for t in gold - predicted:
            cut = (lambda label: label[:2]) if report_level != "plover" else (lambda label: label)
            same_dyad = sorted(cut(p[2]) for p in predicted if p[:2] == t[:2])
            report.confusion[cut(t[2])][same_dyad[0] if same_dyad else "none"] += 1
        if gold - predicted or (predicted - gold and not plover_record):
            report.misses.append({
                "id": record.get("id"), "text": record["text"],
                "missed": sorted(gold - predicted), "extra": sorted(predicted - gold),
                "produced": [f"{e.source}→{e.target} {e.cameo} ({e.rule})" for e in produced],
            })
    return report


@dataclass
class ActorReport:
    gold: str
    mentions: int = 0
    correct: int = 0
    uncoded: int = 0
    wrong: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.mentions if self.mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "mentions": self.mentions, "correct": self.correct, "uncoded": self.uncoded,
                "accuracy": round(self.accuracy, 4), "wrong": self.wrong}


def evaluate_actors(coder: Coder, path: Path) -> ActorReport:
    """Share of gold actor mentions (`source_actors`/`target_actors` text → country code) that
    detente codes right in context: the mention whose span covers the gold text's head word."""
    report = ActorReport(str(path))
    for record in read_gold(path):
        gold_actors = record.get("source_actors", []) + record.get("target_actors", [])
        if not gold_actors:
            continue
        text = record["text"]
        found = _mentions_by_char(coder, text, record.get("date"))
        for actor in gold_actors:
            start = text.find(actor["text"])
            if start < 0 or not actor.get("code"):
                continue
            report.mentions += 1
            gold_country = _actor(actor["code"], False)
            end = start + len(actor["text"])
            codes = {c for s, e, c in found if s < end and start < e and c}
            produced = {_actor(c, False) for c in codes}
            if gold_country in produced:
                report.correct += 1
            else:
                report.uncoded += not produced
                report.wrong.append({"id": record.get("id"), "text": actor["text"], "gold": actor["code"],
                                     "produced": sorted(codes)})
    return report


def _mentions_by_char(coder: Coder, text: str, date: str | None) -> list[tuple[int, int, str | None]]:
    from .ingest import normalise_date, report_date

    when = report_date(normalise_date(date))
    out = []
    offset = 0
    for doc in coder.parser.parse((s, None, when) for s in coder.parser.sentences(text)):
        start = text.find(doc.text[:20], offset)
        start = start if start >= 0 else offset
        offset = start
        for m in doc._.actors:
            span = doc[m.start:m.end]
            out.append((start + span.start_char, start + span.end_char, m.code))
    return out


@dataclass
class LexiconCheck:
    """How many trigger patterns code their own example sentence with their own code."""

    total: int
    coded: int
    failures: list[dict[str, Any]]

    @property
    def share(self) -> float:
        return self.coded / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "coded": self.coded, "share": round(self.share, 4), "failures": self.failures}


def _rule_pattern(rule: str) -> str:
    """The pattern id an event's rule names: "announced:c-supply-weapons[src=...]" → "c-supply-weapons"."""
    return rule.split(":", 1)[1].split("[", 1)[0] if rule.startswith(("announced:", "refused:")) else rule.split("[", 1)[0]


def check_lexicon(coder: Coder) -> LexiconCheck:
    """Code every pattern's `example` sentence and check that the pattern itself gives an event
    (with its own code, or the intent, threat or refusal code of an announced or refused act). A
    failure says why: the pattern's own candidate was dropped (and its reason), another pattern
    took the trigger, or no trigger matched."""

    patterns = load_lexicon().patterns
    items = [(SentenceText(i, p.example, True, i), "lexicon-check", None) for i, p in enumerate(patterns)]
    coded, failures = 0, []
    for pattern, doc in zip(patterns, coder.parser.parse(items)):
        events = extract(doc, coder.ontology)
        if any(_rule_pattern(e.rule) == pattern.id for e in events):
            coded += 1
            continue
        own = [c for c in doc._.event_candidates if c.pattern.id == pattern.id]
        if own:
            why = own[0].reason if not own[0].kept else "kept, but neither side has a known country or organisation"
        else:
            others = sorted({c.pattern.id for c in doc._.event_candidates})
            why = f"the trigger went to {', '.join(others)}" if others else "no trigger matched"
        failures.append({"id": pattern.id, "code": pattern.code, "where": pattern.where, "example": pattern.example,
                         "why": why, "produced": [f"{e.source}→{e.target} {e.cameo}" for e in events]})
    return LexiconCheck(len(patterns), coded, failures)
