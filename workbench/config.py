"""Where the workbench keeps its data, and the installation-wide settings file.

Resolution order for the data directory: ``WORKBENCH_HOME``, else the platform's user data
directory. The database URL comes from ``WORKBENCH_DATABASE_URL``, else an SQLite file in the
data directory. Settings that belong to the installation (theme, language, idle lock) live in
``settings.json`` there; settings that belong to a person live in the database with the user.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from workbench.atomic_file import write_atomically

APP_SLUG = "coder-workbench"
SETTINGS_FILE = "settings.json"
THEMES = ("system", "light", "dark")
LANGUAGES = ("en", "es")


def data_dir() -> Path:
    """The directory for the database, recordings and settings (created if missing)."""
    override = os.environ.get("WORKBENCH_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    override = os.environ.get("WORKBENCH_DATABASE_URL")
    if override:
        return override
    return f"sqlite:///{data_dir() / 'workbench.db'}"


def recordings_dir() -> Path:
    path = data_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Settings:
    """Installation-wide preferences, persisted as JSON next to the database."""

    theme: str = "system"
    language: str = "en"
    idle_lock_minutes: int = 15
    demo: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def validated(self) -> Settings:
        """Replace values a hand-edited file may have broken with their defaults."""
        defaults = Settings()
        theme = self.theme if self.theme in THEMES else defaults.theme
        language = self.language if self.language in LANGUAGES else defaults.language
        minutes = self.idle_lock_minutes if isinstance(self.idle_lock_minutes, int) else 15
        minutes = max(0, min(minutes, 24 * 60))
        return replace(self, theme=theme, language=language, idle_lock_minutes=minutes)


def load_settings(directory: Path | None = None) -> Settings:
    path = (directory or data_dir()) / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        # A damaged settings file must not keep the application from starting.
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    try:
        return Settings(**values).validated()
    except TypeError:
        return Settings()


def save_settings(settings: Settings, directory: Path | None = None) -> None:
    """Write atomically so that a crash mid-write never leaves a half file."""
    target = (directory or data_dir()) / SETTINGS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, lambda handle: json.dump(asdict(settings), handle, indent=2, sort_keys=True))
