"""Relationship analytics over the store: dyadic series, the relations matrix, the signed network
with its structural balance and blocs, change points, and alignment of two countries toward a third.

Every function takes an open store (`detente.store.Store`, read-only is enough) or a DuckDB
connection and returns frozen dataclasses (`.to_dict()` gives JSON-ready data); none prints.
By default only `asserted` events count; `factuality="all"` (or a list of values) includes others.

    from detente.analytics import dyad_series, network
    with detente.open_store("detente.duckdb", read_only=True) as store:
        series = dyad_series(store, "CHN", "RUS", by="quarter")
        report = network(store, min_events=5)

Net cooperation, used throughout, is (cooperation − conflict) / (cooperation + conflict) over the
events counted, where cooperation is QuadClass 1–2 and conflict QuadClass 3–4: −1 is pure conflict,
+1 pure cooperation.
"""

from __future__ import annotations

from .common import (PERIODS, QUAD_CLASSES, EmptySelectionError, OptionError, Selection, UnknownCountryError,
                     check_country, country_name, net_cooperation)
from .network import (BLOC_METHOD, Balance, Blocs, Edge, NetworkReport, Node, Relations, SignedNetwork, Triad, layout,
                      most_active, network, read_network, relations, signed_blocs, signed_network, structural_balance,
                      to_networkx, write_graphml, write_json)
from .series import (METRICS, AlignPeriod, Alignment, DyadSeries, PeriodStats, Shift, Shifts, align, bic_penalty,
                     change_points, dyad_series, shifts)

__all__ = [
    "PERIODS", "QUAD_CLASSES", "METRICS", "BLOC_METHOD",
    "EmptySelectionError", "OptionError", "UnknownCountryError",
    "Selection", "check_country", "country_name", "net_cooperation",
    "DyadSeries", "PeriodStats", "dyad_series",
    "Shift", "Shifts", "shifts", "bic_penalty", "change_points",
    "AlignPeriod", "Alignment", "align",
    "Relations", "relations", "most_active",
    "Node", "Edge", "SignedNetwork", "signed_network", "Triad", "Balance", "structural_balance",
    "Blocs", "signed_blocs", "NetworkReport", "network", "layout",
    "to_networkx", "write_graphml", "write_json", "read_network",
]
