"""The command line: a thin mirror of the Python API. Named errors become messages here, once."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import DetenteError
from .records import EVENT_FIELDS, FACTUALITY_VALUES
from .cli_analytics import register as register_analytics
from .settings import Settings, load_settings

app = typer.Typer(
    name="detente",
    help="Code news text about world politics into CAMEO/PLOVER events, store them in DuckDB, and query them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = typer.Option(None, "--db", help="DuckDB store file (default: the `db` setting, detente.duckdb).")
ModelOption = typer.Option(None, "--model", help="Installed spaCy pipeline to use (default: the `model` setting).")
# the event filters `events` and `export` share (see EventFilter)
SourceOption = typer.Option(None, "--source", help="Country code (CHN) or full actor code (CHNGOV).")
TargetOption = typer.Option(None, "--target", help="Country code or full actor code.")
RootOption = typer.Option(None, "--root", help="CAMEO root, e.g. 04 or 19.")
FactualityOption = typer.Option(None, "--factuality", help=f"One of: {', '.join(FACTUALITY_VALUES)}.")
SinceOption = typer.Option(None, "--since", help="Earliest event date, YYYY-MM-DD.")
UntilOption = typer.Option(None, "--until", help="Latest event date, YYYY-MM-DD.")
LimitOption = typer.Option(None, "--limit", help="At most this many events.")


def _settings(db: str | None = None, model: str | None = None) -> Settings:
    return load_settings().with_overrides(db=db, model=model)


@app.command()
def code(
    paths: list[str] = typer.Argument(..., help="Text, JSON Lines, CSV, HTML, RSS/Atom and .jsonl.gz/.csv.gz files, "
                                                 "folders of them, or - for standard input."),
    db: Optional[str] = DbOption,
    date: Optional[str] = typer.Option(None, "--date", help="Report date (YYYY-MM-DD) for inputs that carry none."),
    model: Optional[str] = ModelOption,
    top: int = typer.Option(10, "--top", help="How many dyads the summary lists."),
    csv_text: Optional[str] = typer.Option(None, "--csv-text", help="CSV column holding the text (default: text)."),
    csv_title: Optional[str] = typer.Option(None, "--csv-title", help="CSV column holding the title (default: title)."),
    csv_date: Optional[str] = typer.Option(None, "--csv-date", help="CSV column holding the date, YYYY-MM-DD (default: date)."),
    csv_id: Optional[str] = typer.Option(None, "--csv-id", help="CSV column holding the document's own id (default: id)."),
    csv_source: Optional[str] = typer.Option(None, "--csv-source", help="CSV column holding the publisher (default: source)."),
    csv_url: Optional[str] = typer.Option(None, "--csv-url", help="CSV column holding the URL (default: url)."),
) -> None:
    """Code documents into the store and print a summary. Exits 1 when any input was skipped."""
    from .ingest import CsvColumns
    from .pipeline import Coder, code_paths
    from .store import open_store

    mapping = {"text": csv_text, "title": csv_title, "date": csv_date, "id": csv_id, "source": csv_source, "url": csv_url}
    columns = CsvColumns(**{key: value for key, value in mapping.items() if value is not None})
    settings = _settings(db, model)
    err.print(f"detente {__version__}: loading {settings.model} …")
    coder = Coder(settings)
    with open_store(settings.db) as store:
        with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("coding", total=None)
            summary = code_paths(store, paths, coder, date, lambda n: bar.advance(task, n), columns)
        for skipped in summary.skipped:
            err.print(f"[yellow]skipped[/] {escape(skipped.message())}")
        _print_summary(store, summary, top)
    if summary.skipped:
        raise typer.Exit(1)


def _print_summary(store: Any, summary: Any, top: int) -> None:
    counts = store.counts()
    out.print(f"[bold]This run[/]: {summary.documents} new documents, {summary.already_stored} already stored, "
              f"{summary.sentences} sentences ({summary.parsed} parsed), {summary.events} events, "
              f"{len(summary.skipped)} skipped"
              + (f" ({', '.join(f'{k}: {v}' for k, v in summary.skipped_by_reason.items())})" if summary.skipped else ""))
    out.print(f"[bold]Store[/] {escape(store.path)}: {counts['documents']} documents, {counts['sentences']} sentences, "
              f"{counts['events']} events in {counts['clusters']} clusters, {counts['skipped']} inputs in quarantine")
    by_fact = store.events_by_factuality()
    if by_fact:
        out.print("Events by factuality: " + ", ".join(f"{f} {n}" for f, n in by_fact))
    from .ontology import load_ontology

    ontology = load_ontology()
    roots = Table(title="Asserted events by CAMEO root")
    roots.add_column("root")
    roots.add_column("name")
    roots.add_column("events", justify="right")
    for root, n in store.events_by_root("asserted"):
        roots.add_row(root, ontology.cameo[root + "0"].name.split(",")[0] if root + "0" in ontology.cameo else "", str(n))
    out.print(roots)
    dyads = Table(title=f"Top {top} dyads (asserted events)")
    for column in ("source", "target", "events", "Goldstein sum"):
        dyads.add_column(column, justify="right" if column in ("events", "Goldstein sum") else "left")
    for source, target, n, total in store.top_dyads(top):
        dyads.add_row(source, target, str(n), f"{total:+.1f}")
    out.print(dyads)


def _event_filter(source: str | None, target: str | None, root: str | None, factuality: str | None,
                  since: str | None, until: str | None, limit: int | None,
                  error: type[DetenteError] = DetenteError) -> Any:
    """The `EventFilter` the options of `events` and `export` describe, checked."""
    from .store import EventFilter

    if factuality and factuality not in FACTUALITY_VALUES:
        raise error(f"--factuality must be one of {', '.join(FACTUALITY_VALUES)}")
    return EventFilter(source, target, root, factuality, since, until, limit)


@app.command()
def events(
    db: Optional[str] = DbOption,
    source: Optional[str] = SourceOption,
    target: Optional[str] = TargetOption,
    root: Optional[str] = RootOption,
    factuality: Optional[str] = FactualityOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
    limit: Optional[int] = LimitOption,
    clusters: bool = typer.Option(False, "--clusters", help="List event clusters (one real event reported many times) instead of mentions."),
) -> None:
    """List stored events, filtered."""
    from .store import open_store

    if fmt not in ("table", "jsonl", "csv"):
        raise DetenteError("--format must be table, jsonl or csv")
    settings = _settings(db)
    selection = _event_filter(source, target, root, factuality, since, until, limit)
    with open_store(settings.db, read_only=True) as store:
        rows = store.clusters(selection) if clusters else store.events(selection)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if clusters and rows else list(EVENT_FIELDS))
        writer.writeheader()
        writer.writerows(rows)
    elif clusters:
        table = Table(title=f"{len(rows)} event clusters")
        for column in ("first date", "source", "target", "root", "place", "mentions", "documents", "sources", "example"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(str(row["first_date"]), row["source_country"] or "", row["target_country"] or "",
                          row["cameo_root"], escape(row["place"] or ""), str(row["num_mentions"]),
                          str(row["num_documents"]), str(row["num_sources"]), escape((row["example"] or "")[:100]))
        out.print(table)
    else:
        table = Table(title=f"{len(rows)} events")
        for column in ("date", "source", "target", "cameo", "factuality", "trigger", "sentence"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(row["event_date"] or "", row["source"] or "", row["target"] or "", row["cameo"],
                          row["factuality"], escape(row["trigger_text"]), escape(row["sentence"][:120]))
        out.print(table)


@app.command()
def quarantine(
    db: Optional[str] = DbOption,
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List the inputs that could not be coded, with where they came from and why."""
    from .store import open_store

    with open_store(_settings(db).db, read_only=True) as store:
        rows = store.quarantine()
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = Table(title=f"{len(rows)} inputs in quarantine")
    for column in ("origin", "position", "reason", "detail", "run"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(escape(row["origin"]), row["position"] or "", row["reason"], escape(row["detail"] or ""), row["run_id"])
    out.print(table)


@app.command()
def export(
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, parquet, gdelt (GDELT 2.0 event-table TSV) or plover (PLOVER/POLECAT JSON records)."),
    out_file: Optional[str] = typer.Option(None, "--out", help="File to write (default: standard output; parquet needs a file)."),
    db: Optional[str] = DbOption,
    source: Optional[str] = SourceOption,
    target: Optional[str] = TargetOption,
    root: Optional[str] = RootOption,
    factuality: Optional[str] = FactualityOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    limit: Optional[int] = LimitOption,
) -> None:
    """Export stored events, filtered as in `detente events`, as JSON Lines, CSV, Parquet, GDELT TSV or PLOVER records."""
    from .export import FORMATS, ExportError, export_events
    from .store import open_store

    if fmt not in FORMATS:
        raise ExportError(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet" and not out_file:
        raise ExportError("parquet is a binary format: give the file to write with --out PATH")
    selection = _event_filter(source, target, root, factuality, since, until, limit, error=ExportError)
    with open_store(_settings(db).db, read_only=True) as store:
        count = export_events(store, selection, fmt, out_file or sys.stdout)
    if out_file:
        err.print(f"exported {count} {'records' if fmt == 'plover' else 'events'} to {escape(out_file)}")


@app.command()
def explain(
    text: str = typer.Argument(..., help="The text to explain (one or a few sentences)."),
    date: Optional[str] = typer.Option(None, "--date", help="Report date, YYYY-MM-DD."),
    model: Optional[str] = ModelOption,
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Show the parse, the actors found (and why), and every event candidate with its fate."""
    from .explain import explain_text
    from .pipeline import Coder

    report = explain_text(Coder(_settings(model=model)), text, date)
    if fmt == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    for sentence in report["sentences"]:
        out.print(f"[bold]Sentence {sentence['index']}[/]: {escape(sentence['text'])}")
        if not sentence["parsed"]:
            out.print("  not parsed: no known actor in it")
            continue
        tokens = Table(title="Tokens", show_lines=False)
        for column in ("i", "text", "lemma", "pos", "dep", "head"):
            tokens.add_column(column)
        for t in sentence["tokens"]:
            tokens.add_row(str(t["i"]), t["text"], t["lemma"], t["pos"], t["dep"], f"{t['head']} {t['head_text']}")
        out.print(tokens)
        out.print("[bold]Actors[/]")
        for a in sentence["actors"]:
            out.print(f"  {a['code'] or '?':10} {a['text']!r} (head: {a['head_text']!r}"
                      f"{', modifier' if a['modifier'] else ''}) — {a['why']}", markup=False)
        out.print("[bold]Event candidates[/]")
        for c in sentence["candidates"]:
            verdict = "[green]kept[/]" if c["kept"] else "[red]dropped[/]"
            out.print(f"  {verdict} " + escape(
                f"{c['code']} on {c['trigger']!r} by pattern {c['pattern']} ({c['pattern_file']}): "
                f"sources {c['sources']} via {c['source_via'] or '-'}, targets {c['targets']} via {c['target_via'] or '-'}; "
                f"{c['factuality']} ({c['factuality_why']}); {c['reason']}"))
        out.print("[bold]Events[/]")
        for e in sentence["events"]:
            out.print(json.dumps(e, ensure_ascii=False), markup=False)


@app.command(name="eval")
def eval_(
    gold: list[Path] = typer.Argument(..., help="Gold JSON Lines files (schema: ../shared/data/gold/README.md)."),
    level: str = typer.Option("root", "--level", help="Compare CAMEO root, full CAMEO code, or PLOVER type: root, code or plover."),
    sectors: bool = typer.Option(False, "--sectors", help="Compare actors with their first sector (USAGOV), not only the country."),
    misses: int = typer.Option(10, "--misses", help="How many misses to list (0 for none, -1 for all)."),
    actors: bool = typer.Option(False, "--actors", help="Score actor coding instead: gold actor mentions (text → country) coded right in context."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    model: Optional[str] = ModelOption,
) -> None:
    """Score the coder on gold-standard sentences: precision, recall, F1, per-code table, confusion, misses."""
    from .evaluate import evaluate
    from .pipeline import Coder

    coder = Coder(_settings(model=model))
    if actors:
        from .evaluate import evaluate_actors

        actor_reports = [evaluate_actors(coder, path) for path in gold]
        if fmt == "json":
            sys.stdout.write(json.dumps([r.to_dict() for r in actor_reports], ensure_ascii=False, indent=2) + "\n")
            return
        for r in actor_reports:
            if not r.mentions:
                out.print(f"[bold]{escape(r.gold)}[/]: no gold actor mentions (source_actors/target_actors) to score")
                continue
            out.print(f"[bold]{escape(r.gold)}[/]: {r.correct}/{r.mentions} gold actor mentions coded to the right country "
                      f"([bold]{r.accuracy:.3f}[/]); {r.uncoded} found no actor")
            for w in (r.wrong if misses < 0 else r.wrong[:misses]):
                out.print(f"   {w['id']}: {w['text']!r} gold {w['gold']} produced {w['produced']}", markup=False)
        return
    reports = [evaluate(coder, path, level, sectors) for path in gold]
    if fmt == "json":
        sys.stdout.write(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2) + "\n")
        return
    for report in reports:
        _print_eval(report, misses)


def _print_eval(report: Any, misses: int) -> None:
    s = report.scores
    out.print(f"[bold]{report.gold}[/] — {report.records} records, level {report.level}"
              f"{', with sectors' if report.sectors else ', country level'}, asserted events")
    if report.annotated_only:
        out.print(f"  recall of the annotated events: [bold]{s.recall:.3f}[/] ({s.tp}/{s.tp + s.fn}); "
                  f"precision {s.precision:.3f} is a lower bound (other events in a sentence are not annotated)")
    else:
        out.print(f"  precision [bold]{s.precision:.3f}[/]  recall [bold]{s.recall:.3f}[/]  F1 [bold]{s.f1:.3f}[/]"
                  f"  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    if report.no_event_records:
        out.print(f"  expect_no_event records with an event: {report.no_event_false_positives}/{report.no_event_records}"
                  f" ({report.no_event_fp_rate:.0%})")
    table = Table(title="Per label")
    for column in ("label", "gold", "found", "extra", "precision", "recall"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, sc in sorted(report.per_label.items()):
        table.add_row(label, str(sc.tp + sc.fn), str(sc.tp), str(sc.fp), f"{sc.precision:.2f}", f"{sc.recall:.2f}")
    out.print(table)
    if report.confusion:
        out.print("Missed gold labels → what was produced for the same dyad: " + "; ".join(
            f"{gold} → " + ", ".join(f"{k} ×{v}" for k, v in sorted(row.items())) for gold, row in sorted(report.confusion.items())))
    shown = report.misses if misses < 0 else report.misses[:misses]
    for miss in shown:
        out.print(f"[yellow]miss[/] {escape(str(miss['id']))}: {escape(miss['text'])}")
        out.print(f"   gold not found: {miss['missed']}  extra: {miss['extra']}", markup=False)
        out.print(f"   produced: {miss['produced']}", markup=False)


actors_app = typer.Typer(help="Look up actor codes and list the names the dictionaries do not know yet.",
                         no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
def actors_lookup(
    text: str = typer.Argument(..., help="A name or a phrase in context, e.g. \"the Russian president\"."),
    date: Optional[str] = typer.Option(None, "--date", help="Date the text refers to (YYYY-MM-DD): office holders resolve by it."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    model: Optional[str] = ModelOption,
) -> None:
    """Show the actor code(s) found in TEXT and why."""
    from .explain import lookup_actors
    from .pipeline import Coder

    found = lookup_actors(Coder(_settings(model=model)), text, date)
    if fmt == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        out.print("no actor found")
    for a in found:
        out.print(f"{a['code'] or '(unknown)':12} {a['text']!r}{' (modifies ' + repr(a['head_text']) + ')' if a['modifier'] else ''}"
                  f" — {a['why']}", markup=False)


@actors_app.command("unknown")
def actors_unknown(
    db: Optional[str] = DbOption,
    limit: int = typer.Option(50, "--limit", help="At most this many names."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List names in actor positions that no dictionary knows, most frequent first."""
    from .store import open_store

    with open_store(_settings(db).db, read_only=True) as store:
        rows = store.unknown_actors(limit)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(rows)} unknown actor names")
    for column in ("text", "mentions", "documents", "as_source", "as_target"):
        table.add_column(column, justify="left" if column == "text" else "right")
    for row in rows:
        table.add_row(escape(row["text"]), *(str(row[c]) for c in ("mentions", "documents", "as_source", "as_target")))
    out.print(table)


lexicon_app = typer.Typer(help="Check the trigger lexicon.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("check")
def lexicon_check(
    failures: int = typer.Option(20, "--failures", help="How many failing patterns to list (0 for none, -1 for all)."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    model: Optional[str] = ModelOption,
) -> None:
    """Code every trigger pattern's example sentence and report the patterns it does not code."""
    from .evaluate import check_lexicon
    from .pipeline import Coder

    report = check_lexicon(Coder(_settings(model=model)))
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"{report.coded}/{report.total} pattern examples coded with their own code ([bold]{report.share:.3f}[/])")
    for f in (report.failures if failures < 0 else report.failures[:failures]):
        out.print(f"  {f['id']} ({f['code']}, {f['where']}): {f['example']!r} — {f['why']}", markup=False)


@app.command()
def version() -> None:
    """Print detente's version, the spaCy pipeline and the data file versions."""
    out.print(f"detente {__version__}")
    out.print(json.dumps(load_settings().__dict__))


register_analytics(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point. Usage errors are click's (a message and status 2, in standalone mode);
    detente's named errors become `error (code): message` and status 2 here, in one place."""
    try:
        app(args=argv, prog_name="detente", standalone_mode=True)
    except DetenteError as exc:
        err.print(f"[red]error[/] ({exc.code}): {escape(exc.message)}")
        return 2
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
