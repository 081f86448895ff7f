"""The idle lock: after the configured idle minutes the workbench hides every window it shows
and asks the signed-in person's password again.

Activity is any key press, click, wheel or touch anywhere in the application (an application
event filter), so a physician typing in a note editor keeps the session open. While locked, no
window of the session is visible or reachable, so nothing can be read or changed until the
same person unlocks (throttled and audited like signing in, through ``WorkSession.unlock``) —
or signs out, which closes the note editors (they save on close).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.work_session import WorkSession
from workbench.ui.accessibility import announce, describe
from workbench.ui.tasks import TaskRunner

CHECK_INTERVAL_MS = 5_000
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class LockDialog(QDialog):
    """What a locked workbench shows: whose session it is, and a password field."""

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionLock")
        self.setModal(True)
        self._display_name = display_name
        self.heading = QLabel()
        self.heading.setObjectName("lockHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.password_label = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label.setBuddy(self.password_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("lockError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("lockSignOut")
        self.sign_out_button.setAutoDefault(False)
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.sign_out_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self._unlock)
        self.sign_out_button.clicked.connect(self.sign_out_requested)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Coder Workbench is locked"))
        self.heading.setText(self.tr("Coder Workbench is locked"))
        self.explanation.setText(
            self.tr(
                "The workbench locked itself after being idle. %1, enter your password to continue."
            ).replace("%1", self._display_name)
        )
        self.password_label.setText(self.tr("&Password:"))
        describe(self.password_edit, self.tr("Password"))
        self.unlock_button.setText(self.tr("&Unlock"))
        describe(self.unlock_button, self.tr("Unlock"))
        self.sign_out_button.setText(self.tr("Sign &out"))
        describe(
            self.sign_out_button,
            self.tr("Sign out"),
            self.tr("Close the notes (they are saved) and return to the sign-in window"),
        )

    def _unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return  # still checking the last attempt
        password = self.password_edit.text()
        if not password:
            self.show_error(self.tr("Enter your password."))
            return
        self.set_busy(True)
        self.unlock_requested.emit(password)

    def set_busy(self, busy: bool) -> None:
        # The field stays enabled: disabling it would move the focus to "Sign out", and the next
        # Return would sign the person out instead of unlocking.
        self.unlock_button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.show()
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        announce(self.error_label, message, assertive=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape would close the dialog and leave a locked session with nothing on screen.
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        pass  # only Unlock or Sign out leave the lock


class SessionLock(QObject):
    """Watches for activity, locks the session when idle and unlocks it with the password."""

    locked = Signal()
    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        session: WorkSession,
        display_name: str,
        windows: Callable[[], list[QWidget]],
        parent: QObject | None = None,
        check_interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._display_name = display_name
        self._windows = windows
        self._hidden: list[QWidget] = []
        self.dialog: LockDialog | None = None
        self._runner = TaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.dialog is None:
            self.session.touch()
        elif event.type() == QEvent.Type.Close and watched in self._hidden:
            # Closed while hidden (a finished progress dialog, say): it must not come back.
            self._hidden.remove(watched)
        return False

    def check(self) -> None:
        if self.dialog is None and self.session.is_locked():
            self.engage()

    def lock_now(self) -> None:
        self.session.lock("manual")
        self.engage()

    def engage(self) -> None:
        """Hide the session's windows behind the lock screen (the session is locked already)."""
        if self.dialog is not None:
            return
        self._hidden = [w for w in self._windows() if w.isVisible()]
        for window in self._hidden:
            window.hide()
        self.show_dialog()
        self.locked.emit()

    def show_dialog(self, error: str = "") -> LockDialog:
        dialog = LockDialog(self._display_name)
        dialog.unlock_requested.connect(self._unlock)
        dialog.sign_out_requested.connect(self.sign_out_requested)
        self.dialog = dialog
        dialog.show()
        dialog.password_edit.setFocus()
        if error:
            dialog.show_error(error)
        else:
            announce(dialog, dialog.heading.text(), assertive=True)
        return dialog

    def close_dialog(self) -> None:
        """Take the lock screen away; what it hid stays hidden (signing out closes it)."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()

    def _unlock(self, password: str) -> None:
        self._runner.submit("unlock", lambda: self.session.unlock(password), self._unlocked, self._failed)

    def _failed(self, error: Exception) -> None:
        if self.dialog is not None:
            self.dialog.show_error(str(error))

    def _unlocked(self, _result: object) -> None:
        self.release()
        self.unlocked.emit()

    def release(self) -> None:
        """Take the lock screen away and bring back what it hid (and still exists)."""
        self.close_dialog()
        hidden, self._hidden = self._hidden, []
        for window in hidden:
            if shiboken6.isValid(window):
                window.show()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.close_dialog()
        self._hidden = []
