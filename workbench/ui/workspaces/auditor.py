"""The auditor's workspace: signed and amended notes to review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from workbench.security.roles import Actor
from workbench.store.database import Database
from workbench.ui.accessibility import describe
from workbench.ui.workspaces.signed_notes import SignedNotesWorkspace


class AuditorWorkspace(SignedNotesWorkspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("auditorWorkspace")
        self.trail_button = QPushButton()
        self.trail_button.setObjectName("auditTrail")
        self.trail_button.clicked.connect(self.show_audit_trail)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.trail_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setTabOrder(self.open_button, self.trail_button)
        self.retranslate()

    def show_audit_trail(self) -> None:
        from workbench.ui.audit_trail_view import AuditTrailDialog

        encounter = self.note_list.current_record()
        if encounter is None:
            self.status_message.emit(self.tr("Select a note first."))
            return
        dialog = AuditTrailDialog(self.db, self.actor, encounter.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def title(self) -> str:
        return self.tr("Auditor")

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "trail_button"):  # the base class translates on language change only
            self.trail_button.setText(self.tr("Audit &trail…"))
            describe(
                self.trail_button,
                self.tr("Audit trail"),
                self.tr("Everything recorded about the selected note's encounter"),
            )
        self.note_list.set_texts(
            self.tr("&Signed notes"),
            self.tr("Signed notes"),
            self.tr(
                "No signed notes yet. Signed and amended notes appear here for review once physicians "
                "sign them; press F5 to refresh."
            ),
        )
