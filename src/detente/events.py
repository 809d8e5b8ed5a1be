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
from .context import HOME, PLACE, Arguments, fill, is_guessed_target, without_self
from .dates import resolve
from .grammar import (DEMANDING_MODALS, LIGHT_NOUNS, QUANTITY_NOUNS, MONTHS, PLACE_PREPS, REPORTING_VERBS, SUPPORT_VERBS,
                      TRANSPARENT_OBJECTS)
from .factuality import MANDATIVE_VERBS, WH_TAGS, clause_verb, judge, reporting_verb, subjunctive
from .lexicon import Lexicon, TriggerPattern, load_lexicon
from .ontology import Ontology, load_ontology
from .records import ActorMention, Event, content_hash
from .syntax import (NESTED_PREPS, OBJECT_PREPS, PASSIVE_SUBJECT_DEPS, actors_at, carrier_of, child_of, in_background,
                     is_passive, modifier_actors, prep_objects, subject_of)

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
    speakers: tuple[ActorMention, ...] = ()  # who reports it ("Ukraine said Russia shelled Kharkiv")
    report_verb: str = ""  # the lemma of the reporting verb
    factuality_cue: str = ""
    cue_index: int | None = None


COMPLEMENT = "complement:"  # how a target taken from the complement's event is named
MEDIUM_NOUNS = frozenset({"telephone", "phone", "video", "link", "videoconference", "videolink", "hotline", "line"})
# nouns of committing to an act, whose possessor is who acts: "Japan's pledge of aid"
COMMITMENT_NOUNS = frozenset({"pledge", "promise", "offer", "commitment", "plan", "vow", "decision", "threat"})

SUBJUNCTIVE_CONSTRUCTION = TriggerPattern(
    id="construction:that-subjunctive", code="100", pos="verb", lemma="", particle=None, object=frozenset(),
    modifier=frozenset(), target=("clause-subject",), reciprocal=False,
    example="Washington insisted that Pyongyang dismantle its reactor first.", where="events.py",
)
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
                obj = child_of(token, *(PASSIVE_SUBJECT_DEPS if is_passive(token) else ("dobj",)))
                if obj is None and token.pos_ == "VERB":
                    # "allowed thousands of refugees to return": the parser makes the object the
                    # subject of the infinitive
                    clause = child_of(token, "ccomp", "xcomp")
                    if clause is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                        obj = child_of(clause, "nsubj")
                if obj is not None and (obj.lemma_.lower() in TRANSPARENT_OBJECTS or obj.lower_ in QUANTITY_NOUNS) \
                        and obj.lemma_.lower() not in pattern.object:
                    inner = prep_objects(obj, "of")
                    obj = inner[0] if inner else obj
                if obj is not None and obj.lemma_.lower() not in pattern.object:
                    # "providing aerial photographs and other military intelligence"
                    obj = next((c for c in obj.conjuncts if c.lemma_.lower() in pattern.object), obj)
                if obj is None or obj.lemma_.lower() not in pattern.object:
                    continue
            if pattern.subject and not (_phrase_words(subject_of(token)[0]) & pattern.subject):
                continue
            if pattern.via and not any(p.lemma_.lower() in pattern.via[1] for p in prep_objects(token, pattern.via[0])):
                continue
            if pattern.modifier and not any(
                c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in pattern.modifier for c in token.children
            ):
                continue
            fitting.append((pattern, obj))
        return fitting

    def _targets(self, doc: Doc, token: Token, pattern: TriggerPattern, obj: Token | None,
                 carrier: Token | None) -> tuple[list[ActorMention], str]:
        """The target actors and the slot that gave them. A slot that names only actors with no
        known country ("demands from Shona rebels": "Shona"; "rebels") does not stop the search: a
        later slot that names one wins, and the others are kept only as a last resort."""
        weak: tuple[list[ActorMention], str] | None = None
        for found, via in self._target_slots(doc, token, pattern, obj, carrier):
            if via == "none" or any(country_of(m.code) for m in found):
                return (weak if via == "none" and weak else (found, via))
            weak = weak or (found, via)
        return weak or ([], "")

    def _target_slots(self, doc: Doc, token: Token, pattern: TriggerPattern, obj: Token | None,
                      carrier: Token | None) -> Iterator[tuple[list[ActorMention], str]]:
        passive = token.pos_ != "NOUN" and is_passive(token)
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "under":
            # "Turkey is under EU sanctions", "a US national was put under investigation"
            found = actors_at(doc, child_of(token.head.head, "nsubj", "nsubjpass"))
            if found:
                yield found, "subject under"
        for slot in pattern.target:
            if slot == "none":
                yield [], "none"
                return
            if slot == "dobj" and token.pos_ != "NOUN":
                arg = child_of(token, *(PASSIVE_SUBJECT_DEPS if passive else ("dobj",)))
                if arg is None and passive and token.dep_ == "conj":
                    arg = child_of(token.head, "nsubj", "nsubjpass")  # "Turkey is ... and was condemned"
                if arg is None and token.dep_ == "acl" and token.tag_ == "VBN":
                    arg = token.head  # a reduced passive: "soldiers killed in Ukraine"
                if arg is None and not passive:
                    # "denounced as an ugly crime Serbia's suppression of ...": the object set after its label
                    arg = next((a for pobj in prep_objects(token, "as") for a in pobj.children if a.dep_ == "appos"), None)
                found = actors_at(doc, arg)
                if found:
                    yield found, "nsubjpass" if passive else "dobj"
                # "helped Moscow evade sanctions", "urged Iran to stop": the parser often makes
                # the object the subject of the following clause
                clause = child_of(token, "ccomp", "xcomp")
                speech = self.lexicon.lemma(token) in REPORTING_VERBS  # "told reporters that X ...": X is content
                # only a control or subjunctive clause lends its subject ("urged Iran to stop",
                # "demanded that the US cancel"); a tensed clause is what was said ("charged that
                # Canada was subsidising ...")
                mandative = pattern.code.startswith(("02", "10"))  # "demanded that the US match ...": a request
                speech = speech or (clause is not None and not mandative and (clause.tag_ in ("VBD", "VBZ", "VBP") or any(
                    c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in clause.children)))
                # "asked whether Iran would attack": a question about its subject, not a request of it
                speech = speech or (clause is not None and any(
                    c.tag_ in WH_TAGS or (c.dep_ == "mark" and c.lower_ in ("whether", "if")) for c in clause.children))
                found = actors_at(doc, child_of(clause, "nsubj")) if clause is not None and not passive and not speech else []
                if found:
                    yield found, "dobj(clause subject)"
                # "endorsed an agreement with the EU", "rejected an offer from India": the object's counterpart
                if arg is not None and arg.pos_ == "NOUN":
                    for prep in OBJECT_PREPS:
                        for pobj in prep_objects(arg, prep):
                            found = actors_at(doc, pobj)
                            if found:
                                yield found, f"dobj+{prep}"
            elif slot == "clause":
                # "its demand that Israel ease restrictions": who the clause asks to act
                # (the parser often hangs the clause on the verb whose object the noun is)
                hosts = [token] + ([token.head] if token.pos_ == "NOUN" and token.dep_ == "dobj" else [])
                for clause in (c for host in hosts for c in host.children if c.dep_ in ("acl", "ccomp")
                               and c.pos_ in ("VERB", "AUX") and (host is token or any(
                                   m.dep_ == "mark" and m.lower_ == "that" for m in c.children))):
                    found = actors_at(doc, child_of(clause, "nsubj"))
                    if found:
                        yield found, "clause subject"
            elif slot == "iobj":
                arg = child_of(token, "dative", "iobj")
                if arg is not None and arg.lower_ in ("to", "for"):
                    arg = child_of(arg, "pobj")
                found = actors_at(doc, arg)
                if found:
                    yield found, "iobj"
            elif slot.startswith("prep:"):
                prep = slot[5:]
                direct = obj if obj is not None else (child_of(token, "dobj") if token.pos_ != "NOUN" else None)
                frame = [token.head] if token.dep_ == "compound" and token.head.lemma_.lower() in LIGHT_NOUNS else []
                # "spoke by telephone with Putin", "talked via video link with Xi": the medium carries the party
                frame += [m for medium in ("by", "via", "over") for m in prep_objects(token, medium)
                          if m.lemma_.lower() in MEDIUM_NOUNS]
                # "Japan's pledge of aid to Kenya": the commitment noun carries the recipient
                if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in COMMITMENT_NOUNS:
                    frame.append(token.head.head)
                hosts = [token] + frame + ([direct] if direct is not None else []) + ([carrier] if carrier is not None else [])
                for host in hosts:
                    for pobj in prep_objects(host, prep):
                        found = actors_at(doc, pobj)
                        if found:
                            yield found, slot
                        # "called for sanctions against Nigeria": the actor the object is aimed at
                        for inner in NESTED_PREPS:
                            for nested in prep_objects(pobj, inner):
                                found = actors_at(doc, nested)
                                if found:
                                    yield found, f"{slot}+{inner}"
                    # "pushing for the US to support the plan": the preposition marks a clause
                    for clause in (c for c in host.children if c.dep_ == "advcl" and any(
                            m.dep_ == "mark" and m.lower_ == prep for m in c.children)):
                        found = actors_at(doc, child_of(clause, "nsubj"))
                        if found:
                            yield found, f"{slot}+clause"

    def _sources(self, doc: Doc, token: Token, pattern: TriggerPattern) -> tuple[list[ActorMention], str, Token | None]:
        """Sources, how they were found, and for nominal events the verb that carries them."""
        if pattern.pos == "verb":
            subj, via = subject_of(token)
            return actors_at(doc, subj), via, None
        modifiers = modifier_actors(doc, token)
        if modifiers:
            return modifiers, "modifier", None
        for agent in prep_objects(token, "by"):
            found = actors_at(doc, agent)
            if found:
                return found, "prep:by", None
        for slot in pattern.source:  # "the withdrawal of Serbian forces": who withdraws
            for pobj in prep_objects(token, slot[5:]):
                found = actors_at(doc, pobj)
                if found:
                    return found, slot, None
        # "Japan's pledge of aid to Kenya", "Moscow's offer of talks": who commits to the act
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in COMMITMENT_NOUNS:
            found = modifier_actors(doc, token.head.head)
            if found:
                return found, f"modifier+{token.head.head.lemma_.lower()}", None
        carrier = carrier_of(token)
        if carrier is not None and self.lexicon.lemma(carrier) in SUPPORT_VERBS:
            subj, via = subject_of(carrier)
            return actors_at(doc, subj), f"support-verb:{carrier.lemma_}+{via}", carrier
        return [], "", carrier

    def match(self, doc: Doc) -> list[Candidate]:
        """One candidate per trigger token: the first fitting pattern (most specific first) whose
        arguments are found, or else the most specific one, dropped with its reason."""
        chosen: list[tuple[Token, list[tuple[TriggerPattern, Token | None]]]] = []
        consumed: dict[int, int] = {}  # object noun → the verb whose pattern used it
        for token in doc:
            fitting = self._patterns_for(token)
            if fitting:
                chosen.append((token, fitting))
                consumed.update((obj.i, token.i) for _, obj in fitting[:1] if obj is not None)
        candidates: list[Candidate] = []
        kept_at: dict[int, bool] = {}
        # verbs first, so that an object a verb's pattern used but could not make an event of
        # ("China held military exercises around Taiwan": no partner for joint exercises) gets
        # its own patterns (a show of force)
        for token, fitting in sorted(chosen, key=lambda item: item[0].i not in consumed.values()):
            if token.i in consumed and kept_at.get(consumed[token.i], True):
                continue
            # what depends only on the trigger (factuality, who reports it) and on each pattern's
            # slots is read once; the two rounds differ only in what the context rules may guess
            clause = self._clause(doc, token)
            stated = [(pattern, *self._stated(doc, token, pattern, obj)) for pattern, obj in fitting]
            # arguments the syntax states win over arguments guessed from context: a specific
            # pattern whose target is only guessed must not beat a general one whose target is stated
            tried = [self._candidate(doc, token, pattern, args, carrier, clause, guess=False)
                     for pattern, args, carrier in stated]
            chosen_one = next((c for c in tried if c.kept), None)
            if chosen_one is None:
                guessed = [self._candidate(doc, token, pattern, args, carrier, clause, guess=True)
                           for pattern, args, carrier in stated]
                chosen_one = next((c for c in guessed if c.kept), guessed[0])
            kept_at[token.i] = chosen_one.kept
            if token.i in consumed and not chosen_one.kept:
                continue  # an object released by its verb speaks only when it makes an event of its own
            candidates.append(chosen_one)
        candidates.sort(key=lambda c: c.trigger)
        candidates.extend(self._reported_demands(doc, {c.trigger for c in candidates if c.kept}))
        return self._complement_targets(doc, candidates)

    def _reported_demands(self, doc: Doc, triggers: set[int]) -> list[Candidate]:
        """ "X said that Y must/should ..." and "X insisted that Y withdraw" (a subjunctive) are
        demands of X on Y (CAMEO 100), whatever Y is asked to do: constructions of the grammar,
        not words of the lexicon. A governing verb that is an event itself ("demanded that ...")
        needs no second one."""
        out = []
        cues = [(m, m.head) for m in doc if m.dep_ == "aux" and m.lower_ in DEMANDING_MODALS]
        cues += [(v, v) for v in doc if subjunctive(v)]
        for modal, verb in cues:
            reporter = verb.head
            if verb.dep_ != "ccomp" or reporter.i in triggers:
                continue
            if self.lexicon.lemma(reporter) not in REPORTING_VERBS | MANDATIVE_VERBS:
                continue
            speaker, via = subject_of(reporter)
            sources = actors_at(doc, speaker)
            targets = actors_at(doc, child_of(verb, "nsubj", "nsubjpass"))
            if sources and targets:
                out.append(Candidate(trigger=modal.i, pattern=SUBJUNCTIVE_CONSTRUCTION if modal.i == verb.i else DEMAND_CONSTRUCTION,
                                     sources=tuple(sources),
                                     targets=tuple(targets), source_via=f"reporter:{via}", target_via="clause subject",
                                     kept=True, reason=f"'{reporter.text} that ... {modal.text}' is a demand"))
        return out

    @staticmethod
    def _complement_targets(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """A verb with no target of its own takes the target of the event in its complement:
        "Washington threatened to impose sanctions on Beijing" → THREATEN, USA → CHN."""
        out = []
        for c in candidates:
            # (also a verb kept with no target: "Ethiopia agreed to reopen its borders to UN peacekeepers")
            protest = c.pattern.code.startswith("14")
            if c.sources and not c.targets and (c.pattern.pos == "verb" or protest):
                trigger = doc[c.trigger]
                complements = {x.i for x in trigger.children if x.dep_ == "xcomp"}
                if protest:
                    # "continued their hunger strike to demand the resignation of the president":
                    # a protest is aimed at whom its purpose names
                    verb = clause_verb(trigger)
                    complements |= {x.i for x in (*trigger.children, *verb.children) if x.dep_ == "advcl"
                                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)}
                # the complement's event: on its verb, or a noun that verb carries ("to impose restrictions")
                inner = next((o for o in candidates if o.targets and not is_guessed_target(o.target_via) and (
                    o.trigger in complements or doc[o.trigger].head.i in complements)), None)
                targets = without_self(list(inner.targets), list(c.sources)) if inner is not None else []
                if targets:
                    # the complement's event may have placed a sector noun they share ("fundamentalists")
                    placed = {(m.start, m.end): m for m in inner.sources}
                    sources = tuple(placed.get((m.start, m.end), m) for m in c.sources)
                    c = replace(c, sources=sources, targets=tuple(targets),
                                target_via=f"{COMPLEMENT}{doc[inner.trigger].text}",
                                kept=True, reason="target taken from the complement's event")
            out.append(c)
        return out

    def _stated(self, doc: Doc, token: Token, pattern: TriggerPattern, obj: Token | None,
                ) -> tuple[Arguments, Token | None]:
        """The arguments the pattern's slots find, and the verb carrying a nominal trigger."""
        sources, source_via, carrier = self._sources(doc, token, pattern)
        targets, target_via = self._targets(doc, token, pattern, obj, carrier)
        if targets and all(m.kind == "reflexive" for m in targets) and not pattern.code[:2] >= "11":
            targets, target_via = [], ""  # "Ukraine is arming itself": no one else is helped
        # "Britain demanded the release of its sailors from Iran": "its" is Britain itself
        kept_targets = without_self(targets, sources)
        if kept_targets != targets:
            targets, target_via = kept_targets, target_via if kept_targets else ""
        return Arguments(sources, source_via, targets, target_via), carrier

    def _clause(self, doc: Doc, token: Token) -> dict[str, object]:
        """The Candidate fields that depend only on the trigger: factuality and who reports it."""
        judgement = judge(token)
        reporter = reporting_verb(token)
        attributed = None
        said_by: list[ActorMention] = []
        if reporter is not None:
            subj, _ = subject_of(reporter)
            said_by = actors_at(doc, subj)
            attributed = said_by[0].code if said_by else (subj.text if subj is not None else None)
        return dict(factuality=judgement.value, factuality_why=judgement.why, attributed_to=attributed,
                    speakers=tuple(said_by), report_verb=self.lexicon.lemma(reporter) if reporter is not None else "",
                    factuality_cue=judgement.cue, cue_index=judgement.cue_index)

    def _candidate(self, doc: Doc, token: Token, pattern: TriggerPattern, stated: Arguments, carrier: Token | None,
                   clause: dict[str, object], guess: bool) -> Candidate:
        args = fill(doc, token, pattern, carrier, replace(stated), guess, lambda t: bool(self._patterns_for(t)))
        base = dict(trigger=token.i, pattern=pattern, sources=tuple(args.sources), targets=tuple(args.targets),
                    source_via=args.source_via, target_via=args.target_via, **clause)
        if not args.sources:
            return Candidate(**base, kept=False, reason="no source actor found")
        if pattern.needs_target and not args.targets and not (pattern.reciprocal and len(args.sources) > 1):
            return Candidate(**base, kept=False, reason=f"no target actor in {', '.join(pattern.target)}")
        return Candidate(**base, kept=True, reason="source and target found")

    # -- annotation (the one mutation) ----------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.match(doc)
        doc._.event_candidates = candidates
        doc.spans["triggers"] = [Span(doc, c.trigger, c.trigger + 1, label=c.pattern.code) for c in candidates]
        return doc


def _phrase_words(token: Token | None) -> set[str]:
    """The lemmas of a noun phrase's head and its modifiers, seen through a quantity or a process
    ("the first deployment of NATO peacekeeping troops" → deployment, troop, peacekeeping, ...)."""
    if token is None:
        return set()
    words = {token.lemma_.lower()} | {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    for pobj in prep_objects(token, "of"):
        words |= {pobj.lemma_.lower()} | {c.lemma_.lower() for c in pobj.children if c.dep_ in ("amod", "compound", "nmod")}
    return words


def make_event_matcher(nlp: Language, name: str) -> EventMatcher:
    return EventMatcher(nlp, name, load_lexicon())


# ------------------------------------------------------------------------------- records


def _pairs(candidate: Candidate, announced: bool = False) -> list[tuple[ActorMention, ActorMention | None]]:
    """The directed (source, target) pairs of a candidate. An announced or refused act is the
    subject's word alone ("the Taliban vowed to fight the government": the government vowed nothing)."""
    sources, targets = list(candidate.sources), list(candidate.targets)
    if not targets and not candidate.kept:
        return [(s, None) for s in sources]  # a derived event of a targetless act
    if announced and len(sources) == 1 and targets:
        return [(sources[0], t) for t in targets if (t.start, t.end) != (sources[0].start, sources[0].end)]
    # a joint act is mutual ("X and Y clashed", "X held talks with Y", "X met Y") unless its
    # target was only guessed from context: "X engaged Y in a firefight" is X's act on Y
    # "Ethiopia agreed to reopen its border to UN monitors": a target lent by the complement's event is that event's
    lent = candidate.target_via.startswith(COMPLEMENT)
    mutual = len(sources) > 1 or not (is_guessed_target(candidate.target_via) or lent)
    if candidate.pattern.reciprocal and mutual:
        # every pair of joint subjects, and each subject with each partner, both ways; partners
        # are not partners of each other ("Serbia keeps its cooperation with Russia and China")
        partners = [t for t in targets if t.code not in {s.code for s in sources}]
        pairs = [(a, b) for a, b in permutations(sources, 2) if a.code != b.code]
        pairs += [pair for s_, t in product(sources, partners) for pair in ((s_, t), (t, s_)) if s_.code != t.code]
        if pairs:
            return pairs
    if not targets:
        return [(s, None) for s in sources]
    if candidate.target_via == HOME:  # each source acts on its own country
        return [(s, t) for s, t in product(sources, targets) if t.code == s.country]
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


# CAMEO "accuse, not specified below": what a speaker says another did to harm someone
ACCUSE_CODE = "112"
CONFLICT_ROOTS = ("13", "14", "15", "16", "17", "18", "19", "20")
# reporting verbs that make a report an allegation
ALLEGING_VERBS = frozenset({"claim", "allege", "charge", "accuse", "contend", "insist", "assert"})


# CAMEO "acknowledge or claim responsibility": a speaker who claims or admits its own act
CLAIM_CODE = "015"
CLAIMING_VERBS = frozenset({"claim", "admit", "acknowledge", "concede"})


def _claims(candidate: Candidate) -> list[tuple[ActorMention, ActorMention]]:
    """A speaker who claims or admits an act of conflict of its own ("The US claimed that they had
    attacked Iraq", "Hamas admitted it fired the rockets") claims responsibility for it (015)
    towards its target."""
    if candidate.report_verb not in CLAIMING_VERBS or not candidate.pattern.code.startswith(CONFLICT_ROOTS):
        return []
    out = []
    for speaker in candidate.speakers:
        country = country_of(speaker.code)
        if country and any(country_of(d.code) == country for d in candidate.sources):
            out += [(speaker, t) for t in candidate.targets if country_of(t.code) and country_of(t.code) != country]
    return out


def _accusations(doc: Doc, candidate: Candidate) -> list[tuple[ActorMention, ActorMention]]:
    """A speaker who alleges that another actor did harm ("The US claimed that ISIL had attacked
    Iraq"), who reports harm done to itself ("Ukraine said Russian forces shelled Kharkiv"), or a
    state or government that reports another's violence ("The US said Iraq attacked the Kurds"),
    accuses the doer (CAMEO 112), besides the reported act itself, which stays attributed to the
    speaker. Only for asserted acts of conflict, never of the speaker's own country, and never by
    the press or by "sources": a neutral report ("Thai military sources said ...") accuses no one."""
    alleged = candidate.factuality == "hypothetical" and candidate.factuality_cue in ALLEGING_VERBS
    if not (candidate.factuality == "asserted" or alleged) or not candidate.pattern.code.startswith(CONFLICT_ROOTS):
        return []
    if in_background(doc[candidate.trigger]):
        return []  # "since last month's U.S. invasion, the embassy said": a reference, not a report
    victims = {m.country for m in candidate.targets if m.country}
    out = []
    for speaker in candidate.speakers:
        country = country_of(speaker.code)
        if not country or speaker.modifier or sector_of(speaker.code) == "MED":
            continue
        # a state's own word carries weight: a government that reports another's violence accuses it
        # ... but not for force against armed groups ("the Kremlin said Syrian troops recaptured
        # Palmyra from Islamic State"), which reports a fight, not a grievance
        armed_victims = any(m.code and (m.code[:3] == "IMG" or sector_of(m.code) in ("REB", "UAF"))
                            for m in candidate.targets)
        official = (len(country) == 3 and sector_of(speaker.code) in (None, "GOV") and speaker.kind != "sector"
                    and not speaker.located and not armed_victims)  # "relief officials in Nairobi" are not Kenya's word
        if candidate.report_verb not in ALLEGING_VERBS and country not in victims and not (
                official and candidate.pattern.code.startswith(VIOLENT_ROOTS)):
            continue
        out += [(speaker, doer) for doer in candidate.sources if country_of(doer.code) and country_of(doer.code) != country]
    return out


# cues that announce an act: what they govern is also an asserted intent (03x) or threat (13x)
ANNOUNCING_CUES = frozenset({
    "will", "shall", "'ll", "wo", "would", "plan", "intend", "prepare", "vow", "pledge", "promise", "go", "set", "schedule",
    "agree", "offer", "decide", "commit", "ready", "willing", "prepared", "determined", "poised", "poise", "swear",
    "be",  # "is to visit Thailand"
    # nouns: "Japan's pledge of aid to Kenya", "the decision to send troops"
    "plan", "decision", "pledge", "promise", "vow", "commitment", "intention", "readiness", "agreement",
})
# cues of wanting: what they govern is an intent only when it is cooperative
WANTING_CUES = frozenset({"want", "seek", "hope", "wish", "aim"})


# cues of refusing: what they govern is also an asserted rejection (12x) when it is cooperative
REFUSING_CUES = frozenset({"refuse", "decline", "reject", "refusal", "rejection"})
# cues of readying: a violent act being readied is a military posture (CAMEO 150), not a threat
PREPARING_CUES = frozenset({"prepare", "prepared", "ready", "poised", "poise"})
VIOLENT_ROOTS = ("18", "19", "20")
MOBILIZE_CODE = "150"
ATTEMPTING_CUES = frozenset({"attempt", "try"})
KILLING_CODES = frozenset({"186", "1823"})
KILLING_VERBS = frozenset({"kill", "murder", "assassinate", "execute", "eliminate"})
ATTEMPTED_KILLING_CODE = "185"
# threatening to withhold cooperation: aid (1311 reduce or stop aid), relations (1313), else 131
THREATENED_COOPERATION = {"04": "1313", "05": "1313", "06": "1311", "07": "1311", "08": "131"}
FUTURE_AUXILIARIES = frozenset({"will", "would", "wo", "shall"})


def _derived_code(doc: Doc, candidate: Candidate, ontology: Ontology, triggers: dict[int, Candidate]) -> str | None:
    """The code of the act of announcing (03x/13x) or refusing (12x) what `candidate` describes,
    when it is announced or refused rather than done ("will supply arms", "refused to lift")."""
    cue = candidate.factuality_cue
    governor = triggers.get(candidate.cue_index) if candidate.cue_index is not None else None
    if governor is not None and governor.kept and governor.pattern.code[:2] in ("03", "12", "13"):
        return None  # "threatened to impose sanctions": the threat is already an event
    if not _cue_is_the_sources(doc, candidate):
        return None  # "Moscow's offer of talks was rejected": Moscow rejected nothing
    if candidate.factuality == "negated":
        verb = clause_verb(doc[candidate.trigger])
        will_not = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children)
        if cue in REFUSING_CUES or will_not:
            return ontology.refused_code(candidate.pattern.code)
        return None
    if candidate.factuality not in ("future", "hypothetical"):
        return None
    code = candidate.pattern.code
    if cue in ATTEMPTING_CUES and code[:2] in VIOLENT_ROOTS:
        # an attempt at violence happened even if the violence did not: "tried to assassinate" → 185
        killing = code in KILLING_CODES or doc[candidate.trigger].lemma_.lower() in KILLING_VERBS
        return ATTEMPTED_KILLING_CODE if killing else code
    cooperative = code[:2] in ("04", "05", "06", "07", "08")
    if cue in ANNOUNCING_CUES or (cue in WANTING_CUES and cooperative):
        if cue in PREPARING_CUES and code[:2] in VIOLENT_ROOTS:
            return MOBILIZE_CODE  # "the army prepared to resume shelling": a show of force, not words
        if cooperative and _conditioned_by_unless(doc[candidate.trigger]):
            # "will withdraw its peacekeepers from Chad unless ...": a cooperation held back on a condition
            return THREATENED_COOPERATION.get(code[:2], "130")
        return ontology.announced_code(code)
    return None


def _cue_is_the_sources(doc: Doc, candidate: Candidate) -> bool:
    """Whether the word that announces or refuses the act is the act's own sources' word: the
    subject of a cue verb, the possessor of a cue noun ("Baghdad's refusal to admit"); a modal
    or an auxiliary always is."""
    if candidate.cue_index is None:
        return True
    cue = doc[candidate.cue_index]
    if cue.dep_ in ("aux", "auxpass") or cue.i == clause_verb(doc[candidate.trigger]).i and cue.pos_ == "AUX":
        return True
    if cue.pos_ in ("NOUN", "PROPN"):
        speakers = modifier_actors(doc, cue)
        carrier = carrier_of(cue)
        if not speakers and carrier is not None:  # "Iran took the decision to expel ..."
            speakers = actors_at(doc, subject_of(carrier)[0])
        if not speakers:
            return True
    elif cue.pos_ in ("VERB", "AUX", "ADJ"):
        # a passive cue with an infinitive ("is poised to", "is scheduled to") is about its subject;
        # without one ("the offer was rejected") its subject is the act, and only its agent speaks
        raising = is_passive(cue) and child_of(cue, "xcomp") is not None
        subject = child_of(cue, *PASSIVE_SUBJECT_DEPS) if raising else subject_of(cue)[0]
        speakers = actors_at(doc, subject)
        if not speakers:
            return subject is not None  # "was rejected" with no one named rejects nothing
    else:
        return True
    if not speakers:
        return False
    own = {m.country for m in candidate.sources if m.country}
    said = {m.country for m in speakers if m.country}
    return bool(own & said) or not own or not said  # "Rebels vowed to attack Aleppo": the same rebels, placed


def _conditioned_by_unless(trigger: Token) -> bool:
    verb = clause_verb(trigger)
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in verb.children)


# expelling people (174, deport) becomes expelling an organisation (166) when every target is one
EXPEL_CODE, EXPEL_ORGANISATION_CODE = "174", "166"


# violence whose code does not say how, made precise by the weapon that did it ("blown up by a
# missile", "killed in an air strike", "wounded by sniper fire")
UNSPECIFIED_VIOLENCE = frozenset({"180", "183", "190"})
WEAPON_CODES = {
    **dict.fromkeys(("missile", "rocket", "shell", "shelling", "artillery", "mortar", "tank", "howitzer"), "194"),
    **dict.fromkeys(("airstrike", "warplane", "jet", "bomber", "aircraft", "helicopter", "gunship", "plane"), "195"),
    "drone": "1952", "air strike": "195", "air raid": "195", "drone strike": "1952",
    "bomb": "183", "car bomb": "1832", "roadside bomb": "1833", "suicide bomber": "1831", "suicide bombing": "1831",
    "suicide attack": "1831", "bomber": "195",
    **dict.fromkeys(("gunfire", "rifle", "gun", "sniper", "bullet", "machine-gun"), "193"),
}


def _own_code(doc: Doc, candidate: Candidate) -> str:
    """The pattern's code, made precise by its arguments: "forced the UN refugee agency out of
    the country" expels an organisation (166, PLOVER SANCTION/expel), not individuals (174); "was
    blown up by a missile" is fighting with heavy weapons (194), not a bombing (183)."""
    code = candidate.pattern.code
    if code == EXPEL_CODE and candidate.targets and all(
            m.code and m.code[:3] in ("IGO", "NGO") for m in candidate.targets):
        return EXPEL_ORGANISATION_CODE
    if code in UNSPECIFIED_VIOLENCE:
        trigger = doc[candidate.trigger]
        instruments = [pobj for prep in trigger.children if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "with", "in")
                       for pobj in prep.children if pobj.dep_ == "pobj"]
        # "a car bomb killed 12 people", "a roadside bomb struck a patrol": the weapon as subject
        instruments += [c for c in trigger.children if c.dep_ == "nsubj" and trigger.pos_ == "VERB"]
        for weapon_noun in instruments:
            lemma = weapon_noun.lemma_.lower()
            compounds = [c.lemma_.lower() for c in weapon_noun.children if c.dep_ in ("compound", "amod")]
            weapon = next((WEAPON_CODES[f"{c} {lemma}"] for c in compounds if f"{c} {lemma}" in WEAPON_CODES), None) \
                or WEAPON_CODES.get(lemma) or next((WEAPON_CODES[c] for c in compounds if c in WEAPON_CODES), None)
            if weapon:
                return weapon
    return code


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
        own_code = _own_code(doc, candidate)
        codings = [] if targetless else [(own_code, candidate.factuality, rule, _confidence(candidate))]
        derived = _derived_code(doc, candidate, ontology, triggers)
        if derived:
            how = {"12": "refused", "15": "readied"}.get(derived[:2], "announced")
            if candidate.factuality_cue in ATTEMPTING_CUES:
                how = "attempted"
            attempted_itself = codings and codings[0][0] == derived  # "tried to storm the post": an assault
            if attempted_itself:
                codings = []
            codings.append((derived, "asserted", f"{how}:{rule} ({candidate.factuality_cue})",
                            round(_confidence(candidate) - 0.1, 2)))
        event_date, precision = _event_date(doc, candidate)
        # a place the context rules used is the event's place too ("src=place:Kandahar")
        used = next((via[len(PLACE):] for via in (candidate.source_via, candidate.target_via) if via.startswith(PLACE)), None)
        place = _event_place(doc, candidate) or used
        emissions = [(code_str, factuality, how, confidence, _pairs(candidate, announced=code_str != codings[0][0] or targetless))
                     for code_str, factuality, how, confidence in codings]
        claims = _claims(candidate)
        if claims:
            emissions.append((CLAIM_CODE, "asserted", f"claimed:{rule}", round(_confidence(candidate) - 0.15, 2), claims))
        accusations = _accusations(doc, candidate)
        if accusations:
            emissions.append((ACCUSE_CODE, "asserted", f"reported:{rule}", round(_confidence(candidate) - 0.15, 2),
                              accusations))
        for code_str, factuality, how, confidence, pairs in emissions:
            code = ontology.code(code_str)
            plover, plover_mode = code.plover, code.plover_mode
            if code_str == own_code and candidate.pattern.plover:  # the trigger's own type
                plover, plover_mode = candidate.pattern.plover, candidate.pattern.plover_mode
            trigger = doc[candidate.trigger]
            for source, target in pairs:
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
                    plover=plover, plover_mode=plover_mode, factuality=factuality,
                    attributed_to=candidate.attributed_to,
                    event_date=event_date, date_precision=precision,
                    report_date=report.isoformat() if report else None,
                    place=place, rule=how, confidence=confidence,
                ))
    return events
