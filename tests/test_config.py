from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench import config


def test_home_and_database_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "h"))
    assert config.data_dir() == tmp_path / "h" and (tmp_path / "h").is_dir()
    assert config.database_url() == f"sqlite:///{tmp_path / 'h' / 'workbench.db'}"
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/wb")
    assert config.database_url() == "postgresql+psycopg://u@127.0.0.1/wb"


def test_settings_round_trip(tmp_path: Path) -> None:
    settings = config.Settings(theme="dark", language="es", idle_lock_minutes=5, demo=True)
    config.save_settings(settings, tmp_path)
    assert config.load_settings(tmp_path) == settings
    assert not list(tmp_path.glob(".settings-*"))


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        "[1, 2]",
        '{"theme": "purple", "language": "klingon", "idle_lock_minutes": -3}',
        '{"idle_lock_minutes": "soon", "unknown": 1}',
        "\x00\x01",
    ],
)
def test_damaged_settings_fall_back_to_defaults(tmp_path: Path, content: str) -> None:
    (tmp_path / config.SETTINGS_FILE).write_text(content, encoding="utf-8")
    settings = config.load_settings(tmp_path)
    assert settings.theme in config.THEMES and settings.language in config.LANGUAGES
    assert 0 <= settings.idle_lock_minutes <= 24 * 60


def test_partial_settings_keep_what_is_valid(tmp_path: Path) -> None:
    (tmp_path / config.SETTINGS_FILE).write_text(
        json.dumps({"theme": "dark", "language": "xx"}), encoding="utf-8"
    )
    settings = config.load_settings(tmp_path)
    assert (settings.theme, settings.language) == ("dark", "en")
