"""Relations among many countries: the directed matrix of net cooperation, the signed network,
its structural balance and its blocs, and the network's GraphML / JSON exchange form.

Edges are aggregated in DuckDB; triangles and blocs are computed with numpy on the signed
adjacency matrix; GraphML goes through networkx.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .common import (AGGREGATES, STATES, Db, EmptySelectionError, Factuality, Frozen, OptionError, Selection,
                     check_country, connection, country_name, net_cooperation, rounded)

BLOC_METHOD = "signed spectral clustering (Kunegis et al. 2010): symmetric normalised signed Laplacian"

# -- the relations matrix ---------------------------------------------------------------


@dataclass(frozen=True)
class Relations(Frozen):
    """Directed relations among `countries`: row = source, column = target. `net[i][j]` is the net
    cooperation of i toward j (None without events), `events[i][j]` the number of events."""

    countries: tuple[str, ...]
    names: tuple[str, ...]
    selection: str
    net: tuple[tuple[float | None, ...], ...]
    events: tuple[tuple[int, ...], ...]
    goldstein_mean: tuple[tuple[float | None, ...], ...]

    def cells(self) -> list[dict[str, Any]]:
        """One row per ordered pair with events (for CSV)."""
        return [{"source": s, "target": t, "events": self.events[i][j], "net_cooperation": self.net[i][j],
                 "goldstein_mean": self.goldstein_mean[i][j]}
                for i, s in enumerate(self.countries) for j, t in enumerate(self.countries) if self.events[i][j]]


def most_active(db: Db, n: int, *, since: str | None = None, until: str | None = None,
                factuality: Factuality = "asserted") -> list[str]:
    """The `n` states in the most events with another state (as source or target)."""
    selection = Selection.make(since, until, factuality)
    rows = connection(db).execute(
        f"SELECT c, count(*) FROM (SELECT unnest([source_country, target_country]) AS c FROM {selection.events_sql(STATES)}) "
        f"GROUP BY c ORDER BY 2 DESC, 1 LIMIT {int(n)}", selection.params()).fetchall()
    return [row[0] for row in rows]


def relations(db: Db, countries: list[str] | None = None, *, top: int = 10, since: str | None = None,
              until: str | None = None, factuality: Factuality = "asserted") -> Relations:
    """The matrix of net cooperation among the given countries, or among the `top` most active."""
    selection = Selection.make(since, until, factuality)
    if countries:
        codes = list(dict.fromkeys(check_country(c) for c in countries))
    else:
        if top < 2:
            raise OptionError("--top must be at least 2")
        codes = most_active(db, top, since=since, until=until, factuality=factuality)
    if len(codes) < 2:
        raise EmptySelectionError(f"relations need at least two countries with {selection.describe()}")
    marks = ", ".join("?" for _ in codes)
    where = f"source_country IN ({marks}) AND target_country IN ({marks}) AND source_country <> target_country"
    rows = connection(db).execute(
        f"SELECT source_country, target_country, {AGGREGATES} FROM {selection.events_sql(where)} GROUP BY 1, 2",
        codes + codes + selection.params()).fetchall()
    if not rows:
        raise EmptySelectionError(f"no {selection.describe()} among {', '.join(codes)}")
    cell = {(r[0], r[1]): r[2:] for r in rows}
    net, events, tone = [], [], []
    for s in codes:
        stats = [cell.get((s, t)) for t in codes]
        events.append(tuple(x[0] if x else 0 for x in stats))
        net.append(tuple(net_cooperation(x[1] + x[2], x[3] + x[4]) if x else None for x in stats))
        tone.append(tuple(rounded(x[6]) if x else None for x in stats))
    return Relations(tuple(codes), tuple(country_name(c) for c in codes), selection.describe(),
                     tuple(net), tuple(events), tuple(tone))


# -- the signed network -----------------------------------------------------------------


@dataclass(frozen=True)
class Node(Frozen):
    code: str
    name: str
    events: int  # events on the node's kept edges


@dataclass(frozen=True)
class Edge(Frozen):
    """Both directions between `a` and `b` (a < b) together. weight = net cooperation; sign = its sign."""

    a: str
    b: str
    events: int
    cooperation: int
    conflict: int
    goldstein_sum: float
    weight: float
    sign: int


@dataclass(frozen=True)
class SignedNetwork(Frozen):
    selection: str
    min_events: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def signed_network(db: Db, *, since: str | None = None, until: str | None = None, min_events: int = 1,
                   factuality: Factuality = "asserted") -> SignedNetwork:
    """Undirected, signed, weighted graph between states: an edge for every pair with at least
    `min_events` events (both directions), weighted by their net cooperation."""
    if min_events < 1:
        raise OptionError("--min-events must be at least 1")
    selection = Selection.make(since, until, factuality)
    rows = connection(db).execute(
        f"SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, {AGGREGATES} "
        f"FROM {selection.events_sql(STATES)} GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY 1, 2",
        selection.params() + [min_events]).fetchall()
    if not rows:
        raise EmptySelectionError(f"no pair of countries with at least {min_events} {selection.describe()}")
    edges = []
    for a, b, n, q1, q2, q3, q4, gsum, _ in rows:
        weight = net_cooperation(q1 + q2, q3 + q4) or 0.0
        edges.append(Edge(a, b, n, q1 + q2, q3 + q4, rounded(gsum) or 0.0, weight, int(np.sign(weight))))
    totals: dict[str, int] = {}
    for e in edges:
        totals[e.a] = totals.get(e.a, 0) + e.events
        totals[e.b] = totals.get(e.b, 0) + e.events
    nodes = tuple(Node(c, country_name(c), totals[c]) for c in sorted(totals))
    return SignedNetwork(selection.describe(), min_events, nodes, tuple(edges))


def _matrix(graph: SignedNetwork, codes: list[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(codes)}
    m = np.zeros((len(codes), len(codes)))
    for e in graph.edges:
        if e.a in index and e.b in index:
            m[index[e.a], index[e.b]] = m[index[e.b], index[e.a]] = e.weight
    return m


# -- structural balance -----------------------------------------------------------------


@dataclass(frozen=True)
class Triad(Frozen):
    countries: tuple[str, str, str]
    names: tuple[str, str, str]
    weights: tuple[float, float, float]  # ab, ac, bc
    balanced: bool
    tension: float  # geometric mean of |weights|: how clear-cut the three relations are


@dataclass(frozen=True)
class Balance(Frozen):
    """Triangles of three countries all linked by a non-zero edge. A triangle is balanced when the
    product of its three signs is positive (friend of a friend is a friend, enemy of an enemy is a friend)."""

    triangles: int
    balanced: int
    share_balanced: float | None
    weighted_share_balanced: float | None  # each triangle weighted by |w_ab · w_ac · w_bc|
    most_unbalanced: tuple[Triad, ...]


def structural_balance(graph: SignedNetwork, top: int = 10) -> Balance:
    """Share of balanced triangles, and the `top` unbalanced triads with the clearest signs."""
    codes = [n.code for n in graph.nodes]
    m = _matrix(graph, codes)
    s, absm = np.sign(m), np.abs(m)
    n = len(codes)
    total = int(round(np.trace(np.linalg.matrix_power(np.abs(s), 3)) / 6)) if n else 0
    signed = int(round(np.trace(np.linalg.matrix_power(s, 3)) / 6)) if n else 0  # balanced − unbalanced
    balanced = (total + signed) // 2
    weighted_all = float(np.trace(np.linalg.matrix_power(absm, 3)) / 6) if n else 0.0
    weighted_signed = float(np.trace(np.linalg.matrix_power(m, 3)) / 6) if n else 0.0
    found: list[np.ndarray] = []  # rows (i, j, k, tension) of the unbalanced triangles, i < j < k
    for i in range(n):
        for j in range(i + 1, n):
            if s[i, j] == 0:
                continue
            ks = np.nonzero((s[i, j + 1:] != 0) & (s[j, j + 1:] != 0))[0] + j + 1
            ks = ks[s[i, j] * s[i, ks] * s[j, ks] < 0]
            if len(ks):
                tension = np.cbrt(absm[i, j] * absm[i, ks] * absm[j, ks])
                found.append(np.column_stack([np.full(len(ks), i), np.full(len(ks), j), ks, tension]))
    rows = np.concatenate(found) if found else np.zeros((0, 4))
    order = np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0], -np.round(rows[:, 3], 6)))[:top] if len(rows) else []
    unbalanced = []
    for i, j, k, tension in rows[order]:
        i, j, k = int(i), int(j), int(k)
        unbalanced.append(Triad((codes[i], codes[j], codes[k]),
                                (country_name(codes[i]), country_name(codes[j]), country_name(codes[k])),
                                (float(m[i, j]), float(m[i, k]), float(m[j, k])), False, round(float(tension), 6)))
    return Balance(total, balanced, round(balanced / total, 6) if total else None,
                   round((weighted_all + weighted_signed) / 2 / weighted_all, 6) if weighted_all else None,
                   tuple(unbalanced[:top]))


# -- blocs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Blocs(Frozen):
    """A partition of the largest connected part of the signed network. `frustration` counts the
    edges that disagree with it: negative edges inside a bloc plus positive edges between blocs."""

    method: str
    requested: int
    blocs: tuple[tuple[str, ...], ...]
    unplaced: tuple[str, ...]  # nodes outside the largest connected component
    frustration: int
    frustration_weight: float
    edges: int

    def bloc_of(self, code: str) -> int | None:
        for i, members in enumerate(self.blocs):
            if code in members:
                return i
        return None


def _largest_component(m: np.ndarray) -> list[int]:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(len(m)))
    g.add_edges_from(zip(*np.nonzero(np.triu(m))))
    return sorted(max(nx.connected_components(g), key=lambda c: (len(c), -min(c)))) if len(m) else []


def _kmeans(points: np.ndarray, k: int, rounds: int = 100) -> np.ndarray:
    """Plain k-means with farthest-point seeding from the first point: deterministic."""
    centres = [points[0]]
    for _ in range(1, k):
        distance = np.min([np.sum((points - c) ** 2, axis=1) for c in centres], axis=0)
        centres.append(points[int(np.argmax(distance))])
    centre = np.array(centres)
    labels = np.zeros(len(points), dtype=int)
    for _ in range(rounds):
        labels = np.argmin(((points[:, None, :] - centre[None, :, :]) ** 2).sum(axis=2), axis=1)
        moved = np.array([points[labels == c].mean(axis=0) if np.any(labels == c) else centre[c] for c in range(k)])
        if np.allclose(moved, centre):
            break
        centre = moved
    return labels


def signed_blocs(graph: SignedNetwork, k: int = 2) -> Blocs:
    """Blocs by signed spectral clustering on the largest connected component.

    With A the signed weighted adjacency and D̄ the diagonal of Σ_j |A_ij|, the symmetric
    normalised signed Laplacian is L = I − D̄^-½ A D̄^-½. Its eigenvectors with the smallest
    eigenvalues embed the countries so that friends are close and enemies opposite. For k = 2 the
    blocs are the signs of the first eigenvector (exactly the two camps of a balanced graph, one
    bloc when everyone cooperates); for k > 2, k-means on the first k eigenvectors (rows normalised).
    """
    if k < 1:
        raise OptionError("the number of blocs must be at least 1")
    codes = [n.code for n in graph.nodes]
    full = _matrix(graph, codes)
    keep = _largest_component(full)
    m = full[np.ix_(keep, keep)]
    labels = np.zeros(len(keep), dtype=int)
    if len(keep) > 1 and k > 1:
        inv_sqrt = 1.0 / np.sqrt(np.abs(m).sum(axis=1))
        laplacian = np.eye(len(keep)) - inv_sqrt[:, None] * m * inv_sqrt[None, :]
        _, vectors = np.linalg.eigh(laplacian)
        if k == 2:
            first = vectors[:, 0] * inv_sqrt  # back from the normalised space; signs are unchanged
            labels = (first < -1e-9 * np.max(np.abs(first))).astype(int)
        else:
            embedding = vectors[:, :k]
            embedding = embedding / np.maximum(np.linalg.norm(embedding, axis=1, keepdims=True), 1e-12)
            labels = _kmeans(embedding, min(k, len(keep)))
    groups: dict[int, list[str]] = {}
    for index, label in zip(keep, labels):
        groups.setdefault(int(label), []).append(codes[index])
    blocs = sorted((tuple(sorted(g)) for g in groups.values()), key=lambda g: (-len(g), g))
    bloc_of = {code: i for i, members in enumerate(blocs) for code in members}
    frustration, weight, counted = 0, 0.0, 0
    for e in graph.edges:
        if e.a in bloc_of and e.b in bloc_of and e.sign != 0:
            counted += 1
            same = bloc_of[e.a] == bloc_of[e.b]
            if (same and e.sign < 0) or (not same and e.sign > 0):
                frustration += 1
                weight += abs(e.weight)
    unplaced = tuple(c for c in codes if c not in bloc_of)
    return Blocs(BLOC_METHOD, k, tuple(blocs), unplaced, frustration, round(weight, 6), counted)


# -- the report of `detente network` ----------------------------------------------------


@dataclass(frozen=True)
class NetworkReport(Frozen):
    graph: SignedNetwork
    balance: Balance
    blocs: Blocs


def network(db: Db, *, since: str | None = None, until: str | None = None, min_events: int = 1, blocs: int = 2,
            factuality: Factuality = "asserted", top_triads: int = 10) -> NetworkReport:
    """The signed network with its structural balance and its blocs."""
    graph = signed_network(db, since=since, until=until, min_events=min_events, factuality=factuality)
    return NetworkReport(graph, structural_balance(graph, top_triads), signed_blocs(graph, blocs))


# -- exchange: GraphML and JSON ---------------------------------------------------------

EDGE_NUMBERS = ("events", "cooperation", "conflict", "goldstein_sum", "weight", "sign")


def to_networkx(graph: SignedNetwork, blocs: Blocs | None = None) -> Any:
    """A networkx Graph with the nodes' names (and blocs, -1 when unplaced) and the edges' figures."""
    import networkx as nx

    g = nx.Graph(selection=graph.selection, min_events=graph.min_events)
    for n in graph.nodes:
        extra = {"bloc": blocs.bloc_of(n.code) if blocs.bloc_of(n.code) is not None else -1} if blocs else {}
        g.add_node(n.code, name=n.name, events=n.events, **extra)
    for e in graph.edges:
        g.add_edge(e.a, e.b, **{k: getattr(e, k) for k in EDGE_NUMBERS})
    return g


def write_graphml(report: NetworkReport | SignedNetwork, path: str | Path) -> Path:
    import networkx as nx

    graph, blocs = (report.graph, report.blocs) if isinstance(report, NetworkReport) else (report, None)
    nx.write_graphml(to_networkx(graph, blocs), str(path))
    return Path(path)


def write_json(report: NetworkReport | SignedNetwork, path: str | Path) -> Path:
    Path(path).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return Path(path)


def read_network(path: str | Path) -> SignedNetwork:
    """Read back a network written by `write_graphml` or `write_json` (.graphml or .json)."""
    import networkx as nx

    path = Path(path)
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        data = data.get("graph", data)
        return SignedNetwork(data["selection"], int(data["min_events"]), tuple(Node(**n) for n in data["nodes"]),
                             tuple(Edge(**e) for e in data["edges"]))
    if path.suffix.lower() != ".graphml":
        raise OptionError(f"{path}: a network file must be .graphml or .json")
    g = nx.read_graphml(str(path))
    nodes = tuple(Node(code, d["name"], int(d["events"])) for code, d in sorted(g.nodes(data=True)))
    edges = []
    for a, b, d in g.edges(data=True):
        a, b = sorted((a, b))
        edges.append(Edge(a, b, int(d["events"]), int(d["cooperation"]), int(d["conflict"]),
                          float(d["goldstein_sum"]), float(d["weight"]), int(d["sign"])))
    return SignedNetwork(g.graph["selection"], int(g.graph["min_events"]), nodes,
                         tuple(sorted(edges, key=lambda e: (e.a, e.b))))


def layout(graph: SignedNetwork) -> dict[str, tuple[float, float]]:
    """2-D positions for drawing. Up to 60 countries: Kamada–Kawai with an edge's length
    1.5 − weight (cooperating countries at 0.5, hostile ones at 2.5), then a few spring steps so
    that no two countries sit on top of each other. Larger graphs: a spring layout whose
    attraction is 1 + weight (Kamada–Kawai is quadratic in the number of countries)."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n.code for n in graph.nodes)
    for e in graph.edges:
        g.add_edge(e.a, e.b, length=1.5 - e.weight, attraction=1.0 + e.weight)
    if len(g) < 3:
        return {c: (float(i), 0.0) for i, c in enumerate(sorted(g))}
    if len(g) <= 60:
        pos = nx.kamada_kawai_layout(g, weight="length", pos=nx.circular_layout(sorted(g)))
        pos = nx.spring_layout(g, pos=pos, weight=None, iterations=15, seed=7, k=1.2 / math.sqrt(len(g)))
    else:
        pos = nx.spring_layout(g, weight="attraction", seed=7, iterations=100)
    return {c: (float(x), float(y)) for c, (x, y) in sorted(pos.items())}
