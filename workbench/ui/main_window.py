"""The main window: menus, a status bar, and the signed-in person's workspace."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QToolBar, QWidget

from workbench import __version__
from workbench.security.roles import Permission
from workbench.services.patients import PatientInfo
from workbench.services.users import UserInfo
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe
from workbench.ui.models import role_label
from workbench.ui.patient_search import PatientSearchBox
from workbench.ui.workspaces import workspace_for
from workbench.ui.workspaces.base import Workspace

STATUS_TIMEOUT_MS = 8000


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    lock_requested = Signal()
    settings_requested = Signal()

    def __init__(self, db: Database, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db = db
        self.user = user
        self.workspace: Workspace = workspace_for(db, user.actor())
        self.setCentralWidget(self.workspace)
        self.workspace.status_message.connect(self.show_status)
        self.toolbar: QToolBar | None = None
        self.search_box: PatientSearchBox | None = None

        self.user_label = QLabel()
        self.user_label.setObjectName("signedInUser")
        self.statusBar().addPermanentWidget(self.user_label)

        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.settings_requested)
        self.sign_out_action = QAction(self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # From a note editor or a review window too: people lock from whatever window they are in.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.search_action = QAction(self)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.triggered.connect(self.focus_search)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addAction(self.search_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)
        if user.actor().can(Permission.VIEW_PATIENTS):
            self.search_box = PatientSearchBox(db, user.actor(), self)
            self.search_box.patient_chosen.connect(self.open_patient)
            self.add_toolbar_widget(self.search_box)
        self.search_action.setEnabled(self.search_box is not None)
        self.resize(1200, 760)
        self.retranslate()
        self.workspace.refresh()
        if self.search_box is not None:
            self.search_box.build_index()  # in the background; the window is usable meanwhile

    def retranslate(self) -> None:
        self.setWindowTitle(self.workspace.title())  # Qt appends " — Coder Workbench"
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.lock_action.setText(self.tr("&Lock"))
        self.quit_action.setText(self.tr("&Quit"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.about_action.setText(self.tr("&About Coder Workbench"))
        self.search_action.setText(self.tr("Search &patients"))
        text = self.tr("Signed in as %1 (%2)").replace("%1", self.user.display_name)
        self.user_label.setText(text.replace("%2", role_label(self.user.role.value)))
        describe(self.user_label, self.user_label.text())
        if self.toolbar is not None:
            self.toolbar.setWindowTitle(self.tr("Tools"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_toolbar_widget(self, widget: QWidget) -> None:
        """A seam for features that put a control in the toolbar (search box, dictation)."""
        if self.toolbar is None:
            self.toolbar = self.addToolBar(self.tr("Tools"))
            self.toolbar.setObjectName("toolsToolbar")
        self.toolbar.addWidget(widget)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)
        announce(self, message)

    def focus_search(self) -> None:
        if self.search_box is not None:
            self.search_box.focus_search()

    def open_patient(self, patient: PatientInfo) -> None:
        """A search result was chosen: the workspace shows that patient and their encounters."""
        self.workspace.show_patient(patient)

    def refresh(self) -> None:
        self.workspace.refresh()
        if self.search_box is not None:
            self.search_box.build_index()
        self.show_status(self.tr("Refreshed."))

    def show_about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About Coder Workbench"),
            self.tr("Coder Workbench %1\nClinical documentation and ICD-10-CM coding.").replace(
                "%1", __version__
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()

    def close_open_windows(self) -> bool:
        """Close note editors first; False when one refuses (its text could not be saved)."""
        return all(window.close() for window in self.workspace.open_windows())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_open_windows():
            event.accept()
        else:
            event.ignore()
