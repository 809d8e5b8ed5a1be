"""CAMEO-style actor codes: `CHN`, `CHNGOV`, `IGOUNO`, `IGOUNOMIL`, `---REB`.

A code is a chain of three-character groups. For a state the first group is its ISO alpha-3
code (or `---` when the state is unknown); for an international or non-governmental
organisation, a multinational company or an international militarized group the first two
groups name it (`IGOUNO`, `NGOAMN`, `IMGALQ`). Further groups are sectors.
"""

from __future__ import annotations

import re

ACTOR_CODE = re.compile(r"^(?:[A-Z]{3}|---)(?:[A-Z]{3})*$")
SECTORS = frozenset(
    "GOV MIL LEG JUD COP SPY REB UAF OPP PTY BUS MED CVL NGO ELI EDU LAB REF HLH CRM ENV AGR REL".split()
)
# international (IGO) and non-governmental (NGO) organisations, multinational companies (MNC) and
# international militarized groups (IMG: transnational armed groups such as al-Qaeda, IMGALQ)
ORGANISATION_PREFIXES = ("IGO", "NGO", "MNC", "IMG")


def is_actor_code(code: str) -> bool:
    return bool(ACTOR_CODE.match(code))


def country_of(code: str | None) -> str | None:
    """The country-level part: `CHNGOV` → `CHN`, `IGOUNOSEC` → `IGOUNO`, `---REB` → None."""
    if not code:
        return None
    if code[:3] in ORGANISATION_PREFIXES:
        return code[:6]
    head = code[:3]
    return None if head == "---" else head


def sector_of(code: str | None) -> str | None:
    """The first sector group after the country or organisation, if any."""
    if not code:
        return None
    rest = code[6:] if code[:3] in ORGANISATION_PREFIXES else code[3:]
    first = rest[:3]
    return first if first in SECTORS else None


def with_sector(code: str, sector: str | None) -> str:
    """Add a sector to a code that has none yet; a code that has one keeps it."""
    if not sector or sector_of(code) is not None:
        return code
    return code + sector


def base_of(code: str) -> str:
    """The code without its sector groups: `CHNGOV` → `CHN`, `IGOUNOMIL` → `IGOUNO`,
    `IGOUNOSEC` → `IGOUNOSEC` (an organ is not a sector)."""
    groups = [code[i:i + 3] for i in range(0, len(code), 3)]
    keep = 2 if groups[0] in ORGANISATION_PREFIXES else 1
    while len(groups) > keep and groups[-1] in SECTORS:
        groups.pop()
    return "".join(groups)
