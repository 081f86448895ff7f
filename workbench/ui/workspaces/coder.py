"""The coder's workspace: the worklist of signed notes waiting for codes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workbench.security.roles import Actor
from workbench.store.database import Database
from workbench.ui.workspaces.signed_notes import SignedNotesWorkspace


class CoderWorkspace(SignedNotesWorkspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("coderWorkspace")
        self.retranslate()

    def title(self) -> str:
        return self.tr("Coder")

    def retranslate(self) -> None:
        super().retranslate()
        self.note_list.set_texts(
            self.tr("&Worklist: signed notes to code"),
            self.tr("Worklist"),
            self.tr(
                "The worklist is empty: no signed notes are waiting. Notes appear here as soon as a "
                "physician signs them; press F5 to refresh."
            ),
        )
