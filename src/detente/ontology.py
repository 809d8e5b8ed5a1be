"""CAMEO and PLOVER as data: codes, Goldstein scores, QuadClass and the CAMEO→PLOVER mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .datafiles import data_path, read_tsv

CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode", "plover_context")
PLOVER_COLUMNS = ("type", "quad_class", "requires_recipient", "former_names", "description")
_CODE = re.compile(r"^\d{3,4}$")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class PloverType:
    type: str
    quad_class: int
    requires_recipient: bool
    former_names: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Ontology:
    cameo: dict[str, CameoCode]
    plover: dict[str, PloverType]
    announced: dict[str, str]
    refused: dict[str, str]

    def code(self, code: str) -> CameoCode:
        return self.cameo[code]

    def plover_name(self, name: str) -> str | None:
        """Current PLOVER type for a current or former name (DISAPPROVE → ACCUSE)."""
        upper = name.strip().upper()
        if upper in self.plover:
            return upper
        for ptype in self.plover.values():
            if upper in ptype.former_names:
                return ptype.type
        return None

    def announced_code(self, code: str) -> str | None:
        """The 03x/13x code for announcing the act `code` (longest prefix in derived.tsv)."""
        return _longest_prefix(self.announced, code)

    def refused_code(self, code: str) -> str | None:
        """The 12x code for refusing the act `code` (longest prefix in derived.tsv)."""
        return _longest_prefix(self.refused, code)


def _longest_prefix(table: dict[str, str], code: str) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]] or None
    return None


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    cameo_file = read_tsv(data_path("cameo.tsv"), CAMEO_COLUMNS)
    plover_file = read_tsv(data_path("plover.tsv"), PLOVER_COLUMNS)

    plover: dict[str, PloverType] = {}
    for row in plover_file.rows:
        name = row.text("type")
        if not name.isupper():
            raise row.fail(f"PLOVER type {name!r} must be upper case")
        try:
            quad = int(row.text("quad_class"))
        except ValueError:
            raise row.fail("quad_class must be 1-4") from None
        plover[name] = PloverType(name, quad, row.text("requires_recipient") == "yes",
                                  tuple(n.upper() for n in row.many("former_names")), row.text("description"))

    cameo: dict[str, CameoCode] = {}
    for row in cameo_file.rows:
        code = row.text("code")
        if not _CODE.match(code):
            raise row.fail(f"CAMEO code {code!r} must be 3 or 4 digits")
        if code in cameo:
            raise row.fail(f"CAMEO code {code} listed twice")
        raw_score = row.text("goldstein")
        if raw_score:
            try:
                score = float(raw_score)
            except ValueError:
                raise row.fail(f"goldstein {raw_score!r} is not a number") from None
        else:
            parent = cameo.get(code[:3])
            if parent is None:
                raise row.fail(f"no Goldstein score and no parent code {code[:3]} listed before it")
            score = parent.goldstein
        quad = int(row.text("quad_class") or 0)
        if quad not in (1, 2, 3, 4):
            raise row.fail("quad_class must be 1-4")
        ptype = row.text("plover_type") or None
        if ptype is not None and ptype not in plover:
            raise row.fail(f"PLOVER type {ptype!r} is not in plover.tsv")
        cameo[code] = CameoCode(code, row.text("name"), score, quad, ptype,
                                row.text("plover_mode") or None, row.text("plover_context") or None)
    announced: dict[str, str] = {}
    refused: dict[str, str] = {}
    for row in read_tsv(data_path("derived.tsv"), ("code", "announced", "refused", "note")).rows:
        prefix = row.text("code")
        if not prefix.isdigit():
            raise row.fail(f"code prefix {prefix!r} must be digits")
        for column, table in (("announced", announced), ("refused", refused)):
            value = row.text(column)
            if value and value not in cameo:
                raise row.fail(f"{column} code {value!r} is not a CAMEO code")
            table[prefix] = value
    return Ontology(cameo, plover, announced, refused)
