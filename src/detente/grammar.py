"""Closed word classes the stages share: grammar, not vocabulary (the vocabulary lives in data/)."""

from __future__ import annotations

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february march april may june july august september october november december".split())
# words the parser sometimes makes the head of a noun phrase they only date ("Assad Tuesday")
TEMPORAL_WORDS = WEEKDAYS | MONTHS | frozenset("today yesterday tomorrow tonight".split())

# verbs that carry a nominal event without adding one of their own: in "China and Russia held
# joint exercises" the subject of "held" is the source of "exercises"
SUPPORT_VERBS = frozenset({
    "hold", "conduct", "stage", "begin", "start", "launch", "carry", "announce", "impose", "adopt",
    "sign", "make", "have", "continue", "resume", "complete", "undertake", "organize", "organise",
    "pursue", "extend", "approve", "pass", "unveil", "introduce", "issue", "order", "deliver",
    "offer", "provide", "give", "send", "expand", "step", "agree", "finalize", "conclude", "seal",
    "join", "enter", "reach", "tighten", "toughen", "slap", "level", "mount", "wage", "engage",
    # verbs of voicing: "voiced its opposition", "lodged a protest", "cast a veto", "laid the blame"
    "voice", "express", "restate", "reiterate", "repeat", "renew", "lay", "raise", "file", "lodge", "register",
    "press", "bring", "publish", "cast", "hand", "declare", "lead", "put", "establish", "set", "step", "open",
    # states held: "remained on alert", "stayed on high alert"
    "remain", "stay",
    # going somewhere for an event: "returned to Geneva for talks", "arrived in Cairo for negotiations"
    "return", "travel", "arrive", "gather", "come", "go", "head", "fly", "convene", "converge",
    # committing to an act: "refused to commit to any assistance to the war"
    "commit",
    # fighting, firing, using: "fought a gun battle with", "fired a missile barrage at", "used chemical weapons against"
    "fight", "fire", "use", "perpetrate",
})

# object-control verbs: in "urged Iran to talk", the subject of "talk" is Iran
OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "press", "persuade", "force", "encourage", "invite", "tell", "order", "allow", "help",
})

# verbs that report speech or belief: their subject is who the claim is attributed to
REPORTING_VERBS = frozenset({
    "say", "tell", "announce", "claim", "report", "state", "add", "note", "declare", "insist",
    "confirm", "allege", "assert", "write", "explain", "argue", "believe", "think", "reveal",
    "reiterate", "conclude", "stress", "emphasise", "emphasize", "maintain", "repeat", "tell", "admit",
    "acknowledge", "concede", "contend",
})

# "X said that Y must/should ...": X demands something of Y (CAMEO 10)
DEMANDING_MODALS = frozenset({"must", "should"})

# documents and decisions that "do" what their adopter does: in "Congress passed a bill that
# imposes sanctions on Russia", the source of "imposes" is who passed the bill
INSTRUMENT_NOUNS = frozenset({
    "bill", "law", "legislation", "resolution", "decree", "order", "measure", "act", "statement",
    "decision", "directive", "amendment", "package", "policy", "declaration", "treaty", "agreement",
    "executive order", "sanction", "report",
})

# nouns that name one person in an office: a mention headed by one of them can be "he" or "she"
PERSON_NOUNS = frozenset({
    "president", "minister", "premier", "chancellor", "king", "queen", "emir", "prince", "sultan",
    "leader", "spokesman", "spokeswoman", "spokesperson", "secretary", "envoy", "ambassador",
    "general", "commander", "official", "diplomat", "senator", "lawmaker", "governor", "mayor",
    "chief", "head", "adviser", "advisor", "negotiator", "ayatollah", "pope", "dictator", "monarch",
})
PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
NEUTER_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# "the two countries", "both sides": a pair of the most recent actors
PAIR_NOUNS = frozenset({"country", "nation", "side", "government", "leader", "neighbour", "neighbor", "ally", "state", "power"})
PAIR_WORDS = frozenset({"two", "both"})
# named-entity labels that can be actors the dictionaries do not know yet
UNKNOWN_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# nouns for a group or a quantity of people: "thousands of Iraqi Kurds", "members of the Iraqi
# parliament", "a delegation of Chinese officials" are those people
GROUP_NOUNS = frozenset({
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores", "million", "millions",
    "ten", "tens", "group", "groups", "member", "members", "delegation", "delegations", "team", "contingent",
    "unit", "units", "batch", "patch", "wave", "number", "majority", "minority", "some", "many", "most", "all",
    "one", "two", "three", "four", "five", "several", "none", "each", "both", "supporter", "supporters",
    "people", "citizen", "citizens", "national", "nationals", "resident", "residents", "representative",
    "representatives", "head", "chief", "leader", "leaders", "envoy", "envoys", "faction", "wing", "branch",
    "deployment", "force", "forces", "part", "rest", "half", "body", "arm",
    # bodies and organisations: "the Union of Teachers", "the Council of Ministers", "the Bank of Japan"
    "union", "association", "federation", "confederation", "council", "committee", "party", "front", "movement",
    "league", "organisation", "organization", "coalition", "alliance", "government", "ministry", "agency",
    "office", "authority", "authorities", "bureau", "assembly", "parliament", "court", "army", "bank", "company",
    "corporation", "network", "society", "congress", "commission", "board", "institute", "university", "church",
    "foundation", "fund", "institution", "department", "service", "command", "navy", "embassy", "consulate",
    "mission", "cabinet", "administration", "regime", "junta", "state", "states", "kingdom", "republic",
})

# ---- words the events stage uses to read arguments and context (events.py, context.py, syntax.py)
# prepositions that introduce a description, a time or a cause, not a participant: "condemned as
# unacceptable allegations by X", "after two days of fighting with X"
NOT_ARGUMENT_PREPS = frozenset({
    "as", "after", "before", "during", "since", "until", "despite", "because", "amid", "like", "unlike", "than",
    "following", "ahead", "via",
})
# nouns that only frame the event noun compounded with them: "a mediation effort", "a peace mission"
LIGHT_NOUNS = frozenset({"effort", "bid", "attempt", "mission", "process", "initiative", "drive", "campaign",
                         "operation", "programme", "program", "push", "plan"})
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
# numbers of people, which stand for their "of" phrase ("thousands of refugees")
QUANTITY_NOUNS = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "number", "group", "groups"})
TRANSPARENT_OBJECTS = frozenset({
    "part", "parts", "much", "most", "rest", "half", "portion", "section", "some", "all", "control",
    "return", "deployment", "entry", "arrival", "presence", "dispatch",
})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into", "within"})
# prepositions of the place an event record names (events.py): also "off the coast", "over Ukraine",
# "on the border"; "on" names a place only with a gazetteer place ("sanctions on Russia" names a target)
PLACE_PREPS = frozenset({"in", "at", "near", "off", "over", "outside", "inside", "across", "around", "into", "on"})
