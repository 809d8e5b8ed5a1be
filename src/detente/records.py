"""Plain, frozen records that travel between the stages after parsing.

`Document` comes out of ingest, `Skipped` records what ingest could not use and why, and
`Event` is what the coder produces. None of them holds a spaCy object.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .codes import country_of


def content_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of the parts (joined with a unit separator)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Document:
    """One text to code. `doc_id` is a content hash of the text, so re-runs are idempotent."""

    doc_id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_text(cls, text: str, **kwargs: Any) -> "Document":
        return cls(doc_id=content_hash(text), text=text, **kwargs)


@dataclass(frozen=True)
class Skipped:
    """An input that was not coded: where it came from and why."""

    origin: str
    position: str
    reason: str
    detail: str = ""

    def message(self) -> str:
        where = f"{self.origin}:{self.position}" if self.position else self.origin
        return f"{where}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Event:
    """One coded event mention. Field order is the order of `detente events --format jsonl`."""

    event_id: str
    doc_id: str | None
    sentence_index: int
    sentence: str
    source: str | None
    source_country: str | None
    source_text: str | None
    target: str | None
    target_country: str | None
    target_text: str | None
    trigger_text: str
    cameo: str
    cameo_root: str
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    plover_mode: str | None
    factuality: str
    attributed_to: str | None
    event_date: str | None
    date_precision: str | None
    report_date: str | None
    place: str | None
    rule: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ActorMention:
    """An actor found in a Doc. `head` is the token the actor's noun phrase hangs from: the
    actor itself ("diplomats") or, for a modifier ("Sino-Russian exercises"), the noun it
    modifies ("exercises"). `code` is None for proper names no dictionary knows."""

    start: int
    end: int
    code: str | None
    head: int
    text: str
    why: str
    modifier: bool = False
    kind: str = "dictionary"  # dictionary | pronoun | reflexive | unknown | sector (no country) | place (where it happened)
    located: bool = False  # its country comes from where it is ("officials in Nairobi"), not from who it is
    person: bool = False
    plural: bool = False
    subject: bool = False

    @property
    def country(self) -> str | None:
        return country_of(self.code)


@dataclass(frozen=True)
class PlaceMention:
    """A gazetteer place named in a Doc (tokens start..end)."""

    start: int
    end: int
    name: str
    country: str | None
    lat: float
    lon: float


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))

FACTUALITY_VALUES: tuple[str, ...] = (
    "asserted", "negated", "hypothetical", "future", "question", "counterfactual",
)
