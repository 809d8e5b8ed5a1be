"""The whole coder with the real spaCy model: sentence → (source country, target country, root, factuality)."""

from __future__ import annotations

import pytest

import detente

# Each row: text, report date, and events that must be among the output as
# (source country, target country, CAMEO root, factuality).
CASES = [
    ("Washington imposed new sanctions on Moscow on Tuesday.", "2017-07-28",
     {("USA", "RUS", "16", "asserted")}),
    ("New sanctions were imposed on Iran by the European Union.", "2012-01-23",
     {("IGOEUR", "IRN", "16", "asserted")}),
    ("Russia and China held joint naval exercises in the Sea of Japan.", "2017-09-18",
     {("RUS", "CHN", "06", "asserted"), ("CHN", "RUS", "06", "asserted")}),
    ("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow.", "2019-06-05",
     {("CHN", "RUS", "04", "asserted"), ("RUS", "CHN", "04", "asserted")}),
    ("The Chinese foreign ministry condemned Japan on Friday.", "2013-11-29",
     {("CHN", "JPN", "11", "asserted")}),
    ("North Korea fired two ballistic missiles at South Korea.", "2017-03-06",
     {("PRK", "KOR", "19", "asserted")}),
    ("Israeli warplanes bombed Gaza overnight.", "2014-07-09",
     {("ISR", "PSE", "19", "asserted")}),
    ("The United States accused Russia of interfering in the election.", "2017-01-06",
     {("USA", "RUS", "11", "asserted")}),
    ("China did not condemn Russia.", "2022-03-01",
     {("CHN", "RUS", "11", "negated")}),
    ("Beijing could impose tariffs on Washington.", "2018-04-04",
     {("CHN", "USA", "16", "hypothetical")}),
    ("Washington threatened to impose sanctions on Beijing.", "2017-08-03",
     {("USA", "CHN", "13", "asserted"), ("USA", "CHN", "16", "hypothetical")}),
    ("Turkey refused to extradite the suspects to Germany.", "2017-06-01",
     {("TUR", "DEU", "06", "negated")}),
    ("Iran denied that it had attacked Saudi Arabia.", "2019-09-15",
     {("IRN", "SAU", "19", "negated")}),
    ("The EU urged Serbia and Kosovo to resume talks.", "2021-07-19",
     {("IGOEUR", "SRB", "02", "asserted"), ("IGOEUR", "XKX", "02", "asserted")}),
    ("Japan and South Korea signed a military intelligence agreement.", "2016-11-23",
     {("JPN", "KOR", "05", "asserted"), ("KOR", "JPN", "05", "asserted")}),
    ("Ukraine said Russian forces shelled Ukrainian positions.", "2022-03-01",
     {("RUS", "UKR", "19", "asserted")}),
    ("Will China impose sanctions on Japan?", "2012-09-20",
     {("CHN", "JPN", "16", "question")}),
    ("Russia would have vetoed the resolution against Syria.", "2012-02-04",
     {("RUS", None, "12", "counterfactual")}),
    ("India expelled two Pakistani diplomats.", "2020-05-31",
     {("IND", "PAK", "16", "asserted")}),
    ("The United States will supply arms to Israel.", "2023-10-10",
     {("USA", "ISR", "07", "future"), ("USA", "ISR", "03", "asserted")}),
    ("Moscow plans to impose sanctions on Kyiv.", "2014-03-01",
     {("RUS", "UKR", "16", "future"), ("RUS", "UKR", "13", "asserted")}),
    # a refusal of a cooperative act is an asserted rejection
    ("The Israeli government is refusing to lift the curfew on Palestinians.", "2002-07-01",
     {("ISR", "PSE", "08", "negated"), ("ISR", "PSE", "12", "asserted")}),
    ("Syria said it will not accept any more refugees.", "2003-03-01",
     {("SYR", None, "12", "asserted")}),
    # a raised subject: "is scheduled to" lends its passive subject; granting permission is yielding
    ("The Japanese prime minister is scheduled to attend a summit in Seoul.", "2019-05-22",
     {("JPN", "KOR", "04", "future"), ("JPN", "KOR", "03", "asserted")}),
    ("Ankara said it would not give permission to Washington to use the base.", "2003-03-01",
     {("TUR", "USA", "12", "asserted")}),
    # the counterpart of an object: who it comes from
    ("Pakistan rejected an offer from India for direct talks.", "2001-05-01",
     {("PAK", "IND", "12", "asserted")}),
    # the object of a target preposition can name the target: "for sanctions against X"
    ("The African Union called for sanctions against Zimbabwe.", "2008-07-01",
     {("IGOAFU", "ZWE", "02", "asserted")}),
    # a travel warning reduces relations with the country named inside "against travel to X"
    ("Britain advised its citizens against travel to Iraq.", "2004-05-01",
     {("GBR", "IRQ", "16", "asserted")}),
    # a quantity of events is carried by the verb of the quantity
    ("French and Egyptian warships launched ten days of war games in the Mediterranean.", "1990-05-01",
     {("FRA", "EGY", "06", "asserted"), ("EGY", "FRA", "06", "asserted")}),
    # "X said that Y must ..." is a demand of X on Y
    ("The German chancellor said that Greece must cut its spending.", "2011-06-01",
     {("DEU", "GRC", "10", "asserted")}),
    # a name the dictionaries do not know, introduced by nationality and title
    ("Bulgarian President Ivan Dragomirov condemned Serbia.", "2003-03-01",
     {("BGR", "SRB", "11", "asserted")}),
]


@pytest.mark.parametrize("text, when, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_integration_sentences_are_coded(text, when, expected):
    events = detente.code_text(text, date=when)
    found = {(e.source_country, e.target_country, e.cameo_root, e.factuality) for e in events}
    assert expected <= found, f"missing {expected - found}; produced {sorted(found)}"


@pytest.mark.parametrize("text, when", [
    ("The weather was mild in Paris on Tuesday.", "2019-05-01"),
    ("Shares of Chinese carmakers rose sharply.", "2019-05-01"),
    ("The Russian novelist died at the age of 82.", "2019-05-01"),
])
def test_integration_sentences_without_political_events_give_none(text, when):
    assert [e for e in detente.code_text(text, date=when) if e.target_country] == []


def test_integration_reported_speech_is_attributed():
    events = detente.code_text("Russian forces shelled Kharkiv, Ukraine's defence ministry said.", date="2022-03-01")
    shelling = [e for e in events if e.cameo_root == "19"]
    assert shelling and all(e.attributed_to == "UKRGOV" for e in shelling)


def test_integration_negated_embedded_event_under_refuse_and_deny():
    events = detente.code_text("Turkey refused to extradite the suspects to Germany. "
                               "Iran denied that it had attacked Saudi Arabia.", date="2019-09-15")
    assert all(e.factuality == "negated" for e in events if e.cameo_root in ("17", "18", "19"))


def test_integration_code_documents_streams_events_with_doc_ids():
    from detente.records import Document

    docs = [Document.from_text("Washington imposed sanctions on Moscow.", published="2017-07-28"),
            Document.from_text("China and Russia held talks in Beijing.", published="2019-05-22")]
    events = list(detente.code_documents(docs))
    assert {e.doc_id for e in events} == {d.doc_id for d in docs}
    assert all(e.report_date in ("2017-07-28", "2019-05-22") for e in events)


@pytest.mark.parametrize("text, expected", [
    # "it" → the most recent singular, non-person subject of the paragraph (Russia, not Ukraine)
    ("Russia condemned Ukraine. It also accused Poland of provocations.", ("RUS", "POL", "11")),
    # "its banks" → the country of the antecedent, the sector of the noun
    ("Beijing denied that its banks had helped Moscow evade sanctions.", ("CHN", "RUS", "07")),
    # "he" → the most recent person that was a subject (Putin, not Erdogan)
    ("Putin met Erdogan in Sochi. He later accused the United States of meddling.", ("RUS", "USA", "11")),
    # "the two countries" → the two most recent distinct countries
    ("Japan protested to China. The two countries later agreed to hold talks with South Korea.", ("JPN", "KOR", "04")),
])
def test_integration_references_resolve_to_the_most_recent_compatible_actor(text, expected):
    events = detente.code_text(text, date="2019-05-22")
    found = {(e.source_country, e.target_country, e.cameo_root) for e in events}
    assert expected in found, sorted(found)


def test_integration_pronouns_do_not_reach_across_paragraphs():
    events = detente.code_text("Russia condemned Ukraine.\n\nIt also accused Poland of provocations.", date="2019-05-22")
    assert not [e for e in events if e.target_country == "POL" and e.source_country == "RUS"]


def test_integration_located_sector_noun_takes_the_place_country():
    from detente.explain import lookup_actors

    found = {a["code"] for a in lookup_actors(detente._default_coder(), "Rebels in the Ivory Coast attacked U.S. troops in Iraq.")}
    assert {"CIVREB", "USAMIL"} <= found and not {"USAMILIRQ", "IRQMIL"} & found


@pytest.mark.parametrize("text, date_, precision", [
    ("Russia and China held joint naval exercises on Tuesday.", "2019-05-21", "day"),
    ("Washington imposed sanctions on Moscow last week.", "2019-05-13", "week"),
    ("China condemned Japan in March.", "2019-03-01", "month"),
    ("Japan condemned North Korea.", "2019-05-22", "report"),
])
def test_integration_event_date_comes_from_the_events_own_clause(text, date_, precision):
    events = detente.code_text(text, date="2019-05-22")
    assert events and {(e.event_date, e.date_precision) for e in events} == {(date_, precision)}
    assert all(e.report_date == "2019-05-22" for e in events)


@pytest.mark.parametrize("text, place", [
    ("Russia and China held joint naval exercises in the Baltic Sea.", "Baltic Sea"),
    ("Putin met Xi in Beijing on Tuesday.", "Beijing"),
    ("Iran seized a British tanker in the Strait of Hormuz.", "Strait of Hormuz"),
    ("Washington imposed sanctions on Moscow.", None),
])
def test_integration_event_place_comes_from_a_locative_phrase_of_its_clause(text, place):
    events = detente.code_text(text, date="2019-05-22")
    assert events and {e.place for e in events} == {place}


def test_integration_a_date_inside_a_nominal_event_dates_that_event_only():
    events = detente.code_text("Putin briefed Xi on his talks with Kim Jong Un in Vladivostok last month.", date="2019-05-22")
    dates = {(e.trigger_text, e.event_date, e.date_precision) for e in events}
    assert ("talks", "2019-04-01", "month") in dates
    assert ("briefed", "2019-05-22", "report") in dates


def test_integration_purpose_clause_shares_its_governors_future():
    events = detente.code_text("China said it would send troops to protect Russia.", date="2019-05-22")
    assert events and all(e.factuality != "asserted" or e.cameo.startswith("03") for e in events)
