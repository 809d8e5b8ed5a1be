"""Rule logic of the events stage on hand-built parses (no statistical model involved)."""

from __future__ import annotations

import pytest

from detente.events import extract

# (text, head, dep, pos, lemma, tag)
IMPOSE_ACTIVE = [
    ("Washington", 1, "nsubj", "PROPN", "Washington"),
    ("imposed", 1, "ROOT", "VERB", "impose", "VBD"),
    ("sanctions", 1, "dobj", "NOUN", "sanction"),
    ("on", 1, "prep", "ADP", "on"),
    ("Russia", 3, "pobj", "PROPN", "Russia"),
    (".", 1, "punct", "PUNCT", "."),
]
IMPOSE_PASSIVE = [
    ("Sanctions", 2, "nsubjpass", "NOUN", "sanction"),
    ("were", 2, "auxpass", "AUX", "be"),
    ("imposed", 2, "ROOT", "VERB", "impose", "VBN"),
    ("on", 2, "prep", "ADP", "on"),
    ("Russia", 3, "pobj", "PROPN", "Russia"),
    ("by", 2, "agent", "ADP", "by"),
    ("Washington", 5, "pobj", "PROPN", "Washington"),
    (".", 2, "punct", "PUNCT", "."),
]
COMPOUND_SUBJECT = [
    ("China", 3, "nsubj", "PROPN", "China"),
    ("and", 0, "cc", "CCONJ", "and"),
    ("Russia", 0, "conj", "PROPN", "Russia"),
    ("condemned", 3, "ROOT", "VERB", "condemn", "VBD"),
    ("Japan", 3, "dobj", "PROPN", "Japan"),
    (".", 3, "punct", "PUNCT", "."),
]


def condemn_with(aux_rows, verb_tag="VB"):
    """ "China <aux...> condemn(ed) Japan ." with the given auxiliaries/negators before the verb."""
    n = len(aux_rows)
    verb = 1 + n
    rows = [("China", verb, "nsubj", "PROPN", "China")]
    rows += [(text, verb, dep, pos, lemma) for text, dep, pos, lemma in aux_rows]
    rows += [("condemn", verb, "ROOT", "VERB", "condemn", verb_tag), ("Japan", verb, "dobj", "PROPN", "Japan"),
             (".", verb, "punct", "PUNCT", ".")]
    return rows


def triples(events):
    return sorted((e.source, e.target, e.cameo) for e in events)


@pytest.mark.parametrize("rows, expected", [
    (IMPOSE_ACTIVE, [("USAGOV", "RUS", "163")]),
    (IMPOSE_PASSIVE, [("USAGOV", "RUS", "163")]),
    (COMPOUND_SUBJECT, [("CHN", "JPN", "111"), ("RUS", "JPN", "111")]),
])
def test_events_find_source_and_target_in_active_passive_and_coordination(build, rows, expected):
    assert triples(extract(build(rows, "2017-07-28"))) == expected


def test_events_passive_voice_swaps_roles(build):
    active = extract(build(IMPOSE_ACTIVE))
    passive = extract(build(IMPOSE_PASSIVE))
    assert [(e.source, e.target) for e in active] == [(e.source, e.target) for e in passive]
    assert "agent" in passive[0].rule


def test_events_verb_with_object_constraint_consumes_its_nominal_trigger(build):
    # "sanctions" is also a noun trigger, but it is the object of "imposed": one event, not two
    events = extract(build(IMPOSE_ACTIVE))
    assert len(events) == 1 and events[0].rule.startswith("t-impose-sanctions")


@pytest.mark.parametrize("aux_rows, verb_tag, factuality", [
    ([], "VBD", "asserted"),
    ([("did", "aux", "AUX", "do"), ("n't", "neg", "PART", "not")], "VB", "negated"),
    ([("never", "neg", "ADV", "never")], "VBD", "negated"),
    ([("could", "aux", "AUX", "could")], "VB", "hypothetical"),
    ([("might", "aux", "AUX", "might")], "VB", "hypothetical"),
    ([("will", "aux", "AUX", "will")], "VB", "future"),
    ([("would", "aux", "AUX", "would"), ("have", "aux", "AUX", "have")], "VBN", "counterfactual"),
])
def test_events_factuality_from_auxiliaries_and_negators(build, aux_rows, verb_tag, factuality):
    events = extract(build(condemn_with(aux_rows, verb_tag)))
    assert [e.factuality for e in events] == [factuality]


def test_events_question_mark_makes_a_question(build):
    rows = [("Will", 2, "aux", "AUX", "will"), ("China", 2, "nsubj", "PROPN", "China"),
            ("condemn", 2, "ROOT", "VERB", "condemn", "VB"), ("Japan", 2, "dobj", "PROPN", "Japan"),
            ("?", 2, "punct", "PUNCT", "?")]
    assert [e.factuality for e in extract(build(rows))] == ["question"]


THREATEN = [
    ("Washington", 1, "nsubj", "PROPN", "Washington"),
    ("threatened", 1, "ROOT", "VERB", "threaten", "VBD"),
    ("to", 3, "aux", "PART", "to"),
    ("impose", 1, "xcomp", "VERB", "impose", "VB"),
    ("sanctions", 3, "dobj", "NOUN", "sanction"),
    ("on", 3, "prep", "ADP", "on"),
    ("Beijing", 5, "pobj", "PROPN", "Beijing"),
    (".", 1, "punct", "PUNCT", "."),
]


def test_events_threat_is_a_threaten_event_and_the_threatened_act_is_not_asserted(build):
    events = {e.cameo: e for e in extract(build(THREATEN))}
    assert events["130"].factuality == "asserted"
    assert (events["130"].source, events["130"].target) == ("USAGOV", "CHNGOV")
    assert events["163"].factuality == "hypothetical"
    assert "complement" in events["130"].rule


def test_events_refuse_to_negates_the_embedded_event(build):
    rows = [("China", 1, "nsubj", "PROPN", "China"), ("refused", 1, "ROOT", "VERB", "refuse", "VBD"),
            ("to", 3, "aux", "PART", "to"), ("condemn", 1, "xcomp", "VERB", "condemn", "VB"),
            ("Russia", 3, "dobj", "PROPN", "Russia"), (".", 1, "punct", "PUNCT", ".")]
    events = extract(build(rows))
    assert [(e.source, e.target, e.factuality) for e in events] == [("CHN", "RUS", "negated")]


def test_events_reported_speech_is_attributed_to_the_speaker(build):
    rows = [("Russia", 1, "nsubj", "PROPN", "Russia"), ("attacked", 4, "ccomp", "VERB", "attack", "VBD"),
            ("Georgia", 1, "dobj", "PROPN", "Georgia"), (",", 4, "punct", "PUNCT", ","),
            ("said", 4, "ROOT", "VERB", "say", "VBD"), ("Ukraine", 4, "nsubj", "PROPN", "Ukraine"),
            (".", 4, "punct", "PUNCT", ".")]
    events = extract(build(rows))
    assert [(e.source, e.target, e.attributed_to, e.factuality) for e in events if e.cameo_root == "19"] == [
        ("RUS", "GEO", "UKR", "asserted")]
    # a state that reports another's violence accuses it
    assert [(e.source, e.target, e.cameo) for e in events if e.cameo_root == "11"] == [("UKR", "RUS", "112")]


JOINT_EXERCISES = [
    ("China", 3, "nsubj", "PROPN", "China"),
    ("and", 0, "cc", "CCONJ", "and"),
    ("Russia", 0, "conj", "PROPN", "Russia"),
    ("held", 3, "ROOT", "VERB", "hold", "VBD"),
    ("joint", 5, "amod", "ADJ", "joint"),
    ("exercises", 3, "dobj", "NOUN", "exercise"),
    (".", 3, "punct", "PUNCT", "."),
]
SINO_RUSSIAN = [
    ("Sino", 2, "amod", "ADJ", "sino"),
    ("-", 2, "punct", "PUNCT", "-"),
    ("Russian", 4, "amod", "ADJ", "russian"),
    ("naval", 4, "amod", "ADJ", "naval"),
    ("exercises", 5, "nsubj", "NOUN", "exercise"),
    ("began", 5, "ROOT", "VERB", "begin", "VBD"),
    (".", 5, "punct", "PUNCT", "."),
]


@pytest.mark.parametrize("rows", [JOINT_EXERCISES, SINO_RUSSIAN], ids=["support-verb", "sino-prefix"])
def test_events_joint_events_go_both_directions(build, rows):
    events = extract(build(rows))
    assert sorted((e.source_country, e.target_country, e.cameo) for e in events) == [("CHN", "RUS", "062"), ("RUS", "CHN", "062")]


def test_actors_sector_adjective_in_a_modifier_phrase_gives_the_sector(build):
    # "naval" is a military sector adjective: "Sino-Russian naval exercises" are the two navies'
    assert {e.source for e in extract(build(SINO_RUSSIAN))} == {"CHNMIL", "RUSMIL"}


def test_events_nominal_trigger_takes_possessive_source_and_prepositional_target(build):
    rows = [("Washington", 2, "poss", "PROPN", "Washington"), ("'s", 0, "case", "PART", "'s"),
            ("sanctions", 5, "nsubj", "NOUN", "sanction"), ("against", 2, "prep", "ADP", "against"),
            ("Moscow", 3, "pobj", "PROPN", "Moscow"), ("hurt", 5, "ROOT", "VERB", "hurt", "VBD"),
            ("trade", 5, "dobj", "NOUN", "trade"), (".", 5, "punct", "PUNCT", ".")]
    assert triples(extract(build(rows))) == [("USAGOV", "RUSGOV", "163")]


def test_events_reciprocal_verb_with_target_goes_both_directions(build):
    rows = [("China", 1, "nsubj", "PROPN", "China"), ("met", 1, "ROOT", "VERB", "meet", "VBD"),
            ("Russia", 1, "dobj", "PROPN", "Russia"), (".", 1, "punct", "PUNCT", ".")]
    assert triples(extract(build(rows))) == [("CHN", "RUS", "040"), ("RUS", "CHN", "040")]


def test_events_pattern_needing_a_target_is_dropped_with_a_reason(build):
    rows = [("China", 1, "nsubj", "PROPN", "China"), ("condemned", 1, "ROOT", "VERB", "condemn", "VBD"),
            ("violence", 1, "dobj", "NOUN", "violence"), (".", 1, "punct", "PUNCT", ".")]
    doc = build(rows)
    assert extract(doc) == []
    [candidate] = doc._.event_candidates
    assert not candidate.kept and "no target" in candidate.reason


def test_events_particle_is_required_for_phrasal_verb(build):
    with_particle = [("Russia", 1, "nsubj", "PROPN", "Russia"), ("watered", 1, "ROOT", "VERB", "water", "VBD"),
                     ("down", 1, "prt", "ADP", "down"), ("the", 4, "det", "DET", "the"),
                     ("text", 1, "dobj", "NOUN", "text"), (".", 1, "punct", "PUNCT", ".")]
    without = [("Russia", 1, "nsubj", "PROPN", "Russia"), ("watered", 1, "ROOT", "VERB", "water", "VBD"),
               ("the", 3, "det", "DET", "the"), ("text", 1, "dobj", "NOUN", "text"), (".", 1, "punct", "PUNCT", ".")]
    assert triples(extract(build(with_particle))) == [("RUS", None, "120")]
    assert extract(build(without)) == []


def test_events_records_carry_codes_from_the_ontology(build):
    [event] = extract(build(IMPOSE_ACTIVE, "2017-07-28"))
    assert (event.cameo_root, event.quad_class, event.plover) == ("16", 4, "SANCTION")
    assert event.goldstein < 0
    assert event.report_date == "2017-07-28" and event.date_precision == "report"
    assert event.trigger_text == "imposed" and event.source_text == "Washington"
    assert 0 < event.confidence <= 1


def test_events_event_ids_are_stable(build):
    first = extract(build(IMPOSE_ACTIVE))
    second = extract(build(IMPOSE_ACTIVE))
    assert [e.event_id for e in first] == [e.event_id for e in second]
