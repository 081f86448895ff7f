"""Signing in the note editor: sign with the password, read-only afterwards, addenda, badges, audit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from tests.ui.conftest import PASSWORD, Clinic, start
from tests.ui.test_accessibility import assert_all_named
from workbench.security.roles import Actor
from workbench.services import audit_trail, notes, signing
from workbench.services.encounters import EncounterInfo
from workbench.store.guards import drop_guards
from workbench.store.models import AuditEvent, Note, NoteStatus
from workbench.ui.audit_trail_view import AuditTrailDialog
from workbench.ui.note_editor import NoteEditor
from workbench.ui.signing_view import SignaturePanel, SigningDialog


@pytest.fixture
def editors() -> Iterator[list[NoteEditor]]:
    made: list[NoteEditor] = []
    yield made
    for editor in made:
        if shiboken6.isValid(editor):
            editor.close()
    QApplication.processEvents()


def open_editor(
    qtbot: QtBot, clinic: Clinic, actor: Actor, encounter: EncounterInfo, editors: list[NoteEditor]
) -> NoteEditor:
    editor = NoteEditor(clinic.db, actor, encounter)
    editors.append(editor)
    editor.show()
    return editor


def written(clinic: Clinic, text: str = "Chest pain, resolved. Plan: follow up.") -> EncounterInfo:
    encounter = start(clinic, clinic.patients[0])
    assert encounter.note_id is not None
    notes.save_note(clinic.db, clinic.physician, encounter.note_id, text, 1, "manual")
    return encounter


def dialog_of(editor: NoteEditor, qtbot: QtBot) -> SigningDialog:
    qtbot.waitUntil(lambda: editor.findChild(SigningDialog) is not None, timeout=2000)
    dialog = editor.findChild(SigningDialog)
    assert dialog is not None
    return dialog


def sign_through_dialog(qtbot: QtBot, editor: NoteEditor) -> None:
    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(editor, qtbot)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(editor.signed, timeout=20_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def verified_panel(qtbot: QtBot, editor: NoteEditor) -> SignaturePanel:
    qtbot.waitUntil(lambda: editor.signature_panel is not None, timeout=2000)
    panel = editor.signature_panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.view is not None and not panel.busy(), timeout=20_000)
    return panel


def test_the_author_signs_with_the_password_and_the_note_locks(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]
) -> None:
    encounter = start(clinic, clinic.patients[0])
    editor = open_editor(qtbot, clinic, clinic.physician, encounter, editors)
    assert editor.sign_button.isVisible() and editor.sign_action.isEnabled()
    assert editor.signature_panel is None
    qtbot.keyClicks(editor.editor, "Assessment: stable.")  # unsaved text is saved before signing

    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(editor, qtbot)
    assert_all_named(dialog)
    qtbot.keyClicks(dialog.password_edit, "wrong password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.ok_button.isEnabled() and dialog.error.text() != "Signing…", timeout=20_000
    )
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "password" in dialog.error.text().lower()
    assert notes.get_note(clinic.db, clinic.physician, editor.note.id).status is NoteStatus.DRAFT

    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(editor.signed, timeout=20_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    stored = notes.get_note(clinic.db, clinic.physician, editor.note.id)
    assert stored.status is NoteStatus.SIGNED and stored.text.startswith("Assessment: stable.")
    assert editor.editor.isReadOnly() and not editor.editable
    assert not editor.sign_button.isVisible()
    assert "signed and read-only" in editor.banner.text()
    panel = verified_panel(qtbot, editor)
    assert panel.signed_line.text().startswith("Signed by drwho on ")
    assert panel.badge.badge.verified is True
    assert panel.badge.badge.text() == "✓ Verified"
    assert not panel.badge.icon.pixmap().isNull()  # an icon as well as the words
    assert editor.addendum_action.isEnabled()
    assert_all_named(editor)


def test_addenda_are_signed_listed_in_order_and_verified(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]
) -> None:
    editor = open_editor(qtbot, clinic, clinic.physician, written(clinic), editors)
    sign_through_dialog(qtbot, editor)
    panel = verified_panel(qtbot, editor)
    for text in ("Potassium was 4.1, not 1.4.", "Follow-up moved to Friday."):
        editor.addendum_action.trigger()
        dialog = dialog_of(editor, qtbot)
        assert dialog.text_edit.isVisible()
        qtbot.keyClicks(dialog.text_edit, text)
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        with qtbot.waitSignal(dialog.completed, timeout=20_000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.findChild(SigningDialog) is None, timeout=2000)
        qtbot.waitUntil(lambda: not panel.busy(), timeout=20_000)
    assert [v.body.text() for v in panel.addenda_views] == [
        "Potassium was 4.1, not 1.4.",
        "Follow-up moved to Friday.",
    ]
    assert panel.addenda_views[0].heading.text().startswith("Addendum 1 — signed by drwho on ")
    assert all(v.badge.badge.verified for v in panel.addenda_views)
    assert editor.note.status is NoteStatus.AMENDED
    assert_all_named(editor)


def test_an_empty_addendum_is_refused_in_the_dialog(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]
) -> None:
    editor = open_editor(qtbot, clinic, clinic.physician, written(clinic), editors)
    sign_through_dialog(qtbot, editor)
    verified_panel(qtbot, editor)
    qtbot.mouseClick(editor.signature_panel.addendum_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    dialog = dialog_of(editor, qtbot)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    dialog.submit()
    assert dialog.isVisible() and dialog.error.text() == "Write the addendum before signing it."


def test_a_tampered_note_shows_not_verified(qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]) -> None:
    encounter = written(clinic)
    editor = open_editor(qtbot, clinic, clinic.physician, encounter, editors)
    sign_through_dialog(qtbot, editor)
    verified_panel(qtbot, editor)
    editor.close()
    with clinic.db.engine.begin() as connection:
        drop_guards(connection)  # what an attacker with the database file could do
        connection.execute(update(Note).where(Note.id == encounter.note_id).values(text="Nothing wrong."))
    viewer = open_editor(qtbot, clinic, clinic.coder, encounter, editors)
    panel = verified_panel(qtbot, viewer)
    badge = panel.badge.badge
    assert badge.verified is False
    assert badge.text().startswith("✗ Not verified: ")
    assert badge.accessibleName() == badge.text()


def test_an_auditor_views_a_signed_note_audited_and_sees_its_trail(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]
) -> None:
    encounter = written(clinic)
    editor = open_editor(qtbot, clinic, clinic.physician, encounter, editors)
    sign_through_dialog(qtbot, editor)
    viewer = open_editor(qtbot, clinic, clinic.auditor, encounter, editors)
    assert not viewer.addendum_action.isVisible() and not viewer.sign_button.isVisible()
    panel = verified_panel(qtbot, viewer)
    assert panel.badge.badge.verified is True
    assert not panel.addendum_button.isVisible()
    with clinic.db.session() as session:
        viewed = session.scalars(select(AuditEvent).where(AuditEvent.action == "note.viewed")).all()
        assert [(e.actor_name, e.entity_id) for e in viewed] == [("auditor1", str(encounter.note_id))]

    assert viewer.audit_action.isVisible()
    viewer.audit_action.trigger()
    qtbot.waitUntil(lambda: viewer.findChild(AuditTrailDialog) is not None, timeout=2000)
    trail = viewer.findChild(AuditTrailDialog)
    assert trail is not None
    qtbot.waitUntil(lambda: not trail.busy(), timeout=20_000)
    model = trail.events.model
    actions = [model.index(r, 2).data() for r in range(model.rowCount())]
    expected = [e.action for e in audit_trail.encounter_history(clinic.db, clinic.auditor, encounter.id)]
    assert actions == expected
    assert "note.signed" in actions and "note.viewed" in actions
    assert trail.chain_label.text().startswith("✓ Audit chain intact")
    assert_all_named(trail)


def test_the_physician_has_no_audit_trail_and_a_coder_cannot_sign(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]
) -> None:
    encounter = written(clinic)
    editor = open_editor(qtbot, clinic, clinic.physician, encounter, editors)
    assert not editor.audit_action.isVisible()
    editor.show_audit_trail()
    assert editor.findChild(AuditTrailDialog) is None
    coder_view = open_editor(qtbot, clinic, clinic.coder, encounter, editors)
    assert not coder_view.sign_button.isVisible() and not coder_view.sign_action.isEnabled()


def test_the_auditor_workspace_opens_the_trail_of_the_selected_note(qtbot: QtBot, clinic: Clinic) -> None:
    from tests.ui.test_workspaces import open_window
    from workbench.ui.workspaces.auditor import AuditorWorkspace

    encounter = written(clinic)
    assert encounter.note_id is not None
    signing.sign_note(clinic.db, clinic.physician, encounter.note_id, PASSWORD)
    window = open_window(qtbot, clinic, clinic.auditor)
    workspace = window.workspace
    assert isinstance(workspace, AuditorWorkspace)
    assert workspace.trail_button.accessibleName() == "Audit trail"
    qtbot.mouseClick(workspace.trail_button, Qt.MouseButton.LeftButton)
    trail = workspace.findChild(AuditTrailDialog)
    assert trail is not None and trail.encounter_id == encounter.id
    qtbot.waitUntil(lambda: not trail.busy(), timeout=20_000)
    assert trail.events.model.rowCount() >= 2
    trail.close()


def test_signing_retires_the_dictation_panel(qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]) -> None:
    from tests.ui.test_workspaces import open_window
    from workbench.ui.note_dictation import NoteDictation
    from workbench.ui.workspaces.physician import PhysicianWorkspace

    window = open_window(qtbot, clinic, clinic.physician)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    editor = workspace.open_note(written(clinic))
    assert editor is not None
    editors.append(editor)
    dictation = editor.findChild(NoteDictation)
    assert dictation is not None and dictation.isVisible()
    sign_through_dialog(qtbot, editor)
    assert not dictation.isVisible()


def test_the_coders_list_shows_a_signature_column(qtbot: QtBot, clinic: Clinic) -> None:
    from tests.ui.conftest import sign_directly
    from tests.ui.test_workspaces import open_window, rows

    good = written(clinic)
    assert good.note_id is not None
    signing.sign_note(clinic.db, clinic.physician, good.note_id, PASSWORD)
    bad = start(clinic, clinic.patients[1])
    assert bad.note_id is not None
    sign_directly(clinic.db, bad.note_id)  # marked signed, never really signed
    from workbench.ui.workspaces.signed_notes import SignedNotesWorkspace

    window = open_window(qtbot, clinic, clinic.coder)
    workspace = window.workspace
    assert isinstance(workspace, SignedNotesWorkspace)
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=20_000)
    model = workspace.note_list.model
    assert model.headerData(model.columnCount() - 1, Qt.Orientation.Horizontal) == "Signature"
    verdicts = {row[2]: row[-1] for row in rows(workspace.note_list)}
    assert verdicts == {"00000101": "✓ Verified", "00000102": "✗ Not verified"}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_addendum_dialog_mnemonics_do_not_collide(
    qtbot: QtBot,
    qapp: QApplication,
    workbench_factory: list,
    clinic: Clinic,
    built_translations: None,
    language: str,
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from tests.ui.conftest import make_workbench
    from tests.ui.test_accessibility import mnemonic
    from workbench.config import Settings

    make_workbench(qapp, workbench_factory, clinic.db, Settings(language=language))
    dialog = SigningDialog(lambda _text, _password: None, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton) if button.isVisible()]
    letters = [m for m in (mnemonic(t) for t in texts) if m]
    assert len(letters) >= 3
    assert sorted(letters) == sorted(set(letters)), texts


def test_reloading_a_note_signed_elsewhere_shows_the_signature(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor]
) -> None:
    encounter = written(clinic)
    assert encounter.note_id is not None
    editor = open_editor(qtbot, clinic, clinic.physician, encounter, editors)
    assert editor.sign_button.isVisible()
    signing.sign_note(clinic.db, clinic.physician, encounter.note_id, PASSWORD)  # another desktop
    editor.reload_action.trigger()
    assert not editor.sign_button.isVisible() and editor.editor.isReadOnly()
    assert verified_panel(qtbot, editor).badge.badge.verified is True
