"""The auditor's workspace: signed notes with their details, coding statistics, an audit sample.

Three tabs (Ctrl+1, Ctrl+2, Ctrl+3). Notes: the signed notes with their verification badges;
Enter shows one note's text, signatures, addenda and coding sign-off beside the list (an
audited view, so merely moving through the list records nothing); the audit trail and the
exports act on the selected note. Statistics and the sample load when first asked for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from workbench.security.roles import Actor
from workbench.services.audit_stats import SampleItem
from workbench.services.encounters import EncounterInfo
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe
from workbench.ui.audit_note_detail import AuditNoteDetail
from workbench.ui.audit_sample_view import AuditSampleView
from workbench.ui.audit_stats_view import AuditStatsView
from workbench.ui.export_actions import ExportActions
from workbench.ui.workspaces.signed_notes import SignedNotesWorkspace


class AuditorWorkspace(SignedNotesWorkspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("auditorWorkspace")
        self.note_list.activated.disconnect(self.open_note)
        self.note_list.activated.connect(self.show_detail)
        self.trail_button = QPushButton()
        self.trail_button.setObjectName("auditTrail")
        self.trail_button.clicked.connect(self.show_audit_trail)
        self.exports = ExportActions(db, actor, self)
        self.exports.message.connect(self._export_message)
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("exportCsv")
        self.csv_button.clicked.connect(self.exports.export_codes)
        self.fhir_button = QPushButton()
        self.fhir_button.setObjectName("exportFhir")
        self.fhir_button.clicked.connect(self.export_selected_encounter)
        self.detail = AuditNoteDetail(db, actor)
        self.stats_view = AuditStatsView(db, actor)
        self.sample_view = AuditSampleView(db, actor)
        self.sample_view.note_chosen.connect(self.show_sample_note)

        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        for widget in (self.note_list, self.open_button):
            layout.removeWidget(widget)
        notes_side = QWidget()
        notes_layout = QVBoxLayout(notes_side)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self.note_list, 1)
        first_row = QHBoxLayout()
        for button in (self.open_button, self.trail_button):
            first_row.addWidget(button)
        first_row.addStretch(1)
        second_row = QHBoxLayout()
        for button in (self.csv_button, self.fhir_button):
            second_row.addWidget(button)
        second_row.addStretch(1)
        notes_layout.addLayout(first_row)
        notes_layout.addLayout(second_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("auditNotesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(notes_side)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 560])  # the list's columns, badge included, fit at 1280 wide
        self.tabs = QTabWidget()
        self.tabs.setObjectName("auditorTabs")
        self.tabs.addTab(self.splitter, "")
        self.tabs.addTab(self.stats_view, "")
        self.tabs.addTab(self.sample_view, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.insertWidget(0, self.tabs, 1)
        self.tab_shortcuts = []
        for number in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda index=number: self.show_tab(index))
            self.tab_shortcuts.append(shortcut)
        self.setTabOrder(self.open_button, self.trail_button)
        self.setTabOrder(self.trail_button, self.csv_button)
        self.setTabOrder(self.csv_button, self.fhir_button)
        self.setTabOrder(self.fhir_button, self.detail.text_edit)
        self.retranslate()

    # ---- navigation ----------------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        page = self.tabs.currentWidget()
        target = {
            self.splitter: self.note_list.view,
            self.stats_view: self.stats_view.compute_button,
            self.sample_view: self.sample_view.size_spin,
        }.get(page)
        if target is not None:
            target.setFocus()

    def _tab_changed(self, index: int) -> None:
        announce(self, self.tabs.tabText(index))
        if self.tabs.widget(index) is self.stats_view and self.stats_view.stats is None:
            self.stats_view.compute()

    def show_detail(self, encounter: EncounterInfo) -> None:
        if encounter.note_id is None:
            return
        self.detail.show_note(encounter.note_id)

    def show_sample_note(self, item: SampleItem) -> None:
        """A note from the sample: select it in the notes tab and show its details."""
        self.tabs.setCurrentWidget(self.splitter)
        self.note_list.select_where(lambda e: e.note_id == item.note_id)
        self.detail.show_note(item.note_id)
        self.note_list.view.setFocus()

    def show_audit_trail(self) -> None:
        from workbench.ui.audit_trail_view import AuditTrailDialog

        encounter = self.note_list.current_record()
        if encounter is None:
            self.status_message.emit(self.tr("Select a note first."))
            return
        dialog = AuditTrailDialog(self.db, self.actor, encounter.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_selected_encounter(self) -> None:
        encounter = self.note_list.current_record()
        self.exports.export_encounter(encounter.id if encounter is not None else None)

    def _export_message(self, text: str, problem: bool) -> None:
        self.status_message.emit(text)
        if problem:
            announce(self, text, assertive=True)

    # ---- the workspace's duties ------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        if self.stats_view.stats is not None:
            self.stats_view.compute()
        if self.detail.note_id is not None:
            self.detail.show_note(self.detail.note_id)

    def busy(self) -> bool:
        return (
            super().busy()
            or self.detail.busy()
            or self.stats_view.busy()
            or self.sample_view.busy()
            or self.exports.busy()
        )

    def title(self) -> str:
        return self.tr("Auditor")

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "tabs"):  # the base class translates before the tabs exist
            return
        self.trail_button.setText(self.tr("Audit &trail…"))
        describe(
            self.trail_button,
            self.tr("Audit trail"),
            self.tr("Everything recorded about the selected note's encounter"),
        )
        self.csv_button.setText(self.tr("Export codes as &CSV…"))
        describe(
            self.csv_button, self.tr("Export codes as CSV"), self.tr("Every finalised note's final codes")
        )
        self.fhir_button.setText(self.tr("Export FH&IR bundle…"))
        describe(
            self.fhir_button,
            self.tr("Export FHIR bundle"),
            self.tr("The selected encounter as an HL7 FHIR R4 bundle (JSON)"),
        )
        names = (self.tr("Notes"), self.tr("Statistics"), self.tr("Audit sample"))
        for index, name in enumerate(names):
            self.tabs.setTabText(index, name)
            self.tabs.setTabToolTip(
                index, self.tr("%1 (Ctrl+%2)").replace("%1", name).replace("%2", str(index + 1))
            )
        describe(
            self.tabs.tabBar(), self.tr("Auditor views"), self.tr("Ctrl+1, Ctrl+2 and Ctrl+3 switch views")
        )
        self.note_list.set_texts(
            self.tr("&Signed notes"),
            self.tr("Signed notes"),
            self.tr(
                "No signed notes yet. Signed and amended notes appear here for review once physicians "
                "sign them; press F5 to refresh."
            ),
        )
        describe(
            self.note_list.view,
            self.tr("Signed notes"),
            self.tr("Press Enter to show the selected note's details"),
        )
