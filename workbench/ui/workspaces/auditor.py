"""The auditor's workspace: signed and amended notes to review."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workbench.security.roles import Actor
from workbench.store.database import Database
from workbench.ui.workspaces.signed_notes import SignedNotesWorkspace


class AuditorWorkspace(SignedNotesWorkspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("auditorWorkspace")
        self.retranslate()

    def title(self) -> str:
        return self.tr("Auditor")

    def retranslate(self) -> None:
        super().retranslate()
        self.note_list.set_texts(
            self.tr("&Signed notes"),
            self.tr("Signed notes"),
            self.tr(
                "No signed notes yet. Signed and amended notes appear here for review once physicians "
                "sign them; press F5 to refresh."
            ),
        )
