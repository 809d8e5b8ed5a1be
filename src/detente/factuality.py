"""Factuality and attribution of an event, read off the dependency tree.

One value per event: `asserted`, `negated`, `hypothetical`, `future`, `question` or
`counterfactual`. The cues (modals, negators, complement-taking verbs, subordinators) are data
in `data/factuality.tsv`; this module only knows how they attach.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .datafiles import data_path, read_tsv
from .grammar import REPORTING_VERBS
from .records import FACTUALITY_VALUES

CUE_COLUMNS = ("cue", "kind", "value", "note")
CUE_KINDS = ("modal", "negator", "governor", "mark")
# dependencies through which a clause hangs from the verb that governs it
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj"})
WH_TAGS = frozenset({"WP", "WDT", "WRB", "WP$"})
# verbs whose wh-clause is an open question ("asked who", "wondered why"); after other verbs a
# wh-clause describes what is taken as fact ("described how Syrian troops attacked")
QUESTION_VERBS = frozenset({"ask", "wonder", "inquire", "enquire", "question", "query", "investigate", "probe"})


@dataclass(frozen=True)
class Cues:
    modal: dict[str, str]
    negator: dict[str, str]
    governor: dict[str, str]
    mark: dict[str, str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = read_tsv(data_path("factuality.tsv"), CUE_COLUMNS)
    tables: dict[str, dict[str, str]] = {kind: {} for kind in CUE_KINDS}
    for row in data.rows:
        kind, value = row.text("kind"), row.text("value")
        if kind not in CUE_KINDS:
            raise row.fail(f"kind must be one of {', '.join(CUE_KINDS)}, not {kind!r}")
        if value not in FACTUALITY_VALUES:
            raise row.fail(f"value must be one of {', '.join(FACTUALITY_VALUES)}, not {value!r}")
        tables[kind][row.text("cue").lower()] = value
    return Cues(**tables)


@dataclass(frozen=True)
class Judgement:
    value: str
    why: str
    cue: str = ""  # the word that decided it: a modal, a governing verb's lemma, a negator
    cue_index: int | None = None


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds a trigger: the trigger itself for verbs; for nouns, the
    nearest verb above them ("sanctions" in "imposed sanctions" → "imposed")."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current if current.pos_ in ("VERB", "AUX") else current.sent.root


def _modal_value(verb: Token, cues: Cues) -> Judgement | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in auxes]
    for aux in auxes:
        value = cues.modal.get(aux.lower_)
        if value is None:
            continue
        if value == "hypothetical" and "have" in words and verb.tag_ == "VBN":
            return Judgement("counterfactual", f"'{aux.text} have' + participle on '{verb.text}'", aux.lower_, aux.i)
        if aux.lower_ == "would" and _inside_reported(verb):
            # "said it would allow": the future seen from the past
            return Judgement("future", f"'would' on '{verb.text}' in reported speech", aux.lower_, aux.i)
        return Judgement(value, f"modal '{aux.text}' on '{verb.text}'", aux.lower_, aux.i)
    return None


def _negation(token: Token, verb: Token, cues: Cues) -> Judgement | None:
    for child in list(verb.children) + ([] if token.i == verb.i else list(token.children)):
        if child.dep_ in ("neg", "det", "advmod", "preconj", "cc") and child.lower_ in cues.negator:
            if child.dep_ == "cc" and child.lower_ not in ("nor",):
                continue
            return Judgement("negated", f"negated: '{child.text}' on '{child.head.text}'", child.lower_, child.i)
    if token.i != verb.i and token.head.lower_ == "without":
        return Judgement("negated", f"negated: 'without' governs '{token.text}'")
    return None


def judge(token: Token) -> Judgement:
    """Factuality of the event triggered at `token`."""
    cues = load_cues()
    verb = clause_verb(token)
    found = _negation(token, verb, cues)
    modal = _modal_value(verb, cues)
    if modal and modal.value == "counterfactual":
        return modal
    if found:
        return found
    governed = _governed_noun(token, verb, cues) or _nominal_governor(token)
    if governed:
        outer = judge(verb) if verb.i != token.i else Judgement("asserted", "")
        return governed if outer.value == "asserted" else outer  # "refused to commit to any assistance"
    if token.sent.text.rstrip().endswith("?") and not _inside_reported(verb):
        return Judgement("question", "the sentence is a question")
    if verb.dep_ == "ccomp" and (any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children) or (
            any(c.tag_ in WH_TAGS for c in verb.children) and (verb.head.lemma_.lower() in QUESTION_VERBS or _negation(
                verb.head, verb.head, cues) or _modal_value(verb.head, cues)))):
        # "did not announce whom they would support", "asked whether Iran would attend"
        return Judgement("question", f"an indirect question under '{verb.head.text}'", verb.head.lemma_.lower(), verb.head.i)
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in cues.mark:
            return Judgement(cues.mark[child.lower_], f"'{child.text}' introduces the clause of '{verb.text}'")
    if modal:
        return modal
    if subjunctive(verb):
        # a subjunctive: "insisted that Hamas free the hostages", "demanded that Tokyo apologise"
        return Judgement("hypothetical", f"subjunctive '{verb.text}' under '{verb.head.text}'", verb.head.lemma_.lower(),
                         verb.head.i)
    # governing verbs: "refused to meet", "denied that ... attacked", "plans to visit"
    current = verb
    for _ in range(6):
        if current.dep_ not in COMPLEMENT_DEPS or current.head.i == current.i:
            break
        governor = current.head
        if current.dep_ == "conj":
            current = governor
            continue
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        if current.dep_ == "advcl" and not infinitive and not any(c.dep_ == "mark" for c in current.children):
            break  # "to protect" (a purpose) shares its governor's reading; a bare adverbial clause does not
        if current.dep_ == "xcomp" and infinitive and governor.lemma_.lower() == "be":
            # "Theresa May is to step down", "millions were to storm Area 51"
            return Judgement("future", f"'{governor.text} to' + infinitive", governor.lemma_.lower(), governor.i)
        value = cues.governor.get(governor.lemma_.lower())
        if value:
            return Judgement(value, f"{value}: governed by '{governor.text}'", governor.lemma_.lower(), governor.i)
        if infinitive and governor.lemma_.lower() in ("have", "be") and any(c.lower_ == "yet" for c in governor.children):
            # "India has yet to accept the proposal", "is yet to respond"
            return Judgement("negated", f"negated: '{governor.text} yet to'", "yet", governor.i)
        negated = _negation(governor, governor, cues)
        if negated and governor.lemma_.lower() not in REPORTING_VERBS:
            return Judgement("negated", f"negated: the governing '{governor.text}' is negated")
        gov_modal = _modal_value(governor, cues)
        if gov_modal and governor.lemma_.lower() not in REPORTING_VERBS:
            return Judgement(gov_modal.value, f"{gov_modal.value}: the governing '{governor.text}' has {gov_modal.why}")
        current = governor
    return Judgement("asserted", "no negation, modal or governing cue")


# governing verbs whose noun object is no event of their kind: "Hamas claimed the bombing" (it
# happened), "set a deadline", "went to war"
NOUN_GOVERNOR_EXCLUDED = frozenset({"claim", "allege", "contend", "seem", "go", "set", "try", "attempt",
                                    "commit", "perpetrate", "plan", "prepare"})  # "committed aggression", "planned the bombing"


# nouns that govern the event they introduce ("Baghdad's refusal to admit inspectors", "its
# demand for the withdrawal of Russian forces", "the plan to impose sanctions")
NOMINAL_GOVERNORS = {
    **dict.fromkeys(("refusal", "rejection", "denial", "failure"), "negated"),
    **dict.fromkeys(("plan", "decision", "pledge", "promise", "vow", "commitment", "intention", "offer",
                     "readiness", "agreement"), "future"),
    **dict.fromkeys(("demand", "call", "appeal", "request", "plea", "proposal", "threat", "warning", "attempt",
                     "bid", "effort", "push", "pressure", "hope", "wish", "desire", "suggestion", "ultimatum",
                     "possibility", "prospect", "fear", "risk"), "hypothetical"),
}
# adjectives that say a nominal event is only alleged, planned or prevented
EPISTEMIC_ADJECTIVES = {
    **dict.fromkeys(("alleged", "suspected", "purported", "possible", "potential", "rumoured", "rumored",
                     "proposed", "threatened", "hypothetical", "feared"), "hypothetical"),
    **dict.fromkeys(("planned", "upcoming", "forthcoming", "scheduled", "expected", "future", "impending"), "future"),
    **dict.fromkeys(("foiled", "thwarted", "averted", "aborted", "cancelled", "canceled"), "negated"),
}


def _nominal_governor(token: Token) -> Judgement | None:
    """A governing noun above the event ("refusal to admit", "demand for the withdrawal"), or an
    adjective on a nominal event ("the alleged chemical attack", "a foiled plot")."""
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            value = EPISTEMIC_ADJECTIVES.get(child.lower_) if child.dep_ in ("amod", "compound") else None
            if value:
                return Judgement(value, f"{value}: '{child.text}' on '{token.text}'", child.lower_, child.i)
    current = token
    for _ in range(3):
        head = current.head
        if current.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
            governor = head  # "refusal to admit"
        elif current.dep_ == "pobj" and head.lower_ in ("for", "of", "to") and head.head.pos_ == "NOUN":
            governor = head.head  # "demand for the withdrawal", "threat of sanctions"
            if NOMINAL_GOVERNORS.get(governor.lemma_.lower()) == "negated":
                return None  # "the failure of the offensive": it happened, and failed
        else:
            return None
        value = NOMINAL_GOVERNORS.get(governor.lemma_.lower())
        if value:
            return Judgement(value, f"{value}: governed by the noun '{governor.text}'", governor.lemma_.lower(), governor.i)
        current = governor
    return None


def _has_own_actor(token: Token) -> bool:
    """Whether a nominal event names its own doer ("the EU sanctions", "Russia's invasion")."""
    return any(m.head == token.i and m.modifier and m.code for m in (token.doc._.actors or []))


def _governed_noun(token: Token, verb: Token, cues: Cues) -> Judgement | None:
    """A nominal event that is the object of a governing verb takes its reading: "agreed to a
    ceasefire" (future), "demanded the withdrawal of troops" (hypothetical), "rejected talks"
    (negated)."""
    if token.i == verb.i or token.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = token
    while noun.dep_ in ("conj", "compound") and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    object_of_verb = (noun.dep_ in ("dobj", "nsubjpass") and noun.head.i == verb.i) or (
        noun.dep_ == "pobj" and noun.head.lower_ in ("to", "for", "on") and noun.head.head.i == verb.i)
    lemma = verb.lemma_.lower()
    value = cues.governor.get(lemma)
    if not object_of_verb or value is None or lemma in NOUN_GOVERNOR_EXCLUDED or _has_own_actor(token):
        return None  # "Russia rejected the EU sanctions": the sanctions are the EU's, and real
    return Judgement(value, f"{value}: '{verb.text}' governs '{token.text}'", lemma, verb.i)


MANDATIVE_VERBS = frozenset({"insist", "demand", "urge", "ask", "propose", "suggest", "recommend", "request",
                             "require", "order", "command", "stipulate", "press", "call"})


def subjunctive(verb: Token) -> bool:
    """A clause that says what must be done, not what is: "demanded that Moscow withdraw", "insisted
    that Hamas free the hostages" (a base form, or a present form that does not agree with a
    singular subject after a past-tense verb)."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in MANDATIVE_VERBS or any(c.dep_ == "aux" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if verb.tag_ == "VB":
        return True
    return verb.tag_ == "VBP" and subject.tag_ in ("NNP", "NN") and verb.head.tag_ == "VBD"


def _inside_reported(verb: Token) -> bool:
    current = verb
    for _ in range(6):
        if current.head.i == current.i:
            return False
        if current.dep_ in ("ccomp",) and current.head.lemma_.lower() in REPORTING_VERBS:
            return True
        current = current.head
    return False


def reporting_verb(token: Token) -> Token | None:
    """The reporting verb ("said", "announced") whose complement holds the trigger, if any."""
    current = clause_verb(token)
    for _ in range(6):
        if current.head.i == current.i:
            return None
        if current.dep_ in ("ccomp", "parataxis", "conj") and current.head.lemma_.lower() in REPORTING_VERBS:
            return current.head
        if current.dep_ not in COMPLEMENT_DEPS and current.dep_ not in ("parataxis", "relcl"):
            return None
        current = current.head
    return None
