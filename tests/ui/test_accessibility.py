from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Clinic, make_workbench, sign_directly, start
from tests.ui.test_workspaces import open_window
from workbench.config import Settings
from workbench.ui.accessibility import announce, is_interactive, unnamed_controls
from workbench.ui.app import Workbench
from workbench.ui.history_dialog import VersionHistoryDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.note_editor import NoteEditor
from workbench.ui.settings_dialog import SettingsDialog
from workbench.ui.workspaces.physician import PhysicianWorkspace


def visible_interactive(root: QWidget) -> list[QWidget]:
    widgets = [w for w in QApplication.allWidgets() if w is root or root.isAncestorOf(w)]
    return [w for w in widgets if is_interactive(w) and w.isVisible()]


def assert_all_named(root: QWidget) -> None:
    controls = visible_interactive(root)
    assert controls, "nothing interactive found: the walk itself is broken"
    unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in unnamed_controls(controls)]
    assert unnamed == []
    # What assistive technology actually receives through Qt's accessibility bridge.
    for widget in controls:
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None
        assert interface.text(QAccessible.Text.Name).strip(), f"{type(widget).__name__} {widget.objectName()}"


def assert_keyboard_reachable(window: MainWindow) -> None:
    for menu in (window.file_menu, window.view_menu, window.help_menu):
        assert "&" in menu.title()
        for action in menu.actions():
            assert action.isSeparator() or "&" in action.text(), action.text()
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.isVisible():
            assert "&" in label.text(), f"label {label.text()!r} has a buddy but no mnemonic"


@pytest.mark.parametrize("role", ["physician", "coder", "auditor", "admin"])
def test_every_workspace_control_has_a_name(qtbot: QtBot, clinic: Clinic, role: str) -> None:
    encounter = start(clinic, clinic.patients[0])
    assert encounter.note_id is not None
    start(clinic, clinic.patients[1])
    sign_directly(clinic.db, encounter.note_id)
    window = open_window(qtbot, clinic, getattr(clinic, role))
    assert_all_named(window)
    assert_keyboard_reachable(window)


def test_empty_workspace_controls_have_names(qtbot: QtBot, clinic: Clinic) -> None:
    window = open_window(qtbot, clinic, clinic.coder)
    assert_all_named(window)


def test_login_settings_editor_and_history_controls_have_names(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = make_workbench(qapp, workbench_factory, clinic.db)
    wb.login.show()
    wb.login.set_database(clinic.db)
    assert_all_named(wb.login)
    dialog = SettingsDialog(wb.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_all_named(dialog)
    editor = NoteEditor(clinic.db, clinic.physician, start(clinic, clinic.patients[2]))
    qtbot.addWidget(editor)
    editor.show()
    assert_all_named(editor)
    history = VersionHistoryDialog(clinic.db, clinic.physician, editor.note.id)
    qtbot.addWidget(history)
    history.show()
    assert_all_named(history)


def test_tab_reaches_every_physician_control(qtbot: QtBot, clinic: Clinic) -> None:
    start(clinic, clinic.patients[0])
    window = open_window(qtbot, clinic, clinic.physician)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    workspace.encounter_list.view.setFocus()
    wanted = {
        workspace.encounter_list.view,
        workspace.open_button,
        workspace.filter_edit,
        workspace.patient_list.view,
        workspace.type_combo,
        workspace.start_button,
    }
    reached = set()
    for _ in range(20):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert wanted <= reached


def test_announce_is_safe_without_a_screen_reader(qtbot: QtBot) -> None:
    widget = QLabel("x")
    qtbot.addWidget(widget)
    announce(widget, "Saved")  # QAccessible is inactive on offscreen; must not raise
    assert not QAccessible.isActive()


def mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    stripped = text.replace("&&", "")
    return stripped[index + 1].lower() if 0 <= index < len(stripped) - 1 else None


def mnemonics(window: QMainWindow) -> list[str]:
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [
        label.text()
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and label.isVisible()
    ]
    texts += [button.text() for button in window.findChildren(QAbstractButton) if button.isVisible()]
    return [m for m in (mnemonic(t) for t in texts) if m]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("role", ["physician", "coder", "auditor", "admin"])
def test_mnemonics_do_not_collide(
    qtbot: QtBot,
    qapp: QApplication,
    workbench_factory: list[Workbench],
    clinic: Clinic,
    built_translations: None,
    language: str,
    role: str,
) -> None:
    make_workbench(qapp, workbench_factory, clinic.db, Settings(language=language))
    window = open_window(qtbot, clinic, getattr(clinic, role))
    letters = mnemonics(window)
    assert len(letters) >= 4
    assert sorted(letters) == sorted(set(letters)), letters
