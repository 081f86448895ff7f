"""A list of signed notes that opens each one read-only (the coder's and auditor's start)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from workbench.errors import WorkbenchError
from workbench.security.roles import Actor
from workbench.services import encounters
from workbench.services.encounters import EncounterInfo
from workbench.services.patients import PatientInfo
from workbench.store.database import Database
from workbench.store.models import NoteStatus
from workbench.ui.accessibility import describe
from workbench.ui.models import VerifiedNoteTableModel
from workbench.ui.note_editor import NoteEditor
from workbench.ui.workspaces.base import RecordList, Workspace

SIGNED = (NoteStatus.SIGNED, NoteStatus.AMENDED)


class SignedNotesWorkspace(Workspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.viewers: dict[int, NoteEditor] = {}
        self.notes_model = VerifiedNoteTableModel()
        self.note_list = RecordList(self.notes_model, "signedNotes")
        self.note_list.activated.connect(self.open_note)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openNote")
        self.open_button.clicked.connect(self.open_selected_note)
        # Coding review and audit panels are added below the list by their features.
        self.detail_area = QWidget()
        self.detail_area.setObjectName("detailArea")
        self.detail_layout = QVBoxLayout(self.detail_area)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_area.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_list, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail_area)

    def add_side_panel(self, panel: QWidget) -> None:
        self.detail_layout.addWidget(panel)
        self.detail_area.show()

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("&Open note"))
        describe(self.open_button, self.tr("Open note"), self.tr("Open the selected note, read-only"))

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        self.load(
            self.note_list, "notes", lambda: encounters.notes_with_status(db, actor, SIGNED), self._verify
        )

    def _verify(self, rows: Sequence[EncounterInfo]) -> None:
        """Check the listed notes' signatures in the background; the badge column fills in."""
        db, actor = self.db, self.actor
        note_ids = [r.note_id for r in rows if r.note_id is not None]

        def verify() -> dict[int, bool]:
            from workbench.services import signing

            verdicts = {}
            for nid in note_ids:
                verification = signing.verify_note(db, actor, nid)
                verdicts[nid] = verification.ok and bool(verification.checks)  # no checks: nothing signed
            return verdicts

        self.runner.submit("verify", verify, self.notes_model.set_verdicts, self._verify_failed)

    def _verify_failed(self, error: Exception) -> None:
        self.status_message.emit(self.tr("Signatures could not be checked: %1").replace("%1", str(error)))

    def show_patient(self, patient: PatientInfo) -> None:
        """Select the patient's first note in the list (Enter opens it)."""
        if self.note_list.select_where(lambda e: e.patient.id == patient.id):
            self.note_list.view.setFocus()
            message = self.tr("Showing the notes of %1.").replace("%1", patient.display_name)
        else:
            message = self.tr("%1 has no signed notes.").replace("%1", patient.display_name)
        self.status_message.emit(message)

    def open_selected_note(self) -> None:
        encounter = self.note_list.current_record()
        if encounter is None:
            self.status_message.emit(self.tr("Select a note first."))
            return
        self.open_note(encounter)

    def open_note(self, encounter: EncounterInfo) -> NoteEditor | None:
        if encounter.note_id is None:
            return None
        viewer = self.viewers.get(encounter.note_id)
        if viewer is None:
            try:
                viewer = NoteEditor(self.db, self.actor, encounter, self)
            except WorkbenchError as exc:
                self.status_message.emit(str(exc))
                return None
            note_id = encounter.note_id
            self.viewers[note_id] = viewer
            viewer.destroyed.connect(lambda _obj=None, key=note_id: self.viewers.pop(key, None))
        viewer.show()
        viewer.raise_()
        return viewer

    def open_windows(self) -> list[QWidget]:
        return list(self.viewers.values())
