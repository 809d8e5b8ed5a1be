"""PNG pictures of the analytics: a dyad's series, the relations heatmap, the signed network.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display needed). Every
picture names the countries (from detente's country list), has a title, axis labels and a legend.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import TwoSlopeNorm, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .analytics import DyadSeries, NetworkReport, OptionError, Relations, Shifts, layout
from .errors import NotBuiltError

QUAD_COLOURS = {  # cooperation in blues/greens, conflict in oranges/reds
    "verbal_cooperation": ("#74add1", "verbal cooperation"),
    "material_cooperation": ("#1a9850", "material cooperation"),
    "verbal_conflict": ("#fdae61", "verbal conflict"),
    "material_conflict": ("#d73027", "material conflict"),
}
DIRECTION_COLOURS = ("#2c7bb6", "#7b3294")
BAR_DAYS = {"week": 5, "month": 24, "quarter": 75, "year": 300}
BLOC_COLOURS = ("#1f78b4", "#e31a1c", "#33a02c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#fb9a99")
DPI = 110
LABELLED = 40  # a network plot names at most this many countries, the most active


def check_png(path: str | Path) -> Path:
    """The path, if it names a PNG; NotBuiltError for HTML, OptionError for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        raise NotBuiltError("HTML (Vega-Lite) plots are not built yet; write a .png instead")
    if suffix != ".png":
        raise OptionError(f"{path}: plots are written as .png files")
    return path


def _save(fig: Figure, path: str | Path) -> Path:
    path = check_png(path)
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=DPI)
    return path


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def plot_dyad(series: DyadSeries, path: str | Path, shifts: Shifts | None = None) -> Path:
    """Net cooperation of both directions over time (top), and events per QuadClass (bottom:
    A→B stacked upward, B→A downward). Change points from `shifts` are marked when given."""
    fig = Figure(figsize=(10, 7), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(1, 1.25))
    days = [_day(p) for p in series.periods]
    forward, backward = f"{series.a_name} → {series.b_name}", f"{series.b_name} → {series.a_name}"
    # the second direction is dashed with open squares, so that identical series stay visible
    styles = ((series.a_to_b, DIRECTION_COLOURS[0], "-", "o", DIRECTION_COLOURS[0], 4),
              (series.b_to_a, DIRECTION_COLOURS[1], "--", "s", "none", 7))
    for stats, colour, line, marker, face, size in styles:
        points = [(d, s.net_cooperation) for d, s in zip(days, stats) if s.net_cooperation is not None]
        if points:
            xs, ys = zip(*points)
            top.plot(xs, ys, linestyle=line, marker=marker, markersize=size, markerfacecolor=face, linewidth=1.4,
                     color=colour)
    top.axhline(0, color="#555555", linewidth=0.8)
    top.set_ylim(-1.1, 1.1)
    top.set_ylabel("net cooperation\n(coop − conflict) / events")
    top.set_title(f"{series.a_name} ↔ {series.b_name}: events per {series.by} ({series.selection})", fontsize=12)
    top.grid(alpha=0.3)

    width = timedelta(days=BAR_DAYS[series.by])
    up = [0] * len(days)
    down = [0] * len(days)
    for key, (colour, _) in QUAD_COLOURS.items():
        forward_n = [getattr(s, key) for s in series.a_to_b]
        backward_n = [-getattr(s, key) for s in series.b_to_a]
        bottom.bar(days, forward_n, width=width, bottom=up, color=colour, align="edge")
        bottom.bar(days, backward_n, width=width, bottom=down, color=colour, align="edge", hatch="///",
                   edgecolor="white", linewidth=0)
        up = [u + n for u, n in zip(up, forward_n)]
        down = [d + n for d, n in zip(down, backward_n)]
    bottom.axhline(0, color="#333333", linewidth=0.8)
    bottom.set_ylabel("events per QuadClass")
    bottom.text(0.995, 0.97, f"▲ {forward}", transform=bottom.transAxes, ha="right", va="top", fontsize=9)
    bottom.text(0.995, 0.03, f"▼ {backward} (hatched)", transform=bottom.transAxes, ha="right", va="bottom", fontsize=9)
    bottom.set_xlabel(f"{series.by} (first day)")
    bottom.grid(axis="y", alpha=0.3)
    peak = max([*up, *(-d for d in down), 1])
    bottom.set_ylim(-peak * 1.15, peak * 1.15)
    bottom.yaxis.set_major_formatter(lambda v, _: f"{abs(int(v))}" if v == int(v) else "")
    handles = [Line2D([], [], color=colour, linestyle=line, marker=marker, markersize=size, markerfacecolor=face, label=label)
               for (_, colour, line, marker, face, size), label in zip(styles, (forward, backward))]
    handles += [Patch(color=colour, label=label) for colour, label in QUAD_COLOURS.values()]
    if shifts is not None:
        for k, shift in enumerate(shifts.shifts):
            for ax in (top, bottom):
                ax.axvline(_day(shift.period), color="black", linestyle="--", linewidth=1.1)
            top.annotate(f"shift {shift.period[:7]}: {shift.before:+.2f} → {shift.after:+.2f}", (_day(shift.period), 1.0),
                         xytext=(4, -4 - 12 * (k % 3)), textcoords="offset points", fontsize=8, va="top")
        handles.append(Line2D([], [], color="black", linestyle="--", label=f"change point ({shifts.metric})"))
    fig.legend(handles=handles, loc="outside lower center", fontsize=9, ncol=4, frameon=False)
    return _save(fig, path)


def plot_relations(rel: Relations, path: str | Path) -> Path:
    """Heatmap of net cooperation, row = source, column = target; grey = no events."""
    n = len(rel.countries)
    side = max(5.5, 0.62 * n + 3.2)
    fig = Figure(figsize=(side + 1.4, side), layout="constrained")
    ax = fig.subplots()
    values = [[math.nan if v is None else v for v in row] for row in rel.net]
    ax.set_facecolor("#e6e6e6")
    image = ax.imshow(values, cmap="RdBu", norm=TwoSlopeNorm(vmin=-1, vcenter=0, vmax=1))
    for i in range(n):
        for j in range(n):
            if rel.net[i][j] is not None:
                v = rel.net[i][j]
                ax.text(j, i, f"{v:+.2f}\n{rel.events[i][j]} ev", ha="center", va="center", fontsize=7 if n > 10 else 8,
                        color="white" if abs(v) > 0.6 else "black")
            elif i == j:
                ax.text(j, i, "—", ha="center", va="center", color="#777777")
    ax.set_xticks(range(n), rel.names, rotation=40, ha="right", fontsize=9)
    ax.set_yticks(range(n), rel.names, fontsize=9)
    ax.set_xlabel("target (acted upon)")
    ax.set_ylabel("source (acting)")
    ax.set_title(f"Net cooperation among {n} countries\n({rel.selection}; grey = no events)", fontsize=11)
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label("net cooperation: −1 all conflict … +1 all cooperation")
    return _save(fig, path)


def plot_network(report: NetworkReport, path: str | Path) -> Path:
    """The signed network: blue solid edges cooperate, red dashed edges conflict, width = |net|;
    node colour = bloc, node size = events."""
    graph, blocs, balance = report.graph, report.blocs, report.balance
    pos = layout(graph)
    fig = Figure(figsize=(10, 8.5), layout="constrained")
    ax = fig.subplots()
    thin = len(graph.edges) > 300  # a dense graph draws thinner, fainter lines
    for sign, colour, style in ((0, "#999999", ":"), (-1, "#b2182b", "--"), (1, "#2166ac", "-")):
        edges = sorted((e for e in graph.edges if e.sign == sign), key=lambda e: abs(e.weight))
        if not edges:
            continue
        rgb = to_rgba(colour)
        ax.add_collection(LineCollection(
            [(pos[e.a], pos[e.b]) for e in edges], linestyles=style, zorder=1,
            linewidths=[(0.2 if thin else 0.6) + (0.8 if thin else 3.0) * abs(e.weight) for e in edges],
            colors=[(*rgb[:3], (0.05 if thin else 0.35) + (0.25 if thin else 0.5) * abs(e.weight)) for e in edges]))
    biggest = max(n.events for n in graph.nodes)
    named = {n.code for n in sorted(graph.nodes, key=lambda n: (-n.events, n.code))[:LABELLED]}
    for node in graph.nodes:
        bloc = blocs.bloc_of(node.code)
        colour = BLOC_COLOURS[bloc % len(BLOC_COLOURS)] if bloc is not None else "#bbbbbb"
        x, y = pos[node.code]
        ax.scatter([x], [y], s=80 + 900 * math.sqrt(node.events / biggest), color=colour, edgecolor="white", zorder=2)
        if node.code in named:
            ax.annotate(node.name, (x, y), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=9, zorder=3,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
    share = "n/a" if balance.share_balanced is None else f"{balance.share_balanced:.0%}"
    ax.set_title(f"Signed network: {len(graph.nodes)} countries"
                 + (f" (the {LABELLED} most active named)" if len(graph.nodes) > LABELLED else "")
                 + f", {len(graph.edges):,} relations with ≥ {graph.min_events} events"
                 f" ({graph.selection})\n{balance.balanced:,} of {balance.triangles:,} triangles balanced ({share}); "
                 f"{len(blocs.blocs)} bloc(s) by signed spectral clustering, {blocs.frustration} edge(s) against them",
                 fontsize=10)
    handles = [Line2D([], [], color="#2166ac", linewidth=2.5, label="net cooperation > 0"),
               Line2D([], [], color="#b2182b", linewidth=2.5, linestyle="--", label="net cooperation < 0")]
    for i, members in enumerate(blocs.blocs):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, color=BLOC_COLOURS[i % len(BLOC_COLOURS)],
                              label=f"bloc {i + 1} ({len(members)} {'country' if len(members) == 1 else 'countries'})"))
    if blocs.unplaced:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, color="#bbbbbb", label="no signed path to the rest"))
    ax.legend(handles=handles, loc="lower left", fontsize=9, framealpha=0.9)
    ax.set_xlabel("layout: cooperating countries drawn close, hostile ones apart (axes have no units)")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.margins(0.08)
    return _save(fig, path)
