"""detente: news text about world politics → CAMEO/PLOVER event data with factuality.

The Python API is the product; the CLI is a thin mirror of it::

    import detente
    events = detente.code_text("Russia and China held joint naval exercises.", date="2017-07-25")
    for coded in detente.code_documents(docs): ...
    with detente.open_store("detente.duckdb") as store: store.events()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import Coder
    from .records import Document, Event
    from .store import Store

_coder: "Coder | None" = None


def _default_coder() -> "Coder":
    """One loaded pipeline per process for the convenience functions below."""
    global _coder
    if _coder is None:
        from .pipeline import Coder

        _coder = Coder()
    return _coder


def code_text(text: str, date: str | None = None) -> "list[Event]":
    """Code one text; `date` (YYYY-MM-DD) is the report date used for office holders and dates."""
    return _default_coder().code_text(text, date)


def code_documents(docs: "Iterable[Document | str]") -> "Iterator[Event]":
    """Code many documents (or plain strings); yields events document by document."""
    from .records import Document

    documents = (d if isinstance(d, Document) else Document.from_text(d) for d in docs)
    for coded in _default_coder().code_documents(documents):
        yield from coded.events


def open_store(path: str = "detente.duckdb", read_only: bool = False) -> "Store":
    """Open (creating or migrating) a detente DuckDB store."""
    from .store import open_store as _open

    return _open(path, read_only=read_only)


__all__ = ["__version__", "code_text", "code_documents", "open_store"]
