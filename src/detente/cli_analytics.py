"""The analytics commands of the CLI: dyad, relations, network, shifts, align.

Each command parses its options, calls one function of `detente.analytics` (and, for `--plot`,
one of `detente.plots`) and prints the result as a table, JSON or CSV. `register(app)` adds them
to detente's typer app; the shared options and consoles come from `detente.cli`, imported when
the commands are registered or run, so that this module does not import the CLI at load time.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, Optional

import typer
from rich.markup import escape
from rich.table import Table

FORMATS = ("table", "json", "csv")
ByOption = typer.Option("month", "--by", help="Period: week, month, quarter or year.")
FormatOption = typer.Option("table", "--format", help="table, json or csv.")
FactualityOption = typer.Option("asserted", "--factuality",
                                help="Which events count: asserted (default), all, or a comma list such as asserted,negated.")


def _check_format(fmt: str) -> None:
    from .analytics import OptionError

    if fmt not in FORMATS:
        raise OptionError(f"--format must be one of {', '.join(FORMATS)}")


def _csv(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _json(result: Any) -> None:
    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")


def _num(value: float | None, sign: bool = True, digits: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _event_line(e: dict[str, Any]) -> str:
    return (f"{e['date']} {e['source'] or '?'} → {e['target'] or '?'} {e['cameo']} ({e['goldstein']:+.1f}) "
            f"“{e['sentence'][:140]}”")


def register(app: typer.Typer) -> None:
    """Add the commands dyad, relations, network, shifts and align to `app`."""
    from .cli import DbOption, SinceOption, UntilOption

    def settings(db: str | None) -> Any:
        from .cli import _settings

        return _settings(db)

    def consoles() -> tuple[Any, Any]:
        from .cli import err, out

        return out, err

    def checked(fmt: str, plot: str | None = None) -> None:
        """Check the options every command shares before any work is done."""
        _check_format(fmt)
        if plot:
            from .plots import check_png

            check_png(plot)

    def read_store(db: str | None) -> Any:
        from .store import open_store

        return open_store(settings(db).db, read_only=True)

    @app.command()
    def dyad(
        a: str = typer.Argument(..., help="First country code, e.g. CHN."),
        b: str = typer.Argument(..., help="Second country code, e.g. RUS."),
        db: Optional[str] = DbOption,
        since: Optional[str] = SinceOption,
        until: Optional[str] = UntilOption,
        by: str = ByOption,
        clusters: bool = typer.Option(False, "--clusters", help="Count cross-document event clusters (one real event reported many times counts once) instead of mentions."),
        plot: Optional[str] = typer.Option(None, "--plot", help="Also draw the series to FILE.png (FILE.html is not built yet)."),
        fmt: str = FormatOption,
        factuality: str = FactualityOption,
    ) -> None:
        """Both directions of a dyad per period: events per QuadClass, Goldstein sum and mean, net cooperation."""
        from .analytics import dyad_series

        checked(fmt, plot)
        with read_store(db) as store:
            series = dyad_series(store, a, b, since=since, until=until, by=by, factuality=factuality, clusters=clusters)
        out, err = consoles()
        if plot:
            from .plots import plot_dyad

            err.print(f"plot written to {escape(str(plot_dyad(series, plot)))}")
        if fmt == "json":
            return _json(series)
        if fmt == "csv":
            return _csv(series.rows())
        table = Table(title=f"{escape(series.a_name)} ({series.a}) ↔ {escape(series.b_name)} ({series.b}), "
                            f"per {series.by} — {series.selection}")
        table.add_column("period")
        for source, target in ((series.a, series.b), (series.b, series.a)):
            for column in ("events", "coop", "conflict", "G sum", "G mean", "net"):
                table.add_column(f"{source}→{target} {column}" if column == "events" else column, justify="right")
        empty = 0
        for period, ab, ba in zip(series.periods, series.a_to_b, series.b_to_a):
            if not ab.events and not ba.events:
                empty += 1
                continue
            cells = [period]
            for s in (ab, ba):
                cells += [str(s.events), str(s.verbal_cooperation + s.material_cooperation),
                          str(s.verbal_conflict + s.material_conflict), _num(s.goldstein_sum, digits=1),
                          _num(s.goldstein_mean), _num(s.net_cooperation)]
            table.add_row(*cells)
        out.print(table)
        out.print("net = (cooperation − conflict) / events; coop = QuadClass 1–2, conflict = 3–4"
                  + (f"; {empty} periods without events not shown" if empty else ""))

    @app.command()
    def relations(
        db: Optional[str] = DbOption,
        countries: Optional[str] = typer.Option(None, "--countries", help="Comma-separated country codes, e.g. CHN,RUS,USA,PRK."),
        top: int = typer.Option(10, "--top", help="Without --countries: the N most active countries."),
        since: Optional[str] = SinceOption,
        until: Optional[str] = UntilOption,
        plot: Optional[str] = typer.Option(None, "--plot", help="Also draw the heatmap to FILE.png."),
        fmt: str = FormatOption,
        factuality: str = FactualityOption,
    ) -> None:
        """Matrix of net cooperation (row acts on column) among the given or the most active countries."""
        from .analytics import relations as compute

        checked(fmt, plot)
        codes = [c for c in (countries or "").split(",") if c.strip()] or None
        with read_store(db) as store:
            rel = compute(store, codes, top=top, since=since, until=until, factuality=factuality)
        out, err = consoles()
        if plot:
            from .plots import plot_relations

            err.print(f"plot written to {escape(str(plot_relations(rel, plot)))}")
        if fmt == "json":
            return _json(rel)
        if fmt == "csv":
            return _csv(rel.cells())
        table = Table(title=f"Net cooperation, row → column (events) — {rel.selection}")
        table.add_column("source ↓  target →")
        for code in rel.countries:
            table.add_column(code, justify="right")
        for i, (code, name) in enumerate(zip(rel.countries, rel.names)):
            table.add_row(f"{escape(name)} ({code})", *(
                "" if i == j else (f"{_num(rel.net[i][j])} ({rel.events[i][j]})" if rel.events[i][j] else "·")
                for j in range(len(rel.countries))))
        out.print(table)
        out.print("net cooperation = (cooperation − conflict) / events, from −1 (all conflict) to +1 (all cooperation)")

    @app.command()
    def network(
        db: Optional[str] = DbOption,
        since: Optional[str] = SinceOption,
        until: Optional[str] = UntilOption,
        min_events: int = typer.Option(1, "--min-events", help="Keep a pair of countries only with at least N events."),
        blocs: int = typer.Option(2, "--blocs", help="How many blocs signed spectral clustering looks for."),
        graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the network to FILE.graphml."),
        json_file: Optional[str] = typer.Option(None, "--json", help="Write the network, balance and blocs to FILE.json."),
        plot: Optional[str] = typer.Option(None, "--plot", help="Also draw the network to FILE.png."),
        fmt: str = FormatOption,
        factuality: str = FactualityOption,
    ) -> None:
        """Signed network between countries (positive = net cooperation), its structural balance and its blocs."""
        from .analytics import network as compute
        from .analytics import write_graphml, write_json

        checked(fmt, plot)
        with read_store(db) as store:
            report = compute(store, since=since, until=until, min_events=min_events, blocs=blocs, factuality=factuality)
        out, err = consoles()
        if graphml:
            err.print(f"GraphML written to {escape(str(write_graphml(report, graphml)))}")
        if json_file:
            err.print(f"JSON written to {escape(str(write_json(report, json_file)))}")
        if plot:
            from .plots import plot_network

            err.print(f"plot written to {escape(str(plot_network(report, plot)))}")
        if fmt == "json":
            return _json(report)
        if fmt == "csv":
            return _csv([e.to_dict() for e in report.graph.edges])
        graph, balance, found = report.graph, report.balance, report.blocs
        names = {n.code: n.name for n in graph.nodes}
        out.print(f"[bold]Signed network[/]: {len(graph.nodes)} countries, {len(graph.edges)} pairs with at least "
                  f"{graph.min_events} events ({graph.selection})")
        share = "n/a" if balance.share_balanced is None else f"{balance.share_balanced:.1%}"
        weighted = "n/a" if balance.weighted_share_balanced is None else f"{balance.weighted_share_balanced:.1%}"
        out.print(f"[bold]Structural balance[/]: {balance.balanced} of {balance.triangles} triangles balanced ({share}; "
                  f"weighted by |net| {weighted})")
        out.print(f"[bold]Blocs[/] ({found.method}, {found.requested} requested): {found.frustration} of {found.edges} "
                  f"signed edges disagree with them")
        for i, members in enumerate(found.blocs, start=1):
            out.print(f"  bloc {i}: " + escape(", ".join(f"{names[c]} ({c})" for c in members)))
        if found.unplaced:
            out.print("  outside the largest connected part: " + escape(", ".join(found.unplaced)))
        if balance.most_unbalanced:
            triads = Table(title="Most unbalanced triads (clearest signs first)")
            for column in ("countries", "weights ab, ac, bc", "tension"):
                triads.add_column(column)
            for t in balance.most_unbalanced:
                triads.add_row(escape(" · ".join(t.names)), ", ".join(_num(w) for w in t.weights), f"{t.tension:.2f}")
            out.print(triads)
        edges = Table(title=f"Pairs by events (top 25 of {len(graph.edges)})")
        for column in ("a", "b", "events", "coop", "conflict", "G sum", "net"):
            edges.add_column(column, justify="left" if column in ("a", "b") else "right")
        for e in sorted(graph.edges, key=lambda e: (-e.events, e.a, e.b))[:25]:
            edges.add_row(escape(names[e.a]), escape(names[e.b]), str(e.events), str(e.cooperation), str(e.conflict),
                          _num(e.goldstein_sum, digits=1), _num(e.weight))
        out.print(edges)

    @app.command()
    def shifts(
        a: str = typer.Argument(..., help="First country code."),
        b: str = typer.Argument(..., help="Second country code."),
        db: Optional[str] = DbOption,
        since: Optional[str] = SinceOption,
        until: Optional[str] = UntilOption,
        by: str = ByOption,
        metric: str = typer.Option("net_cooperation", "--metric", help="Series to segment: net_cooperation, goldstein_mean, goldstein_sum or events."),
        penalty: Optional[float] = typer.Option(None, "--penalty", help="PELT penalty (default: 2·σ²·ln n, σ from the MAD of the differences)."),
        fmt: str = FormatOption,
        factuality: str = FactualityOption,
    ) -> None:
        """Change points in a dyad's series (PELT from ruptures), each with its date and the events that drove it."""
        from .analytics import shifts as compute

        checked(fmt)
        with read_store(db) as store:
            result = compute(store, a, b, since=since, until=until, by=by, metric=metric, penalty=penalty,
                             factuality=factuality)
        out, _ = consoles()
        if fmt == "json":
            return _json(result)
        if fmt == "csv":
            return _csv([{**{k: v for k, v in s.to_dict().items() if k != "drivers"},
                          "drivers": " ".join(d["event_id"] for d in s.drivers)} for s in result.shifts])
        out.print(f"[bold]{escape(result.a_name)} ↔ {escape(result.b_name)}[/]: {result.metric} per {result.by}, "
                  f"{len(result.series)} periods with events ({result.selection})")
        out.print(f"method: {result.method}, penalty {result.penalty:.3f}")
        if not result.shifts:
            out.print("no change point found")
        for s in result.shifts:
            out.print(f"[bold]{s.period}[/]: {result.metric} {_num(s.before)} → {_num(s.after)} ({_num(s.change)}), "
                      f"{s.periods_before} periods before, {s.periods_after} after; driven by:")
            for e in s.drivers:
                out.print("   " + escape(_event_line(e)))

    @app.command()
    def align(
        a: str = typer.Argument(..., help="First country code."),
        b: str = typer.Argument(..., help="Second country code."),
        toward: str = typer.Option(..., "--toward", help="The third country both act toward."),
        db: Optional[str] = DbOption,
        since: Optional[str] = SinceOption,
        until: Optional[str] = UntilOption,
        by: str = ByOption,
        fmt: str = FormatOption,
        factuality: str = FactualityOption,
    ) -> None:
        """How similarly A and B act toward C over time: direction and tone separately, with supporting events."""
        from .analytics import align as compute

        checked(fmt)
        with read_store(db) as store:
            result = compute(store, a, b, toward, since=since, until=until, by=by, factuality=factuality)
        out, _ = consoles()
        if fmt == "json":
            return _json(result)
        if fmt == "csv":
            return _csv([p.to_dict() for p in result.periods])
        out.print(f"[bold]{escape(result.a_name)} and {escape(result.b_name)} toward {escape(result.toward_name)}[/], "
                  f"per {result.by} ({result.selection}); {result.shared_periods} periods in which both acted")
        summary = Table(title="Alignment")
        for column in ("measure", "value", "meaning"):
            summary.add_column(column)
        rows = [
            ("direction agreement", _num(result.direction_agreement, sign=False), "1 − mean |coop share A − coop share B|"),
            ("direction correlation", _num(result.direction_correlation), "Pearson r of the cooperation shares"),
            ("tone agreement", _num(result.tone_agreement, sign=False), "1 − mean |Goldstein A − Goldstein B| / 20"),
            ("tone gap", _num(result.tone_gap), f"mean Goldstein {result.a} − {result.b} (> 0: {result.a} friendlier)"),
            ("tone correlation", _num(result.tone_correlation), "Pearson r of the mean Goldstein scores"),
            (f"{result.a} overall", f"{_num(result.a_cooperation_share, sign=False)} / {_num(result.a_goldstein_mean)}",
             "cooperation share / mean Goldstein"),
            (f"{result.b} overall", f"{_num(result.b_cooperation_share, sign=False)} / {_num(result.b_goldstein_mean)}",
             "cooperation share / mean Goldstein"),
        ]
        for row in rows:
            summary.add_row(*(escape(c) for c in row))
        out.print(summary)
        periods = Table(title="Per period")
        for column in ("period", f"{result.a} events", f"{result.b} events", f"{result.a} coop share",
                       f"{result.b} coop share", f"{result.a} Goldstein", f"{result.b} Goldstein"):
            periods.add_column(column, justify="left" if column == "period" else "right")
        for p in result.periods:
            periods.add_row(p.period, str(p.a_events), str(p.b_events), _num(p.a_cooperation_share, sign=False),
                            _num(p.b_cooperation_share, sign=False), _num(p.a_goldstein_mean), _num(p.b_goldstein_mean))
        out.print(periods)
        out.print("[bold]Supporting events[/] (the strongest of each side per period)")
        for e in result.evidence:
            out.print("   " + escape(_event_line(e)))
