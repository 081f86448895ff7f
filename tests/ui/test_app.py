from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from workbench.store.database import Database
from workbench.ui.app import Workbench


def test_importing_the_ui_loads_no_heavy_libraries() -> None:
    code = (
        "import sys, workbench.ui.app, workbench.ui.login;"
        "heavy = [m for m in ('torch', 'spacy', 'faster_whisper', 'ctranslate2', 'medspacy') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_first_window_needs_no_database_libraries() -> None:
    # The sign-in window paints before SQLAlchemy and the password hasher are imported.
    code = (
        "import sys, workbench.ui.app;"
        "print(','.join(m for m in ('sqlalchemy', 'argon2', 'faker') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


CLOSE_THE_PROBLEM_BOX = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from workbench.ui.app import run_gui

def close_box():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            print("MESSAGE:", widget.text().replace(chr(10), " "), flush=True)
            widget.button(QMessageBox.StandardButton.Close).click()
            return
    QTimer.singleShot(20, close_box)

sys.exit(run_gui([sys.argv[0]], on_first_paint=close_box))
"""


def test_run_gui_on_a_missing_database_says_what_to_run_and_exits_non_zero(tmp_path: Path) -> None:
    env = dict(os.environ, WORKBENCH_HOME=str(tmp_path / "empty-home"), QT_QPA_PLATFORM="offscreen")
    env.pop("WORKBENCH_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_THE_PROBLEM_BOX], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "MESSAGE: No workbench database" in result.stdout
    assert "workbench init" in result.stdout
    assert "workbench init" in result.stderr  # also said on the terminal that started it


def test_run_gui_on_an_outdated_database_asks_for_an_upgrade(tmp_path: Path) -> None:
    home = tmp_path / "old-home"
    db = Database(f"sqlite:///{home / 'workbench.db'}")
    db.upgrade("0001")
    db.dispose()
    env = dict(os.environ, WORKBENCH_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.pop("WORKBENCH_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_THE_PROBLEM_BOX], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "workbench db upgrade" in result.stdout


def test_the_application_icon_has_every_size_the_panels_ask_for(qapp: QApplication) -> None:
    from PySide6.QtCore import QSize

    from workbench.ui.app import application_icon

    sizes = application_icon().availableSizes()
    assert {QSize(n, n) for n in (16, 32, 48, 64, 128, 256)} <= set(sizes)


def test_saving_the_settings_dialog_keeps_what_an_administrator_changed_meanwhile(
    qapp: QApplication, workbench_factory: list[Workbench], tmp_path: Path
) -> None:
    from dataclasses import replace

    from workbench import config

    wb = Workbench(qapp, config.load_settings(), database_url=f"sqlite:///{tmp_path / 'x.db'}")
    workbench_factory.append(wb)
    dialog_copy = wb.settings
    # Meanwhile `workbench transcription cloud-on` (another process) wrote the site policy.
    on_disk = config.load_settings()
    config.save_settings(replace(on_disk, extra={**on_disk.extra, "transcription": {"engine": "openai"}}))
    wb.apply_settings(replace(dialog_copy, theme="dark"))
    saved = config.load_settings()
    assert saved.theme == "dark" and saved.extra["transcription"] == {"engine": "openai"}
