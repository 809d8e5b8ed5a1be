"""The actors stage: find actor mentions in a parsed Doc and code them CAMEO-style.

Dictionary terms (countries, adjectives, capitals, metonyms, organisations, office holders,
sector nouns) are matched with a PhraseMatcher; matches that sit in one noun phrase are then
grouped on the dependency tree, so "China's foreign ministry", "the government of China" and
"the Chinese navy" each become one actor (`CHNGOV`, `CHNGOV`, `CHNMIL`), and "Sino-Russian
exercises" gives two actors that both modify "exercises".

The component writes `doc.spans["actors"]` (label = actor code) and `doc._.actors`, a list of
frozen `ActorMention` records that the events component reads. It never reads events.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .codes import SECTORS, base_of, country_of, is_actor_code, sector_of
from .datafiles import Row, data_path, read_tsv
from .grammar import (GROUP_NOUNS, QUANTITY_NOUNS, MONTHS, NEUTER_PRONOUNS, PAIR_NOUNS, PAIR_WORDS, PERSON_NOUNS, PERSONAL_PRONOUNS,
                      PLURAL_PRONOUNS, TEMPORAL_WORDS, UNKNOWN_ACTOR_LABELS)
from .places import ACTOR_KINDS, Gazetteer, Place, load_gazetteer
from .records import ActorMention, PlaceMention

COUNTRY_COLUMNS = ("code", "name", "aliases", "adjectives", "prefixes", "capitals", "valid_from", "valid_to", "successor")
METONYM_COLUMNS = ("phrase", "code", "note")
ORGANISATION_COLUMNS = ("code", "name", "aliases", "kind", "note")
SECTOR_COLUMNS = ("term", "sector", "pos", "note")
PEOPLE_COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end", "note")
STOP_COLUMNS = ("phrase", "note")
PERSON_ROLES = frozenset({
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "secretary_general",
    "president_commission", "president_council", "high_representative", "other",
})

# How much a kind of dictionary entry says about who the actor is; the most telling member of a
# noun phrase gives the phrase its country.
KIND_RANK = {"pronoun": 7, "place": -1, "person": 6, "metonym": 5, "organisation": 4, "capital": 3, "country": 2, "adjective": 1, "prefix": 0}
# Dependencies that keep a token inside the noun phrase of its head.
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nn", "npadvmod"})
# participles after a hyphenated name that make it the modified noun's actor: "X-led forces" are
# X's, as is "an X-operated ship"; "X-backed" is left out (the backed are not the backer)
AGENT_PARTICIPLES = frozenset({"led", "operated", "owned", "flagged", "registered", "run", "controlled", "held",
                               "occupied", "administered", "commanded", "manned"})
# how many actors of a paragraph's earlier sentences pronouns may refer back to
MEMORY_SIZE = 12
# words shorter than this are not read as misspelt country names ("Iraq"/"Iran", "Mali"/"Male")
MISSPELT_MIN_LENGTH = 6
HYPHENS = frozenset({"-", "–"})
STANCE_PREFIXES = frozenset({"anti", "pro"})
ETHNIC_SECTOR = "CVL"  # an ethnic group is coded as a population ("ethnic Albanians" → ---CVL)
REFERRING_PRONOUNS = NEUTER_PRONOUNS | PERSONAL_PRONOUNS | PLURAL_PRONOUNS
# "rebels in Darfur", "students throughout Indonesia", "officials from Iraq": a place gives a
# sector noun that names no country of its own its country
LOCATING_PREPS = frozenset({"in", "throughout", "across", "from", "inside"})
# participles between a sector noun and its place: "a group based in Trinidad", "rebels operating in Macedonia"
LOCATING_PARTICIPLES = frozenset({"based", "operating", "active", "stationed", "deployed", "living", "fighting"})



@dataclass(frozen=True)
class Entry:
    """One meaning of a dictionary term."""

    kind: str
    code: str
    label: str
    start: date | None = None
    end: date | None = None
    where: str = ""
    role: str = ""

    def holds_on(self, when: date | None) -> bool:
        if when is None:
            return True
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class ActorDictionary:
    """Every term detente knows, lower-cased, mapped to its meanings."""

    terms: dict[str, tuple[Entry, ...]]
    sectors: dict[str, tuple[str, str]]  # term → (sector, pos)
    prefixes: dict[str, Entry]  # "sino" → CHN
    stop: frozenset[str]
    versions: dict[str, str]
    # each term as written in the data files, keyed by its lower-cased form: proper names match
    # only when capitalised ("Turkey", not "ate turkey"), and short all-capital abbreviations
    # ("US", "UN", "WHO") only in capitals, so the pronoun "us" is not the United States
    written: dict[str, str]
    # (country, role) → the terms of office of everyone who held it
    offices: dict[tuple[str, str], tuple[Entry, ...]] = field(default_factory=dict)
    # a one-word country name or adjective and each of its one-letter deletions → the names
    country_words: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def is_exact(self, key: str) -> bool:
        return is_exact_form(self.written.get(key, key))

    def needs_capital(self, key: str) -> bool:
        form = self.written.get(key, "")
        return bool(form) and form[0].isupper()

    def office_holder(self, country: str, role: str, when: date | None) -> Entry | None:
        """Who held `role` ("head_of_state") for `country` on `when`, if the dictionary knows."""
        if when is None:
            return None
        return next((e for e in self.offices.get((country, role), ()) if e.holds_on(when)), None)

    def misspelt_country(self, word: str, common_words: frozenset[str]) -> Entry | None:
        """The country whose one-word name or adjective `word` misspells by one letter added or
        dropped or two letters swapped inside the word ("Ethopia", "Afganistan", "Quatar"); None
        when no country or more than one is that close, when the word is short, or when it is an
        English word."""
        key = word.lower()
        if len(key) < MISSPELT_MIN_LENGTH or key in self.terms or key in common_words or not key.isalpha():
            return None
        if key.endswith("s") and key[:-1] in self.terms:
            return None  # "the Americas", "Chinas economy": another word made of the name
        found = {e.code: e for variant in _one_deletions(key) | {key}
                 for name in self.country_words.get(variant, ()) if _one_edit_apart(key, name)
                 for e in self.terms[name] if e.kind in ("country", "adjective")}
        if len(found) != 1:
            return None
        entry = next(iter(found.values()))
        return replace(entry, label=f"{entry.label} (misspelt {word!r})")

    def lookup(self, text: str, when: date | None = None) -> list[Entry]:
        """The meanings of an exact term (case-insensitive), office holders filtered by date."""
        key = " ".join(text.lower().split())
        entries = list(self.terms.get(key, ()))
        if key in self.prefixes:
            entries.append(self.prefixes[key])
        dated = [e for e in entries if e.kind != "person" or e.holds_on(when)]
        return dated or entries


def is_exact_form(phrase: str) -> bool:
    """Abbreviations of at most three capital letters (dots aside) are matched case-sensitively."""
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and len(letters) <= 3 and all(c.isupper() for c in letters) and " " not in phrase


class _Terms:
    """Terms being loaded: lower-cased key → meanings, and → the form as first written."""

    def __init__(self) -> None:
        self.meanings: dict[str, list[Entry]] = {}
        self.written: dict[str, str] = {}

    def add(self, phrase: str, entry: Entry) -> None:
        key = " ".join(phrase.lower().split())
        if not key:
            return
        self.meanings.setdefault(key, []).append(entry)
        if key not in self.written or is_exact_form(phrase):
            self.written[key] = phrase


def _check_code(row: Row, code: str, what: str) -> str:
    if not is_actor_code(code):
        raise row.fail(f"{what} {code!r} is not a CAMEO-style actor code")
    return code


def _load_countries(terms: _Terms, prefixes: dict[str, Entry]) -> str:
    data = read_tsv(data_path("countries.tsv"), COUNTRY_COLUMNS)
    seen: set[str] = set()
    for row in data.rows:
        code = row.text("code")
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            raise row.fail(f"country code {code!r} must be three capital letters")
        if code in seen:
            raise row.fail(f"country code {code} listed twice")
        seen.add(code)
        start, end = row.date("valid_from"), row.date("valid_to")
        name = row.text("name")
        if not name:
            raise row.fail("name is empty")
        for phrase in [name, *row.many("aliases")]:
            terms.add(phrase, Entry("country", code, name, start, end, row.path))
        for phrase in row.many("adjectives"):
            terms.add(phrase, Entry("adjective", code, name, start, end, row.path))
        for phrase in row.many("capitals"):
            terms.add(phrase, Entry("capital", code + "GOV", f"{phrase}, capital of {name}", start, end, row.path))
        for phrase in row.many("prefixes"):
            prefixes[phrase.lower()] = Entry("prefix", code, f"{phrase}- ({name})", start, end, row.path)
    return data.header["version"]


def _load_simple(terms: _Terms) -> dict[str, str]:
    versions = {}
    metonyms = read_tsv(data_path("metonyms.tsv"), METONYM_COLUMNS)
    for row in metonyms.rows:
        code = _check_code(row, row.text("code"), "code")
        for phrase in row.many("phrase"):
            terms.add(phrase, Entry("metonym", code, phrase, where=row.path))
    versions["metonyms"] = metonyms.header["version"]

    organisations = read_tsv(data_path("organisations.tsv"), ORGANISATION_COLUMNS)
    for row in organisations.rows:
        code = _check_code(row, row.text("code"), "code")
        if code[:3] not in ("IGO", "NGO", "MNC"):
            raise row.fail(f"organisation code {code!r} must start with IGO, NGO or MNC")
        if row.text("kind") not in ("igo", "ngo", "mnc"):
            raise row.fail("kind must be igo, ngo or mnc")
        name = row.text("name")
        for phrase in [name, *row.many("aliases")]:
            terms.add(phrase, Entry("organisation", code, name, where=row.path))
    versions["organisations"] = organisations.header["version"]

    people = read_tsv(data_path("people.tsv"), PEOPLE_COLUMNS)
    for row in people.rows:
        country, sector, role = row.text("country"), row.text("sector"), row.text("role")
        code = _check_code(row, country + sector, "country+sector")
        if sector and sector not in SECTORS:
            raise row.fail(f"sector {sector!r} is not one of {', '.join(sorted(SECTORS))}")
        if role not in PERSON_ROLES:
            raise row.fail(f"role {role!r} is not one of {', '.join(sorted(PERSON_ROLES))}")
        start, end = row.date("start"), row.date("end")
        if start and end and end < start:
            raise row.fail("end is before start")
        name = row.text("name")
        label = f"{name} ({role.replace('_', ' ')} of {country}, {start or '?'} to {end or 'now'})"
        for phrase in [name, *row.many("aliases")]:
            terms.add(phrase, Entry("person", code, label, start, end, row.path, role))
    versions["people"] = people.header["version"]
    return versions


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    terms = _Terms()
    prefixes: dict[str, Entry] = {}
    versions = {"countries": _load_countries(terms, prefixes)}
    versions.update(_load_simple(terms))

    sector_file = read_tsv(data_path("sectors.tsv"), SECTOR_COLUMNS)
    sectors: dict[str, tuple[str, str]] = {}
    for row in sector_file.rows:
        sector, pos = row.text("sector"), row.text("pos")
        if sector not in SECTORS:
            raise row.fail(f"sector {sector!r} is not one of {', '.join(sorted(SECTORS))}")
        if pos not in ("noun", "adj"):
            raise row.fail(f"pos must be noun or adj, not {pos!r}")
        for term in row.many("term"):
            sectors[" ".join(term.lower().split())] = (sector, pos)
    versions["sectors"] = sector_file.header["version"]

    stop_file = read_tsv(data_path("stoplist.tsv"), STOP_COLUMNS)
    stop = frozenset(" ".join(phrase.split()) for row in stop_file.rows for phrase in row.many("phrase"))
    versions["stoplist"] = stop_file.header["version"]
    offices: dict[tuple[str, str], set[Entry]] = {}
    for entries in terms.meanings.values():
        for e in entries:
            if e.kind == "person":
                offices.setdefault((country_of(e.code) or "", e.role), set()).add(e)
    country_words: dict[str, set[str]] = {}
    for key, entries in terms.meanings.items():
        if " " not in key and key.isalpha() and len(key) >= MISSPELT_MIN_LENGTH - 1 and any(
                e.kind in ("country", "adjective") for e in entries):
            for variant in _one_deletions(key) | {key}:
                country_words.setdefault(variant, set()).add(key)
    return ActorDictionary({k: tuple(v) for k, v in terms.meanings.items()}, sectors, prefixes, stop, versions,
                           terms.written, {k: tuple(sorted(v, key=lambda e: (e.start or date.min, e.label)))
                                           for k, v in offices.items()},
                           {k: tuple(sorted(v)) for k, v in country_words.items()})


def _one_deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit_apart(a: str, b: str) -> bool:
    """True when `a` and `b` differ inside the word by one letter added or dropped, or by two
    neighbours swapped ("Ethopia", "Quatar", "Britian"). A changed letter is not enough ("Angela"
    is not Angola, "Fujian" not Fijian), nor is a change at either end ("Americas", "Roland")."""
    if a == b or a[0] != b[0] or a[-1] != b[-1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_) - 1))


# --------------------------------------------------------------------------- the component


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    entries: tuple[Entry, ...] = ()
    sector: tuple[str, str] | None = None
    located: bool = False  # attached by "in": "rebels in Darfur" gives the rebels a country


def doc_text_before(token: Token) -> str:
    return token.doc[token.i - 1].text if token.i > 0 else ""


def _np_head(token: Token, actor_nouns: frozenset[str]) -> Token:
    """Climb from a modifier to the head of its noun phrase ("China" in "the government of
    China" → "government"; "Chinese" in "Chinese navy" → "navy"). An "of" or "from" phrase
    joins the noun above only when that noun can name an actor (a sector, a person, a group or
    a quantity of them): "officials from the Chinese ministry" are Chinese officials, but in "the
    deportation of Ukrainian children", "the invasion of Iraq" and "demands from Shona rebels"
    the children, Iraq and the rebels are actors of their own."""
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            break
        if head.lower_ in TEMPORAL_WORDS and head.lower_ not in MONTHS:
            break  # "President Assad Tuesday": a weekday is no noun phrase head
        if current.dep_ == "conj" and head.dep_ in NP_DEPS:
            current = head  # "Russian and Chinese diplomats": the second adjective joins the first
            continue
        if current.dep_ in NP_DEPS and head.pos_ in ("NOUN", "PROPN", "ADJ"):
            current = head
            continue
        if (head.lower_ in AGENT_PARTICIPLES and head.dep_ in ("amod", "compound", "acl") and head.i > current.i
                and doc_text_before(head) in ("-", "–")):
            current = head  # "Vietnamese-led forces", "a Japanese-operated ship", "a British-flagged tanker"
            continue
        if current.dep_ == "case" and head.dep_ == "poss":
            current = head
            continue
        if (current.dep_ == "pobj" and head.lower_ in ("of", "from") and head.dep_ == "prep"
                and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < current.i):
            upper = head.head
            # "the Albanians of southern Serbia", "King Hassan of Morocco", "the Union of Teachers"
            people = upper.tag_ == "NNPS" or (upper.pos_ == "PROPN" and upper.ent_type_ in ("PERSON", "ORG", "NORP"))
            if not people and upper.lemma_.lower() not in actor_nouns and upper.lower_ not in actor_nouns:
                break
            if head.lower_ == "from" and any(c.dep_ == "poss" for c in upper.children):
                break  # "recalled its ambassador from Israel": where it was posted, not whose it is
            current = head.head
            continue
        break
    return current


class ActorRecognizer:
    """spaCy component: dictionary matches, grouped into noun phrases, coded with the date."""

    def __init__(self, nlp: Language, name: str, dictionary: ActorDictionary, gazetteer: Gazetteer) -> None:
        self.name = name
        # nouns that can head an actor's phrase: "officials of", "thousands of", "the government of"
        self.actor_nouns = frozenset(
            {t for t in dictionary.sectors if " " not in t} | PERSON_NOUNS | PAIR_NOUNS | GROUP_NOUNS)
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self.common_words = _common_words(nlp)
        self.place_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entity_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.sector_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.stop_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # phrases are tokenised as written ("U.N. Security Council" keeps "U.N." one token)
        forms = [dictionary.written.get(t, t) for t in dictionary.terms]
        self._add_phrases(nlp, self.entity_matcher, [f for f in forms if not is_exact_form(f)], "T")
        self._add_phrases(nlp, self.exact_matcher, [f for f in forms if is_exact_form(f)], "E")
        self._add_phrases(nlp, self.sector_matcher, dictionary.sectors.keys(), "S")
        self._add_phrases(nlp, self.stop_matcher, dictionary.stop, "X")
        self._add_phrases(nlp, self.place_matcher, gazetteer.written.values(), "P")
        # the actors of the earlier sentences of the paragraph being read (nlp.pipe keeps order)
        self._memory_key: tuple[object, object] = (None, None)
        self._memory: list[ActorMention] = []

    @staticmethod
    def _add_phrases(nlp: Language, matcher: PhraseMatcher, phrases: Iterable[str], tag: str) -> None:
        phrases = sorted(set(phrases))
        matcher.add(tag, list(nlp.tokenizer.pipe(phrases)))

    # -- matching (pure) -------------------------------------------------------------

    def _np_head(self, token: Token) -> Token:
        return _np_head(token, self.actor_nouns)

    def candidate_starts(self, doc: Doc) -> set[int]:
        """Token positions where a tokenised (unparsed) text names a known actor: the cheap
        pre-filter that decides which sentences are parsed at all."""
        starts = {s for _, s, _ in self.entity_matcher(doc)} | {s for _, s, _ in self.exact_matcher(doc)}
        starts.update(t.i for t in doc if t.lower_ in self.dictionary.prefixes)
        # a place can stand for its country, or say where an unattributed attack happened
        starts.update(s for _, s, _ in self.place_matcher(doc))
        return starts

    def match(self, doc: Doc, memory: list[ActorMention] | None = None,
              places: list[tuple[int, int, Place]] | None = None) -> list[ActorMention]:
        """Actor mentions of a parsed sentence. `memory` holds the mentions of the earlier
        sentences of the same paragraph, most recent last, for pronouns and "the two countries";
        `places` the gazetteer names of the Doc, when the caller has them already."""
        when = doc._.report_date
        places = self.places(doc) if places is None else places
        stops = [doc[s:e] for _, s, e in self.stop_matcher(doc)]
        entity_spans = [doc[s:e] for _, s, e in self.entity_matcher(doc)
                        if _capitalised_as_needed(doc[s:e], self.dictionary.needs_capital(_key(doc[s:e].text)),
                                                  self.common_words)]
        entity_spans += [doc[s:e] for _, s, e in self.exact_matcher(doc)]
        keep = filter_spans(stops + entity_spans)
        stop_ranges = {(s.start, s.end) for s in stops}
        matches: list[_Match] = []
        covered: set[int] = set()
        for span in keep:
            if (span.start, span.end) in stop_ranges:
                covered.update(range(span.start, span.end))
                continue
            entries = self.dictionary.lookup(span.text, when)
            if entries and span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
                # "ethnic Albanians in Macedonia" are not Albania: an ethnic group, country unknown
                covered.update(range(span.start, span.end))
                continue
            if entries and span.start > 1 and doc[span.start - 1].text in HYPHENS and doc[span.start - 2].lower_ in STANCE_PREFIXES:
                # "an anti-Syria journalist", "pro-Russia rebels": a stance, not a nationality
                covered.update(range(span.start - 2, span.end))
                continue
            if entries:
                matches.append(_Match(span.start, span.end, tuple(entries)))
                covered.update(range(span.start, span.end))
        # combining forms: "Sino" "-" "Russian"
        for token in doc:
            if token.i in covered or token.lower_ not in self.dictionary.prefixes:
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and nxt.text in ("-", "–"):
                matches.append(_Match(token.i, token.i + 1, (self.dictionary.prefixes[token.lower_],)))
                covered.add(token.i)
        # cities and regions stand for their country where no other name does ("Kharkiv was shelled")
        for start, end, place in places:
            if place.kind in ACTOR_KINDS and place.country and not any(i in covered for i in range(start, end)):
                entry = Entry("place", place.country, f"{place.name}, a {place.kind} in {place.country}")
                matches.append(_Match(start, end, (entry,)))
                covered.update(range(start, end))
        # a misspelt country name no dictionary has ("Ethopia", "Afganistan"): one edit from
        # exactly one country's name, in a capitalised word that is no English word or person
        in_places = {i for start, end, _ in places for i in range(start, end)}
        for token in doc:
            hyphenated = any(0 <= j < len(doc) and doc[j].text in HYPHENS for j in (token.i - 1, token.i + 1))
            if (token.i in covered or token.i in in_places or not token.text[:1].isupper() or token.ent_type_ == "PERSON"
                    or token.lemma_.lower() in self.common_words or hyphenated):  # "Turkeys", "Saint-Germain"
                continue
            entry = self.dictionary.misspelt_country(token.text, self.common_words)
            if entry is not None:
                matches.append(_Match(token.i, token.i + 1, (entry,)))
                covered.add(token.i)
        sector_spans = filter_spans([doc[s:e] for _, s, e in self.sector_matcher(doc) if not _counted_phrase(doc[s:e])])
        for span in sector_spans:
            if any(i in covered for i in range(span.start, span.end)):
                continue
            matches.append(_Match(span.start, span.end, sector=self.dictionary.sectors[span.text.lower()]))
            covered.update(range(span.start, span.end))
        mentions = self._group(doc, matches, when)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        references = self._reference_matches(doc, mentions, list(memory or []), taken)
        if references:
            mentions = self._group(doc, matches + references, when)
        return mentions + self._unknown(doc, mentions, covered)

    def places(self, doc: Doc) -> list[tuple[int, int, Place]]:
        """Gazetteer names in the Doc, longest first where they overlap."""
        spans = filter_spans([doc[s:e] for _, s, e in self.place_matcher(doc)
                              if _capitalised_as_needed(doc[s:e], True, self.common_words)])
        found = [(span.start, span.end, self.gazetteer.lookup(span.text)) for span in spans]
        return [(s, e, p) for s, e, p in found if p is not None]

    def _group(self, doc: Doc, matches: list[_Match], when: date | None) -> list[ActorMention]:
        groups: dict[int, list[_Match]] = {}
        sector_heads = {i for m in matches if m.sector for i in range(m.start, m.end)}
        for m in matches:
            head = self._np_head(doc[m.start:m.end].root)
            # "rebels in the Ivory Coast", "students throughout Indonesia", "a group based in
            # Trinidad": a place names a sector's country
            holder = head.head.head if head.dep_ == "pobj" else None
            if holder is not None and holder.dep_ == "acl" and holder.lower_ in LOCATING_PARTICIPLES:
                holder = holder.head
            if (m.entries and holder is not None and head.head.lower_ in LOCATING_PREPS and holder.i in sector_heads
                    and holder.i < head.i and m.start <= head.i < m.end):  # "in the Iran arms scandal" places no one
                groups.setdefault(self._np_head(holder).i, []).append(replace(m, located=True))
                continue
            groups.setdefault(head.i, []).append(m)
        for head_i, members in list(groups.items()):
            if any(m.entries and not m.located for m in members):
                # "U.S. troops in Iraq" are American: the place stays an actor of its own
                for m in [m for m in members if m.located]:
                    members.remove(m)
                    groups.setdefault(self._np_head(doc[m.start:m.end].root).i, []).append(replace(m, located=False))
        mentions: list[ActorMention] = []
        for head_i, members in sorted(groups.items()):
            mentions.extend(self._code_group(doc, head_i, members, when))
        return mentions

    def _code_group(self, doc: Doc, head_i: int, members: list[_Match], when: date | None) -> list[ActorMention]:
        entity_members = [m for m in members if m.entries]
        if not entity_members:
            return []  # a sector noun alone ("lawmakers") names no country
        sectors = [m for m in members if m.sector]
        head = doc[head_i]
        # "Bulgarian President Todor Zhivkov": a name the dictionaries do not know, introduced by
        # a nationality and a title, is that country's office holder
        head_is_actor = any(m.start <= head_i < m.end for m in members) or (
            head.pos_ == "PROPN" and head.ent_type_ in ("PERSON", "ORG") and bool(sectors))
        start = min(m.start for m in members)
        end = max(m.end for m in members)
        if head_is_actor:
            end = max(end, head_i + 1)
        plural = head_is_actor and head.tag_ in ("NNS", "NNPS")

        # one actor per distinct country named in the phrase ("Sino-Russian" gives two), but a
        # name that says more (a person, a metonym) speaks for the phrase: "Serbian President
        # Kostunica" is one actor, coded by the person's office
        top = max(KIND_RANK[max(m.entries, key=lambda e: _preference(e, when)).kind] for m in entity_members)
        entity_members = [m for m in entity_members
                          if KIND_RANK[max(m.entries, key=lambda e: _preference(e, when)).kind] in (top, KIND_RANK["prefix"])
                          or top < KIND_RANK["person"]]
        by_country: dict[str, tuple[Entry, _Match]] = {}
        for m in entity_members:
            entry = max(m.entries, key=lambda e: _preference(e, when))
            key = country_of(entry.code) or entry.code
            if key not in by_country or KIND_RANK[entry.kind] > KIND_RANK[by_country[key][0].kind]:
                by_country[key] = (entry, m)
        mentions = []
        for entry, m in by_country.values():
            code = entry.code
            why = f"{doc[m.start:m.end].text!r} is {_describe(entry, when)}"
            if entry.kind == "person" and not entry.holds_on(when):
                code = (country_of(entry.code) or entry.code) + "ELI"
                why += f"; not in that office on {when}, coded as elite"
            sector, sector_why = _choose_sector(sectors, head_i, sector_of(code))
            if sector and sector != sector_of(code):
                code = base_of(code) + sector
                why += f"; {sector_why}"
            span_start, span_end = (start, end) if len(by_country) == 1 else (m.start, m.end)
            if not head_is_actor and len(by_country) == 1 and not sectors:
                span_start, span_end = m.start, m.end
            person = entry.kind == "person" or entry.role == "person" or (
                head_is_actor and head.lemma_.lower() in PERSON_NOUNS and not plural) or (
                head.ent_type_ == "PERSON" and not plural)  # "King Hassan of Morocco" can be "he"
            role = _role_at_head(doc, sectors, head_i)
            if role and entry.kind != "person" and not plural:
                holder = self.dictionary.office_holder(country_of(code) or "", role, when)
                if holder is not None:
                    why += f"; the {role.replace('_', ' ')} on {when} was {holder.label.split(' (')[0]}"
            mentions.append(ActorMention(span_start, span_end, code, head_i, doc[span_start:span_end].text, why,
                                         modifier=not head_is_actor, person=person, plural=plural,
                                         subject=_is_subject(head), located=m.located,
                                         kind="pronoun" if entry.kind == "pronoun" else "dictionary"))
        return mentions

    def _reference_matches(self, doc: Doc, mentions: list[ActorMention], memory: list[ActorMention],
                           taken: set[int]) -> list[_Match]:
        """Pronouns and "the two countries" → matches naming the most recent compatible actors
        (see README); grouped like any other name, so "its banks" gets the noun's sector."""
        out: list[_Match] = []
        for token in doc:
            lower = token.lower_
            referring = (token.pos_ == "PRON" and lower in REFERRING_PRONOUNS) or (
                token.pos_ == "NOUN" and token.lemma_.lower() in PAIR_NOUNS)
            if token.i in taken or not referring:
                continue
            earlier = memory + [m for m in mentions if m.end <= token.i and m.code and m.kind != "unknown"]
            if token.pos_ == "PRON" and lower in NEUTER_PRONOUNS:
                antecedents = _most_recent(earlier, lambda m: not m.person and not m.plural, 1)
            elif token.pos_ == "PRON" and lower in PERSONAL_PRONOUNS:
                antecedents = _most_recent(earlier, lambda m: m.person, 1)
            elif token.pos_ == "PRON" and lower in PLURAL_PRONOUNS:
                # ... or a country or body taken as a collective by its own words: the subject of
                # the verb whose clause "they" is the subject of ("The US claimed that they had
                # attacked Iraq"), never across a plural noun ("Egypt arrested three men and said
                # they ...")
                antecedents = (_most_recent(earlier, lambda m: m.plural, 1) or _last_group(earlier)
                               or _speaker_as_collective(doc, token, mentions))
            elif token.pos_ == "NOUN" and token.lemma_.lower() in PAIR_NOUNS and any(
                    c.lower_ in PAIR_WORDS for c in token.children):
                antecedents = _distinct_countries(earlier, 2)
            else:
                continue
            for a in antecedents:
                entry = Entry("pronoun", a.code or "", repr(a.text), role="person" if a.person else "")
                out.append(_Match(token.i, token.i + 1, (entry,)))
        return out

    def _sector_matches(self, doc: Doc, head_i: int) -> list[_Match]:
        """The sector term at a noun phrase's head, if any."""
        for _, s, e in self.sector_matcher(doc):
            if s <= head_i < e:
                return [_Match(s, e, sector=self.dictionary.sectors[doc[s:e].text.lower()])]
        return []

    def sector_nouns(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Sector nouns that head a noun phrase naming no country ("rebels", "the police",
        "Shona rebels"): no actors by themselves, coded `---` + sector. The events stage may give
        one the country of the event's place or counterpart ("police dispersed demonstrators in
        Cairo")."""
        taken = {i for m in mentions if m.code for i in range(m.start, m.end)} | {m.head for m in mentions if m.code}
        out = []
        # "ethnic Albanians", "ethnic Turks": a people, not a country; context may place them
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if (token.lower_ == "ethnic" and nxt.tag_ in ("NNPS", "NNP") and nxt.i not in taken
                    and nxt.text.endswith("s") and nxt.dep_ not in ("amod", "compound")
                    and any(e.kind in ("country", "adjective") for e in self.dictionary.lookup(nxt.text))):
                out.append(ActorMention(token.i, nxt.i + 1, "---" + ETHNIC_SECTOR, nxt.i, doc[token.i:nxt.i + 1].text,
                                        f"{doc[token.i:nxt.i + 1].text!r} is a people, not a state: no country",
                                        kind="sector", plural=True, subject=_is_subject(nxt)))
        for span in filter_spans([doc[s:e] for _, s, e in self.sector_matcher(doc)]):
            head = span.root
            sector, pos = self.dictionary.sectors[" ".join(span.text.lower().split())]
            if pos != "noun" or head.pos_ not in ("NOUN", "PROPN", "NUM") or any(i in taken for i in range(span.start, span.end)):
                continue
            if _counted_phrase(span):
                continue  # "thousands of Kenyans": the "of" phrase says who
            top = self._np_head(head)
            if top.i != head.i and top.lemma_.lower() in GROUP_NOUNS and top.i < head.i:
                top = head  # "a group of Chechen refugees": the refugees, found through the quantity
            if top.i == head.i:
                out.append(ActorMention(span.start, span.end, "---" + sector, head.i, span.text,
                                        f"{span.text!r} is a sector noun ({sector}) that names no country",
                                        kind="sector", plural=head.tag_ in ("NNS", "NNPS"), subject=_is_subject(head)))
            elif top.ent_type_ == "PERSON" and top.i > head.i and top.i not in taken:
                # a title before a name no dictionary knows: "Judge Alejandro Rivera" is a judge
                end = top.i + 1
                text = doc[span.start:end].text
                out.append(ActorMention(span.start, end, "---" + sector, top.i, text,
                                        f"{span.text!r} is a title ({sector}) before a name the dictionaries do not know",
                                        kind="sector", person=True, subject=_is_subject(top)))
        return out

    def _unknown(self, doc: Doc, mentions: list[ActorMention], covered: set[int]) -> list[ActorMention]:
        """Named entities that could be actors but that no dictionary knows: kept with no code."""
        taken = covered | {i for m in mentions for i in range(m.start, m.end)}
        out = []
        for ent in doc.ents:
            if ent.label_ not in UNKNOWN_ACTOR_LABELS or any(i in taken for i in range(ent.start, ent.end)):
                continue
            out.append(ActorMention(ent.start, ent.end, None, self._np_head(ent.root).i, ent.text,
                                    f"{ent.label_} named entity not in the dictionaries", kind="unknown",
                                    person=ent.label_ == "PERSON"))
        return out

    # -- annotation (the one mutation) ------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        key = (doc._.doc_id, doc._.paragraph)
        if key != self._memory_key or key[0] is None:
            self._memory_key, self._memory = key, []
        places = self.places(doc)
        mentions = self.match(doc, self._memory, places)
        self._memory = (self._memory + [m for m in mentions if m.code])[-MEMORY_SIZE:]
        doc._.actors = mentions
        doc._.sector_nouns = self.sector_nouns(doc, mentions)
        doc.spans["actors"] = [Span(doc, m.start, m.end, label=m.code or "UNKNOWN") for m in mentions]
        doc._.places = [PlaceMention(s, e, p.name, p.country, p.lat, p.lon) for s, e, p in places]
        doc.spans["places"] = [Span(doc, s, e, label=p.country or "") for s, e, p in places]
        return doc


def _counted_phrase(span: Span) -> bool:
    """A number of people whose "of" phrase says who they are ("thousands of Kenyans")."""
    head = span.root
    return head.lower_ in QUANTITY_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _capitalised_as_needed(span: Span, needed: bool, common_words: frozenset[str]) -> bool:
    """A proper name matches in lower case only when no word of it is a common English word
    ("President obama" yes; "ate turkey", "fine china", "will polish", "the congress of surgeons"
    no). Without a word list, proper names must be capitalised."""
    if not needed or span.text[:1].isupper() or not span.text[:1].isalpha():
        return True
    if any(ch.isupper() for ch in span.text):
        # a capital after a lower-case particle ("al-Qaeda", "bin Laden", "de Klerk") or a stray
        # one inside ("iSrael") marks a name, not a common word
        return True
    return bool(common_words) and not any(t.lower_ in common_words for t in span)


def _common_words(nlp: Language) -> frozenset[str]:
    """English common words from the pipeline's own lemmatizer index (WordNet's word list)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, []))


def _choose_sector(sectors: list[_Match], head_i: int, own: str | None) -> tuple[str | None, str]:
    """The sector of a noun phrase: a specific one (MIL, BUS, LEG…) beats the generic GOV;
    among specific ones the head noun's comes first, then the entity's own, then a modifier's
    ("Beijing's policy banks" → BUS, "Pentagon officials" → MIL, "Russian military officials" → MIL)."""
    head = [m.sector for m in sectors if m.sector and m.start <= head_i < m.end]
    modifiers = [m.sector for m in sectors if m.sector and not m.start <= head_i < m.end]
    ranked = [(s, f"sector {s} from the head {w}") for s, w in head]
    ranked += [(own, "its own sector")] if own else []
    ranked += [(s, f"sector {s} from a modifying {w}") for s, w in modifiers]
    if not ranked:
        return None, ""
    specific = [r for r in ranked if r[0] != "GOV"]
    return (specific or ranked)[0]


# sector terms that name one office: "the Russian president" on a date is a known person
ROLE_TERMS = {
    "president": "head_of_state", "prime minister": "head_of_government", "premier": "head_of_government",
    "chancellor": "head_of_government", "supreme leader": "head_of_state",
    "foreign minister": "foreign_minister", "foreign secretary": "foreign_minister", "secretary of state": "foreign_minister",
    "defence minister": "defence_minister", "defense minister": "defence_minister",
    "defense secretary": "defence_minister", "defence secretary": "defence_minister",
    "secretary-general": "secretary_general", "secretary general": "secretary_general",
}


def _role_at_head(doc: Doc, sectors: list[_Match], head_i: int) -> str | None:
    for m in sectors:
        if m.start <= head_i < m.end:
            return ROLE_TERMS.get(doc[m.start:m.end].text.lower())
    return None


def _is_subject(token: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _speaker_as_collective(doc: Doc, pronoun: Token, mentions: list[ActorMention]) -> list[ActorMention]:
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return []
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or any(t.tag_ in ("NNS", "NNPS") and t.i != speaker.i for t in doc[speaker.i + 1:pronoun.i]):
        return []
    return [m for m in mentions if m.head == speaker.i and m.code and not m.person and not m.modifier][:1]


def _most_recent(mentions: list[ActorMention], fits, n: int) -> list[ActorMention]:
    """The most recent fitting actor that was a subject; failing that, the most recent one."""
    fitting = [m for m in mentions if m.code and fits(m) and not m.modifier]
    subjects = [m for m in fitting if m.subject]
    return (subjects or fitting)[-n:]


def _last_group(mentions: list[ActorMention]) -> list[ActorMention]:
    """The most recent actors named together ("China and Russia … they")."""
    coded = [m for m in mentions if m.code and not m.modifier]
    if len(coded) < 2:
        return []
    last = coded[-1]
    group = [m for m in coded if m.head != last.head and m.start < last.start and last.start - m.end <= 3]
    return (group[-1:] + [last]) if group else []


def _distinct_countries(mentions: list[ActorMention], n: int) -> list[ActorMention]:
    found: list[ActorMention] = []
    for m in reversed(mentions):
        if m.code and not m.person and all(country_of(f.code) != country_of(m.code) for f in found):
            found.append(m)
        if len(found) == n:
            return list(reversed(found))
    return []


def _preference(entry: Entry, when: date | None) -> tuple[int, bool, bool]:
    """Rank the meanings of one term: the more telling kind, then one that holds on the date,
    then the more specific one — a dated entity (the USSR's "Moscow" in 1985) on a known date,
    a current one when the date is unknown."""
    specific = entry.end is not None if when is not None else entry.end is None
    return KIND_RANK[entry.kind], entry.holds_on(when), specific


def _describe(entry: Entry, when: date | None) -> str:
    kinds = {
        "country": "the name of", "adjective": "an adjective of", "capital": "the capital of",
        "prefix": "a combining form of", "metonym": "a metonym for", "organisation": "the organisation",
        "person": "office holder", "pronoun": "a reference to the most recent compatible actor,", "place": "the place",
    }
    if entry.kind == "person":
        return f"{kinds['person']} {entry.label}"
    if entry.kind == "capital":
        return f"{entry.label} (→ {entry.code})"
    return f"{kinds[entry.kind]} {entry.label} ({entry.code})"


def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, name, load_actor_dictionary(), load_gazetteer())
