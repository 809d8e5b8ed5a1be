"""Throughput: the bare spaCy parse and detente's full pipeline over the same sentences, in one run.

    python bench/throughput.py [--n 2000] [--corpus ../shared/data/corpus/reuters21578.jsonl]

Prints sentences per second for each, their ratio (full / bare; above 1 means detente is faster
than parsing everything, because it parses only sentences that name an actor), and the process's
peak resident memory after each (both pipelines are loaded before either is timed).
Not a test: the machine is shared, so compare the two figures of one run, not runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import spacy

from detente.pipeline import Coder
from detente.records import Document
from detente.settings import load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus" / "reuters21578.jsonl"


def sentences_from(corpus: Path, n: int, coder: Coder) -> list[tuple[str, str | None]]:
    """The first `n` sentences (as detente splits them) of the corpus, with their document dates."""
    out: list[tuple[str, str | None]] = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if not row.get("text"):
                continue
            for sentence in coder.parser.sentences(row["text"]):
                out.append((sentence.text, row.get("date")))
                if len(out) >= n:
                    return out
    return out


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (both pipelines are loaded before timing)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="number of sentences")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args()

    settings = load_settings().with_overrides(batch_size=args.batch_size)
    coder = Coder(settings)
    bare = spacy.load(settings.model)
    sentences = sentences_from(args.corpus, args.n, coder)
    texts = [s for s, _ in sentences]
    documents = [Document.from_text(text, published=date) for text, date in sentences]
    print(f"{len(texts)} sentences from {args.corpus.name}; model {settings.model}; batch size {settings.batch_size}")

    # warm up both once so neither pays first-call costs in the timing
    list(bare.pipe(texts[:50], batch_size=settings.batch_size))
    list(coder.code_documents(documents[:50]))

    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=settings.batch_size):
        pass
    bare_seconds = time.perf_counter() - start
    bare_peak = peak_rss_mib()

    start = time.perf_counter()
    n_events = 0
    n_parsed = 0
    for coded in coder.code_documents(documents):
        n_events += len(coded.events)
        n_parsed += coded.n_parsed
    full_seconds = time.perf_counter() - start
    full_peak = peak_rss_mib()

    # the components' own cost: bare parse vs full pipeline over only the sentences detente parses
    wanted = [t for t in texts if any(s.candidate for s in coder.parser.sentences(t))]
    start = time.perf_counter()
    for _ in bare.pipe(wanted, batch_size=settings.batch_size):
        pass
    bare_wanted = time.perf_counter() - start
    start = time.perf_counter()
    for _ in coder.code_documents([Document.from_text(t) for t in wanted]):
        pass
    full_wanted = time.perf_counter() - start

    bare_rate = len(texts) / bare_seconds
    full_rate = len(texts) / full_seconds
    print(f"bare spaCy parse : {bare_rate:8.1f} sentences/s ({bare_seconds:.1f} s); peak RSS after it {bare_peak:.0f} MiB")
    print(f"detente pipeline : {full_rate:8.1f} sentences/s ({full_seconds:.1f} s); peak RSS after it {full_peak:.0f} MiB;"
          f" parsed {n_parsed} of {len(texts)} sentences, {n_events} events")
    print(f"ratio full/bare  : {full_rate / bare_rate:.2f}")
    print(f"on the {len(wanted)} sentences that name an actor: bare {len(wanted) / bare_wanted:.1f}/s, "
          f"detente {len(wanted) / full_wanted:.1f}/s, ratio {bare_wanted / full_wanted:.2f} (the components' overhead)")


if __name__ == "__main__":
    main()
