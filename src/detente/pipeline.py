"""The whole path: documents → sentences → spaCy + actors + events → `Event` records → store.

`Coder` holds the loaded pipeline (load it once, code many documents). The module-level
functions `code_text`, `code_documents` and `code_paths` are what the Python API and the CLI
call.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Callable, Iterable, Iterator

from . import __version__
from .actors import load_actor_dictionary
from .events import extract
from .ingest import CsvColumns, iter_documents, normalise_date, report_date
from .lexicon import load_lexicon
from .ontology import load_ontology
from .parse import Parser, SentenceText
from .records import Document, Event, Skipped, content_hash
from .settings import Settings, load_settings
from .store import Store

DOCUMENT_CHUNK = 32


@dataclass(frozen=True)
class CodedDocument:
    document: Document
    events: tuple[Event, ...]
    n_sentences: int
    n_parsed: int


@dataclass
class RunSummary:
    run_id: str
    documents: int = 0
    already_stored: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    clusters: int | None = None
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(s.reason for s in self.skipped))

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["skipped"] = [s.message() for s in self.skipped]
        out["skipped_by_reason"] = self.skipped_by_reason
        return out


class Coder:
    """A loaded pipeline. Reuse one Coder for many documents: loading spaCy takes seconds."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.parser = Parser(self.settings)
        self.ontology = load_ontology()

    def data_versions(self) -> dict[str, object]:
        return {
            "model": self.settings.model,
            "actors": load_actor_dictionary().versions,
            "triggers": load_lexicon().versions,
        }

    def code_document_batch(self, documents: list[Document]) -> list[CodedDocument]:
        """Code several documents with one `nlp.pipe` pass over their candidate sentences."""
        plans = []
        items: list[tuple[SentenceText, str | None, date | None]] = []
        for document in documents:
            sentences = self.parser.sentences(document.text)
            when = report_date(document.published)
            wanted = [s for s in sentences if s.candidate]
            plans.append((document, len(sentences), len(wanted)))
            items.extend((s, document.doc_id, when) for s in wanted)
        by_doc: dict[str | None, list[Event]] = {}
        for doc in self.parser.parse(items):
            by_doc.setdefault(doc._.doc_id, []).extend(extract(doc, self.ontology))
        return [CodedDocument(d, tuple(by_doc.get(d.doc_id, [])), n, p) for d, n, p in plans]

    def code_documents(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        chunk: list[Document] = []
        for document in documents:
            chunk.append(document)
            if len(chunk) >= DOCUMENT_CHUNK:
                yield from self.code_document_batch(chunk)
                chunk = []
        if chunk:
            yield from self.code_document_batch(chunk)

    def code_text(self, text: str, date: str | None = None) -> list[Event]:
        document = Document.from_text(text, published=normalise_date(date))
        return list(self.code_document_batch([document])[0].events)

    def code_into(self, store: Store, inputs: Iterable[Document | Skipped],
                  progress: Callable[[int], None] | None = None) -> RunSummary:
        """Code every new document of `inputs` into `store`; record what was skipped and why."""
        run_id = content_hash("run", __version__, _clock(), length=12)
        summary = RunSummary(run_id)
        store.start_run(run_id, __version__, asdict(self.settings), self.data_versions(), data_hashes())

        def fresh() -> Iterator[Document]:
            pending: list[Document] = []
            for item in inputs:
                if isinstance(item, Skipped):
                    summary.skipped.append(item)
                    store.record_skipped([item], run_id)
                    if progress:
                        progress(1)
                    continue
                pending.append(item)
                if len(pending) >= DOCUMENT_CHUNK:
                    yield from self._unknown(store, pending, summary, progress)
                    pending = []
            yield from self._unknown(store, pending, summary, progress)

        def write(batch: list[CodedDocument]) -> None:
            # one short hold of the file per batch, each document with its events in one transaction
            with store.batch():
                for coded in batch:
                    if store.write_document(coded.document, coded.events, coded.n_sentences, coded.n_parsed, run_id):
                        summary.documents += 1
                        summary.sentences += coded.n_sentences
                        summary.parsed += coded.n_parsed
                        summary.events += len(coded.events)
                    else:
                        summary.already_stored += 1
                    if progress:
                        progress(1)

        batch: list[CodedDocument] = []
        for coded in self.code_documents(fresh()):
            batch.append(coded)
            if len(batch) >= DOCUMENT_CHUNK:
                write(batch)
                batch = []
        write(batch)
        if summary.documents:
            summary.clusters = store.cluster_events()
        store.finish_run(run_id, summary.documents, summary.events, len(summary.skipped))
        return summary

    @staticmethod
    def _unknown(store: Store, pending: list[Document], summary: RunSummary,
                 progress: Callable[[int], None] | None) -> Iterator[Document]:
        known = store.known_documents([d.doc_id for d in pending])
        seen: set[str] = set()
        for document in pending:
            if document.doc_id in known or document.doc_id in seen:
                summary.already_stored += 1
                if progress:
                    progress(1)
                continue
            seen.add(document.doc_id)
            yield document


def data_hashes() -> dict[str, str]:
    """A sha256 of every data file the coder reads (dictionaries, lexicon, ontology), for `runs`."""
    import hashlib

    from .datafiles import data_path

    root = data_path("")
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()[:16]
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in (".tsv", ".jsonl") and "sample" not in p.parts}


def _clock() -> str:
    from datetime import datetime

    return datetime.now().isoformat()


def code_paths(store: Store, paths: Iterable[str], coder: Coder, default_date: str | None = None,
               progress: Callable[[int], None] | None = None, csv_columns: CsvColumns | None = None) -> RunSummary:
    """Code files, folders or `-` into the store (what `detente code` does)."""
    return coder.code_into(store, iter_documents(paths, default_date, csv_columns), progress)
