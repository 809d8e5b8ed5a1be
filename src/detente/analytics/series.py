"""Series over time for one dyad: counts and tone per period, change points, and how two countries
act toward a third.

Counts are aggregated in DuckDB; the change points come from `ruptures` (PELT).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from .common import (AGGREGATES, EVIDENCE_COLUMNS, Db, EmptySelectionError, Factuality, Frozen, OptionError, Selection,
                     check_country, check_period, connection, country_name, evidence_rows, net_cooperation,
                     period_range, rounded)

METRICS = ("net_cooperation", "goldstein_mean", "goldstein_sum", "events")


@dataclass(frozen=True)
class PeriodStats(Frozen):
    """What one side did to the other in one period."""

    period: str  # first day of the period, YYYY-MM-DD
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    net_cooperation: float | None

    @classmethod
    def empty(cls, period: str) -> "PeriodStats":
        return cls(period, 0, 0, 0, 0, 0, 0.0, None, None)

    @classmethod
    def from_row(cls, period: str, events: int, q1: int, q2: int, q3: int, q4: int, gsum: float,
                 gmean: float | None) -> "PeriodStats":
        return cls(period, events, q1, q2, q3, q4, rounded(gsum) or 0.0, rounded(gmean), net_cooperation(q1 + q2, q3 + q4))


@dataclass(frozen=True)
class DyadSeries(Frozen):
    """Both directions of a dyad, period by period (empty periods included, with zero counts)."""

    a: str
    b: str
    a_name: str
    b_name: str
    by: str
    selection: str
    periods: tuple[str, ...]
    a_to_b: tuple[PeriodStats, ...]
    b_to_a: tuple[PeriodStats, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per period and direction (for CSV)."""
        out = []
        for source, target, series in ((self.a, self.b, self.a_to_b), (self.b, self.a, self.b_to_a)):
            out += [{"source": source, "target": target, **s.to_dict()} for s in series]
        return sorted(out, key=lambda r: (r["period"], r["source"] != self.a))


def _pair_where(a: str, b: str) -> tuple[str, list[str]]:
    return "(source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?)", [a, b, b, a]


def _stats_by_period(con: Any, selection: Selection, where: str, params: list[Any], by: str,
                     by_source: bool) -> dict[tuple[str, date], tuple]:
    group = "source_country" if by_source else "'*'"
    rows = con.execute(
        f"SELECT {group} AS side, date_trunc('{by}', day)::DATE AS period, {AGGREGATES} "
        f"FROM {selection.events_sql(where)} GROUP BY 1, 2", params + selection.params()).fetchall()
    return {(row[0], row[1]): row[2:] for row in rows}


def _periods(stats: dict[tuple[str, date], tuple], selection: Selection, by: str) -> list[date]:
    seen = [period for _, period in stats]
    first = selection.since or (min(seen) if seen else None)
    last = selection.until or (max(seen) if seen else None)
    return period_range(first, last, by) if first and last else []


def dyad_series(db: Db, a: str, b: str, *, since: str | None = None, until: str | None = None, by: str = "month",
                factuality: Factuality = "asserted", clusters: bool = False) -> DyadSeries:
    """Per period and for both directions (A→B, B→A): events per QuadClass, Goldstein sum and mean,
    and net cooperation = (cooperation − conflict) / events.

    `clusters=True` counts cross-document event clusters (one real event reported many times
    counts once, see `Store.cluster_events`) instead of mentions.
    """
    a, b, by = check_country(a), check_country(b), check_period(by)
    if a == b:
        raise OptionError(f"a dyad needs two different countries, got {a} twice")
    selection = Selection.make(since, until, factuality, clusters)
    where, params = _pair_where(a, b)
    stats = _stats_by_period(connection(db), selection, where, params, by, by_source=True)
    if not stats:
        raise EmptySelectionError(f"no {selection.describe()} between {a} and {b}")
    periods = _periods(stats, selection, by)

    def side(source: str) -> tuple[PeriodStats, ...]:
        out = []
        for p in periods:
            row = stats.get((source, p))
            out.append(PeriodStats.from_row(p.isoformat(), *row) if row else PeriodStats.empty(p.isoformat()))
        return tuple(out)

    return DyadSeries(a, b, country_name(a), country_name(b), by, selection.describe(),
                      tuple(p.isoformat() for p in periods), side(a), side(b))


# -- change points ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shift(Frozen):
    """A change point: the first period of a new regime, the metric's mean before and after, and the
    events of that first period that pushed hardest in the direction of the change."""

    period: str
    before: float
    after: float
    change: float
    periods_before: int
    periods_after: int
    drivers: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Shifts(Frozen):
    a: str
    b: str
    a_name: str
    b_name: str
    by: str
    metric: str
    method: str
    penalty: float
    selection: str
    series: tuple[tuple[str, float], ...]  # (period, metric) for every period with events
    shifts: tuple[Shift, ...]


def bic_penalty(values: np.ndarray) -> float:
    """2·σ²·ln(n), σ estimated from the first differences by the median absolute deviation (robust to
    the steps themselves); the standard deviation of the differences when the MAD is 0."""
    n = len(values)
    if n < 2:
        return 0.0
    diffs = np.diff(values)
    sigma = 1.4826 * float(np.median(np.abs(diffs - np.median(diffs)))) / math.sqrt(2)
    if sigma == 0.0:
        sigma = float(np.std(diffs)) / math.sqrt(2)
    return 2.0 * sigma * sigma * math.log(n)


def change_points(values: np.ndarray, penalty: float, min_size: int = 2) -> list[int]:
    """Indexes where a new segment starts: PELT with the l2 cost (changes in the mean), as ruptures
    runs it in C for kernel costs — `KernelCPD(kernel="linear")`, whose cost is exactly l2 and
    which gives the same segmentation as `Pelt(model="l2", jump=1)`, a thousand times faster."""
    import ruptures

    if len(values) < 2 * min_size or penalty <= 0.0:
        return []
    ends = ruptures.KernelCPD(kernel="linear", min_size=min_size).fit(values.reshape(-1, 1)).predict(pen=penalty)
    return [int(i) for i in ends[:-1]]


def shifts(db: Db, a: str, b: str, *, since: str | None = None, until: str | None = None, by: str = "month",
           metric: str = "net_cooperation", penalty: float | None = None, min_size: int = 2, evidence: int = 5,
           factuality: Factuality = "asserted") -> Shifts:
    """Change points in the dyad's series (both directions together), one metric per period.

    Periods without events are left out of the signal. The method is PELT with an l2 cost
    (`change_points`); the default penalty is `bic_penalty` of the signal.
    """
    a, b, by = check_country(a), check_country(b), check_period(by)
    if metric not in METRICS:
        raise OptionError(f"metric {metric!r} is not one of: {', '.join(METRICS)}")
    if a == b:
        raise OptionError(f"a dyad needs two different countries, got {a} twice")
    selection = Selection.make(since, until, factuality)
    con = connection(db)
    where, params = _pair_where(a, b)
    stats = _stats_by_period(con, selection, where, params, by, by_source=False)
    if not stats:
        raise EmptySelectionError(f"no {selection.describe()} between {a} and {b}")
    observed = sorted(period for _, period in stats)
    values = []
    for period in observed:
        s = PeriodStats.from_row(period.isoformat(), *stats[("*", period)])
        values.append(float(getattr(s, metric)))
    signal = np.asarray(values)
    pen = float(penalty) if penalty is not None else bic_penalty(signal)
    starts = change_points(signal, pen, min_size)
    bounds = [0, *starts, len(signal)]
    means = [(signal[bounds[k]:start], signal[start:bounds[k + 2]]) for k, start in enumerate(starts)]
    changes = [float(after.mean() - before.mean()) for before, after in means]
    # the drivers of every change point in one query: its first period's events, ordered in the
    # direction of the change (most cooperative first for a rise, most conflictual for a fall)
    drivers: dict[date, list[dict[str, Any]]] = {}
    if starts and evidence > 0:
        sql = (f"WITH cp AS (SELECT unnest(?::DATE[]) AS period, unnest(?::INTEGER[]) AS direction) "
               f"SELECT {', '.join(EVIDENCE_COLUMNS)}, period FROM (SELECT e.*, cp.period, row_number() OVER ("
               f"PARTITION BY cp.period ORDER BY cp.direction * e.goldstein DESC, e.event_id) AS rank "
               f"FROM {selection.events_sql(where)} e JOIN cp ON date_trunc('{by}', e.day)::DATE = cp.period) "
               f"WHERE rank <= {int(evidence)} ORDER BY period, rank")
        rows = con.execute(sql, [[observed[i] for i in starts], [1 if c > 0 else -1 for c in changes]]
                           + params + selection.params()).fetchall()
        for row in rows:
            drivers.setdefault(row[-1], []).append(dict(zip(EVIDENCE_COLUMNS, row[:-1])))
        for found_rows in drivers.values():
            for r in found_rows:
                r["date"] = r.pop("day").isoformat()
    found = [Shift(observed[start].isoformat(), round(float(before.mean()), 6), round(float(after.mean()), 6),
                   round(change, 6), len(before), len(after), tuple(drivers.get(observed[start], ())))
             for start, (before, after), change in zip(starts, means, changes)]
    return Shifts(a, b, country_name(a), country_name(b), by, metric,
                  f"PELT, l2 cost (ruptures.KernelCPD, linear kernel), min_size {min_size}", round(pen, 6), selection.describe(),
                  tuple((p.isoformat(), round(v, 6)) for p, v in zip(observed, values)), tuple(found))


# -- alignment --------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignPeriod(Frozen):
    """What A and B each did toward C in one period: the cooperation share (direction) and the
    mean Goldstein score (tone); None for a side without events."""

    period: str
    a_events: int
    b_events: int
    a_cooperation_share: float | None
    b_cooperation_share: float | None
    a_goldstein_mean: float | None
    b_goldstein_mean: float | None


@dataclass(frozen=True)
class Alignment(Frozen):
    """How similarly A and B act toward C. Measures use the periods where both acted (`shared_periods`):

    * direction_agreement = 1 − mean |share_A − share_B| (1: the same mix of cooperation and conflict)
    * direction_correlation = Pearson r of the two cooperation shares over time (None with < 3
      shared periods or a constant series)
    * tone_agreement = 1 − mean |Goldstein_A − Goldstein_B| / 20 (20 is the width of the scale)
    * tone_gap = mean (Goldstein_A − Goldstein_B): > 0 when A is the friendlier one
    * tone_correlation = Pearson r of the two mean Goldstein series
    """

    a: str
    b: str
    toward: str
    a_name: str
    b_name: str
    toward_name: str
    by: str
    selection: str
    shared_periods: int
    a_cooperation_share: float | None
    b_cooperation_share: float | None
    a_goldstein_mean: float | None
    b_goldstein_mean: float | None
    direction_agreement: float | None
    direction_correlation: float | None
    tone_agreement: float | None
    tone_gap: float | None
    tone_correlation: float | None
    periods: tuple[AlignPeriod, ...]
    evidence: tuple[dict[str, Any], ...]


def _pearson(x: list[float], y: list[float]) -> float | None:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return None
    return round(float(np.corrcoef(x, y)[0, 1]), 6)


def align(db: Db, a: str, b: str, toward: str, *, since: str | None = None, until: str | None = None,
          by: str = "month", evidence: int = 3, factuality: Factuality = "asserted") -> Alignment:
    """Compare A→C with B→C period by period: direction (cooperation share) and tone (Goldstein)
    separately, with the most telling events of each side per period (largest |Goldstein|)."""
    a, b, c, by = check_country(a), check_country(b), check_country(toward), check_period(by)
    if len({a, b, c}) < 3:
        raise OptionError(f"align needs three different countries, got {a}, {b} toward {c}")
    selection = Selection.make(since, until, factuality)
    con = connection(db)
    where, params = "source_country IN (?, ?) AND target_country = ?", [a, b, c]
    stats = _stats_by_period(con, selection, where, params, by, by_source=True)
    if not stats:
        raise EmptySelectionError(f"no {selection.describe()} from {a} or {b} toward {c}")
    periods = sorted({period for _, period in stats})

    def share(row: tuple | None) -> float | None:
        return None if not row else round((row[1] + row[2]) / row[0], 6)

    rows = []
    for p in periods:
        ra, rb = stats.get((a, p)), stats.get((b, p))
        rows.append(AlignPeriod(p.isoformat(), ra[0] if ra else 0, rb[0] if rb else 0, share(ra), share(rb),
                                rounded(ra[6]) if ra else None, rounded(rb[6]) if rb else None))
    both = [r for r in rows if r.a_events and r.b_events]
    sa, sb = [r.a_cooperation_share for r in both], [r.b_cooperation_share for r in both]
    toned = [r for r in both if r.a_goldstein_mean is not None and r.b_goldstein_mean is not None]
    ga, gb = [r.a_goldstein_mean for r in toned], [r.b_goldstein_mean for r in toned]

    def overall(side: str) -> tuple[float | None, float | None]:
        n = sum(stats[(side, p)][0] for p in periods if (side, p) in stats)
        cooperation = sum(stats[(side, p)][1] + stats[(side, p)][2] for p in periods if (side, p) in stats)
        gsum = sum(stats[(side, p)][5] for p in periods if (side, p) in stats)
        return (round(cooperation / n, 6), round(gsum / n, 6)) if n else (None, None)

    a_share, a_tone = overall(a)
    b_share, b_tone = overall(b)
    evidence_sql = (
        f"SELECT {', '.join(EVIDENCE_COLUMNS)} FROM (SELECT *, row_number() OVER (PARTITION BY source_country, "
        f"date_trunc('{by}', day) ORDER BY abs(goldstein) DESC, event_id) AS rank FROM {selection.events_sql(where)}) "
        f"WHERE rank <= {int(evidence)} ORDER BY day, source_country, goldstein DESC, event_id")
    return Alignment(
        a, b, c, country_name(a), country_name(b), country_name(c), by, selection.describe(), len(both),
        a_share, b_share, a_tone, b_tone,
        direction_agreement=round(1 - float(np.mean(np.abs(np.subtract(sa, sb)))), 6) if both else None,
        direction_correlation=_pearson(sa, sb),
        tone_agreement=round(1 - float(np.mean(np.abs(np.subtract(ga, gb)))) / 20, 6) if toned else None,
        tone_gap=round(float(np.mean(np.subtract(ga, gb))), 6) if toned else None,
        tone_correlation=_pearson(ga, gb),
        periods=tuple(rows),
        evidence=tuple(evidence_rows(con.execute(evidence_sql, params + selection.params()))) if evidence > 0 else (),
    )
