"""Named errors. The core raises these; the CLI and the web app translate them once, at the edge."""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error detente raises on purpose. `code` is short and stable for scripts."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DataFileError(DetenteError):
    """A dictionary, lexicon or ontology file has a bad entry: the message is `file:line: what`."""

    code = "data-file"

    def __init__(self, path: str, line: int, what: str) -> None:
        super().__init__(f"{path}:{line}: {what}")
        self.path = path
        self.line = line
        self.what = what


class InputError(DetenteError):
    """An input path or document cannot be read at all (missing file, unknown format)."""

    code = "input"


class ModelNotInstalledError(DetenteError):
    """The spaCy pipeline named in the settings is not installed."""

    code = "model"


class StoreError(DetenteError):
    """The DuckDB store cannot be opened or written (locked by another writer, wrong schema)."""

    code = "store"


class SettingsError(DetenteError):
    """A setting has a value detente cannot use."""

    code = "settings"


class NotBuiltError(DetenteError):
    """A stage or option that is planned but not built yet."""

    code = "not-built"


class ExportError(DetenteError):
    """An export that cannot be written as asked (unknown format, parquet to a terminal)."""

    code = "export"


# analytics: raised by detente.analytics, shown by the analytics commands
class UnknownCountryError(DetenteError):
    """A country code that neither the country list nor the organisation list knows."""

    code = "unknown-country"


class EmptySelectionError(DetenteError):
    """The selection (countries, dates, factuality) holds no event to analyse."""

    code = "empty-selection"


class OptionError(DetenteError):
    """An analysis option has a value that cannot be used (a bad period, a bad date)."""

    code = "option"
