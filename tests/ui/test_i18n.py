from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Clinic, make_workbench
from tests.ui.test_workspaces import open_window, rows
from workbench.config import Settings, load_settings
from workbench.ui import i18n_build
from workbench.ui.app import Workbench
from workbench.ui.i18n import translations_dir
from workbench.ui.settings_dialog import SettingsDialog
from workbench.ui.workspaces.physician import PhysicianWorkspace


def test_spanish_translation_covers_every_string_in_the_sources(tmp_path: Path) -> None:
    # Re-extract the strings into a copy of the .ts, as `i18n_build --update` would.
    for language in i18n_build.LANGUAGES:
        source = i18n_build.ts_file(language, translations_dir())
        shutil.copyfile(source, tmp_path / source.name)
    i18n_build.update_sources(tmp_path)
    tree = ET.parse(tmp_path / "workbench_es.ts")
    messages = tree.getroot().findall("context/message")
    assert len(messages) > 100
    unfinished = [
        f"{context.findtext('name')}: {message.findtext('source')}"
        for context in tree.getroot().findall("context")
        for message in context.findall("message")
        if message.find("translation") is None or message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    # New UI text? Run `python -m workbench.ui.i18n_build --update`, then translate it in i18n/workbench_es.ts.
    assert unfinished == []


def test_build_is_idempotent(built_translations: None) -> None:
    directory = translations_dir()
    assert (directory / "workbench_es.qm").exists()
    assert i18n_build.build(directory) == []  # nothing stale: a second `make translations` does nothing


def test_build_rebuilds_a_stale_qm(tmp_path: Path) -> None:
    work = tmp_path
    source = translations_dir() / "workbench_es.ts"
    (work / source.name).write_bytes(source.read_bytes())
    assert i18n_build.build(work) == [work / "workbench_es.qm"]
    assert i18n_build.build(work) == []
    qm = work / "workbench_es.qm"
    os.utime(qm, (0, 0))
    assert i18n_build.build(work) == [qm]


def test_spanish_ui_shows_spanish_strings(
    qtbot: QtBot,
    qapp: QApplication,
    workbench_factory: list[Workbench],
    clinic: Clinic,
    built_translations: None,
) -> None:
    wb = make_workbench(qapp, workbench_factory, clinic.db, Settings(language="es"))
    assert wb.login.sign_in_button.text() == "&Iniciar sesión"
    assert wb.login.windowTitle() == "Iniciar sesión"
    window = open_window(qtbot, clinic, clinic.physician)
    assert window.file_menu.title() == "&Archivo"
    assert window.user_label.text() == "Sesión iniciada como Test physician (Médico)"
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    assert workspace.start_button.text() == "&Iniciar consulta"
    assert "Hoy no hay consultas" in workspace.encounter_list.empty_label.text()
    assert workspace.patient_list.model.headerData(3, Qt.Orientation.Horizontal) == "Edad"


def test_language_switch_applies_live(
    qtbot: QtBot,
    qapp: QApplication,
    workbench_factory: list[Workbench],
    clinic: Clinic,
    built_translations: None,
) -> None:
    wb = make_workbench(qapp, workbench_factory, clinic.db, Settings(language="en"))
    window = open_window(qtbot, clinic, clinic.coder)
    assert window.file_menu.title() == "&File"
    dialog = SettingsDialog(wb.settings)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("es"))
    dialog.applied.connect(wb.apply_settings)
    dialog.accept()
    assert load_settings().language == "es"
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Archivo")
    assert wb.login.sign_in_button.text() == "&Iniciar sesión"
    workspace = window.workspace
    assert "lista de trabajo está vacía" in workspace.note_list.empty_label.text()  # type: ignore[attr-defined]
    assert rows(workspace.note_list) == []  # type: ignore[attr-defined]
    # Qt's own strings (standard buttons) come from qtbase_es.
    again = SettingsDialog(wb.settings)
    qtbot.addWidget(again)
    cancel = again.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert "Cancelar" in cancel.text()
    assert again.language_combo.currentData() == "es"
    assert workspace.note_list.model.headerData(1, Qt.Orientation.Horizontal) == "Paciente"  # type: ignore[attr-defined]
