"""Actor recognition on hand-built parses: dictionaries, noun-phrase grouping, dates."""

from __future__ import annotations

import pytest

from detente.actors import load_actor_dictionary


def codes(doc):
    return sorted(m.code for m in doc._.actors if not m.modifier)


# (rows, report date, expected codes of the non-modifier actors)
NP_CASES = [
    pytest.param([("Russian", 1, "amod", "ADJ", "russian"), ("diplomats", 1, "ROOT", "NOUN", "diplomat")],
                 None, ["RUSGOV"], id="adjective+sector-noun"),
    pytest.param([("the", 2, "det", "DET", "the"), ("Chinese", 2, "amod", "ADJ", "chinese"),
                  ("navy", 2, "ROOT", "NOUN", "navy")], None, ["CHNMIL"], id="the-chinese-navy"),
    pytest.param([("China", 3, "poss", "PROPN", "China"), ("'s", 0, "case", "PART", "'s"),
                  ("foreign", 3, "amod", "ADJ", "foreign"), ("ministry", 3, "ROOT", "NOUN", "ministry")],
                 None, ["CHNGOV"], id="possessive+multiword-sector"),
    pytest.param([("the", 1, "det", "DET", "the"), ("government", 1, "ROOT", "NOUN", "government"),
                  ("of", 1, "prep", "ADP", "of"), ("China", 2, "pobj", "PROPN", "China")],
                 None, ["CHNGOV"], id="government-of-X"),
    pytest.param([("UN", 1, "compound", "PROPN", "UN"), ("troops", 1, "ROOT", "NOUN", "troop")],
                 None, ["IGOUNOMIL"], id="igo+sector"),
    pytest.param([("Kremlin", 1, "compound", "PROPN", "Kremlin"), ("officials", 1, "ROOT", "NOUN", "official")],
                 None, ["RUSGOV"], id="metonym-keeps-its-sector"),
    pytest.param([("Russian", 2, "amod", "ADJ", "russian"), ("military", 2, "amod", "ADJ", "military"),
                  ("officials", 2, "ROOT", "NOUN", "official")], None, ["RUSMIL"], id="specific-modifier-sector-wins"),
    pytest.param([("Beijing", 0, "ROOT", "PROPN", "Beijing")], None, ["CHNGOV"], id="capital-is-government"),
    pytest.param([("North", 1, "compound", "PROPN", "North"), ("Korea", 1, "ROOT", "PROPN", "Korea")],
                 None, ["PRK"], id="multiword-country"),
    pytest.param([("the", 1, "det", "DET", "the"), ("White", 2, "compound", "PROPN", "White"),
                  ("House", 2, "ROOT", "PROPN", "House")], None, ["USAGOV"], id="white-house"),
    pytest.param([("the", 1, "det", "DET", "the"), ("Pentagon", 1, "ROOT", "PROPN", "Pentagon")],
                 None, ["USAMIL"], id="pentagon"),
    pytest.param([("US", 0, "ROOT", "PROPN", "US")], None, ["USA"], id="US-in-capitals"),
    pytest.param([("us", 0, "ROOT", "PRON", "we")], None, [], id="pronoun-us-is-not-the-USA"),
    pytest.param([("Latin", 1, "amod", "ADJ", "latin"), ("American", 2, "amod", "ADJ", "american"),
                  ("leaders", 2, "ROOT", "NOUN", "leader")], None, [], id="stoplist-latin-american"),
    pytest.param([("lawmakers", 0, "ROOT", "NOUN", "lawmaker")], None, [], id="sector-alone-names-no-country"),
    pytest.param([("Xi", 1, "compound", "PROPN", "Xi"), ("Jinping", 1, "ROOT", "PROPN", "Jinping")],
                 "2020-01-01", ["CHNGOV"], id="leader-in-office"),
    pytest.param([("Trump", 0, "ROOT", "PROPN", "Trump")], "2018-06-01", ["USAGOV"], id="trump-first-term"),
    pytest.param([("Trump", 0, "ROOT", "PROPN", "Trump")], "2022-06-01", ["USAELI"], id="trump-between-terms"),
    pytest.param([("Trump", 0, "ROOT", "PROPN", "Trump")], "2025-06-01", ["USAGOV"], id="trump-second-term"),
    pytest.param([("Moscow", 0, "ROOT", "PROPN", "Moscow")], "1985-03-01", ["SUNGOV"], id="moscow-in-1985"),
    pytest.param([("Moscow", 0, "ROOT", "PROPN", "Moscow")], "2015-03-01", ["RUSGOV"], id="moscow-in-2015"),
    pytest.param([("Chinese", 1, "amod", "ADJ", "chinese"), ("President", 2, "compound", "PROPN", "President"),
                  ("Xi", 2, "ROOT", "PROPN", "Xi")], "2019-05-22", ["CHNGOV"], id="adjective+title+name"),
]


@pytest.mark.parametrize("rows, when, expected", NP_CASES)
def test_actors_noun_phrases_are_coded(build, rows, when, expected):
    doc = build(rows, when, run_events=False)
    assert codes(doc) == expected


def test_actors_every_mention_says_why(build):
    doc = build([("Russian", 1, "amod", "ADJ", "russian"), ("diplomats", 1, "ROOT", "NOUN", "diplomat")], None, False)
    [mention] = doc._.actors
    assert "Russian" in mention.why and "GOV" in mention.why
    assert [(s.text, s.label_) for s in doc.spans["actors"]] == [("Russian diplomats", "RUSGOV")]


def test_actors_adjective_modifying_an_event_noun_is_a_modifier(build):
    doc = build([("US", 1, "compound", "PROPN", "US"), ("sanctions", 1, "ROOT", "NOUN", "sanction")], None, False)
    [mention] = doc._.actors
    assert mention.modifier and mention.code == "USA" and doc[mention.head].text == "sanctions"


@pytest.mark.parametrize("text, when, code", [
    ("Vladimir Putin", "2015-01-01", "RUSGOV"),
    ("Barack Obama", "2010-01-01", "USAGOV"),
    ("Angela Merkel", "2010-01-01", "DEUGOV"),
    ("Kim Jong Un", "2018-06-12", "PRKGOV"),
    ("Zelensky", "2022-03-01", "UKRGOV"),
])
def test_actors_dictionary_lookup_by_date(text, when, code):
    from datetime import date

    entries = load_actor_dictionary().lookup(text, date.fromisoformat(when))
    assert code in {e.code for e in entries if e.holds_on(date.fromisoformat(when))}
