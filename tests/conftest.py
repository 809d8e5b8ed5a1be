"""Shared fixtures: a blank pipeline for hand-built Docs (rule logic) and the real model (integration)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from detente.actors import make_actor_recognizer
from detente.events import EventMatcher
from detente.lexicon import Lexicon, TriggerPattern
from detente.parse import register

ROOT = Path(__file__).resolve().parents[1]
_paragraphs = itertools.count()
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "src" / "detente" / "data" / "sample" / "articles.jsonl"


@pytest.fixture(scope="session")
def blank_nlp():
    register()
    return spacy.blank("en")


@pytest.fixture(scope="session")
def actor_component(blank_nlp):
    return make_actor_recognizer(blank_nlp, "detente_actors")


def pattern(pid, code, pos, lemma, target, **extra):
    return TriggerPattern(
        id=pid, code=code, pos=pos, lemma=lemma, particle=extra.get("particle"),
        object=frozenset(extra.get("object", ())), modifier=frozenset(extra.get("modifier", ())),
        target=tuple(target), reciprocal=extra.get("reciprocal", False), example="", where="tests",
    )


# A small lexicon of its own, so rule tests do not move when the real lexicon grows.
RULE_PATTERNS = (
    pattern("t-impose-sanctions", "163", "verb", "impose", ["prep:on", "prep:against"], object=["sanction"]),
    pattern("t-sanction-noun", "163", "noun", "sanction", ["prep:on", "prep:against"]),
    pattern("t-condemn", "111", "verb", "condemn", ["dobj"]),
    pattern("t-attack", "190", "verb", "attack", ["dobj"]),
    pattern("t-meet", "040", "verb", "meet", ["dobj", "prep:with"], reciprocal=True),
    pattern("t-exercise", "062", "noun", "exercise", ["prep:with"], modifier=["joint", "naval"], reciprocal=True),
    pattern("t-threaten", "130", "verb", "threaten", ["dobj", "prep:with"]),
    pattern("t-water-down", "120", "verb", "water", ["none"], particle="down"),
)


@pytest.fixture(scope="session")
def rule_lexicon():
    index = {}
    for p in RULE_PATTERNS:
        index.setdefault((p.pos, p.lemma), []).append(p)
    return Lexicon(RULE_PATTERNS, {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()}, {})


@pytest.fixture(scope="session")
def event_component(blank_nlp, rule_lexicon):
    return EventMatcher(blank_nlp, "detente_events", rule_lexicon)


@pytest.fixture(scope="session")
def build(blank_nlp, actor_component, event_component):
    """Build a parsed Doc by hand and run detente's components on it.

    `rows` are (text, head, dep, pos, lemma[, tag]) with `head` an absolute token index.
    """

    def _build(rows, when: str | None = None, run_events: bool = True) -> Doc:
        words = [r[0] for r in rows]
        spaces = [not (i + 1 < len(rows) and rows[i + 1][0] in (".", ",", "'s", "n't", "?", "-")) and r[0] != "-"
                  for i, r in enumerate(rows)]
        doc = Doc(
            blank_nlp.vocab, words=words, spaces=spaces,
            heads=[r[1] for r in rows], deps=[r[2] for r in rows], pos=[r[3] for r in rows],
            lemmas=[r[4] for r in rows], tags=[r[5] if len(r) > 5 else "" for r in rows],
        )
        doc._.report_date = date.fromisoformat(when) if when else None
        doc._.doc_id = "test"
        doc._.paragraph = next(_paragraphs)  # each built Doc is its own paragraph: no pronoun memory leaks
        doc._.sentence_index = 0
        actor_component(doc)
        if run_events:
            event_component(doc)
        return doc

    return _build


@pytest.fixture(scope="session")
def coder():
    from detente.pipeline import Coder

    return Coder()


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `detente` entry point in a subprocess."""
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "detente.cli", *args], input=stdin, capture_output=True,
                          cwd=cwd, env=env, timeout=600)
