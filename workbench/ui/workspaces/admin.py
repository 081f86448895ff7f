"""The administrator's workspace: the user accounts."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workbench.security.roles import Actor
from workbench.services import users
from workbench.store.database import Database
from workbench.ui.models import UserTableModel
from workbench.ui.workspaces.base import RecordList, Workspace


class AdminWorkspace(Workspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("adminWorkspace")
        self.user_list = RecordList(UserTableModel(), "users")
        layout = QVBoxLayout(self)
        layout.addWidget(self.user_list)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Administrator")

    def retranslate(self) -> None:
        self.user_list.set_texts(
            self.tr("&Users"),
            self.tr("Users"),
            self.tr("No users yet. Add one with “workbench users add NAME --role ROLE”."),
        )

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        self.load(self.user_list, "users", lambda: users.list_users(db, actor))
