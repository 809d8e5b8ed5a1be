"""Reading arguments off the dependency tree: who heads an argument, which actors it names, a
verb's subject (through control, coordination and relative clauses), the verb that carries a
nominal event. Pure functions over a parsed spaCy Doc whose actors are annotated (`doc._.actors`,
`doc._.sector_nouns`); the events stage (events.py) and the context rules (context.py) share them.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from .codes import country_of
from .grammar import INSTRUMENT_NOUNS, LIGHT_NOUNS, OBJECT_CONTROL, QUANTITY_NOUNS, TEMPORAL_WORDS
from .records import ActorMention

SUBJECT_DEPS = ("nsubj", "csubj")
# prepositions through which an object noun names its counterpart: whom it is addressed to ("an
# agreement with the EU") or who it comes from ("rejected an offer from India", "a ban by the
# army"); not "against" or "on": "vetoed the resolution against Syria" is no act against Syria
OBJECT_PREPS = ("with", "to", "toward", "towards", "from", "by")
# prepositions through which the object of a target preposition names the target ("called for
# sanctions against Nigeria", "appealed for aid to Sudan")
NESTED_PREPS = ("against", "on", "to", "toward", "towards", "with")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")


def argument_heads(token: Token) -> list[Token]:
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


REFLEXIVE_PRONOUNS = frozenset({"itself", "themselves", "himself", "herself", "themself"})
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
# heads whose possessor is no party when they are coordinated with a party ("arms sales to Iran
# and China's political situation"); a place or facility keeps its owner ("Syria's main airport")
ABSTRACT_NOUNS = frozenset({"situation", "position", "policy", "stance", "role", "economy", "politics", "affairs",
                            "interest", "interests", "future", "view", "views", "concern", "concerns", "problem",
                            "problems", "crisis", "development", "history", "record", "image", "reputation"})


def actors_at(doc: Doc, token: Token | None, _depth: int = 0) -> list[ActorMention]:
    """Actors whose noun phrase is headed by the argument `token` (or its conjuncts); failing
    that, the actors that modify it ("condemned Japan's decision", "shelled Ukrainian positions")."""
    if token is None:
        return []
    if token.lower_ in REFLEXIVE_PRONOUNS and _depth == 0:
        # "Iraq had attacked themselves": the subject of the clause, as a mention of its own
        subject, _ = subject_of(token.head)
        return [replace(m, start=token.i, end=token.i + 1, head=token.i, text=token.text, kind="reflexive",
                        why=f"{token.text!r} refers back to {m.text!r}", modifier=False)
                for m in (actors_at(doc, subject, 1) if subject is not None and subject.i != token.i else []) if m.code]
    if token.lemma_.lower() in BORDER_NOUNS and _depth < 2:
        # "along its border with India", "the frontier with Syria": the neighbour is the party
        neighbours = [m for pobj in prep_objects(token, "with") for m in actors_at(doc, pobj, _depth + 1) if m.code]
        if neighbours:
            return neighbours
    heads = {t.i for t in argument_heads(token)}
    here = [m for m in doc._.actors if m.head in heads]
    if not here:
        # a place inside a located phrase ("an embassy in Tehran") still names its actor
        here = [m for m in doc._.actors if any(m.start <= h < m.end for h in heads)]
    # per conjunct: its own actor, else the actor modifying it ("between an Israeli peace movement
    # and the PLO" names Israel and the PLO)
    found = []
    for head in sorted(heads):
        at_head = [m for m in here if m.head == head and m.code]
        # a conjunct's possessor is not a party ("arms sales to Iran and China's political situation")
        found += [m for m in at_head if not m.modifier] or [m for m in at_head if m.modifier and (
            head == token.i or doc[head].lemma_.lower() not in ABSTRACT_NOUNS
            or not any(doc[i].dep_ == "poss" for i in range(m.start, m.end)))]
    if not found:
        for wanted in (lambda m: m.code and not m.modifier, lambda m: m.code and m.modifier):
            found = [m for m in here if wanted(m)]
            if found:
                break
    if found:
        if token.lower_ in QUANTITY_NOUNS and _depth < 2:
            # "scores of Sierra Leonean and Liberian refugees": the parser splits the coordination
            # between the quantity and its "of" phrase
            inner = [m for pobj in prep_objects(token, "of") for m in actors_at(doc, pobj, _depth + 1) if m.code]
            found += [m for m in inner if m.code not in {f.code for f in found}]
        return found
    # "rebels", "the police": a sector noun with no country, which context may place
    sectors = [m for m in (doc._.sector_nouns or []) if m.head in heads]
    if sectors:
        return sectors
    if _depth < 2 and token.pos_ in ("NOUN", "PRON", "NUM"):
        # a quantity or a process of actors: "hundreds of UN troops", "the deployment of NATO troops"
        for pobj in prep_objects(token, "of"):
            found = actors_at(doc, pobj, _depth + 1)
            # "a group of Chechen refugees": a sector noun beats an unknown name at the quantity
            if found and (any(country_of(m.code) for m in found) or all(m.kind == "sector" for m in found)):
                return found
    if _depth < 2:
        # an unknown name with an apposition that says who it is: "Salaheddine Sidhoum, Algeria's
        # leading human rights activist"
        for appos in [c for t in argument_heads(token) for c in t.children if c.dep_ == "appos"]:
            found = actors_at(doc, appos, _depth + 1)
            if found and any(country_of(m.code) for m in found):
                return found
    return [m for m in here if m.code is None and not m.modifier]


def modifier_actors(doc: Doc, token: Token) -> list[ActorMention]:
    return [m for m in doc._.actors if m.head == token.i and m.modifier and m.code]


def child_of(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def prep_objects(token: Token, prep: str) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep:
            pobj = child_of(child, "pobj")
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


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def subject_of(verb: Token) -> tuple[Token | None, str]:
    """The token naming who acts, with how it was found. Follows xcomp/conj/relcl/acl upward."""
    current = came_from = verb
    via = []
    for _ in range(5):
        if is_passive(current):
            raised = child_of(current, *PASSIVE_SUBJECT_DEPS)
            if via and via[-1] == "conj" and raised is not None and not (
                    came_from.tag_ == "VBN" and not any(c.dep_ == "aux" for c in came_from.children)):  # "... and released"
                # "the minister has been indicted and will resign": an active verb joined to a
                # passive one shares its subject, not its agent
                return raised, "+".join(via + ["nsubjpass"])
            for agent in prep_objects(current, "by"):
                return agent, "+".join(via + ["agent"])
            for document in prep_objects(current, "in"):  # "was condemned in a joint statement by X"
                if document.lemma_.lower() in INSTRUMENT_NOUNS:
                    for agent in prep_objects(document, "by"):
                        return agent, "+".join(via + [f"in-{document.lemma_.lower()}+by"])
            if via and via[-1] == "xcomp" and raised is not None:
                return raised, "+".join(via + ["nsubjpass"])  # "Obama is scheduled to attend"
            # a passive with no agent names no doer; what it modifies or is coordinated with is
            # what was done to ("people who had been accused", "Turkey ... was condemned")
            return None, ""
        else:
            subj = child_of(current, *SUBJECT_DEPS)
            if subj is not None and subj.pos_ == "VERB" and child_of(subj, "nsubj") is not None:
                subj = child_of(subj, "nsubj")  # "The Red Cross operating in Iraq said": the parser made "operating" the subject
            if subj is None and current.i > 0:
                # "Sweden reduced aid to Tanzania": the small model sometimes takes a bare name
                # before the verb for an adverbial noun
                subj = next((c for c in current.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"
                             and c.i < current.i and c.ent_type_ not in ("DATE", "TIME")), None)
            if subj is not None and subj.lower_ not in ("who", "which", "that"):
                return subj, "+".join(via + [subj.dep_])
        head = current.head
        if head.i == current.i:
            return None, ""
        came_from = current
        if current.dep_ == "xcomp":
            obj = child_of(head, "dobj")
            if obj is not None and head.lemma_.lower() in OBJECT_CONTROL:
                return obj, "+".join(via + ["controller-dobj"])
            via.append("xcomp")
        elif current.dep_ == "conj":
            via.append("conj")
        elif current.dep_ in ("acomp", "attr"):
            via.append(current.dep_)  # "is willing to withdraw": the copula's subject
        elif current.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            if current.dep_ == "acl" and current.tag_ == "VBN" and not any(
                    child_of(v, "dobj") is not None for v in (current, *current.conjuncts)):
                return None, ""  # "sanctions imposed by X": handled as passive above; with an object it is active
            adopter = adopter_of(head)
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


# prepositions that set an event as the time or cause of another, not as what a verb does
BACKGROUND_PREPS = frozenset({"after", "before", "since", "during", "following", "amid", "despite", "until"})


# prepositions that name what a verb is about, not what its subject does
TOPIC_PREPS = frozenset({"over", "about", "regarding", "concerning"})
# verbs that act against an instrument: its author is not their subject
OPPOSING_VERBS = frozenset({"veto", "reject", "block", "oppose", "condemn", "denounce", "criticize", "criticise",
                            "overturn", "strike", "scrap", "withdraw", "revoke", "repeal", "ignore", "defy", "violate"})


def in_background(token: Token) -> bool:
    """A nominal trigger that only dates or explains another event ("since last month's U.S.
    invasion", "after two days of fierce fighting")."""
    current = token
    for _ in range(3):
        if current.dep_ == "pobj" and (current.head.lower_ in BACKGROUND_PREPS or (
                current.head.lower_ in ("of", "to") and current.head.head.lower_ in ("because", "due", "wake"))):
            return True  # "after ...", "due to ...", "because of ...", "in the wake of ..."
        if current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.pos_ == "NOUN":
            current = current.head.head  # "after two days of fighting"
            continue
        return False
    return False


def carrier_of(noun: Token) -> Token | None:
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
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.lower_ not in (
            BACKGROUND_PREPS | TOPIC_PREPS):  # "lodged protests over the arms sale": the sale is not the protester's
        return head.head  # ("offered to negotiate following the invasions of Dagestan": the invasions are background)
    # a quantity of events: "launched 10 days of war games", "carried out a series of raids"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return carrier_of(head.head)
    return None


def adopter_of(noun: Token) -> Token | None:
    """Who adopted an instrument ("Congress passed a bill that imposes ..." → "Congress")."""
    if noun.lemma_.lower() not in INSTRUMENT_NOUNS:
        return None
    verb = carrier_of(noun)
    if verb is None or noun.dep_ != "dobj" or verb.lemma_.lower() in OPPOSING_VERBS:
        return None  # "Russia vetoed a resolution condemning ...": Russia condemned nothing
    subj, _ = subject_of(verb)
    return subj
