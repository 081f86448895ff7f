"""The physician's workspace: today's encounters, the patient list, and starting an encounter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.security.roles import Actor, Permission
from workbench.services import encounters, patients
from workbench.services.encounters import ENCOUNTER_TYPES, EncounterInfo
from workbench.services.patients import PatientInfo
from workbench.store.database import Database
from workbench.ui import live_transcript
from workbench.ui.accessibility import announce, describe
from workbench.ui.live_transcript import JobFactory
from workbench.ui.models import EncounterTableModel, PatientTableModel
from workbench.ui.note_dictation import NoteDictation, SourceFactory, microphone_source
from workbench.ui.note_editor import NoteEditor
from workbench.ui.workspaces.base import RecordList, Workspace

FILTER_DELAY_MS = 150
PATIENT_LIMIT = 200


class PhysicianWorkspace(Workspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("physicianWorkspace")
        self.editors: dict[int, NoteEditor] = {}
        # Where dictation audio comes from and goes to; tests feed a file instead of a microphone.
        self.audio_source: SourceFactory = microphone_source()
        self.recordings_dir: Path | None = None
        # The physician's own transcription job unless a test supplies one (e.g. a slowed engine).
        self.transcription_job: JobFactory | None = None

        self.encounter_list = RecordList(EncounterTableModel(), "encounters")
        self.open_button = QPushButton()
        self.open_button.setObjectName("openNote")
        self.open_button.clicked.connect(self.open_selected_note)
        self.encounter_list.activated.connect(self.open_note)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.encounter_list, 1)
        left_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.filter_label = QLabel()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("patientFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_edit)
        self.patient_list = RecordList(PatientTableModel(), "patients")
        self.patient_list.activated.connect(lambda _record: self.start_encounter())
        self.type_label = QLabel()
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("encounterType")
        self.type_combo.addItems(list(ENCOUNTER_TYPES))
        self.type_label.setBuddy(self.type_combo)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startEncounter")
        self.start_button.clicked.connect(self.start_encounter)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_label)
        filter_row.addWidget(self.filter_edit, 1)
        start_row = QHBoxLayout()
        start_row.addWidget(self.type_label)
        start_row.addWidget(self.type_combo)
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filter_row)
        right_layout.addWidget(self.patient_list, 1)
        right_layout.addLayout(start_row)

        # Panels that work beside the lists (dictation, search) are added here by other features.
        self.side_area = QWidget()
        self.side_area.setObjectName("physicianSideArea")
        self.side_layout = QVBoxLayout(self.side_area)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_area.hide()

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.addWidget(self.side_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DELAY_MS)
        self.filter_timer.timeout.connect(self.load_patients)
        self.filter_edit.textChanged.connect(lambda _text: self.filter_timer.start())
        self.filter_edit.returnPressed.connect(self.load_patients)

        self.setTabOrder(self.encounter_list.view, self.open_button)
        self.setTabOrder(self.open_button, self.filter_edit)
        self.setTabOrder(self.filter_edit, self.patient_list.view)
        self.setTabOrder(self.patient_list.view, self.type_combo)
        self.setTabOrder(self.type_combo, self.start_button)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Physician")

    def retranslate(self) -> None:
        self.encounter_list.set_texts(
            self.tr("&Today's encounters"),
            self.tr("Today's encounters"),
            self.tr(
                "No encounters today. Select a patient on the right and press “Start encounter” "
                "(or Enter) to begin one."
            ),
        )
        self.patient_list.set_texts(
            self.tr("Patient &list"),
            self.tr("Patients"),
            self.tr(
                "No patients match. Check the spelling or the MRN, or import patients with "
                "“workbench patients import FILE.csv”."
            ),
        )
        self.open_button.setText(self.tr("&Open note"))
        describe(self.open_button, self.tr("Open note"), self.tr("Open the selected encounter's note"))
        self.filter_label.setText(self.tr("Find &patient:"))
        self.filter_edit.setPlaceholderText(self.tr("MRN or name"))
        describe(self.filter_edit, self.tr("Find patient"), self.tr("Type an MRN or the start of a name"))
        self.type_label.setText(self.tr("T&ype:"))
        describe(self.type_combo, self.tr("Encounter type"))
        self.start_button.setText(self.tr("Start &encounter"))
        describe(
            self.start_button,
            self.tr("Start encounter"),
            self.tr("Start an encounter for the selected patient and open its note"),
        )

    def add_side_panel(self, panel: QWidget) -> None:
        """A seam for panels that sit beside the lists (dictation, search)."""
        self.side_layout.addWidget(panel)
        self.side_area.show()

    def refresh(self) -> None:
        self.load_encounters()
        self.load_patients()

    def load_encounters(self) -> None:
        db, actor = self.db, self.actor
        self.load(self.encounter_list, "encounters", lambda: encounters.encounters_for_clinician(db, actor))

    def load_patients(self) -> None:
        self.filter_timer.stop()
        db, actor, text = self.db, self.actor, self.filter_edit.text()
        self.load(
            self.patient_list,
            "patients",
            lambda: patients.find_patients(db, actor, text, limit=PATIENT_LIMIT),
        )

    def show_patient(self, patient: PatientInfo) -> None:
        """Select the patient (Enter then starts an encounter) and their encounter of today, if any."""
        self.filter_edit.setText(patient.mrn)
        self.filter_timer.stop()  # one load below, not a second one from the timer
        self.encounter_list.select_where(lambda e: e.patient.id == patient.id)
        db, actor, text = self.db, self.actor, patient.mrn

        def select(_rows: object) -> None:
            self.patient_list.select_where(lambda p: p.id == patient.id)
            self.patient_list.view.setFocus()
            message = self.tr("%1 selected. Press Enter to start an encounter.").replace(
                "%1", patient.display_name
            )
            self.status_message.emit(message)
            announce(self, message)

        self.load(
            self.patient_list,
            "patients",
            lambda: patients.find_patients(db, actor, text, limit=PATIENT_LIMIT),
            select,
        )

    def open_selected_note(self) -> None:
        encounter = self.encounter_list.current_record()
        if encounter is None:
            self.status_message.emit(self.tr("Select an encounter first."))
            return
        self.open_note(encounter)

    def open_note(self, encounter: EncounterInfo) -> NoteEditor | None:
        if encounter.note_id is None:
            return None
        editor = self.editors.get(encounter.note_id)
        if editor is None:
            try:
                editor = NoteEditor(self.db, self.actor, encounter, self)
            except WorkbenchError as exc:
                self._error(str(exc))
                return None
            note_id = encounter.note_id
            self.editors[note_id] = editor
            self._add_dictation(editor, encounter)
            editor.destroyed.connect(lambda _obj=None, key=note_id: self.editors.pop(key, None))
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _add_dictation(self, editor: NoteEditor, encounter: EncounterInfo) -> None:
        if not editor.editable or not self.actor.can(Permission.DICTATE):
            return  # a signed note, or someone else's: nothing to dictate into
        panel = NoteDictation(self.db, self.actor, encounter.id, self.audio_source, self.recordings_dir)
        editor.add_side_panel(panel)
        editor.closing.connect(panel.shutdown)
        # Nothing more can be dictated into a signed note; a paused take stays resumable elsewhere.
        editor.signed.connect(lambda _info: self._retire_dictation(panel))
        panel.panel.take_finished.connect(
            lambda info: editor.statusBar().showMessage(
                self.tr("Dictation saved (%1 s).").replace("%1", f"{info.duration_s:.1f}")
            )
        )
        live_transcript.attach(editor, panel, self.transcription_job)
        panel.look_for_unfinished()

    @staticmethod
    def _retire_dictation(panel: NoteDictation) -> None:
        panel.shutdown()
        panel.hide()

    def start_encounter(self) -> NoteEditor | None:
        patient = self.patient_list.current_record()
        if patient is None:
            self.status_message.emit(self.tr("Select a patient first."))
            return None
        try:
            encounter = encounters.start_encounter(
                self.db, self.actor, patient.id, self.type_combo.currentText()
            )
        except WorkbenchError as exc:
            self._error(str(exc))
            return None
        message = self.tr("Encounter started for %1.").replace("%1", patient.display_name)
        self.status_message.emit(message)
        announce(self, message)
        self.load_encounters()
        return self.open_note(encounter)

    def _error(self, message: str) -> None:
        self.status_message.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Coder Workbench"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def open_windows(self) -> list[QWidget]:
        return list(self.editors.values())
