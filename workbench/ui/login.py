"""The sign-in dialog: the first window, shown before the database is even opened."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.accessibility import announce, describe
from workbench.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from workbench.services.demo import DemoUser
    from workbench.services.users import UserInfo
    from workbench.store.database import Database


def _authenticate(db: Database, username: str, password: str) -> UserInfo:
    # Imported here: the password hasher is not needed to paint the first window.
    from workbench.services import users

    return users.authenticate(db, username, password)


class LoginDialog(QDialog):
    signed_in = Signal(object)  # UserInfo
    first_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login")
        self._db: Database | None = None
        self._demo_users: tuple[DemoUser, ...] = ()
        self._painted = False
        self._runner = TaskRunner(self)

        self.heading = QLabel()
        self.heading.setObjectName("loginHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)

        self.username_label = QLabel()
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_label.setBuddy(self.username_edit)
        self.password_label = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label.setBuddy(self.password_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("loginStatus")
        self.status_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("demoHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label.hide()

        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setEnabled(False)
        self.quit_button = QPushButton()
        self.quit_button.setObjectName("quit")
        buttons = QDialogButtonBox()
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.quit_button.clicked.connect(self.reject)
        self.username_edit.returnPressed.connect(self.password_edit.setFocus)
        # The throttle is per account: a colleague typing another name may sign in at once.
        self.username_edit.textEdited.connect(self._throttle_over)
        self.password_edit.returnPressed.connect(self.sign_in)

        form = QFormLayout()
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(buttons)
        self.setTabOrder(self.username_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.quit_button)
        self.setMinimumWidth(380)
        self.retranslate()
        self.status_label.setText(self.tr("Opening the database…"))

    def retranslate(self) -> None:
        # Qt adds " — Coder Workbench" (the display name) to every window title itself.
        self.setWindowTitle(self.tr("Sign in"))
        self.heading.setText(self.tr("Coder Workbench"))
        self.username_label.setText(self.tr("&Username:"))
        self.password_label.setText(self.tr("&Password:"))
        describe(self.username_edit, self.tr("Username"))
        describe(self.password_edit, self.tr("Password"))
        self.sign_in_button.setText(self.tr("&Sign in"))
        describe(self.sign_in_button, self.tr("Sign in"))
        self.quit_button.setText(self.tr("&Quit"))
        describe(self.quit_button, self.tr("Quit"))
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def set_database(self, db: Database) -> None:
        """Ready to sign in."""
        self._db = db
        self.status_label.clear()
        self.status_label.hide()
        self.sign_in_button.setEnabled(True)
        self.username_edit.setFocus()

    def set_demo_users(self, demo_users: Sequence[DemoUser]) -> None:
        """On a demo installation (only there), hint the demo accounts."""
        self._demo_users = tuple(demo_users)
        self._update_hint()

    def _update_hint(self) -> None:
        if not self._demo_users:
            self.hint_label.hide()
            return
        lines = [self.tr("Demo installation — synthetic data only. Demo accounts:")]
        lines += [f"{u.username} / {u.password} ({u.role.value})" for u in self._demo_users]
        self.hint_label.setText("\n".join(lines))
        self.hint_label.show()

    def reset(self) -> None:
        """Back to an empty form, as after signing out."""
        self.password_edit.clear()
        self.error_label.clear()
        self.error_label.hide()
        self.sign_in_button.setEnabled(self._db is not None)
        self.username_edit.setFocus()

    def sign_in(self) -> None:
        if self._db is None or not self.sign_in_button.isEnabled():
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username or not password:
            self.show_error(self.tr("Enter your username and password."))
            return
        self.sign_in_button.setEnabled(False)
        self.status_label.setText(self.tr("Checking…"))
        self.status_label.show()
        db = self._db
        self._runner.submit(
            "login", lambda: _authenticate(db, username, password), self._signed_in, self._failed
        )

    def _signed_in(self, user: object) -> None:
        self.status_label.hide()
        self.sign_in_button.setEnabled(True)
        self.password_edit.clear()
        self.error_label.hide()
        self.signed_in.emit(user)

    def _failed(self, error: Exception) -> None:
        from workbench.errors import WorkbenchError
        from workbench.services.errors import LoginThrottled

        self.status_label.hide()
        if isinstance(error, LoginThrottled):
            # Each attempt while throttled is refused (and audited) anyway: wait it out here.
            self.sign_in_button.setEnabled(False)
            # The dialog as context: the timer is dropped if the dialog goes first.
            QTimer.singleShot(error.seconds * 1000, self, self._throttle_over)
        else:
            self.sign_in_button.setEnabled(True)
        message = (
            str(error)
            if isinstance(error, WorkbenchError)
            else self.tr("Sign-in failed: %1").replace("%1", str(error))
        )
        self.show_error(message)
        self.password_edit.selectAll()
        self.password_edit.setFocus()

    def _throttle_over(self) -> None:
        self.sign_in_button.setEnabled(self._db is not None)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        describe(self.error_label, message)
        self.error_label.show()
        announce(self, message, assertive=True)

    def busy(self) -> bool:
        return self._runner.busy()
