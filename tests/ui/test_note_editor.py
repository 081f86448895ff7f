from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Clinic, sign_directly, start
from workbench.services import notes
from workbench.services.encounters import SOAP_TEMPLATE, EncounterInfo, get_encounter
from workbench.ui.history_dialog import VersionHistoryDialog
from workbench.ui.note_editor import NoteEditor

Factory = Callable[..., NoteEditor]


@pytest.fixture
def make_editor(qtbot: QtBot, clinic: Clinic) -> Iterator[Factory]:
    made: list[NoteEditor] = []

    def factory(encounter: EncounterInfo | None = None, autosave_ms: int = 3000) -> NoteEditor:
        encounter = encounter or start(clinic, clinic.patients[0])
        editor = NoteEditor(clinic.db, clinic.physician, encounter, autosave_ms=autosave_ms)
        made.append(editor)
        editor.show()
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)
        return editor

    yield factory
    for editor in made:
        if shiboken6.isValid(editor):
            editor._closing_confirmed = True
            editor.close()


def type_at_end(qtbot: QtBot, editor: NoteEditor, text: str) -> None:
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.editor, text)


def test_new_note_has_the_soap_template_and_a_word_count(make_editor: Factory) -> None:
    editor = make_editor()
    assert editor.text() == SOAP_TEMPLATE
    assert editor.word_count_label.text() == "Words: 4"
    assert editor.editable and not editor.editor.isReadOnly()


def test_autosave_after_typing_stops(qtbot: QtBot, clinic: Clinic, make_editor: Factory) -> None:
    editor = make_editor(autosave_ms=150)
    type_at_end(qtbot, editor, "Feels well")
    assert editor.is_dirty()
    assert editor.save_state_label.text() == "Unsaved changes"
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=5000)
    stored = notes.get_note(clinic.db, clinic.physician, editor.note.id)
    assert stored.text.endswith("Feels well")
    assert stored.version == 2
    assert notes.note_versions(clinic.db, clinic.physician, stored.id)[-1].origin == "autosave"
    assert editor.word_count_label.text() == "Words: 6"
    assert editor.save_state_label.text().startswith("Saved at")


def test_ctrl_s_saves_manually_and_close_saves_the_rest(
    qtbot: QtBot, clinic: Clinic, make_editor: Factory
) -> None:
    editor = make_editor()
    note_id = editor.note.id
    type_at_end(qtbot, editor, "BP 120/80")
    qtbot.keySequence(editor.editor, QKeySequence.StandardKey.Save)
    assert notes.note_versions(clinic.db, clinic.physician, note_id)[-1].origin == "manual"
    type_at_end(qtbot, editor, ". Stable.")
    assert editor.close()
    versions = notes.note_versions(clinic.db, clinic.physician, note_id)
    assert versions[-1].origin == "close"
    assert versions[-1].text.endswith("BP 120/80. Stable.")


def test_undo_and_redo(qtbot: QtBot, make_editor: Factory) -> None:
    editor = make_editor()
    assert not editor.undo_action.isEnabled()
    type_at_end(qtbot, editor, "x")
    assert editor.undo_action.isEnabled()
    editor.undo_action.trigger()
    assert editor.text() == SOAP_TEMPLATE
    assert editor.redo_action.isEnabled()
    editor.redo_action.trigger()
    assert editor.text() == SOAP_TEMPLATE + "x"


def test_history_shows_each_versions_diff(qtbot: QtBot, clinic: Clinic, make_editor: Factory) -> None:
    editor = make_editor()
    editor.editor.setPlainText(SOAP_TEMPLATE.replace("PLAN:\n", "PLAN:\nRecheck in 4 weeks.\n"))
    assert editor.save("manual")
    dialog = VersionHistoryDialog(clinic.db, clinic.physician, editor.note.id)
    qtbot.addWidget(dialog)
    assert dialog.version_list.count() == 2
    assert "Version 2" in dialog.version_list.item(1).text()
    assert "saved" in dialog.version_list.item(1).text()
    assert dialog.version_list.currentRow() == 1
    diff = dialog.diff_view.toPlainText()
    assert "+Recheck in 4 weeks." in diff
    assert "--- version 1" in diff
    dialog.version_list.setCurrentRow(0)
    assert "+SUBJECTIVE:" in dialog.diff_view.toPlainText()


def test_history_action_opens_the_dialog(qtbot: QtBot, make_editor: Factory) -> None:
    editor = make_editor()
    editor.history_action.trigger()
    dialog = editor.findChild(VersionHistoryDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_signed_note_is_read_only(clinic: Clinic, make_editor: Factory) -> None:
    encounter = start(clinic, clinic.patients[0])
    assert encounter.note_id is not None
    sign_directly(clinic.db, encounter.note_id)
    editor = make_editor(get_encounter(clinic.db, clinic.physician, encounter.id))
    assert editor.editor.isReadOnly()
    assert not editor.save_action.isEnabled()
    assert "signed and read-only" in editor.banner.text()
    assert "Signed" in editor.header.text()


def test_note_locked_while_editing_keeps_the_text(qtbot: QtBot, clinic: Clinic, make_editor: Factory) -> None:
    editor = make_editor()
    type_at_end(qtbot, editor, "Important words")
    sign_directly(clinic.db, editor.note.id)
    assert not editor.save("manual")
    assert editor.text().endswith("Important words")
    assert editor.banner.isVisible()
    assert "signed and can no longer be changed" in editor.banner.text()
    assert "Your text is still here" in editor.banner.text()
    assert editor.editor.isReadOnly()


def test_conflict_keeps_the_text_and_reload_restores_the_stored_one(
    qtbot: QtBot, clinic: Clinic, make_editor: Factory
) -> None:
    editor = make_editor()
    notes.save_note(clinic.db, clinic.physician, editor.note.id, "changed elsewhere", 1, "manual")
    type_at_end(qtbot, editor, "mine")
    assert not editor.save("manual")
    assert "changed elsewhere" in editor.banner.text()
    assert editor.text().endswith("mine")
    editor.reload()
    assert editor.text() == "changed elsewhere"
    assert not editor.banner.isVisible()
    editor.editor.undo()  # the person's own text is one undo away
    assert editor.text().endswith("mine")


def test_close_with_an_unsavable_note_asks_first(qtbot: QtBot, clinic: Clinic, make_editor: Factory) -> None:
    editor = make_editor()
    type_at_end(qtbot, editor, "unsaved")
    sign_directly(clinic.db, editor.note.id)
    assert not editor.close()
    box = editor.findChild(QMessageBox, "unsavedNoteBox")
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())


def test_a_database_failure_on_close_keeps_the_window_and_the_text(
    qtbot: QtBot, clinic: Clinic, make_editor: Factory
) -> None:
    import sqlite3

    editor = make_editor()
    type_at_end(qtbot, editor, "Do not lose me")
    path = clinic.db.engine.url.database
    assert path is not None
    # Another program holds SQLite's write lock: the save times out with "database is locked".
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        assert not editor.close()
        assert shiboken6.isValid(editor)
        assert editor.isVisible()
        assert editor.text().endswith("Do not lose me")
        assert "database did not answer" in editor.banner.text()
        box = editor.findChild(QMessageBox, "unsavedNoteBox")
        assert box is not None
        box.button(QMessageBox.StandardButton.Cancel).click()
    finally:
        blocker.rollback()
        blocker.close()
    assert editor.close()
    stored = notes.get_note(clinic.db, clinic.physician, editor.note.id)
    assert stored.text.endswith("Do not lose me")
