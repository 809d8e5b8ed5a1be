"""Arguments from context: what the events stage fills in when the syntax states no source or
target for a trigger (README, "arguments from context").

`fill` applies the rules in order of trust: the target of a threat's condition; the nearest actor
in the trigger's own arguments (second round only, see `EventMatcher.match`); the country where
it happened, for violence, acts at home and places inside an argument; the source's own country
for acts a government does at home; the event or weapon that did it, and failing that the place,
as the source of unattributed violence; and sector nouns with no country ("rebels", "police")
placed by the event's place or a counterpart. Every guess is named in the event's rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .codes import country_of, sector_of
from .grammar import LOCATIVE_PREPS, NOT_ARGUMENT_PREPS, PLACE_NOUNS, SUPPORT_VERBS, WEAPON_NOUNS
from .lexicon import TriggerPattern
from .records import ActorMention
from .syntax import actors_at, child_of, modifier_actors, prep_objects

# dependents that lead away from an event's own arguments: its subject, other clauses, adverbials
_NOT_ARGUMENT_DEPS = frozenset({
    "nsubj", "nsubjpass", "csubj", "csubjpass", "aux", "auxpass", "neg", "punct", "mark", "cc", "advcl", "ccomp",
    "parataxis", "relcl", "agent", "expl", "det", "advmod", "case", "predet", "quantmod", "nummod",
})
_SEARCH_DEPTH = 8
# codes of acts a government does within its own country: with no target named, the target is
# that country (curfews, states of emergency, arrests, repression, reforms; CAMEO practice)
DOMESTIC_CODES = ("034", "0352", "081", "082", "083", "14", "172", "1321", "1322", "1323", "1324", "173", "175")
# ... but leaving office, or offering to, is done to no one: "the prime minister resigned"
NO_TARGET_CODES = ("0831", "0341")
# codes of violence: with no perpetrator named, the source is the country where it happened, as
# for "unidentified gunmen (Iraq)" in ICEWS ("a roadside bomb near Samarra killed two soldiers")
VIOLENT_ROOTS = ("18", "19", "20")
# codes of acts of authorities (investigating, arresting, expelling): with no authority named, the
# source is the country where it happened ("a US national was arrested in Italy" → ITA)
AUTHORITY_CODES = ("09", "17")
# statements and consultations: what they are about, or where they happen, is no party to them
TALK_ROOTS = ("01", "04")

# how a guessed target is named in the event's rule (`tgt=...`)
NEAREST = "nearest argument"
PLACE = "place:"
HOME = "domestic"
CONDITION = "condition subject"


def is_guessed_target(via: str) -> bool:
    return via.startswith((NEAREST, PLACE, HOME, CONDITION))


@dataclass
class Arguments:
    """The arguments of one candidate while the context rules fill them in."""

    sources: list[ActorMention]
    source_via: str
    targets: list[ActorMention]
    target_via: str


def fill(doc: Doc, token: Token, pattern: TriggerPattern, carrier: Token | None, args: Arguments, guess: bool,
         is_trigger: Callable[[Token], bool]) -> Arguments:
    """Fill the arguments the pattern's slots did not find (see the module docstring). With
    `guess` false (the first round) a target the pattern needs is never guessed."""
    code = pattern.code
    # a nominal event's context is its own phrase and, when a support verb carries it, that verb's
    # ("held exercises in the Baltic"); another verb's place is that verb's event's
    carried = carrier is not None and carrier.lemma_.lower() in SUPPORT_VERBS
    hosts = [token] + ([carrier] if carried else [])
    violent = code.startswith(VIOLENT_ROOTS)
    domestic = code.startswith(DOMESTIC_CODES) and not code.startswith(NO_TARGET_CODES)
    may_guess_target = guess or not pattern.needs_target
    if not args.targets and args.sources and code.startswith("13"):
        _condition_target(doc, token, args)
    if guess and not args.targets and pattern.needs_target and _may_take_nearest(token, pattern, args, is_trigger):
        args.targets = nearest_actors(doc, hosts, args.sources)
        args.target_via = NEAREST if args.targets else args.target_via
    if may_guess_target and not args.targets and (args.sources or violent) and (
            violent or domestic or not pattern.needs_target):
        # a venue is no party to what happens there, except for violence and acts at home: for
        # other codes only a place inside an argument counts ("an embassy in Israel")
        where = place_country(doc, hosts, inside_only=not (violent or domestic))
        if where is not None:
            args.targets = [_place_mention(where[0], where[1], f"the event happened in {where[1]}")]
            args.target_via = PLACE + where[1]
    if may_guess_target and not args.targets and args.sources and domestic:
        _home_targets(token, code, args)
    if not any(m.code for m in args.sources) and violent and pattern.pos == "verb":
        _doer_from_event(doc, token, args, is_trigger)
    if not args.sources and (violent or code.startswith(AUTHORITY_CODES)) and any(m.start >= 0 for m in args.targets):
        _place_source(doc, token, pattern, hosts, args)
    if args.targets and all(m.kind == "sector" for m in args.targets):
        # "a school for Syrian children was bombed": the sector noun's own arguments say whose
        inner = nearest_actors(doc, [doc[m.head] for m in args.targets], args.sources)
        if inner:
            args.targets, args.target_via = inner, f"{args.target_via}+inside"
    if any(m.kind == "sector" for m in args.sources + args.targets):
        _localise_sectors(doc, hosts, code, args)
    args.targets = without_self(args.targets, args.sources)
    return args


def without_self(targets: list[ActorMention], sources: list[ActorMention]) -> list[ActorMention]:
    """Targets less those that are the source itself: its own mention, or a pronoun for it
    ("Britain demanded the release of its sailors", "Russia threatened to retaliate if it is attacked")."""
    spans = {(m.start, m.end) for m in sources if m.start >= 0}
    countries = {m.country for m in sources if m.country}
    # ("Germany closed its embassy": "its embassy" is Germany's own, whatever its sector)
    return [t for t in targets if (t.start, t.end) not in spans and not (t.kind == "pronoun" and t.country in countries)]


# ------------------------------------------------------------------------------- the steps


def _condition_target(doc: Doc, token: Token, args: Arguments) -> None:
    """A threat is aimed at whoever must meet its condition: "threatened to stop the talks if the
    United States deploys missiles" → the United States."""
    for verb in [token, *[c for c in token.children if c.dep_ == "xcomp"]]:
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                found = without_self(actors_at(doc, child_of(clause, "nsubj", "nsubjpass")), args.sources)
                if found:
                    args.targets, args.target_via = found, CONDITION
                    return


def _may_take_nearest(token: Token, pattern: TriggerPattern, args: Arguments, is_trigger: Callable[[Token], bool]) -> bool:
    """Whether the nearest actor in the arguments may stand in for the target."""
    if not args.sources and not pattern.code.startswith(VIOLENT_ROOTS + AUTHORITY_CODES):
        return False  # with no source there is no event, unless the place will name the source
    if pattern.code.startswith(TALK_ROOTS) or (pattern.reciprocal and len(args.sources) > 1):
        return False
    # a verb whose complement is an event of its own takes that event's target later
    # ("threatened to impose sanctions on X": see EventMatcher._complement_targets)
    if any(c.dep_ == "xcomp" and (is_trigger(c) or any(is_trigger(o) for o in c.children if o.dep_ == "dobj"))
           for c in token.children):
        return False
    # a verb whose object is a thing acted on that thing ("released a book", "it was sold"), unless
    # the pattern asked for the thing ("suspended aid") or the object is an event ("hosted a
    # meeting between X and Y").
    # Force against a thing is force against whose it is ("a camp for Congolese refugees was
    # attacked"), so violence and coercion may look inside it.
    if pattern.code.startswith(VIOLENT_ROOTS + ("17",)):
        return True
    direct = child_of(token, "dobj", "nsubjpass")  # a passive's subject is its object ("it was sold")
    return not (pattern.pos == "verb" and not pattern.object and direct is not None and not is_trigger(direct))


def _home_targets(token: Token, code: str, args: Arguments) -> None:
    """Acts a government does at home take the source's own country as target, one per source
    country ("Egypt and Jordan imposed curfews": each on itself)."""
    if any(c.dep_ == "ccomp" for c in token.children):
        return  # "charged that Canada was ...": words, not an arrest
    homes: dict[str, ActorMention] = {}
    for source in args.sources:
        country = source.country
        if not country or len(country) != 3 or country in homes:
            continue  # an organisation has no home
        if code.startswith("14") and sector_of(source.code) == "GOV":
            continue  # a government does not protest against itself
        homes[country] = _place_mention(country, f"(home: {country})", "an act at home: its target is the source's own country")
    if homes:
        args.targets, args.target_via = list(homes.values()), HOME


def _doer_from_event(doc: Doc, token: Token, args: Arguments, is_trigger: Callable[[Token], bool]) -> None:
    """The event or weapon that did it names the doer: "killed in Israeli tank fire", "wounded in
    a Russian air strike"."""
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "during"):
            for pobj in [c for c in prep.children if c.dep_ == "pobj"]:
                if is_trigger(pobj) or pobj.lemma_.lower() in WEAPON_NOUNS:
                    doers = modifier_actors(doc, pobj)
                    if doers:
                        args.sources, args.source_via = doers, f"prep:{prep.lower_}+{pobj.text}"
                        return
                    # "by a missile believed to be fired by pro-Russia rebels": who fired the weapon
                    for verb in (d for d in pobj.subtree if d.dep_ in ("acl", "xcomp", "relcl") and d.pos_ == "VERB"):
                        doers = [m for agent in prep_objects(verb, "by") for m in actors_at(doc, agent)
                                 if m.code]
                        if doers:
                            args.sources, args.source_via = doers, f"prep:{prep.lower_}+{pobj.text}+by"
                            return


def _place_source(doc: Doc, token: Token, pattern: TriggerPattern, hosts: list[Token], args: Arguments) -> None:
    """Unattributed violence and acts of authorities take the country where they happened as
    source; the place may sit in the subject ("a roadside bomb near Kandahar killed ..."). A place
    that is the target's own mention is not also its source ("rockets were fired at Israel")."""
    instrument = child_of(token, "nsubj") if pattern.pos == "verb" else None
    # ... but a target placed by where it is ("12 people in Baghdad") leaves its place to the event
    where = place_country(doc, hosts + ([instrument] if instrument is not None else []),
                          exclude=[m for m in args.targets if not m.located])
    if where is not None:
        args.sources = [_place_mention(where[0], where[1], f"unnamed perpetrators in {where[1]}")]
        args.source_via = PLACE + where[1]


def _localise_sectors(doc: Doc, hosts: list[Token], code: str, args: Arguments) -> None:
    """Sector nouns with no country ("rebels", "demonstrators") take the country where the event
    happened; failing that, a target takes the country of a source acting at home (its
    government or police, not its army, which may act abroad: "Egyptian police dispersed
    demonstrators"), and a source the country of its target ("Judge Rivera opened investigations
    against Chilean officials"), except in coercion and violence, where only a target that is a
    country or place counts ("rebels shelled the city of Aleppo"). Refugees come from elsewhere
    and are never placed by a counterpart."""
    where = place_country(doc, hosts)
    sources, targets = args.sources, args.targets
    acting_at_home = {m.country for m in sources if m.kind != "sector" and m.country and len(m.country) == 3
                      and sector_of(m.code) != "MIL"}
    # who coerces or attacks people of a country may well be foreign ("gunmen attacked a convoy of
    # American diplomats"); a country or place acted on, or people named in other acts, place them
    forceful = code.startswith(("17",) + VIOLENT_ROOTS)
    acted_on = {m.country for m in targets if m.kind != "sector" and m.country and len(m.country) == 3
                and (sector_of(m.code) is None or not forceful)}
    args.sources = [_placed(m, where, acted_on) for m in sources]
    args.targets = [_placed(m, where, acting_at_home) for m in targets]


def _placed(mention: ActorMention, where: tuple[str, str] | None, counterpart_countries: set[str]) -> ActorMention:
    if mention.kind != "sector":
        return mention
    if where is not None:
        return replace(mention, code=where[0] + mention.code[3:], why=f"{mention.why}; the event happened in {where[1]}")
    if len(counterpart_countries) == 1 and mention.code[3:6] != "REF":
        country = next(iter(counterpart_countries))
        return replace(mention, code=country + mention.code[3:],
                       why=f"{mention.why}; taken to be at home with its counterpart ({country})")
    return mention


# ------------------------------------------------------------------------------- searching


def argument_tokens(hosts: list[Token]) -> list[tuple[Token, str | None]]:
    """Tokens in the arguments of `hosts` (a trigger, and the verb carrying a nominal trigger),
    nearest first, each with the nearest preposition above it (looking through "of"): objects,
    prepositional phrases and complements, a passive's subject, never an active subject, another
    clause, or a phrase of time, cause or description. Breadth-first, so "to Britain" beats a name
    deep in a relative clause."""
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
                if child.dep_ == "prep" and child.lower_ in NOT_ARGUMENT_PREPS:
                    continue
                if child.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
                    continue  # a coordinated verb is an event of its own
                seen.add(child.i)
                step = (child, child.lower_ if child.dep_ == "prep" and child.lower_ != "of" else prep)
                out.append(step)
                following.append(step)
        frontier = following
    return out


def hangs_on(token: Token, prep: str, hosts: list[Token]) -> bool:
    """Whether the preposition `prep` above `token` is attached to one of `hosts` directly."""
    return any(a.dep_ == "prep" and a.lower_ == prep and a.head in hosts for a in token.ancestors)


def nearest_actors(doc: Doc, hosts: list[Token], sources: list[ActorMention]) -> list[ActorMention]:
    """The nearest actors with a country in the arguments of the trigger, for an event whose
    pattern slots found none ("offered to hand over to Great Britain two of its nationals"). Not
    the source itself, and not the place where the event happened ("will sell drugs in the
    U.S."); a place inside an argument counts ("the peacekeeping force in Lebanon")."""
    for token, prep in argument_tokens(hosts):
        if prep in LOCATIVE_PREPS and (not sources or hangs_on(token, prep, hosts)):
            continue
        found = without_self([m for m in actors_at(doc, token) if country_of(m.code)], sources)
        if found:
            return found
    return []


def place_country(doc: Doc, hosts: list[Token], inside_only: bool = False,
                  exclude: list[ActorMention] | None = None) -> tuple[str, str] | None:
    """(country, text) of the first place named after a locative preposition in the arguments of
    the trigger: a gazetteer place with a country, or a country or place actor ("in the northern
    city of Kirkuk", "at a mall in Kenya's capital"). `inside_only` skips a place phrase that hangs
    on the trigger itself (the venue); `exclude` skips places inside these mentions. A country
    adjective counts only on a place noun: "in a US operation" says how, and "near the Thai
    border" may be across it."""
    taken = {i for m in exclude or [] if m.start >= 0 for i in range(m.start, m.end)}
    places = [p for p in (doc._.places or []) if p.country]
    for token, prep in argument_tokens(hosts):
        if prep not in LOCATIVE_PREPS or token.i in taken:
            continue
        if inside_only and hangs_on(token, prep, hosts):
            continue
        for place in places:
            if place.start <= token.i < place.end:
                return place.country, doc[place.start:place.end].text
        for m in doc._.actors:
            if m.modifier and doc[m.head].lemma_.lower() not in PLACE_NOUNS:
                continue
            if (m.code and len(m.code) == 3 and m.kind == "dictionary" and not any(i in taken for i in range(m.start, m.end))
                    and (m.head == token.i or m.start <= token.i < m.end)):
                return m.code, m.text
    return None


def _place_mention(country: str, text: str, why: str) -> ActorMention:
    """An actor standing for a country the context gives; it spans no tokens of its own."""
    return ActorMention(start=-1, end=-1, code=country, head=-1, text=text, why=why, kind="place")
