"""The administrator's workspace: the user accounts and the installation's transcription settings."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from workbench.security.roles import Actor
from workbench.services import users
from workbench.store.database import Database
from workbench.ui.accessibility import describe, describe_scroll_bars
from workbench.ui.models import UserTableModel
from workbench.ui.site_transcription import SiteTranscriptionPanel
from workbench.ui.workspaces.base import RecordList, Workspace


class AdminWorkspace(Workspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("adminWorkspace")
        self.user_list = RecordList(UserTableModel(), "users")
        self.transcription = SiteTranscriptionPanel(db, actor)
        self.transcription.status_message.connect(self.status_message)
        self.transcription_scroll = QScrollArea()
        self.transcription_scroll.setObjectName("siteTranscriptionScroll")
        self.transcription_scroll.setWidgetResizable(True)
        self.transcription_scroll.setWidget(self.transcription)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.user_list, "")
        self.tabs.addTab(self.transcription_scroll, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Administrator")

    def retranslate(self) -> None:
        self.user_list.set_texts(
            self.tr("&Users"),
            self.tr("Users"),
            self.tr("No users yet. Add one with “workbench users add NAME --role ROLE”."),
        )
        self.tabs.setTabText(0, self.tr("User a&ccounts"))
        self.tabs.setTabText(1, self.tr("&Transcription"))
        describe(self.tabs.tabBar(), self.tr("Administrator sections"))
        describe_scroll_bars(self.transcription_scroll, self.tr("Transcription settings"))

    def show_transcription(self) -> None:
        self.tabs.setCurrentIndex(1)

    def busy(self) -> bool:
        return super().busy() or self.transcription.runner.busy()

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        self.load(self.user_list, "users", lambda: users.list_users(db, actor))
        self.transcription.refresh_secrets()
