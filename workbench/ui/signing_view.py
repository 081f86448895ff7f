"""Signed notes in the interface: the sign and addendum dialogs, badges, and the signature panel.

Opening a private key (a password hash) and verifying signatures take noticeable time, so the
service calls run on the thread pool; the dialogs stay open, busy, until the answer arrives,
and a refusal (a wrong password) is shown inside them without losing what was typed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from workbench.security.roles import Actor, Permission
from workbench.services import signing
from workbench.services.notes import get_note
from workbench.services.signing import AddendumInfo, NoteVerification, SignatureCheck, SignedNoteView
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.models import local_datetime
from workbench.ui.tasks import TaskRunner


def load_signed_note(db: Database, actor: Actor, note_id: int) -> SignedNoteView:
    """What the signature panel shows; an auditor's look goes through the audited view."""
    if actor.can(Permission.AUDIT):
        return signing.view_signed_note(db, actor, note_id)
    note = get_note(db, actor, note_id)
    addenda = tuple(signing.list_addenda(db, actor, note_id))
    verification = signing.verify_note(db, actor, note_id)
    signer = next((c.signer for c in verification.checks if c.entity_type == signing.NOTE), "?")
    return SignedNoteView(note, signer, addenda, verification)


def precompute_suggestions(db: Database, actor: Actor, note_id: int) -> bool:
    """After a note is signed, compute its code suggestions on the thread pool.

    They are then stored and ready when a coder opens the note. Nothing is shown to the physician:
    a failure only means the coder's screen computes them on opening. WORKBENCH_SUGGEST_ON_SIGN=0
    turns this off (the tests do, so that signing a note does not load the coding model).
    """
    if os.environ.get("WORKBENCH_SUGGEST_ON_SIGN", "1") == "0":
        return False

    def work() -> None:
        from workbench.services import coding

        try:
            coding.suggestions_for_note(db, actor, note_id)
        except Exception as exc:  # the coder's screen computes them instead
            print(f"workbench: suggestions for note {note_id} not computed: {exc}", file=sys.stderr)

    suggestion_pool().start(work)
    return True


def suggestion_pool() -> QThreadPool:
    """One thread for background coding: loading the model takes tens of seconds, and two notes
    signed back to back must not hold every thread the screens use for their own work."""
    app = QCoreApplication.instance()
    pool = app.findChild(QThreadPool, "suggestionPool") if app is not None else None
    if pool is None:
        pool = QThreadPool(app)
        pool.setObjectName("suggestionPool")
        pool.setMaxThreadCount(1)
    return pool


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class VerificationBadge(QLabel):
    """Verified / not verified / checking: an icon and words, never colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verificationBadge")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.verified: bool | None = None
        self.problems: tuple[str, ...] = ()
        self.show_check(None)

    def show_check(self, check: SignatureCheck | None, missing: bool = False) -> None:
        if check is None and not missing:
            self.verified, self.problems = None, ()
            icon = QStyle.StandardPixmap.SP_BrowserReload
            text = self.tr("Checking signature…")
        elif check is None or not check.ok:
            self.verified = False
            self.problems = check.problems if check is not None else (self.tr("no signature found"),)
            icon = QStyle.StandardPixmap.SP_MessageBoxCritical
            text = self.tr("✗ Not verified: %1").replace("%1", "; ".join(self.problems))
        else:
            self.verified, self.problems = True, ()
            icon = QStyle.StandardPixmap.SP_DialogApplyButton
            text = self.tr("✓ Verified")
        self.setText(text)
        self.setToolTip(text)
        self.setProperty("verified", "unknown" if self.verified is None else str(self.verified).lower())
        self.icon_pixmap = self.style().standardIcon(icon).pixmap(16, 16)
        describe(self, text)

    def show_failure(self, message: str) -> None:
        self.verified = False
        self.problems = (message,)
        text = self.tr("✗ Could not verify: %1").replace("%1", message)
        self.setText(text)
        describe(self, text)


class BadgeWithIcon(QWidget):
    """The badge label with its icon beside it (a QLabel shows text or a pixmap, not both)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setAccessibleName("")  # decorative: the words carry the meaning
        self.badge = VerificationBadge()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon)
        layout.addWidget(self.badge, 1)
        self._sync()

    def show_check(self, check: SignatureCheck | None, missing: bool = False) -> None:
        self.badge.show_check(check, missing)
        self._sync()

    def show_failure(self, message: str) -> None:
        self.badge.show_failure(message)
        critical = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self.icon.setPixmap(critical.pixmap(16, 16))

    def _sync(self) -> None:
        self.icon.setPixmap(self.badge.icon_pixmap)


class SigningDialog(QDialog):
    """Re-enter the password to sign; with ``with_text`` also write an addendum first.

    ``submit(text, password)`` runs on the thread pool; its result is emitted by ``completed``.
    """

    completed = Signal(object)

    def __init__(
        self,
        submit: Callable[[str, str], Any],
        with_text: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addendumDialog" if with_text else "signDialog")
        self._submit = submit
        self.runner = TaskRunner(self)
        self.with_text = with_text
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.text_label = QLabel()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("addendumText")
        self.text_edit.setTabChangesFocus(True)
        self.text_label.setBuddy(self.text_edit)
        self.password_label = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("signingPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label.setBuddy(self.password_edit)
        self.error = QLabel()
        self.error.setObjectName("signingError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if with_text:
            layout.addWidget(self.text_label)
            layout.addWidget(self.text_edit, 1)
        else:
            self.text_label.hide()
            self.text_edit.hide()
        layout.addWidget(self.password_label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.text_edit if with_text else self.password_edit).setFocus()

    def retranslate(self) -> None:
        if self.with_text:
            self.setWindowTitle(self.tr("Add addendum"))
            self.intro.setText(
                self.tr("The signed note stays as it is. Write the correction; it is signed with your key.")
            )
        else:
            self.setWindowTitle(self.tr("Sign note"))
            self.intro.setText(
                self.tr(
                    "Signing locks the note: later corrections are signed addenda. Re-enter your password."
                )
            )
        self.text_label.setText(self.tr("&Addendum:"))
        describe(self.text_edit, self.tr("Addendum text"))
        describe_scroll_bars(self.text_edit, self.tr("Addendum text"))
        self.password_label.setText(self.tr("&Password:"))
        describe(self.password_edit, self.tr("Password"), self.tr("Your sign-in password"))
        self.ok_button.setText(self.tr("&Sign"))
        for button in self.buttons.buttons():
            describe(button, button.text().replace("&", ""))
        describe(self.error, self.error.text() or self.tr("Signing problem"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def submit(self) -> None:
        if self.runner.busy():
            return
        text, password = self.text_edit.toPlainText(), self.password_edit.text()
        if self.with_text and not text.strip():
            self._refused(self.tr("Write the addendum before signing it."))
            return
        if not password:
            self._refused(self.tr("Enter your password to sign."))
            return
        self._set_busy(True)
        work = self._submit
        self.runner.submit("sign", lambda: work(text, password), self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        self.text_edit.setReadOnly(busy)
        self.password_edit.setReadOnly(busy)
        if busy:
            self.error.setText(self.tr("Signing…"))
            self.error.show()

    def _done(self, result: object) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.completed.emit(result)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self._refused(_first_line(error))

    def _refused(self, message: str) -> None:
        self.error.setText(message)
        describe(self.error, message)
        self.error.show()
        announce(self, message, assertive=True)


class AddendumView(QFrame):
    """One addendum: who signed it and when, its badge, its text."""

    def __init__(self, number: int, addendum: AddendumInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"addendum{number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = number
        self.addendum = addendum
        self.heading = QLabel()
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.heading.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.badge = BadgeWithIcon()
        self.body = QLabel(addendum.text)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.body.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body)
        self.retranslate()

    def retranslate(self) -> None:
        when = local_datetime(self.addendum.signed_at) if self.addendum.signed_at else "?"
        text = self.tr("Addendum %1 — signed by %2 on %3")
        text = text.replace("%1", str(self.number)).replace("%2", self.addendum.author).replace("%3", when)
        self.heading.setText(text)
        describe(self.heading, text)
        describe(self.body, self.tr("Addendum %1 text").replace("%1", str(self.number)), self.addendum.text)


class SignaturePanel(QWidget):
    """Beneath a signed note: who signed it and when, its badge, the addenda in order, Add addendum."""

    loaded = Signal(object)  # SignedNoteView
    addendum_requested = Signal()

    def __init__(self, db: Database, actor: Actor, note_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePanel")
        self.db = db
        self.actor = actor
        self.note_id = note_id
        self.view: SignedNoteView | None = None
        self.runner = TaskRunner(self)
        self.signed_line = QLabel()
        self.signed_line.setObjectName("signedBy")
        self.signed_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.signed_line.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.badge = BadgeWithIcon()
        self.addendum_button = QPushButton()
        self.addendum_button.setObjectName("addAddendum")
        self.addendum_button.clicked.connect(self.addendum_requested)
        self.addendum_button.setVisible(actor.can(Permission.SIGN_NOTE))
        self.addenda_heading = QLabel()
        self.addenda_box = QWidget()
        self.addenda_layout = QVBoxLayout(self.addenda_box)
        self.addenda_layout.setContentsMargins(0, 0, 0, 0)
        self.addenda_views: list[AddendumView] = []
        self.addenda_scroll = QScrollArea()
        self.addenda_scroll.setWidgetResizable(True)
        self.addenda_scroll.setWidget(self.addenda_box)
        self.addenda_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.addenda_scroll.setMaximumHeight(260)
        self.addenda_scroll.hide()
        top = QHBoxLayout()
        top.addWidget(self.signed_line, 1)
        top.addWidget(self.badge)
        top.addWidget(self.addendum_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.addenda_heading)
        layout.addWidget(self.addenda_scroll)
        self.addenda_heading.hide()
        self.retranslate()

    def refresh(self) -> None:
        """Load the signature, addenda and their verification off the UI thread."""
        db, actor, note_id = self.db, self.actor, self.note_id
        self.badge.show_check(None)
        self.runner.submit("signed", lambda: load_signed_note(db, actor, note_id), self._show, self._failed)

    def busy(self) -> bool:
        return self.runner.busy()

    def _show(self, view: SignedNoteView) -> None:
        self.view = view
        checks = {(c.entity_type, c.entity_id): c for c in view.verification.checks}
        note_check = checks.get((signing.NOTE, view.note.id))
        self.badge.show_check(note_check, missing=True)
        for old in self.addenda_views:
            old.setParent(None)
            old.deleteLater()
        self.addenda_views = []
        for number, addendum in enumerate(view.addenda, start=1):
            item = AddendumView(number, addendum)
            item.badge.show_check(checks.get((signing.ADDENDUM, addendum.id)), missing=True)
            self.addenda_layout.addWidget(item)
            self.addenda_views.append(item)
        self.addenda_scroll.setVisible(bool(view.addenda))
        self.addenda_heading.setVisible(bool(view.addenda))
        self.retranslate()
        verdict = self.badge.badge.text()
        announce(self, verdict, assertive=not verification_ok(view.verification))
        self.loaded.emit(view)

    def _failed(self, error: Exception) -> None:
        self.badge.show_failure(_first_line(error))
        announce(self, self.badge.badge.text(), assertive=True)

    def retranslate(self) -> None:
        view = self.view
        if view is None:
            text = self.tr("Signed")
        else:
            when = local_datetime(view.note.signed_at) if view.note.signed_at else "?"
            text = self.tr("Signed by %1 on %2").replace("%1", view.author).replace("%2", when)
        self.signed_line.setText(text)
        describe(self.signed_line, text)
        self.addendum_button.setText(self.tr("Add a&ddendum…"))
        describe(
            self.addendum_button,
            self.tr("Add addendum"),
            self.tr("Write a signed correction beneath this note"),
        )
        count = len(view.addenda) if view is not None else 0
        self.addenda_heading.setText(self.tr("Addenda (%1), oldest first:").replace("%1", str(count)))
        describe_scroll_bars(self.addenda_scroll, self.tr("Addenda"))
        for item in self.addenda_views:
            item.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def verification_ok(verification: NoteVerification) -> bool:
    return verification.ok and bool(verification.checks)
