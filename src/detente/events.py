"""The events stage: trigger patterns + dependency arguments → event candidates → `Event` records.

The component (`EventMatcher`) reads the actors written by the actors component
(`doc._.actors`), matches trigger patterns from the lexicon, finds source and target through the
dependency tree (active, passive, coordination, reciprocal, nominal events, control verbs) and
stores every candidate — kept or not, with the reason — in `doc._.event_candidates`.
`extract(doc)` turns the kept candidates into frozen `Event` records: after it, no spaCy object
travels further.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import permutations, product

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .codes import country_of, sector_of
from .grammar import DEMANDING_MODALS, INSTRUMENT_NOUNS, MONTHS, OBJECT_CONTROL, REPORTING_VERBS, SUPPORT_VERBS, TEMPORAL_WORDS
from .dates import resolve
from .factuality import clause_verb, judge, reporting_verb
from .lexicon import Lexicon, TriggerPattern, load_lexicon
from .ontology import Ontology, load_ontology
from .records import ActorMention, Event, content_hash

SUBJECT_DEPS = ("nsubj", "csubj")
# prepositions through which an object noun names its counterpart: whom it is addressed to ("an
# agreement with the EU") or who it comes from ("rejected an offer from India", "a ban by the
# army"); not "against" or "on": "vetoed the resolution against Syria" is no act against Syria
OBJECT_PREPS = ("with", "to", "toward", "towards", "from", "by")
# prepositions through which the object of a target preposition names the target ("called for
# sanctions against Nigeria", "appealed for aid to Sudan")
NESTED_PREPS = ("against", "on", "to", "toward", "towards", "with")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")


@dataclass(frozen=True)
class Candidate:
    """A trigger that matched a pattern, with the arguments found and what became of it."""

    trigger: int
    pattern: TriggerPattern
    sources: tuple[ActorMention, ...]
    targets: tuple[ActorMention, ...]
    source_via: str
    target_via: str
    kept: bool
    reason: str
    factuality: str = "asserted"
    factuality_why: str = ""
    attributed_to: str | None = None
    factuality_cue: str = ""
    cue_index: int | None = None


def _argument_heads(token: Token) -> list[Token]:
    """The tokens that head the actors of one argument: the token, its conjuncts, and lists
    the parser attaches as apposition ("the US, Russia, and Switzerland")."""
    if token.lower_ in TEMPORAL_WORDS:
        # "met with President Assad Tuesday": the parser made the weekday the head
        named = [c for c in token.children if c.dep_ == "compound"]
        if named:
            token = named[-1]
    heads = [token, *token.conjuncts]
    for appos in [c for c in token.children if c.dep_ == "appos"]:
        if any(c.dep_ in ("cc", "conj") for c in appos.children):
            heads += [appos, *appos.conjuncts]
    return heads


def _actors_at(doc: Doc, token: Token | None, _depth: int = 0) -> list[ActorMention]:
    """Actors whose noun phrase is headed by the argument `token` (or its conjuncts); failing
    that, the actors that modify it ("condemned Japan's decision", "shelled Ukrainian positions")."""
    if token is None:
        return []
    heads = {t.i for t in _argument_heads(token)}
    here = [m for m in doc._.actors if m.head in heads]
    if not here:
        # a place inside a located phrase ("an embassy in Tehran") still names its actor
        here = [m for m in doc._.actors if any(m.start <= h < m.end for h in heads)]
    for wanted in (lambda m: m.code and not m.modifier, lambda m: m.code and m.modifier):
        found = [m for m in here if wanted(m)]
        if found:
            return found
    # "rebels", "the police": a sector noun with no country, which context may place
    sectors = [m for m in (doc._.sector_nouns or []) if m.head in heads]
    if sectors:
        return sectors
    if _depth < 2 and token.pos_ in ("NOUN", "PRON", "NUM"):
        # a quantity or a process of actors: "hundreds of UN troops", "the deployment of NATO troops"
        for pobj in _prep_objects(token, "of"):
            found = _actors_at(doc, pobj, _depth + 1)
            if found and any(m.code for m in found):
                return found
    return [m for m in here if m.code is None and not m.modifier]


def _modifier_actors(doc: Doc, token: Token) -> list[ActorMention]:
    return [m for m in doc._.actors if m.head == token.i and m.modifier and m.code]


def _child(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _prep_objects(token: Token, prep: str) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep:
            pobj = _child(child, "pobj")
            if pobj is None and not list(child.children):
                pobj = _stranded_object(child)
            if pobj is not None:
                out.append(pobj)
    return out


def _stranded_object(prep: Token) -> Token | None:
    """The noun a preposition left without an object governs: the parser sometimes makes it the
    subject of the next clause ("granted asylum to five officers holed up in ..." → "officers")."""
    doc = prep.doc
    for token in doc[prep.i + 1: min(prep.i + 7, len(doc))]:
        if token.pos_ in ("VERB", "AUX", "ADP", "PUNCT"):
            return None
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod", "appos"):
            return token
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def _subject(verb: Token) -> tuple[Token | None, str]:
    """The token naming who acts, with how it was found. Follows xcomp/conj/relcl/acl upward."""
    current = verb
    via = []
    for _ in range(5):
        if _is_passive(current):
            for agent in _prep_objects(current, "by"):
                return agent, "+".join(via + ["agent"])
            for document in _prep_objects(current, "in"):  # "was condemned in a joint statement by X"
                if document.lemma_.lower() in INSTRUMENT_NOUNS:
                    for agent in _prep_objects(document, "by"):
                        return agent, "+".join(via + [f"in-{document.lemma_.lower()}+by"])
            raised = _child(current, *PASSIVE_SUBJECT_DEPS)
            if via and via[-1] == "xcomp" and raised is not None:
                return raised, "+".join(via + ["nsubjpass"])  # "Obama is scheduled to attend"
            # a passive with no agent names no doer; what it modifies or is coordinated with is
            # what was done to ("people who had been accused", "Turkey ... was condemned")
            return None, ""
        else:
            subj = _child(current, *SUBJECT_DEPS)
            if subj is not None and subj.pos_ == "VERB" and _child(subj, "nsubj") is not None:
                subj = _child(subj, "nsubj")  # "The Red Cross operating in Iraq said": the parser made "operating" the subject
            if subj is not None and subj.lower_ not in ("who", "which", "that"):
                return subj, "+".join(via + [subj.dep_])
        head = current.head
        if head.i == current.i:
            return None, ""
        if current.dep_ == "xcomp":
            obj = _child(head, "dobj")
            if obj is not None and head.lemma_.lower() in OBJECT_CONTROL:
                return obj, "+".join(via + ["controller-dobj"])
            via.append("xcomp")
        elif current.dep_ == "conj":
            via.append("conj")
        elif current.dep_ in ("acomp", "attr"):
            via.append(current.dep_)  # "is willing to withdraw": the copula's subject
        elif current.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            if current.dep_ == "acl" and current.tag_ == "VBN" and not any(
                    _child(v, "dobj") is not None for v in (current, *current.conjuncts)):
                return None, ""  # "sanctions imposed by X": handled as passive above; with an object it is active
            adopter = _adopter(head)
            if adopter is not None:
                return adopter, "+".join(via + [current.dep_, "adopter"])
            return head, "+".join(via + [current.dep_])
        elif current.dep_ == "advcl" and (current.tag_ == "VBG" or any(
                c.lower_ == "to" and c.dep_ == "aux" for c in current.children)):
            via.append("advcl")  # "to stop ...", and participles: "shelled the city, killing 20 people"
        else:
            return None, ""
        current = head
    return None, ""


def _carrier(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("opened a probe into X" → "opened"), also
    through a coordination ("launched artillery, mortar and rocket fire")."""
    for _ in range(6):
        if noun.dep_ == "compound" and noun.head.lemma_.lower() in LIGHT_NOUNS:
            noun = noun.head  # "launched a mediation effort": the effort is the mediation
        elif noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        else:
            break
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ == "VERB":
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        return head.head
    # a quantity of events: "launched 10 days of war games", "carried out a series of raids"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _carrier(head.head)
    return None


def _adopter(noun: Token) -> Token | None:
    """Who adopted an instrument ("Congress passed a bill that imposes ..." → "Congress")."""
    if noun.lemma_.lower() not in INSTRUMENT_NOUNS:
        return None
    verb = _carrier(noun)
    if verb is None or noun.dep_ != "dobj":
        return None
    subj, _ = _subject(verb)
    return subj


# dependents that lead away from an event's own arguments: its subject, other clauses, adverbials
_NOT_ARGUMENT_DEPS = frozenset({
    "nsubj", "nsubjpass", "csubj", "csubjpass", "aux", "auxpass", "neg", "punct", "mark", "cc", "advcl", "ccomp",
    "parataxis", "relcl", "agent", "expl", "det", "advmod", "case", "predet", "quantmod", "nummod",
})
# prepositions that introduce a description, a time or a cause, not a participant: "condemned as
# unacceptable allegations by X", "after two days of fighting with X"
_NOT_ARGUMENT_PREPS = frozenset({
    "as", "after", "before", "during", "since", "until", "despite", "because", "amid", "like", "unlike", "than",
    "following", "ahead", "via",
})
_SEARCH_DEPTH = 8
# nouns that only frame the event noun compounded with them: "a mediation effort", "a peace mission"
LIGHT_NOUNS = frozenset({"effort", "bid", "attempt", "mission", "process", "initiative", "drive", "campaign",
                         "operation", "programme", "program", "push", "plan"})
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderland"})
# weapons and platforms: "killed in Israeli tank fire", "wounded in a Russian drone attack"
WEAPON_NOUNS = frozenset({
    "tank", "jet", "warplane", "drone", "helicopter", "gunship", "aircraft", "plane", "bomber", "artillery",
    "missile", "rocket", "mortar", "shell", "warship", "gunboat", "submarine", "sniper", "bomb", "mine", "gunfire",
})
# nouns a country or place name can modify and still say where: "in Kenya's capital", "in the
# Iraqi city of Basra"
PLACE_NOUNS = frozenset({
    "city", "town", "village", "capital", "region", "province", "district", "area", "territory", "county",
    "camp", "coast", "port", "island", "islands", "outskirts", "suburb", "neighbourhood", "neighborhood",
    "state", "prefecture", "governorate", "municipality", "countryside", "north", "south", "east", "west",
    "northeast", "northwest", "southeast", "southwest", "part", "side", "sector", "enclave", "strip", "valley",
})
# object nouns that stand for their "of" phrase when a pattern constrains its object: "captured
# part of a stronghold", "allowed the return of inspectors"
TRANSPARENT_OBJECTS = frozenset({
    "part", "parts", "much", "most", "rest", "half", "portion", "section", "some", "all", "control",
    "return", "deployment", "entry", "arrival", "presence", "dispatch",
})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into", "within"})
# codes of acts a government does within its own country: with no target named, the target is
# that country (curfews, states of emergency, arrests, repression, reforms; CAMEO practice)
DOMESTIC_CODES = ("034", "0352", "081", "082", "083", "14", "172", "1321", "1322", "1323", "1324", "173", "175")
# codes of violence: with no perpetrator named, the source is the country where it happened, as
# for "unidentified gunmen (Iraq)" in ICEWS ("a roadside bomb near Samarra killed two soldiers")
VIOLENT_ROOTS = ("18", "19", "20")
# codes of acts of authorities (investigating, arresting, expelling): with no authority named, the
# source is the country where it happened ("a US national was arrested in Italy" → ITA)
AUTHORITY_CODES = ("09", "17")


def _argument_tokens(hosts: list[Token]) -> list[tuple[Token, str | None]]:
    """Tokens in the arguments of `hosts` (a trigger, and the verb carrying a nominal trigger),
    nearest first, each with the first preposition on its path: objects, prepositional phrases and
    complements, never the subject or another clause. The order is breadth-first, so "to
    Britain" beats a name deep in a relative clause."""
    out: list[tuple[Token, str | None]] = []
    seen = {h.i for h in hosts}
    frontier: list[tuple[Token, str | None]] = [(h, None) for h in hosts]
    for _ in range(_SEARCH_DEPTH):
        following = []
        for token, prep in frontier:
            for child in token.children:
                # a passive verb's subject is what it was done to ("a camp for refugees was attacked")
                patient = child.dep_ == "nsubjpass" and token in hosts
                if child.i in seen or (child.dep_ in _NOT_ARGUMENT_DEPS and not patient):
                    continue
                if child.dep_ == "prep" and child.lower_ in _NOT_ARGUMENT_PREPS:
                    continue
                if child.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
                    continue  # a coordinated verb is an event of its own
                seen.add(child.i)
                # the preposition nearest the token, looking through "of" ("in the city of Kirkuk")
                step = (child, child.lower_ if child.dep_ == "prep" and child.lower_ != "of" else prep)
                out.append(step)
                following.append(step)
        frontier = following
    return out


def _hangs_on(token: Token, prep: str, hosts: list[Token]) -> bool:
    """Whether the preposition `prep` above `token` is attached to one of `hosts` directly."""
    return any(a.dep_ == "prep" and a.lower_ == prep and a.head in hosts for a in token.ancestors)


def _fallback_targets(doc: Doc, hosts: list[Token], sources: list[ActorMention]) -> list[ActorMention]:
    """The nearest coded actor in the arguments of the trigger, for an event whose pattern slots
    found none ("offered to hand over to Great Britain two of its nationals"). A possessive that
    refers back to the source ("opened its borders") is no target."""
    taken = {(m.start, m.end) for m in sources}
    source_codes = {m.code for m in sources}
    for token, prep in _argument_tokens(hosts):
        if prep in LOCATIVE_PREPS and (not sources or _hangs_on(token, prep, hosts)):
            # where the event happened is no party to it ("will sell drugs in the U.S."): places
            # are for _defaults to weigh; a place inside an argument ("the force in Lebanon") counts
            continue
        found = [m for m in _actors_at(doc, token) if country_of(m.code) and (m.start, m.end) not in taken
                 and not (m.kind == "pronoun" and m.code in source_codes)]
        if found:
            return found
    return []


def _place_country(doc: Doc, hosts: list[Token], inside_only: bool = False) -> tuple[str, str] | None:
    """(country, text) of the first place named after a locative preposition in the arguments of
    the trigger: a gazetteer place with a country, or a country or place actor ("in the northern
    city of Kirkuk", "at a mall in Kenya's capital")."""
    places = [p for p in (doc._.places or []) if p.country]
    for token, prep in _argument_tokens(hosts):
        if prep not in LOCATIVE_PREPS:
            continue
        if inside_only and _hangs_on(token, prep, hosts):
            continue  # the place phrase hangs on the trigger itself
        for place in places:
            if place.start <= token.i < place.end:
                return place.country, doc[place.start:place.end].text
        for m in doc._.actors:
            if m.modifier and doc[m.head].lemma_.lower() not in PLACE_NOUNS:
                continue  # "in a US operation" says how, not where; "near the Thai border" may be across it
            if m.code and len(m.code) == 3 and m.kind == "dictionary" and (m.head == token.i or m.start <= token.i < m.end):
                return m.code, m.text
    return None


def _condition_subjects(doc: Doc, token: Token) -> list[ActorMention]:
    """Actors that are the subject of an "if"/"unless" clause of `token` or of its complement."""
    verbs = [token, *[c for c in token.children if c.dep_ == "xcomp"]]
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                found = _actors_at(doc, _child(clause, "nsubj", "nsubjpass"))
                if found:
                    return found
    return []


def _localise(mentions: list[ActorMention], counterparts: list[ActorMention],
              where: tuple[str, str] | None) -> list[ActorMention]:
    """Give sector nouns with no country ("rebels", "demonstrators") the country where the event
    happened, or else the country of a counterpart at home (its police, government, people; not
    its army, which may act abroad): "police dispersed demonstrators in Cairo" → EGY, EGY;
    "Algerian police arrested demonstrators" → DZACOP → DZAOPP."""
    home = {m.country for m in counterparts if m.country and m.kind != "sector" and len(m.country) == 3
            and sector_of(m.code) != "MIL"}
    out = []
    for m in mentions:
        if m.kind == "sector":
            if where is not None:
                m = replace(m, code=where[0] + m.code[3:], why=f"{m.why}; the event happened in {where[1]}")
            elif len(home) == 1 and m.code[3:6] != "REF":  # refugees come from elsewhere
                country = next(iter(home))
                m = replace(m, code=country + m.code[3:], why=f"{m.why}; taken to be at home with its counterpart ({country})")
        out.append(m)
    return out


def _place_mention(doc: Doc, country: str, text: str, why: str) -> ActorMention:
    """An actor standing for the country where an event happened; it spans no tokens of its own."""
    return ActorMention(start=-1, end=-1, code=country, head=-1, text=text, why=why, kind="place")


DEMAND_CONSTRUCTION = TriggerPattern(
    id="construction:said-that-must", code="100", pos="verb", lemma="must", particle=None, object=frozenset(),
    modifier=frozenset(), target=("clause-subject",), reciprocal=False,
    example="The Bush administration declared that China must drop its trade barriers.", where="events.py",
)


class EventMatcher:
    """spaCy component: pattern matching and argument finding; writes `doc._.event_candidates`."""

    def __init__(self, nlp: Language, name: str, lexicon: Lexicon) -> None:
        self.name = name
        self.lexicon = lexicon

    # -- matching (pure) ----------------------------------------------------------------

    def _patterns_for(self, token: Token) -> list[tuple[TriggerPattern, Token | None]]:
        """Every pattern whose word and constraints fit `token`, most specific first."""
        if token.i > 0 and token.text[:1].isupper() and token.lower_ in MONTHS:
            return []  # "on March 11" is a date, not a protest march
        lemma = self.lexicon.lemma(token)
        if token.pos_ in ("VERB",) or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            kind = "verb"
        elif token.pos_ in ("NOUN", "PROPN"):
            kind = "noun"
        else:
            return []
        fitting = []
        for pattern in self.lexicon.candidates(kind, lemma):
            obj = None
            # the parser often labels a past-tense particle as an adverb ("stepped down")
            if pattern.particle and not any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == pattern.particle
                                            for c in token.children):
                continue
            if pattern.object:
                obj = _child(token, *(PASSIVE_SUBJECT_DEPS if _is_passive(token) else ("dobj",)))
                if obj is not None and obj.lemma_.lower() in TRANSPARENT_OBJECTS and obj.lemma_.lower() not in pattern.object:
                    inner = _prep_objects(obj, "of")
                    obj = inner[0] if inner else obj
                if obj is not None and obj.lemma_.lower() not in pattern.object:
                    # "providing aerial photographs and other military intelligence"
                    obj = next((c for c in obj.conjuncts if c.lemma_.lower() in pattern.object), obj)
                if obj is None or obj.lemma_.lower() not in pattern.object:
                    continue
            if pattern.modifier and not any(
                c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in pattern.modifier for c in token.children
            ):
                continue
            fitting.append((pattern, obj))
        return fitting

    def _targets(self, doc: Doc, token: Token, pattern: TriggerPattern, obj: Token | None,
                 carrier: Token | None) -> tuple[list[ActorMention], str]:
        """The target actors and the slot that gave them. A slot that names only actors no
        dictionary knows ("demands from Shona rebels": "Shona") does not stop the search: a later
        slot that names a known one wins, and the unknown ones are kept only as a last resort."""
        weak: tuple[list[ActorMention], str] | None = None
        for found, via in self._target_slots(doc, token, pattern, obj, carrier):
            if via == "none" or any(m.code for m in found):
                return (weak if via == "none" and weak else (found, via))
            weak = weak or (found, via)
        return weak or ([], "")

    def _target_slots(self, doc: Doc, token: Token, pattern: TriggerPattern, obj: Token | None,
                      carrier: Token | None) -> Iterator[tuple[list[ActorMention], str]]:
        passive = token.pos_ != "NOUN" and _is_passive(token)
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "under":
            # "Turkey is under EU sanctions", "a US national was put under investigation"
            found = _actors_at(doc, _child(token.head.head, "nsubj", "nsubjpass"))
            if found:
                yield found, "subject under"
        for slot in pattern.target:
            if slot == "none":
                yield [], "none"
                return
            if slot == "dobj" and token.pos_ != "NOUN":
                arg = _child(token, *(PASSIVE_SUBJECT_DEPS if passive else ("dobj",)))
                if arg is None and passive and token.dep_ == "conj":
                    arg = _child(token.head, "nsubj", "nsubjpass")  # "Turkey is ... and was condemned"
                if arg is None and token.dep_ == "acl" and token.tag_ == "VBN":
                    arg = token.head  # a reduced passive: "soldiers killed in Ukraine"
                found = _actors_at(doc, arg)
                if found:
                    yield found, "nsubjpass" if passive else "dobj"
                # "helped Moscow evade sanctions", "urged Iran to stop": the parser often makes
                # the object the subject of the following clause
                clause = _child(token, "ccomp", "xcomp")
                speech = self.lexicon.lemma(token) in REPORTING_VERBS  # "told reporters that X ...": X is content
                # only a control or subjunctive clause lends its subject ("urged Iran to stop",
                # "demanded that the US cancel"); a tensed clause is what was said ("charged that
                # Canada was subsidising ...")
                mandative = pattern.code.startswith(("02", "10"))  # "demanded that the US match ...": a request
                speech = speech or (clause is not None and not mandative and (clause.tag_ in ("VBD", "VBZ", "VBP") or any(
                    c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in clause.children)))
                found = _actors_at(doc, _child(clause, "nsubj")) if clause is not None and not passive and not speech else []
                if found:
                    yield found, "dobj(clause subject)"
                # "endorsed an agreement with the EU", "rejected an offer from India": the object's counterpart
                if arg is not None and arg.pos_ == "NOUN":
                    for prep in OBJECT_PREPS:
                        for pobj in _prep_objects(arg, prep):
                            found = _actors_at(doc, pobj)
                            if found:
                                yield found, f"dobj+{prep}"
            elif slot == "iobj":
                arg = _child(token, "dative", "iobj")
                if arg is not None and arg.lower_ in ("to", "for"):
                    arg = _child(arg, "pobj")
                found = _actors_at(doc, arg)
                if found:
                    yield found, "iobj"
            elif slot.startswith("prep:"):
                prep = slot[5:]
                direct = obj if obj is not None else (_child(token, "dobj") if token.pos_ != "NOUN" else None)
                frame = [token.head] if token.dep_ == "compound" and token.head.lemma_.lower() in LIGHT_NOUNS else []
                hosts = [token] + frame + ([direct] if direct is not None else []) + ([carrier] if carrier is not None else [])
                for host in hosts:
                    for pobj in _prep_objects(host, prep):
                        found = _actors_at(doc, pobj)
                        if found:
                            yield found, slot
                        # "called for sanctions against Nigeria": the actor the object is aimed at
                        for inner in NESTED_PREPS:
                            for nested in _prep_objects(pobj, inner):
                                found = _actors_at(doc, nested)
                                if found:
                                    yield found, f"{slot}+{inner}"

    def _sources(self, doc: Doc, token: Token, pattern: TriggerPattern) -> tuple[list[ActorMention], str, Token | None]:
        """Sources, how they were found, and for nominal events the verb that carries them."""
        if pattern.pos == "verb":
            subj, via = _subject(token)
            return _actors_at(doc, subj), via, None
        modifiers = _modifier_actors(doc, token)
        if modifiers:
            return modifiers, "modifier", None
        for agent in _prep_objects(token, "by"):
            found = _actors_at(doc, agent)
            if found:
                return found, "prep:by", None
        for slot in pattern.source:  # "the withdrawal of Serbian forces": who withdraws
            for pobj in _prep_objects(token, slot[5:]):
                found = _actors_at(doc, pobj)
                if found:
                    return found, slot, None
        carrier = _carrier(token)
        if carrier is not None and self.lexicon.lemma(carrier) in SUPPORT_VERBS:
            subj, via = _subject(carrier)
            return _actors_at(doc, subj), f"support-verb:{carrier.lemma_}+{via}", carrier
        return [], "", carrier

    def match(self, doc: Doc) -> list[Candidate]:
        """One candidate per trigger token: the first fitting pattern (most specific first) whose
        arguments are found, or else the most specific one, dropped with its reason."""
        chosen: list[tuple[Token, list[tuple[TriggerPattern, Token | None]]]] = []
        consumed: set[int] = set()
        for token in doc:
            fitting = self._patterns_for(token)
            if fitting:
                chosen.append((token, fitting))
                consumed.update(obj.i for _, obj in fitting[:1] if obj is not None)
        candidates: list[Candidate] = []
        for token, fitting in chosen:
            if token.i in consumed:
                continue
            # arguments the syntax states win over arguments guessed from context: a specific
            # pattern whose target is only guessed must not beat a general one whose target is stated
            tried = [self._candidate(doc, token, pattern, obj, guess=False) for pattern, obj in fitting]
            chosen_one = next((c for c in tried if c.kept), None)
            if chosen_one is None:
                guessed = [self._candidate(doc, token, pattern, obj, guess=True) for pattern, obj in fitting]
                chosen_one = next((c for c in guessed if c.kept), guessed[0])
            candidates.append(chosen_one)
        candidates.extend(self._reported_demands(doc))
        return self._complement_targets(doc, candidates)

    def _reported_demands(self, doc: Doc) -> list[Candidate]:
        """ "X said that Y must/should ..." is a demand of X on Y (CAMEO 100), whatever Y is
        asked to do: a construction of the grammar, not a word of the lexicon."""
        out = []
        for modal in doc:
            if modal.dep_ != "aux" or modal.lower_ not in DEMANDING_MODALS:
                continue
            verb = modal.head
            reporter = verb.head
            if verb.dep_ != "ccomp" or self.lexicon.lemma(reporter) not in REPORTING_VERBS:
                continue
            speaker, via = _subject(reporter)
            sources = _actors_at(doc, speaker)
            targets = _actors_at(doc, _child(verb, "nsubj", "nsubjpass"))
            if sources and targets:
                out.append(Candidate(trigger=modal.i, pattern=DEMAND_CONSTRUCTION, sources=tuple(sources),
                                     targets=tuple(targets), source_via=f"reporter:{via}", target_via="clause subject",
                                     kept=True, reason=f"'{reporter.text} that ... {modal.text}' is a demand"))
        return out

    @staticmethod
    def _complement_targets(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """A verb with no target of its own takes the target of the event in its complement:
        "Washington threatened to impose sanctions on Beijing" → THREATEN, USA → CHN."""
        out = []
        for c in candidates:
            if not c.kept and c.sources and not c.targets and c.pattern.pos == "verb":
                complements = {x.i for x in doc[c.trigger].children if x.dep_ == "xcomp"}
                # the complement's event: on its verb, or a noun that verb carries ("to impose restrictions")
                inner = next((o for o in candidates if o.targets and (
                    o.trigger in complements or doc[o.trigger].head.i in complements)), None)
                if inner is not None:
                    c = replace(c, targets=inner.targets, target_via=f"complement:{doc[inner.trigger].text}",
                                kept=True, reason="target taken from the complement's event")
            out.append(c)
        return out

    def _candidate(self, doc: Doc, token: Token, pattern: TriggerPattern, obj: Token | None,
                   guess: bool = True) -> Candidate:
        sources, source_via, carrier = self._sources(doc, token, pattern)
        targets, target_via = self._targets(doc, token, pattern, obj, carrier)
        source_codes = {m.code for m in sources}
        if targets and all(m.kind == "pronoun" and m.code in source_codes for m in targets):
            # "Britain demanded the release of its sailors from Iran": "its" is Britain itself
            targets, target_via = [], ""
        sources, source_via, targets, target_via = self._defaults(
            doc, token, pattern, carrier, sources, source_via, targets, target_via, guess)
        judgement = judge(token)
        reporter = reporting_verb(token)
        attributed = None
        if reporter is not None:
            subj, _ = _subject(reporter)
            said_by = _actors_at(doc, subj)
            attributed = said_by[0].code if said_by else (subj.text if subj is not None else None)
        base = dict(trigger=token.i, pattern=pattern, sources=tuple(sources), targets=tuple(targets),
                    source_via=source_via, target_via=target_via, factuality=judgement.value,
                    factuality_why=judgement.why, attributed_to=attributed, factuality_cue=judgement.cue,
                    cue_index=judgement.cue_index)
        if not sources:
            return Candidate(**base, kept=False, reason="no source actor found")
        if pattern.needs_target and not targets and not (pattern.reciprocal and len(sources) > 1):
            return Candidate(**base, kept=False, reason=f"no target actor in {', '.join(pattern.target)}")
        return Candidate(**base, kept=True, reason="source and target found")

    def _defaults(self, doc: Doc, token: Token, pattern: TriggerPattern, carrier: Token | None,
                  sources: list[ActorMention], source_via: str, targets: list[ActorMention], target_via: str,
                  guess: bool = True) -> tuple[list[ActorMention], str, list[ActorMention], str]:
        """Arguments the pattern's slots did not find, in order of trust: the nearest actor in the
        trigger's arguments; the country where it happened, for protests, violence and other acts
        about a place; the source's own country, for acts a government does at home; and for
        violence with no perpetrator named, the country where it happened as the source."""
        code = pattern.code
        hosts = [token] + ([carrier] if carrier is not None else [])
        if not targets and sources and code.startswith("13"):
            # a threat is aimed at whoever must meet its condition: "threatened to stop the talks
            # if the United States deploys missiles" → the United States
            targets = _condition_subjects(doc, token)
            target_via = "condition subject" if targets else target_via
        # a verb whose complement is an event of its own takes that event's target later
        # ("threatened to impose sanctions on X": see _complement_targets)
        complement_event = any(c.dep_ == "xcomp" and (self._patterns_for(c) or any(
            self._patterns_for(o) for o in c.children if o.dep_ == "dobj")) for c in token.children)
        unattributed_ok = code.startswith(VIOLENT_ROOTS + AUTHORITY_CODES)  # the place may name the source later
        # a verb whose object slot holds a thing ("released a book", "destroyed statues") acted on
        # that thing: there is no one to guess, unless the pattern asked for the thing ("suspended aid")
        direct = _child(token, "dobj")
        thing_object = (pattern.pos == "verb" and not pattern.object and direct is not None
                        and not self._patterns_for(direct))  # "host a meeting between X and Y": an event, no thing
        # statements and consultations name their counterpart or none: what they are about is no target
        if (guess and not targets and (sources or unattributed_ok) and pattern.needs_target and not code.startswith(("01", "04"))
                and not complement_event and not thing_object
                and not (pattern.reciprocal and len(sources) > 1)):
            targets = _fallback_targets(doc, hosts, sources)
            target_via = "nearest argument" if targets else target_via
        violent = code.startswith(VIOLENT_ROOTS)
        # a target the pattern needs is only ever guessed in the second round (see match)
        may_guess_target = guess or not pattern.needs_target
        if (may_guess_target and not targets and (sources or violent)
                and (violent or not pattern.needs_target or code.startswith(DOMESTIC_CODES))):
            # where a statement or meeting took place is no party to it: only a place inside its
            # argument counts ("sorrow for the shootings in South Carolina", not "said in Geneva")
            where = _place_country(doc, hosts, inside_only=code.startswith(("01", "04")))
            if where is not None:
                targets = [_place_mention(doc, where[0], where[1], f"the event happened in {where[1]}")]
                target_via = f"place:{where[1]}"
        speech = any(c.dep_ == "ccomp" for c in token.children)  # "charged that Canada was ...": words, not an arrest
        if may_guess_target and not targets and sources and code.startswith(DOMESTIC_CODES) and not speech:
            home = sources[0].country
            protest_by_government = code.startswith("14") and sector_of(sources[0].code) == "GOV"
            if home and len(home) == 3 and not protest_by_government:  # a state, not an organisation
                targets = [_place_mention(doc, home, sources[0].text, "an act at home: its target is the source's own country")]
                target_via = "domestic"
        if not sources and violent and pattern.pos == "verb":
            # "killed in Israeli tank shelling", "wounded in a Russian air strike": the event
            # that did it names the doer
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "by", "during"):
                    for pobj in [c for c in prep.children if c.dep_ == "pobj"]:
                        doing = self._patterns_for(pobj) or pobj.lemma_.lower() in WEAPON_NOUNS
                        doers = _modifier_actors(doc, pobj) if doing else []
                        if doers:
                            sources, source_via = doers, f"prep:{prep.lower_}+{pobj.text}"
        if not sources and (violent or code.startswith(AUTHORITY_CODES)) and any(m.start >= 0 for m in targets):
            # (a place is never both sides) the place may sit in the subject: "a roadside bomb
            # near Kandahar killed ..."
            instrument = _child(token, "nsubj") if pattern.pos == "verb" else None
            where = _place_country(doc, hosts + ([instrument] if instrument is not None else []))
            if where is not None:
                sources = [_place_mention(doc, where[0], where[1], f"unnamed perpetrators in {where[1]}")]
                source_via = f"place:{where[1]}"
        if targets and all(m.kind == "sector" for m in targets):
            # "a school for Syrian children was bombed": the sector noun's own arguments say whose
            inner = _fallback_targets(doc, [doc[m.head] for m in targets], sources)
            if inner:
                targets, target_via = inner, f"{target_via}+inside"
        if any(m.kind == "sector" for m in sources + targets):
            where = _place_country(doc, hosts)
            sources = _localise(sources, targets, where)
            targets = _localise(targets, sources, where)
        return sources, source_via, targets, target_via

    # -- annotation (the one mutation) ----------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.match(doc)
        doc._.event_candidates = candidates
        doc.spans["triggers"] = [Span(doc, c.trigger, c.trigger + 1, label=c.pattern.code) for c in candidates]
        return doc


def make_event_matcher(nlp: Language, name: str) -> EventMatcher:
    return EventMatcher(nlp, name, load_lexicon())


# ------------------------------------------------------------------------------- records


def _pairs(candidate: Candidate) -> list[tuple[ActorMention, ActorMention | None]]:
    sources, targets = list(candidate.sources), list(candidate.targets)
    if not targets and not candidate.kept:
        return [(s, None) for s in sources]  # a derived event of a targetless act
    # a joint act is mutual ("X and Y clashed", "X held talks with Y", "X met Y") unless its
    # target was only guessed from context: "X engaged Y in a firefight" is X's act on Y
    guessed = candidate.target_via.startswith(("nearest argument", "place:", "domestic", "condition"))
    mutual = len(sources) > 1 or not guessed
    if candidate.pattern.reciprocal and mutual:
        parties = sources + [t for t in targets if t.code not in {s.code for s in sources}]
        pairs = [(a, b) for a, b in permutations(parties, 2) if a.code != b.code]
        if pairs:
            return pairs
    if not targets:
        return [(s, None) for s in sources]
    # a domestic event ("Iraqi Kurds demonstrated in Kirkuk") pairs two mentions of one country;
    # one mention is never its own target
    return [(s, t) for s, t in product(sources, targets) if (s.start, s.end) != (t.start, t.end) or s.start < 0]


def _target_how(candidate: Candidate) -> str:
    if candidate.target_via:
        return candidate.target_via
    return "reciprocal" if candidate.pattern.reciprocal and len(candidate.sources) > 1 else "none"


def _confidence(candidate: Candidate) -> float:
    score = 0.6 + 0.05 * candidate.pattern.specificity
    if "+" in candidate.source_via or candidate.source_via.startswith("support-verb"):
        score -= 0.1
    if candidate.source_via == "modifier":
        score -= 0.05
    if candidate.target_via in ("none", ""):
        score -= 0.05
    return round(max(0.1, min(score, 0.95)), 2)


# cues that announce an act: what they govern is also an asserted intent (03x) or threat (13x)
ANNOUNCING_CUES = frozenset({
    "will", "shall", "'ll", "wo", "would", "plan", "intend", "prepare", "vow", "pledge", "promise", "go", "set", "schedule",
    "agree", "offer", "decide", "commit", "ready", "willing", "prepared", "determined",
})
# cues of wanting: what they govern is an intent only when it is cooperative
WANTING_CUES = frozenset({"want", "seek", "hope", "wish", "aim"})


# cues of refusing: what they govern is also an asserted rejection (12x) when it is cooperative
REFUSING_CUES = frozenset({"refuse", "decline", "reject"})
FUTURE_AUXILIARIES = frozenset({"will", "would", "wo", "shall"})


def _derived_code(doc: Doc, candidate: Candidate, ontology: Ontology, triggers: dict[int, Candidate]) -> str | None:
    """The code of the act of announcing (03x/13x) or refusing (12x) what `candidate` describes,
    when it is announced or refused rather than done ("will supply arms", "refused to lift")."""
    cue = candidate.factuality_cue
    governor = triggers.get(candidate.cue_index) if candidate.cue_index is not None else None
    if governor is not None and governor.kept and governor.pattern.code[:2] in ("03", "12", "13"):
        return None  # "threatened to impose sanctions": the threat is already an event
    if candidate.factuality == "negated":
        verb = clause_verb(doc[candidate.trigger])
        will_not = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children)
        if cue in REFUSING_CUES or will_not:
            return ontology.refused_code(candidate.pattern.code)
        return None
    if candidate.factuality not in ("future", "hypothetical"):
        return None
    cooperative = candidate.pattern.code[:2] in ("04", "05", "06", "07", "08")
    if cue in ANNOUNCING_CUES or (cue in WANTING_CUES and cooperative):
        return ontology.announced_code(candidate.pattern.code)
    return None


def _content_head(token: Token) -> Token | None:
    """The nearest verb or noun above `token`, through prepositions and the like."""
    current = token.head
    for _ in range(6):
        if current.pos_ in ("VERB", "NOUN", "PROPN", "AUX") and current.i != token.i:
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return None


def _event_date(doc: Doc, candidate: Candidate) -> tuple[str | None, str | None]:
    """The date of the event's own clause ("on Tuesday", "last week"), resolved against the
    report date; else the report date with precision `report`."""
    report = doc._.report_date
    if report is None:
        return None, None
    trigger = doc[candidate.trigger]
    verb = clause_verb(trigger)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        # the date must belong to this event: its nearest noun or verb above is the trigger, or
        # the verb of a nominal trigger ("talks ... last month" dates the talks, not the briefing)
        owner = _content_head(ent.root)
        if owner is None or not (owner.i == trigger.i or (trigger.pos_ != "VERB" and owner.i == verb.i)):
            continue
        resolved = resolve(ent.text, report, future=candidate.factuality == "future")
        if resolved:
            return resolved[0].isoformat(), resolved[1]
    return report.isoformat(), "report"


PLACE_PREPS = frozenset({"in", "at", "near", "off", "over", "outside", "inside", "across", "around", "into", "on"})


def _event_place(doc: Doc, candidate: Candidate) -> str | None:
    """The place the event's clause names ("exercises in the Baltic Sea", "talks in Geneva"):
    a gazetteer place, or else a country, after a locative preposition of the trigger or its verb."""
    trigger = doc[candidate.trigger]
    hosts = [trigger, clause_verb(trigger)]
    places = doc._.places or []
    for host in hosts:
        for prep in host.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in [c for c in prep.children if c.dep_ == "pobj"]:
                for token in [pobj, *pobj.conjuncts, *[c for c in pobj.children if c.dep_ == "compound"]]:
                    for place in places:
                        if place.start <= token.i < place.end:
                            return place.name
                    if prep.lower_ == "on":
                        continue  # "sanctions on Russia" names a target, not a place
                    for mention in doc._.actors:
                        if (mention.head == token.i and mention.code and len(mention.code) == 3
                                and doc[mention.start].pos_ == "PROPN"):  # a name, not "the Chinese capital"
                            return mention.text
    return None


def extract(doc: Doc, ontology: Ontology | None = None) -> list[Event]:
    """The kept candidates of a processed Doc as `Event` records (one per directed pair). An
    announced act also gives its asserted intent or threat ("will supply arms" → 0332)."""
    ontology = ontology or load_ontology()
    report = doc._.report_date
    events: list[Event] = []
    seen: set[str] = set()
    triggers = {c.trigger: c for c in doc._.event_candidates}
    for candidate in doc._.event_candidates:
        targetless = not candidate.kept and candidate.sources and not candidate.targets
        if not candidate.kept and not targetless:
            continue
        rule = f"{candidate.pattern.id}[src={candidate.source_via},tgt={_target_how(candidate)}]"
        # an act with no target found is no event itself, but announcing or refusing it is
        codings = [] if targetless else [(candidate.pattern.code, candidate.factuality, rule, _confidence(candidate))]
        derived = _derived_code(doc, candidate, ontology, triggers)
        if derived:
            how = "refused" if derived.startswith("12") else "announced"
            codings.append((derived, "asserted", f"{how}:{rule} ({candidate.factuality_cue})",
                            round(_confidence(candidate) - 0.1, 2)))
        event_date, precision = _event_date(doc, candidate)
        place = _event_place(doc, candidate)
        for code_str, factuality, how, confidence in codings:
            code = ontology.code(code_str)
            trigger = doc[candidate.trigger]
            for source, target in _pairs(candidate):
                if country_of(source.code) is None and (target is None or country_of(target.code) is None):
                    continue  # an event needs at least one actor whose country or organisation is known
                event_id = content_hash(doc._.doc_id, doc._.sentence_index, source.code,
                                        target.code if target else None, code.code, trigger.idx)
                if event_id in seen:
                    continue
                seen.add(event_id)
                events.append(Event(
                    event_id=event_id, doc_id=doc._.doc_id, sentence_index=doc._.sentence_index, sentence=doc.text,
                    source=source.code, source_country=country_of(source.code), source_text=source.text,
                    target=target.code if target else None, target_country=country_of(target.code) if target else None,
                    target_text=target.text if target else None, trigger_text=trigger.text,
                    cameo=code.code, cameo_root=code.root, goldstein=code.goldstein, quad_class=code.quad_class,
                    plover=code.plover, plover_mode=code.plover_mode, factuality=factuality,
                    attributed_to=candidate.attributed_to,
                    event_date=event_date, date_precision=precision,
                    report_date=report.isoformat() if report else None,
                    place=place, rule=how, confidence=confidence,
                ))
    return events
