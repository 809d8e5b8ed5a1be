"""Relationship analytics on hand-made event tables whose answers are known in advance."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date, timedelta

import networkx as nx
import pytest

from detente.analytics import (EmptySelectionError, OptionError, UnknownCountryError, align, dyad_series, network,
                               read_network, relations, shifts, signed_blocs, signed_network, structural_balance,
                               write_graphml, write_json)
from detente.errors import NotBuiltError
from detente.records import Document, Event, content_hash
from detente.store import open_store

from .conftest import run_cli

# One CAMEO code per QuadClass, so a test only says which QuadClass an event is.
CODES = {1: ("040", "04"), 2: ("060", "06"), 3: ("111", "11"), 4: ("190", "19")}
_serial = itertools.count()


def event(source: str, target: str, quad: int, goldstein: float, day: str, factuality: str = "asserted") -> Event:
    n = next(_serial)
    cameo, root = CODES[quad]
    return Event(
        event_id=content_hash("analytics", n), doc_id=None, sentence_index=n, sentence=f"{source} did {cameo} to {target} ({n})",
        source=source + "GOV", source_country=source, source_text=source, target=target + "GOV", target_country=target,
        target_text=target, trigger_text="did", cameo=cameo, cameo_root=root, goldstein=goldstein, quad_class=quad,
        plover=None, plover_mode=None, factuality=factuality, attributed_to=None, event_date=day, date_precision="day",
        report_date=day, place=None, rule="test", confidence=1.0,
    )


def make_store(path, events: list[Event]):
    doc = Document.from_text(f"analytics test {next(_serial)}")
    with open_store(path) as store:
        store.write_document(doc, [e.__class__(**{**e.to_dict(), "doc_id": doc.doc_id}) for e in events],
                             len(events), len(events), "test-run")
        store.cluster_events()
    return open_store(path, read_only=True)


@pytest.fixture
def store_of(tmp_path):
    opened = []

    def _make(events: list[Event]):
        store = make_store(tmp_path / f"s{len(opened)}.duckdb", events)
        opened.append(store)
        return store

    yield _make
    for store in opened:
        store.close()


def month(i: int, day: int = 10) -> str:
    """The day-th of the i-th month counted from January 2020."""
    return date(2020 + i // 12, i % 12 + 1, day).isoformat()


# -- dyad series ------------------------------------------------------------------------

DYAD_EVENTS = [
    event("USA", "CHN", 1, 1.0, "2020-01-05"),
    event("USA", "CHN", 1, 3.0, "2020-01-20"),
    event("USA", "CHN", 4, -10.0, "2020-01-31"),
    event("CHN", "USA", 3, -2.0, "2020-01-15"),
    event("USA", "CHN", 2, 7.5, "2020-03-02"),
    event("USA", "CHN", 4, -9.0, "2020-03-03", factuality="negated"),  # not counted by default
    event("USA", "RUS", 4, -10.0, "2020-02-01"),  # another dyad
    event("CHN", "RUS", 1, 1.0, "2020-02-01"),  # another dyad
]


def test_dyad_series_counts_goldstein_and_net_cooperation_per_month_exactly(store_of):
    series = dyad_series(store_of(DYAD_EVENTS), "usa", "CHN", by="month")
    assert (series.a, series.b, series.a_name, series.b_name) == ("USA", "CHN", "United States", "China")
    assert series.periods == ("2020-01-01", "2020-02-01", "2020-03-01")  # February is empty but present
    jan, feb, mar = series.a_to_b
    assert (jan.events, jan.verbal_cooperation, jan.material_cooperation, jan.verbal_conflict, jan.material_conflict) == (3, 2, 0, 0, 1)
    assert (jan.goldstein_sum, jan.goldstein_mean, jan.net_cooperation) == (-6.0, -2.0, round(1 / 3, 6))
    assert (feb.events, feb.goldstein_sum, feb.goldstein_mean, feb.net_cooperation) == (0, 0.0, None, None)
    assert (mar.events, mar.material_cooperation, mar.goldstein_sum, mar.net_cooperation) == (1, 1, 7.5, 1.0)
    back = series.b_to_a
    assert [s.events for s in back] == [1, 0, 0]
    assert (back[0].verbal_conflict, back[0].goldstein_mean, back[0].net_cooperation) == (1, -2.0, -1.0)


@pytest.mark.parametrize("by, periods, forward_events", [
    ("week", ("2019-12-30", "2020-01-06", "2020-01-13", "2020-01-20", "2020-01-27", "2020-02-03", "2020-02-10",
              "2020-02-17", "2020-02-24", "2020-03-02"), [1, 0, 0, 1, 1, 0, 0, 0, 0, 1]),
    ("quarter", ("2020-01-01",), [4]),
    ("year", ("2020-01-01",), [4]),
])
def test_dyad_series_periods_start_on_monday_quarter_and_year(store_of, by, periods, forward_events):
    series = dyad_series(store_of(DYAD_EVENTS), "USA", "CHN", by=by)
    assert series.periods == periods
    assert [s.events for s in series.a_to_b] == forward_events


def test_dyad_series_counts_other_factualities_only_when_asked(store_of):
    store = store_of(DYAD_EVENTS)
    assert dyad_series(store, "USA", "CHN", by="year").a_to_b[0].events == 4
    every = dyad_series(store, "USA", "CHN", by="year", factuality="all").a_to_b[0]
    assert (every.events, every.material_conflict, every.goldstein_sum) == (5, 2, -7.5)
    only = dyad_series(store, "USA", "CHN", by="year", factuality=["negated"]).a_to_b[0]
    assert (only.events, only.goldstein_sum) == (1, -9.0)


def test_dyad_series_since_and_until_bound_the_periods(store_of):
    series = dyad_series(store_of(DYAD_EVENTS), "USA", "CHN", since="2020-01-16", until="2020-04-30")
    assert series.periods == ("2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01")
    assert [s.events for s in series.a_to_b] == [2, 0, 1, 0]


def test_dyad_series_accepts_a_bare_connection_and_a_year_only_date(tmp_path):
    store = make_store(tmp_path / "y.duckdb", [event("USA", "CHN", 1, 2.0, "2021"), event("USA", "CHN", 1, 4.0, "2021-06")])
    with store:
        series = dyad_series(store.con, "USA", "CHN", by="month")
    assert series.periods[0] == "2021-01-01" and series.periods[-1] == "2021-06-01"
    assert series.a_to_b[0].goldstein_sum == 2.0 and series.a_to_b[-1].goldstein_sum == 4.0


@pytest.mark.parametrize("call, error, message", [
    (lambda s: dyad_series(s, "USA", "XYZ"), UnknownCountryError, "unknown country code 'XYZ'"),
    (lambda s: dyad_series(s, "USA", "PRK"), EmptySelectionError, "between USA and PRK"),
    (lambda s: dyad_series(s, "USA", "CHN", by="decade"), OptionError, "decade"),
    (lambda s: dyad_series(s, "USA", "CHN", since="May 2020"), OptionError, "YYYY-MM-DD"),
    (lambda s: dyad_series(s, "USA", "CHN", factuality="rumoured"), OptionError, "rumoured"),
    (lambda s: align(s, "USA", "CHN", "USA"), OptionError, "three different countries"),
    (lambda s: relations(s, ["USA", "FRA"]), EmptySelectionError, "USA, FRA"),
    (lambda s: signed_network(s, min_events=100), EmptySelectionError, "at least 100"),
])
def test_analytics_user_errors_are_named(store_of, call, error, message):
    with pytest.raises(error, match=message):
        call(store_of(DYAD_EVENTS))


# -- relations --------------------------------------------------------------------------


def test_relations_matrix_is_directed_net_cooperation(store_of):
    rel = relations(store_of(DYAD_EVENTS), ["USA", "CHN", "RUS"])
    assert rel.countries == ("USA", "CHN", "RUS") and rel.names == ("United States", "China", "Russia")
    assert rel.net == ((None, 0.5, -1.0), (-1.0, None, 1.0), (None, None, None))  # USA→CHN: (3 − 1) / 4
    assert rel.events == ((0, 4, 1), (1, 0, 1), (0, 0, 0))
    assert rel.goldstein_mean[0][1] == 0.375  # (1 + 3 − 10 + 7.5) / 4
    assert {(c["source"], c["target"]) for c in rel.cells()} == {("USA", "CHN"), ("USA", "RUS"), ("CHN", "USA"), ("CHN", "RUS")}


def test_relations_without_countries_takes_the_most_active(store_of):
    events = DYAD_EVENTS + [event("FRA", "DEU", 1, 1.0, "2020-01-01")]
    rel = relations(store_of(events), top=3)
    assert rel.countries == ("CHN", "USA", "RUS")  # 6, 6 (a tie goes by code), 2 events; FRA and DEU 1 each


# -- the signed network, balance and blocs ----------------------------------------------


def triad_events(signs: dict[tuple[str, str], int]) -> list[Event]:
    """Two events per pair, both cooperative (+) or both conflictual (−)."""
    out = []
    for (a, b), sign in signs.items():
        quad, score = (1, 3.0) if sign > 0 else (4, -8.0)
        out += [event(a, b, quad, score, "2020-05-01"), event(b, a, quad, score, "2020-05-02")]
    return out


@pytest.mark.parametrize("signs, balanced", [
    ((+1, +1, +1), True),   # three friends
    ((+1, -1, -1), True),   # two friends against a common enemy
    ((+1, +1, -1), False),  # a friend of my friend is my enemy
    ((-1, -1, -1), False),  # three mutual enemies
])
def test_structural_balance_of_a_single_triad(store_of, signs, balanced):
    pairs = (("CHN", "RUS"), ("CHN", "USA"), ("RUS", "USA"))
    graph = signed_network(store_of(triad_events(dict(zip(pairs, signs)))))
    assert [(e.a, e.b, e.sign) for e in graph.edges] == [(a, b, s) for (a, b), s in zip(pairs, signs)]
    balance = structural_balance(graph)
    assert (balance.triangles, balance.balanced) == (1, 1 if balanced else 0)
    assert balance.share_balanced == (1.0 if balanced else 0.0)
    assert [t.countries for t in balance.most_unbalanced] == ([] if balanced else [("CHN", "RUS", "USA")])


WEST, EAST = ("DEU", "FRA", "GBR", "USA"), ("CHN", "IRN", "PRK", "RUS")


def two_camps(cross_friends: tuple[tuple[str, str], ...] = ()) -> list[Event]:
    signs = {}
    for camp in (WEST, EAST):
        for a, b in itertools.combinations(camp, 2):
            signs[(a, b)] = +1
    for a in WEST:
        for b in EAST:
            signs[(a, b)] = +1 if (a, b) in cross_friends else -1
    return triad_events(signs)


def test_blocs_split_two_hostile_camps_exactly(store_of):
    report = network(store_of(two_camps()))
    assert set(report.blocs.blocs) == {tuple(sorted(WEST)), tuple(sorted(EAST))}
    assert (report.blocs.frustration, report.blocs.edges, report.blocs.unplaced) == (0, 28, ())
    assert report.balance.triangles == 56 and report.balance.share_balanced == 1.0
    assert report.balance.weighted_share_balanced == 1.0


def test_blocs_survive_one_friendship_across_the_camps_and_balance_names_its_triads(store_of):
    report = network(store_of(two_camps(cross_friends=(("GBR", "RUS"),))))
    assert set(report.blocs.blocs) == {tuple(sorted(WEST)), tuple(sorted(EAST))}
    assert report.blocs.frustration == 1
    # GBR–RUS friends makes every triangle through that edge unbalanced: 3 + 3 of them
    assert report.balance.triangles - report.balance.balanced == 6
    assert all({"GBR", "RUS"} <= set(t.countries) for t in report.balance.most_unbalanced)


def test_blocs_of_a_network_of_friends_is_one_bloc(store_of):
    graph = signed_network(store_of(triad_events({("CHN", "RUS"): 1, ("CHN", "USA"): 1, ("RUS", "USA"): 1})))
    assert signed_blocs(graph).blocs == (("CHN", "RUS", "USA"),)


def test_blocs_k_three_separates_three_camps(store_of):
    camps = (("DEU", "FRA"), ("CHN", "RUS"), ("BRA", "IND"))
    signs = {}
    for i, camp in enumerate(camps):
        signs[camp] = +1
        for other in camps[i + 1:]:
            for a in camp:
                for b in other:
                    signs[(a, b)] = -1
    blocs = signed_blocs(signed_network(store_of(triad_events(signs))), k=3)
    assert set(blocs.blocs) == {tuple(sorted(c)) for c in camps} and blocs.frustration == 0


def test_network_min_events_drops_thin_edges(store_of):
    events = triad_events({("CHN", "RUS"): 1}) + [event("USA", "CHN", 4, -10.0, "2020-01-01")]
    assert [(e.a, e.b) for e in signed_network(store_of(events), min_events=2).edges] == [("CHN", "RUS")]


def test_network_graphml_and_json_round_trip(store_of, tmp_path):
    report = network(store_of(two_camps(cross_friends=(("GBR", "RUS"),)) + DYAD_EVENTS))
    write_graphml(report, tmp_path / "n.graphml")
    write_json(report, tmp_path / "n.json")
    assert read_network(tmp_path / "n.graphml") == report.graph
    assert read_network(tmp_path / "n.json") == report.graph
    g = nx.read_graphml(tmp_path / "n.graphml")
    assert g.nodes["RUS"]["name"] == "Russia" and g.nodes["RUS"]["bloc"] == report.blocs.bloc_of("RUS")
    assert g.edges["GBR", "RUS"]["sign"] == 1 and g.edges["CHN", "USA"]["weight"] == report.graph.edges[
        [(e.a, e.b) for e in report.graph.edges].index(("CHN", "USA"))].weight
    data = json.loads((tmp_path / "n.json").read_text())
    assert data == json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"graph", "balance", "blocs"}


# -- shifts -----------------------------------------------------------------------------


def step_events(change_at: int, months: int = 24) -> list[Event]:
    """USA→CHN: mostly cooperation for `change_at` months, then mostly conflict; a little noise."""
    out = []
    for i in range(months):
        good = i < change_at
        out += [event("USA", "CHN", 1, 2.0, month(i, 3)), event("CHN", "USA", 2, 6.0, month(i, 9))] if good else \
               [event("USA", "CHN", 4, -9.0, month(i, 3)), event("CHN", "USA", 3, -4.0, month(i, 9))]
        if i % 3 == 0:  # the odd event against the trend
            out.append(event("USA", "CHN", 3 if good else 1, -2.0 if good else 1.0, month(i, 20)))
    return out


def test_shifts_finds_a_step_change_at_the_right_month_with_its_drivers(store_of):
    result = shifts(store_of(step_events(change_at=14)), "USA", "CHN", by="month")
    assert [s.period for s in result.shifts] == ["2021-03-01"]
    shift = result.shifts[0]
    assert shift.before > 0.5 and shift.after < -0.5 and shift.change < -1.0
    assert (shift.periods_before, shift.periods_after) == (14, 10)
    assert shift.drivers and shift.drivers[0]["goldstein"] == -9.0 and shift.drivers[0]["date"] == "2021-03-03"
    assert "PELT" in result.method and result.penalty > 0


def test_shifts_finds_nothing_in_a_steady_series(store_of):
    events = [e for i in range(24) for e in (event("USA", "CHN", 1, 2.0, month(i)), event("USA", "CHN", 3 if i % 2 else 1, -1.0, month(i, 20)))]
    assert shifts(store_of(events), "USA", "CHN", metric="goldstein_mean").shifts == ()


# -- align ------------------------------------------------------------------------------

PATTERN = [1, 1, 4, 4, 1, 4]  # QuadClass toward the third country, month by month


def toward(source: str, target: str, quads: list[int], scores: dict[int, float]) -> list[Event]:
    return [event(source, target, q, scores[q], month(i)) for i, q in enumerate(quads)]


def test_align_a_coordinated_pair_agrees_in_direction_and_tone(store_of):
    scores = {1: 3.0, 4: -9.0}
    events = toward("CHN", "USA", PATTERN, scores) + toward("RUS", "USA", PATTERN, scores)
    result = align(store_of(events), "CHN", "RUS", "USA")
    assert result.shared_periods == 6
    assert (result.direction_agreement, result.direction_correlation) == (1.0, 1.0)
    assert (result.tone_agreement, result.tone_gap, result.tone_correlation) == (1.0, 0.0, 1.0)
    assert len(result.evidence) == 12 and {e["target_country"] for e in result.evidence} == {"USA"}


def test_align_good_cop_bad_cop_same_direction_different_tone(store_of):
    events = toward("CHN", "PRK", [3, 3, 1, 3], {1: 1.0, 3: -2.0}) + toward("RUS", "PRK", [4, 4, 2, 4], {2: 7.0, 4: -10.0})
    result = align(store_of(events), "CHN", "RUS", "PRK")
    assert result.direction_agreement == 1.0 and result.direction_correlation == 1.0
    assert result.tone_gap == round((8 + 8 - 6 + 8) / 4, 6)  # China is the friendlier voice
    assert result.tone_agreement == round(1 - 7.5 / 20, 6)


def test_align_an_opposed_pair_disagrees(store_of):
    flipped = [5 - q for q in PATTERN]  # 1 ↔ 4
    events = toward("CHN", "USA", PATTERN, {1: 3.0, 4: -9.0}) + toward("RUS", "USA", flipped, {1: 3.0, 4: -9.0})
    result = align(store_of(events), "CHN", "RUS", "USA")
    assert (result.direction_agreement, result.direction_correlation, result.tone_correlation) == (0.0, -1.0, -1.0)


# -- the CLI through its real entry point -----------------------------------------------


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("analytics-cli") / "a.duckdb"
    make_store(path, step_events(change_at=14) + two_camps() + toward("RUS", "USA", PATTERN, {1: 3.0, 4: -9.0})).close()
    return str(path)


def cli(*args: str) -> tuple[int, str, str]:
    result = run_cli(*args)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_cli_dyad_json_is_the_python_result_and_table_shows_names(cli_db):
    code, stdout, stderr = cli("dyad", "USA", "CHN", "--db", cli_db, "--by", "quarter", "--format", "json")
    assert code == 0, stderr
    with open_store(cli_db, read_only=True) as store:
        assert json.loads(stdout) == json.loads(json.dumps(dyad_series(store, "USA", "CHN", by="quarter").to_dict()))
    code, stdout, _ = cli("dyad", "USA", "CHN", "--db", cli_db, "--by", "year")
    assert code == 0 and "United States" in stdout and "China" in stdout and "2021-01-01" in stdout


def test_cli_dyad_csv_and_png_plot(cli_db, tmp_path):
    png = tmp_path / "dyad.png"
    code, stdout, stderr = cli("dyad", "USA", "CHN", "--db", cli_db, "--format", "csv", "--plot", str(png))
    assert code == 0, stderr
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert len(rows) == 48 and rows[0]["source"] == "USA" and rows[1]["source"] == "CHN"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


@pytest.mark.parametrize("args, code, message", [
    (["dyad", "USA", "XYZ"], 2, "unknown-country"),
    (["dyad", "USA", "CHN", "--plot", "x.html"], 2, "not-built"),
    (["relations", "--countries", "BRA,ARG"], 2, "empty-selection"),
    (["align", "USA", "CHN", "--toward", "usa"], 2, "three different countries"),
    (["shifts", "USA", "CHN", "--by", "decade"], 2, "decade"),
])
def test_cli_user_errors_are_messages(cli_db, args, code, message):
    got, stdout, stderr = cli(*args, "--db", cli_db)
    assert got == code and message in stdout + stderr


def test_cli_relations_and_network_export_and_plot(cli_db, tmp_path):
    code, stdout, stderr = cli("relations", "--db", cli_db, "--countries", "USA,CHN,RUS", "--format", "json",
                               "--plot", str(tmp_path / "rel.png"))
    assert code == 0, stderr
    assert json.loads(stdout)["countries"] == ["USA", "CHN", "RUS"] and (tmp_path / "rel.png").stat().st_size > 10_000
    code, stdout, stderr = cli("network", "--db", cli_db, "--min-events", "2", "--graphml", str(tmp_path / "n.graphml"),
                               "--json", str(tmp_path / "n.json"), "--plot", str(tmp_path / "n.png"))
    assert code == 0, stderr
    assert "Germany" in stdout and "balanced" in stdout
    assert read_network(tmp_path / "n.graphml") == read_network(tmp_path / "n.json")
    assert (tmp_path / "n.png").stat().st_size > 10_000


def test_cli_shifts_and_align(cli_db):
    code, stdout, stderr = cli("shifts", "USA", "CHN", "--db", cli_db, "--format", "json")
    assert code == 0, stderr
    assert [s["period"] for s in json.loads(stdout)["shifts"]] == ["2021-03-01"]
    code, stdout, stderr = cli("align", "RUS", "GBR", "--toward", "USA", "--db", cli_db, "--by", "year")
    assert code == 0, stderr
    assert "Russia" in stdout and "United Kingdom" in stdout and "direction" in stdout


def test_every_analytics_period_boundary_helper_is_consistent():
    from detente.analytics.common import next_period, period_range, period_start

    for by in ("week", "month", "quarter", "year"):
        starts = period_range(date(2019, 11, 20), date(2021, 2, 2), by)
        assert all(next_period(a, by) == b for a, b in zip(starts, starts[1:]))
        assert all(period_start(s + timedelta(days=1), by) == s for s in starts)


def test_analytics_dyad_can_count_event_clusters_instead_of_mentions(store_of):
    # one attack reported on three consecutive days, and another a fortnight later
    events = [event("USA", "CHN", 4, -10.0, "2020-01-05"), event("USA", "CHN", 4, -10.0, "2020-01-06"),
              event("USA", "CHN", 4, -10.0, "2020-01-07"), event("USA", "CHN", 4, -10.0, "2020-01-21")]
    store = store_of(events)
    mentions = dyad_series(store, "USA", "CHN", by="month")
    clusters = dyad_series(store, "USA", "CHN", by="month", clusters=True)
    assert mentions.a_to_b[0].events == 4 and clusters.a_to_b[0].events == 2
    assert clusters.a_to_b[0].goldstein_sum == -20.0
