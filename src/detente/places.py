"""The offline gazetteer: capitals, cities, seas, straits and regions of world politics.

`data/places.tsv` (format in docs/dictionaries.md) maps a name to its kind, country (empty for
seas and disputed regions) and coordinates. The actors component marks gazetteer names in a Doc
(`doc.spans["places"]`); the events stage gives an event the place its clause names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .datafiles import data_path, read_tsv

PLACE_COLUMNS = ("name", "aliases", "kind", "country", "lat", "lon")
PLACE_KINDS = frozenset({
    "capital", "city", "region", "sea", "strait", "gulf", "ocean", "river", "island", "peninsula",
    "territory", "base", "border",
})
# kinds whose name can stand for its country as an actor ("Kharkiv was shelled" → UKR)
ACTOR_KINDS = frozenset({"city", "region", "territory", "island", "base", "peninsula"})
_COUNTRY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class Gazetteer:
    terms: dict[str, Place]  # lower-cased name or alias → place
    version: str
    written: dict[str, str]  # lower-cased name or alias → as written

    def lookup(self, text: str) -> Place | None:
        return self.terms.get(" ".join(text.lower().split()))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    data = read_tsv(data_path("places.tsv"), PLACE_COLUMNS)
    terms: dict[str, Place] = {}
    written: dict[str, str] = {}
    for row in data.rows:
        kind, country = row.text("kind"), row.text("country")
        if kind not in PLACE_KINDS:
            raise row.fail(f"kind {kind!r} is not one of {', '.join(sorted(PLACE_KINDS))}")
        if country and not _COUNTRY.match(country):
            raise row.fail(f"country {country!r} must be an ISO alpha-3 code or empty")
        try:
            lat, lon = float(row.text("lat")), float(row.text("lon"))
        except ValueError:
            raise row.fail("lat and lon must be decimal degrees") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise row.fail(f"coordinates {lat}, {lon} are out of range")
        place = Place(row.text("name"), kind, country or None, lat, lon)
        for phrase in [place.name, *row.many("aliases")]:
            key = " ".join(phrase.lower().split())
            terms.setdefault(key, place)
            written.setdefault(key, phrase)
    return Gazetteer(terms, data.header["version"], written)
