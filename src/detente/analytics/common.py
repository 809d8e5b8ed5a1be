"""What every analysis shares: the connection, the selection of events, country names, evidence rows
and the named errors.

An analysis reads the `events` table only. It keeps events whose QuadClass is known (1–4), whose
date is known, and — by default — whose factuality is `asserted`. The date of an event is its
`event_date`, or its `report_date` when the text gave none (as `detente events` does); a
year-only or month-only date counts as the first day of that year or month.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Sequence, Union

import duckdb

from ..errors import EmptySelectionError, OptionError, UnknownCountryError  # noqa: F401 (re-exported)
from ..records import FACTUALITY_VALUES
from ..store import Store

PERIODS = ("week", "month", "quarter", "year")
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

Db = Union[Store, duckdb.DuckDBPyConnection]
Factuality = Union[str, Sequence[str], None]


def connection(db: Db) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection of an open store, or the connection itself."""
    return db.con if isinstance(db, Store) else db


class Frozen:
    """Mixin for the result dataclasses: a JSON-serialisable dict."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


# -- names ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    # actors.py holds the column lists; imported here, not at module level, so that the
    # analytics do not pull in spaCy unless names are asked for.
    from ..actors import COUNTRY_COLUMNS, ORGANISATION_COLUMNS
    from ..datafiles import data_path, read_tsv

    names = {row.text("code"): row.text("name") for row in read_tsv(data_path("countries.tsv"), COUNTRY_COLUMNS).rows}
    for row in read_tsv(data_path("organisations.tsv"), ORGANISATION_COLUMNS).rows:
        code = row.text("code")
        if len(code) == 6:  # IGOUNO, NGOAMN: the level `source_country` is coded at
            names.setdefault(code, row.text("name"))
    return names


def country_name(code: str) -> str:
    """The English name of a country (or organisation) code from detente's data files; the code itself when unknown."""
    return _names().get(code, code)


def check_country(code: str) -> str:
    """The upper-cased code, or UnknownCountryError."""
    upper = (code or "").strip().upper()
    if upper not in _names():
        raise UnknownCountryError(f"unknown country code {code!r}: use an ISO 3166 alpha-3 code such as USA, CHN or RUS "
                                  "(or an organisation code such as IGOUNO)")
    return upper


# -- the selection ----------------------------------------------------------------------


def factualities(value: Factuality) -> tuple[str, ...] | None:
    """Normalise the factuality option: None or 'all' → every value; 'asserted,negated' → a tuple."""
    if value is None:
        return None
    items = [v.strip() for v in (value.split(",") if isinstance(value, str) else value) if v.strip()]
    if items == ["all"]:
        return None
    bad = [v for v in items if v not in FACTUALITY_VALUES]
    if bad or not items:
        raise OptionError(f"factuality {', '.join(bad) or '(empty)'} is not one of: all, {', '.join(FACTUALITY_VALUES)}")
    return tuple(items)


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise OptionError(f"period {by!r} is not one of: {', '.join(PERIODS)}")
    return by


def check_date(value: str | None, what: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise OptionError(f"{what} {value!r} is not a YYYY-MM-DD date") from None


@dataclass(frozen=True)
class Selection:
    """Which events an analysis reads: a date range and the factuality values (None = all)."""

    since: date | None = None
    until: date | None = None
    factuality: tuple[str, ...] | None = ("asserted",)
    clusters: bool = False  # one row per cross-document event cluster instead of per mention

    @classmethod
    def make(cls, since: str | None, until: str | None, factuality: Factuality, clusters: bool = False) -> "Selection":
        selection = cls(check_date(since, "since"), check_date(until, "until"), factualities(factuality), clusters)
        if selection.since and selection.until and selection.since > selection.until:
            raise OptionError(f"since {selection.since} is after until {selection.until}")
        return selection

    def describe(self) -> str:
        kinds = "all" if self.factuality is None else "+".join(self.factuality)
        span = f"{self.since or '…'} to {self.until or '…'}" if (self.since or self.until) else "all dates"
        return f"{kinds} events, {span}"

    def events_sql(self, where: str = "TRUE") -> str:
        """A subquery of the selected events with their `day` (DATE); `where` filters the raw rows first.

        Parameters, in order: those of `where`, then `self.params()`.
        """
        factuality = "TRUE" if self.factuality is None else f"factuality IN ({', '.join('?' for _ in self.factuality)})"
        return f"""(
            SELECT * FROM (
                SELECT event_id, doc_id, sentence, source, target, source_country, target_country, trigger_text,
                       cameo, quad_class, goldstein, factuality,
                       try_cast(CASE length(d) WHEN 4 THEN d || '-01-01' WHEN 7 THEN d || '-01' ELSE d END AS DATE) AS day
                FROM (SELECT *, coalesce(event_date, report_date) AS d FROM {self._source()}
                      WHERE quad_class BETWEEN 1 AND 4 AND ({where}) AND {factuality})
            ) WHERE day IS NOT NULL AND day >= ? AND day <= ?
        )"""

    def _source(self) -> str:
        if not self.clusters:
            return "events"
        # the first mention of each cluster stands for it (clusters hold asserted events only)
        return """(SELECT e.* FROM events e JOIN event_clusters c USING (event_id)
                   QUALIFY row_number() OVER (PARTITION BY c.cluster_id
                                              ORDER BY coalesce(e.event_date, e.report_date), e.event_id) = 1)"""

    def params(self) -> list[Any]:
        return [*(self.factuality or ()), self.since or date(1, 1, 1), self.until or date(9999, 12, 31)]


STATES = "length(source_country) = 3 AND length(target_country) = 3 AND source_country <> target_country"
"""Country-to-country events between two different states (organisations have six-letter codes)."""

AGGREGATES = """count(*) AS events,
    count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
    count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
    coalesce(sum(goldstein), 0) AS goldstein_sum, avg(goldstein) AS goldstein_mean"""


def net_cooperation(cooperation: int, conflict: int) -> float | None:
    """(cooperation − conflict) / (cooperation + conflict), in −1 … +1; None without events."""
    total = cooperation + conflict
    return None if total == 0 else round((cooperation - conflict) / total, 6)


def rounded(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(float(value), digits)


# -- periods ----------------------------------------------------------------------------


def period_start(day: date, by: str) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def next_period(start: date, by: str) -> date:
    if by == "week":
        return start + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_range(first: date, last: date, by: str) -> list[date]:
    """Every period start from the period of `first` to the period of `last`, both included."""
    out, current, end = [], period_start(first, by), period_start(last, by)
    while current <= end:
        out.append(current)
        current = next_period(current, by)
    return out


# -- evidence ---------------------------------------------------------------------------

EVIDENCE_COLUMNS = ("event_id", "day", "source", "target", "source_country", "target_country", "cameo", "quad_class",
                    "goldstein", "factuality", "trigger_text", "sentence", "doc_id")


def evidence_rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Rows selected as EVIDENCE_COLUMNS, as JSON-ready dicts (`day` becomes the ISO `date`)."""
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(EVIDENCE_COLUMNS, values))
        row["date"] = row.pop("day").isoformat()
        rows.append(row)
    return rows
