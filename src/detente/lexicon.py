"""The trigger lexicon: verbal and nominal event patterns, loaded from `data/triggers/*.jsonl`.

The format is documented in docs/dictionaries.md. Every pattern is checked on load: its CAMEO
code must exist in the ontology, its target slots must be known, and its id must be unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .datafiles import data_path, read_jsonl, read_tsv
from .ontology import load_ontology

_SLOT = re.compile(r"^(dobj|iobj|none|clause|prep:[a-z][a-z ]*)$")
_KNOWN_FIELDS = {"id", "code", "pos", "lemma", "particle", "object", "modifier", "target", "source", "reciprocal", "example",
                 "note", "plover", "subject", "via"}


@dataclass(frozen=True)
class TriggerPattern:
    id: str
    code: str
    pos: str
    lemma: str
    particle: str | None
    object: frozenset[str]
    modifier: frozenset[str]
    target: tuple[str, ...]
    reciprocal: bool
    example: str
    where: str
    source: tuple[str, ...] = ()  # extra source slots of a noun: "the withdrawal of Serbian forces" (prep:of)
    # the PLOVER type and mode when the trigger's meaning places it apart from its CAMEO code's
    # default type: "indicted" is CAMEO 173 (arrest, detain or charge) but PLOVER ACCUSE/allege
    plover: str | None = None
    plover_mode: str | None = None
    # verbs only: lemmas one of which the subject's phrase must hold ("peacekeepers arrived" is
    # peacekeeping, not a visit)
    subject: frozenset[str] = frozenset()
    # verbs only: a preposition and the lemmas its object must have ("took to the streets":
    # ("to", {"street"})); the words name the event, not its target
    via: tuple[str, frozenset[str]] | None = None

    @property
    def specificity(self) -> int:
        return (2 * bool(self.particle) + 2 * bool(self.object) + 2 * bool(self.modifier) + 2 * bool(self.subject)
                + 2 * bool(self.via) + (self.target != ("none",)))

    @property
    def needs_target(self) -> bool:
        return "none" not in self.target


@dataclass(frozen=True)
class Lexicon:
    patterns: tuple[TriggerPattern, ...]
    index: dict[tuple[str, str], tuple[TriggerPattern, ...]]
    versions: dict[str, str]
    lemma_fixes: dict[str, str] = field(default_factory=dict)

    def lemma(self, token) -> str:
        """The token's lemma, corrected where the model is known to get it wrong."""
        return self.lemma_fixes.get(token.lower_) or token.lemma_.lower()

    def candidates(self, pos: str, lemma: str) -> tuple[TriggerPattern, ...]:
        return self.index.get((pos, lemma), ())


def _strings(row, key: str) -> frozenset[str]:
    value = row.values.get(key)
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise row.fail(f"{key} must be a list of non-empty strings")
    return frozenset(v.lower() for v in value)


def trigger_files() -> list[Path]:
    return sorted(data_path("triggers").glob("*.jsonl"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    ontology = load_ontology()
    patterns: list[TriggerPattern] = []
    seen: dict[str, str] = {}
    versions: dict[str, str] = {}
    for path in trigger_files():
        data = read_jsonl(path)
        versions[path.stem] = data.header["version"]
        for row in data.rows:
            unknown = set(row.values) - _KNOWN_FIELDS
            if unknown:
                raise row.fail(f"unknown field(s): {', '.join(sorted(unknown))}")
            pid = row.values.get("id")
            if not isinstance(pid, str) or not pid:
                raise row.fail("id is missing")
            if pid in seen:
                raise row.fail(f"id {pid!r} already used at {seen[pid]}")
            seen[pid] = f"{path.name}:{row.line}"
            code = row.values.get("code")
            if not isinstance(code, str) or code not in ontology.cameo:
                raise row.fail(f"code {code!r} is not a CAMEO code in cameo.tsv")
            pos = row.values.get("pos")
            if pos not in ("verb", "noun"):
                raise row.fail(f"pos must be 'verb' or 'noun', not {pos!r}")
            lemma = row.values.get("lemma")
            if not isinstance(lemma, str) or not lemma.strip():
                raise row.fail("lemma is missing")
            target = row.values.get("target")
            if not isinstance(target, list) or not target or not all(isinstance(t, str) and _SLOT.match(t) for t in target):
                raise row.fail(f"target must be a non-empty list of 'dobj', 'iobj', 'prep:X', 'clause' or 'none', not {target!r}")
            particle = row.values.get("particle")
            if particle is not None and (not isinstance(particle, str) or not particle):
                raise row.fail("particle must be a word")
            if pos == "noun" and (particle or row.values.get("object")):
                raise row.fail("noun patterns take no particle or object (use modifier)")
            source = row.values.get("source", [])
            if not isinstance(source, list) or not all(isinstance(t, str) and _SLOT.match(t) and t.startswith("prep:")
                                                       for t in source):
                raise row.fail(f"source must be a list of 'prep:X' slots, not {source!r}")
            via = row.values.get("via")
            if via is not None:
                if pos != "verb" or not isinstance(via, dict) or set(via) != {"prep", "object"} or not isinstance(
                        via["prep"], str) or not isinstance(via["object"], list) or not via["object"]:
                    raise row.fail('via must be {"prep": "to", "object": ["street"]} on a verb pattern')
            if row.values.get("subject") is not None and pos != "verb":
                raise row.fail("only verb patterns take a subject constraint")
            if source and pos != "noun":
                raise row.fail("only noun patterns take source slots (a verb's source is its subject)")
            plover = row.values.get("plover")
            if plover is not None and not isinstance(plover, str):
                raise row.fail(f"plover must be a PLOVER type, optionally with '/mode', not {plover!r}")
            plover_type, _, plover_mode = (plover or "").partition("/")
            if plover is not None and plover_type not in ontology.plover:
                raise row.fail(f"plover must be a PLOVER type, optionally with '/mode', not {plover!r}")
            example = row.values.get("example")
            if not isinstance(example, str) or not example:
                raise row.fail("example is missing: write the sentence this pattern is meant to code")
            patterns.append(TriggerPattern(
                id=pid, code=code, pos=pos, lemma=lemma.strip().lower(),
                particle=particle.lower() if particle else None,
                object=_strings(row, "object"), modifier=_strings(row, "modifier"),
                target=tuple(t.lower() for t in target), reciprocal=bool(row.values.get("reciprocal", False)),
                example=example, where=f"{path.name}:{row.line}", source=tuple(t.lower() for t in source),
                plover=plover_type or None, plover_mode=plover_mode or None, subject=_strings(row, "subject"),
                via=(via["prep"].lower(), frozenset(o.lower() for o in via["object"])) if via else None,
            ))
    index: dict[tuple[str, str], list[TriggerPattern]] = {}
    for pattern in patterns:
        index.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
    ordered = {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()}
    fixes_file = read_tsv(data_path("lemmas.tsv"), ("form", "lemma", "note"))
    fixes = {row.text("form").lower(): row.text("lemma").lower() for row in fixes_file.rows}
    versions["lemmas"] = fixes_file.header["version"]
    return Lexicon(tuple(patterns), ordered, versions, fixes)
