"""A random audit sample: N finalised notes per coder, drawn (and audited) by the service."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from workbench.security.roles import Actor
from workbench.services import audit_stats
from workbench.services.audit_stats import SampleItem
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe
from workbench.ui.models import Column, RecordTableModel
from workbench.ui.tasks import TaskRunner
from workbench.ui.workspaces.base import RecordList

MAX_PER_CODER = 500


class SampleTableModel(RecordTableModel[SampleItem]):
    columns = (
        Column[SampleItem](
            lambda: QCoreApplication.translate("SampleTableModel", "Coder"), lambda s: s.coder
        ),
        Column[SampleItem](
            lambda: QCoreApplication.translate("SampleTableModel", "Note"), lambda s: str(s.note_id)
        ),
        Column[SampleItem](
            lambda: QCoreApplication.translate("SampleTableModel", "Encounter"), lambda s: str(s.encounter_id)
        ),
    )


class AuditSampleView(QWidget):
    """Notes per coder (spin box), Draw, the drawn notes; Enter or Show opens one."""

    note_chosen = Signal(object)  # SampleItem

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditSample")
        self.db = db
        self.actor = actor
        self.runner = TaskRunner(self)
        self.size_label = QLabel()
        self.size_spin = QSpinBox()
        self.size_spin.setObjectName("samplePerCoder")
        self.size_spin.setRange(1, MAX_PER_CODER)
        self.size_spin.setValue(5)
        self.size_label.setBuddy(self.size_spin)
        self.draw_button = QPushButton()
        self.draw_button.setObjectName("sampleDraw")
        self.draw_button.clicked.connect(self.draw)
        self.summary = QLabel()
        self.summary.setObjectName("sampleSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.sample_list = RecordList(SampleTableModel(), "auditSampleNotes")
        self.sample_list.activated.connect(self.note_chosen)
        self.show_button = QPushButton()
        self.show_button.setObjectName("sampleShowNote")
        self.show_button.clicked.connect(self.show_selected)
        controls = QHBoxLayout()
        controls.addWidget(self.size_label)
        controls.addWidget(self.size_spin)
        controls.addWidget(self.draw_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.sample_list, 1)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.drawn = False
        self.retranslate()

    def draw(self) -> None:
        db, actor, per_coder = self.db, self.actor, self.size_spin.value()
        self.sample_list.set_loading()
        self._show_message(self.tr("Drawing the sample…"), False)
        self.runner.submit(
            "sample",
            lambda: audit_stats.audit_sample(db, actor, per_coder),
            self._show_sample,
            self._failed,
        )

    def busy(self) -> bool:
        return self.runner.busy()

    def _show_sample(self, sample: tuple[SampleItem, ...]) -> None:
        self.drawn = True
        self.sample_list.set_records(sample)
        coders = len({s.coder_id for s in sample})
        message = (
            self.tr("Sample drawn: %1 notes from %2 coders. Press Enter on one to review it.")
            .replace("%1", str(len(sample)))
            .replace("%2", str(coders))
        )
        self._show_message(message, False)

    def _failed(self, error: Exception) -> None:
        first = (str(error).splitlines() or [type(error).__name__])[0]
        message = self.tr("The sample could not be drawn: %1").replace("%1", first)
        self.sample_list.set_error(message)
        self._show_message(message, True)

    def show_selected(self) -> None:
        item = self.sample_list.current_record()
        if item is None:
            self._show_message(self.tr("Draw a sample and select a note first."), True)
            return
        self.note_chosen.emit(item)

    def _show_message(self, message: str, assertive: bool) -> None:
        self.summary.setText(message)
        describe(self.summary, message)
        announce(self, message, assertive=assertive)

    def retranslate(self) -> None:
        self.size_label.setText(self.tr("Notes per &coder:"))
        describe(
            self.size_spin, self.tr("Notes per coder"), self.tr("How many finalised notes to draw per coder")
        )
        inner = self.size_spin.findChild(QLineEdit)
        if inner is not None:  # the spin box's own text field is a control of its own
            describe(inner, self.tr("Notes per coder"))
        self.draw_button.setText(self.tr("&Draw sample"))
        describe(
            self.draw_button, self.tr("Draw sample"), self.tr("Draw a new random sample; the draw is audited")
        )
        self.sample_list.set_texts(
            self.tr("Audit &sample"),
            self.tr("Audit sample"),
            self.tr("No sample yet, or no finalised coding to sample. Choose a size and press Draw sample."),
        )
        self.show_button.setText(self.tr("Sho&w note"))
        describe(self.show_button, self.tr("Show note"), self.tr("Show the selected note's details"))
        if not self.drawn and not self.runner.busy():
            self.summary.setText(self.tr("A random sample of finalised notes for each coder, to re-check."))
            describe(self.summary, self.summary.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
