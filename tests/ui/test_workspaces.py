from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Clinic, make_workbench, sign_directly, start
from workbench.security.roles import Actor
from workbench.services import notes
from workbench.services.users import UserInfo
from workbench.store.models import NoteStatus
from workbench.ui.app import Workbench
from workbench.ui.main_window import MainWindow
from workbench.ui.note_editor import NoteEditor
from workbench.ui.workspaces.admin import AdminWorkspace
from workbench.ui.workspaces.auditor import AuditorWorkspace
from workbench.ui.workspaces.base import RecordList, Workspace
from workbench.ui.workspaces.coder import CoderWorkspace
from workbench.ui.workspaces.physician import PhysicianWorkspace


def open_window(qtbot: QtBot, clinic: Clinic, actor: Actor) -> MainWindow:
    assert actor.user_id is not None
    user = UserInfo(actor.user_id, actor.username, actor.display_name, actor.role, True)
    window = MainWindow(clinic.db, user)
    qtbot.addWidget(window)
    window.show()
    wait_loaded(qtbot, window.workspace)
    return window


def wait_loaded(qtbot: QtBot, workspace: Workspace) -> None:
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=10_000)


def rows(records: RecordList) -> list[list[str]]:
    model = records.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


@pytest.fixture
def closing() -> Iterator[list[NoteEditor]]:
    editors: list[NoteEditor] = []
    yield editors
    for editor in editors:
        if shiboken6.isValid(editor):
            editor.close()


def test_physician_sees_todays_encounters_and_patients(qtbot: QtBot, clinic: Clinic) -> None:
    start(clinic, clinic.patients[1], "cough")
    window = open_window(qtbot, clinic, clinic.physician)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    encounter_rows = rows(workspace.encounter_list)
    assert len(encounter_rows) == 1
    assert encounter_rows[0][1:] == ["Berg, Tomas", "00000102", "office visit", "cough", "Draft"]
    assert not workspace.encounter_list.is_empty()
    assert [r[1] for r in rows(workspace.patient_list)] == ["Alvarez, Lucia", "Berg, Tomas", "Okafor, Amara"]


def test_patient_filter_narrows_the_list(qtbot: QtBot, clinic: Clinic) -> None:
    window = open_window(qtbot, clinic, clinic.physician)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    qtbot.keyClicks(workspace.filter_edit, "oka")
    qtbot.waitUntil(lambda: [r[1] for r in rows(workspace.patient_list)] == ["Okafor, Amara"], timeout=5000)
    workspace.filter_edit.setText("zzz-nobody")
    qtbot.waitUntil(workspace.patient_list.is_empty, timeout=5000)
    assert "No patients match" in workspace.patient_list.empty_label.text()


def test_start_encounter_opens_its_note_and_lists_it(
    qtbot: QtBot, clinic: Clinic, closing: list[NoteEditor]
) -> None:
    window = open_window(qtbot, clinic, clinic.physician)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    assert workspace.encounter_list.is_empty()
    assert "No encounters today" in workspace.encounter_list.empty_label.text()
    workspace.patient_list.view.selectRow(2)
    editor = workspace.start_encounter()
    assert editor is not None
    closing.append(editor)
    assert editor.isVisible()
    assert editor.text().startswith("SUBJECTIVE:")
    assert "Okafor, Amara" in editor.windowTitle()
    wait_loaded(qtbot, workspace)
    assert [r[1] for r in rows(workspace.encounter_list)] == ["Okafor, Amara"]
    # Opening the same note again brings the same window forward.
    encounter = workspace.encounter_list.model.record(0)
    assert encounter is not None
    assert workspace.open_note(encounter) is editor


@pytest.mark.parametrize("role", ["coder", "auditor"])
def test_signed_note_lists_show_only_signed_notes(qtbot: QtBot, clinic: Clinic, role: str) -> None:
    signed = start(clinic, clinic.patients[0], "diabetes")
    amended = start(clinic, clinic.patients[1], "reflux")
    start(clinic, clinic.patients[2], "still a draft")
    assert signed.note_id is not None and amended.note_id is not None
    sign_directly(clinic.db, signed.note_id)
    sign_directly(clinic.db, amended.note_id, NoteStatus.AMENDED)
    window = open_window(qtbot, clinic, getattr(clinic, role))
    expected = CoderWorkspace if role == "coder" else AuditorWorkspace
    workspace = window.workspace
    assert isinstance(workspace, expected)
    listed = rows(workspace.note_list)
    assert sorted((r[1], r[3], r[5]) for r in listed) == [
        ("Alvarez, Lucia", "Test physician", "Signed"),
        ("Berg, Tomas", "Test physician", "Amended"),
    ]


@pytest.mark.parametrize(
    ("role", "words"), [("coder", "worklist is empty"), ("auditor", "No signed notes yet")]
)
def test_signed_note_lists_say_what_to_do_when_empty(
    qtbot: QtBot, clinic: Clinic, role: str, words: str
) -> None:
    start(clinic, clinic.patients[0])
    window = open_window(qtbot, clinic, getattr(clinic, role))
    workspace = window.workspace
    assert isinstance(workspace, CoderWorkspace | AuditorWorkspace)
    assert workspace.note_list.is_empty()
    empty = workspace.note_list.empty_label
    assert isinstance(empty, QLabel) and empty.isVisible()
    assert words in empty.text()


def test_coder_opens_a_signed_note_read_only(qtbot: QtBot, clinic: Clinic, closing: list[NoteEditor]) -> None:
    encounter = start(clinic, clinic.patients[0])
    assert encounter.note_id is not None
    sign_directly(clinic.db, encounter.note_id)
    window = open_window(qtbot, clinic, clinic.coder)
    workspace = window.workspace
    assert isinstance(workspace, CoderWorkspace)
    workspace.note_list.view.selectRow(0)
    workspace.open_selected_note()
    viewer = workspace.viewers[encounter.note_id]
    closing.append(viewer)
    assert viewer.editor.isReadOnly()
    assert "signed and read-only" in viewer.banner.text()


def test_admin_sees_the_users(qtbot: QtBot, clinic: Clinic) -> None:
    window = open_window(qtbot, clinic, clinic.admin)
    workspace = window.workspace
    assert isinstance(workspace, AdminWorkspace)
    listed = {r[0]: r[2] for r in rows(workspace.user_list)}
    assert listed == {
        "admin1": "Administrator",
        "auditor1": "Auditor",
        "coder1": "Coder",
        "drwho": "Physician",
    }


def test_main_window_status_bar_and_toolbar_seam(qtbot: QtBot, clinic: Clinic) -> None:
    window = open_window(qtbot, clinic, clinic.auditor)
    assert window.user_label.text() == "Signed in as Test auditor (Auditor)"
    box = QLabel("search goes here")
    window.add_toolbar_widget(box)
    assert window.toolbar is not None and box.parent() is window.toolbar
    window.refresh()
    assert window.statusBar().currentMessage() == "Refreshed."
    wait_loaded(qtbot, window.workspace)


def test_refresh_keeps_the_selected_row(qtbot: QtBot, clinic: Clinic) -> None:
    window = open_window(qtbot, clinic, clinic.physician)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    workspace.patient_list.view.selectRow(1)
    chosen = workspace.patient_list.current_record()
    assert chosen is not None and chosen.family_name == "Berg"
    workspace.refresh()
    wait_loaded(qtbot, workspace)
    assert workspace.patient_list.current_record() == chosen


def test_sign_out_saves_open_notes(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = make_workbench(qapp, workbench_factory, clinic.db)
    wb.db = clinic.db
    assert clinic.physician.user_id is not None
    user = UserInfo(clinic.physician.user_id, "drwho", "Test physician", clinic.physician.role, True)
    window = wb.show_workspace(user)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    wait_loaded(qtbot, workspace)
    workspace.patient_list.view.selectRow(0)
    editor = workspace.start_encounter()
    assert editor is not None
    note_id = editor.note.id
    editor.editor.appendPlainText("Written just before signing out")
    assert wb.sign_out()
    stored = notes.get_note(clinic.db, clinic.physician, note_id)
    assert stored.text.endswith("Written just before signing out")
    assert notes.note_versions(clinic.db, clinic.physician, note_id)[-1].origin == "close"
    assert wb.login.isVisible()


def test_a_failing_query_shows_a_short_reason_not_sql(qtbot: QtBot, clinic: Clinic) -> None:
    from sqlalchemy import text

    window = open_window(qtbot, clinic, clinic.auditor)
    workspace = window.workspace
    assert isinstance(workspace, AuditorWorkspace)
    with clinic.db.engine.begin() as connection:
        connection.execute(text("ALTER TABLE notes RENAME TO notes_gone"))
    workspace.refresh()
    wait_loaded(qtbot, workspace)
    message = workspace.note_list.empty_label.text()
    assert workspace.note_list.is_empty()
    assert message.startswith("Could not load this list because of a database problem")
    assert "workbench db current" in message
    assert "SELECT" not in message
