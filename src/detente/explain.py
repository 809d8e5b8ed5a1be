"""`detente explain`: the parse, the actors and every event candidate of a text, as plain data."""

from __future__ import annotations

from typing import Any

from .events import extract
from .ingest import normalise_date, report_date
from .pipeline import Coder
from .records import Document


def explain_text(coder: Coder, text: str, date: str | None = None) -> dict[str, Any]:
    document = Document.from_text(text, published=normalise_date(date))
    when = report_date(document.published)
    sentences = coder.parser.sentences(text)
    wanted = [(s, document.doc_id, when) for s in sentences if s.candidate]
    parsed = {doc._.sentence_index: doc for doc in coder.parser.parse(wanted)}
    report: dict[str, Any] = {"doc_id": document.doc_id, "report_date": document.published, "sentences": []}
    for sentence in sentences:
        entry: dict[str, Any] = {"index": sentence.index, "text": sentence.text, "parsed": sentence.index in parsed}
        doc = parsed.get(sentence.index)
        if doc is not None:
            entry["tokens"] = [
                {"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "tag": t.tag_, "dep": t.dep_,
                 "head": t.head.i, "head_text": t.head.text}
                for t in doc
            ]
            entry["actors"] = [
                {"text": m.text, "code": m.code, "start": m.start, "end": m.end, "head": m.head,
                 "head_text": doc[m.head].text, "modifier": m.modifier, "kind": m.kind, "why": m.why}
                for m in doc._.actors
            ]
            entry["candidates"] = [
                {"trigger": doc[c.trigger].text, "trigger_index": c.trigger, "code": c.pattern.code,
                 "pattern": c.pattern.id, "pattern_file": c.pattern.where,
                 "sources": [m.code for m in c.sources], "targets": [m.code for m in c.targets],
                 "source_via": c.source_via, "target_via": c.target_via, "kept": c.kept, "reason": c.reason,
                 "factuality": c.factuality, "factuality_why": c.factuality_why, "attributed_to": c.attributed_to}
                for c in doc._.event_candidates
            ]
            entry["events"] = [e.to_dict() for e in extract(doc, coder.ontology)]
        report["sentences"].append(entry)
    return report


def lookup_actors(coder: Coder, text: str, date: str | None = None) -> list[dict[str, Any]]:
    """Every actor mention in `text` (every sentence is parsed), with its code and why."""
    when = report_date(normalise_date(date))
    document = Document.from_text(text, published=normalise_date(date))
    sentences = coder.parser.sentences(text)
    out = []
    for doc in coder.parser.parse((s, document.doc_id, when) for s in sentences):
        for m in doc._.actors:
            out.append({"sentence_index": doc._.sentence_index, "text": m.text, "code": m.code,
                        "country": m.country, "kind": m.kind, "modifier": m.modifier,
                        "head_text": doc[m.head].text, "why": m.why})
    return out
