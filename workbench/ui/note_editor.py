"""The note editor: a physician's draft with autosave, undo, history and a word count.

Saving is quick (one row and its version), so it runs on the UI thread; that also lets the
close-save finish before the window goes. A refused save never throws the person's text away:
it stays in the editor, with a banner saying what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from workbench.errors import WorkbenchError
from workbench.security.roles import Actor, Permission
from workbench.services import notes
from workbench.services.encounters import EncounterInfo
from workbench.services.errors import Conflict, NoteLocked
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.models import local_datetime, local_time, note_status_label

if TYPE_CHECKING:
    from workbench.services.signing import AddendumInfo, SignatureInfo
    from workbench.ui.signing_view import SignaturePanel

AUTOSAVE_MS = 3000


class NoteEditor(QMainWindow):
    saved = Signal(object)  # NoteInfo
    closing = Signal()  # the window is about to close (side panels finish their work)
    signed = Signal(object)  # SignatureInfo: the note is now locked

    def __init__(
        self,
        db: Database,
        actor: Actor,
        encounter: EncounterInfo,
        parent: QWidget | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db = db
        self.actor = actor
        self.encounter = encounter
        if encounter.note_id is None:
            raise WorkbenchError("This encounter has no note.")
        self.note = notes.get_note(db, actor, encounter.note_id)
        self._saved_text = self.note.text
        self._blocked = False  # after a conflict or lock: no more automatic saves
        self._closing_confirmed = False
        # Side panels' reasons to wait before closing (dictation still being transcribed): each
        # returns a sentence saying why, or "" when closing loses nothing.
        self.close_guards: list[Callable[[], str]] = []
        self._guards_overridden = False

        self.header = QLabel()
        self.header.setObjectName("noteHeader")
        self.header.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("noteBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteText")
        self.editor.setPlainText(self.note.text)
        self.editor.document().setModified(False)
        self.editor.setTabChangesFocus(True)
        self.side_area = QWidget()  # dictation and suggestion panels dock beside the text
        self.side_area.setObjectName("noteSideArea")
        self.side_layout = QVBoxLayout(self.side_area)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_area.hide()
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("signNote")
        self.sign_button.clicked.connect(self.sign)
        self.signature_panel: SignaturePanel | None = None
        self.signature_area = QWidget()  # the signature, its badge and the addenda, once signed
        self.signature_layout = QVBoxLayout(self.signature_area)
        self.signature_layout.setContentsMargins(0, 0, 0, 0)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.side_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign_button)
        sign_row.addStretch(1)
        layout.addLayout(sign_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.signature_area)
        self.setCentralWidget(body)

        self.word_count_label = QLabel()
        self.word_count_label.setObjectName("wordCount")
        self.save_state_label = QLabel()
        self.save_state_label.setObjectName("saveState")
        self.statusBar().addWidget(self.save_state_label, 1)
        self.statusBar().addPermanentWidget(self.word_count_label)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(lambda: self.save("autosave"))

        self._build_actions()
        self.editor.textChanged.connect(self._text_changed)
        self.editor.undoAvailable.connect(self.undo_action.setEnabled)
        self.editor.redoAvailable.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.editable = (
            not self.note.locked and actor.can(Permission.EDIT_NOTE) and self.note.author_id == actor.user_id
        )
        self._apply_editable()
        self.resize(820, 700)
        self._update_signing()
        self.retranslate()
        self._update_word_count()
        self.editor.setFocus()

    # -- building ---------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(lambda: self.save("manual"))
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.editor.undo)
        self.redo_action = QAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.editor.redo)
        self.history_action = QAction(self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.show_history)
        self.reload_action = QAction(self)
        self.reload_action.setShortcut(QKeySequence("Ctrl+R"))
        self.reload_action.triggered.connect(self.reload)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close)
        self.sign_action = QAction(self)
        self.sign_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sign_action.triggered.connect(self.sign)
        self.addendum_action = QAction(self)
        self.addendum_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.addendum_action.triggered.connect(self.add_addendum)
        self.audit_action = QAction(self)
        self.audit_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.audit_action.triggered.connect(self.show_audit_trail)
        self.note_menu = self.menuBar().addMenu("")
        self.note_menu.addActions([self.save_action, self.history_action, self.reload_action])
        self.note_menu.addSeparator()
        self.note_menu.addActions([self.sign_action, self.addendum_action, self.audit_action])
        self.note_menu.addSeparator()
        self.note_menu.addAction(self.close_action)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])

    def add_side_panel(self, panel: QWidget) -> None:
        """A seam for panels that work on this note (dictation, code suggestions)."""
        self.side_layout.addWidget(panel)
        self.side_area.show()

    def retranslate(self) -> None:
        patient = self.encounter.patient
        self.setWindowTitle(
            self.tr("Note — %1 — %2").replace("%1", patient.display_name).replace("%2", patient.mrn)
        )
        header = self.tr("%1 (MRN %2) · %3 · %4 · %5")
        for placeholder, value in (
            ("%1", patient.display_name),
            ("%2", patient.mrn),
            ("%3", self.encounter.encounter_type),
            ("%4", local_datetime(self.encounter.started_at)),
            ("%5", note_status_label(self.note.status.value)),
        ):
            header = header.replace(placeholder, value)
        self.header.setText(header)
        describe(
            self.editor,
            self.tr("Note text"),
            self.tr("Read-only")
            if not self.editable
            else self.tr("Saved automatically a few seconds after typing stops"),
        )
        describe_scroll_bars(self.editor, self.tr("Note text"))
        self.save_action.setText(self.tr("&Save"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.history_action.setText(self.tr("Version &history…"))
        self.reload_action.setText(self.tr("Re&load from database"))
        self.close_action.setText(self.tr("&Close"))
        self.sign_action.setText(self.tr("Si&gn note…"))
        self.addendum_action.setText(self.tr("Add &addendum…"))
        self.audit_action.setText(self.tr("Audit &trail…"))
        self.sign_button.setText(self.tr("Si&gn note…"))
        describe(
            self.sign_button,
            self.tr("Sign note"),
            self.tr("Sign and lock this note with your password (Ctrl+Shift+S)"),
        )
        self.note_menu.setTitle(self.tr("&Note"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self._update_word_count()
        if not self.editable and not self._blocked:
            self._show_banner(self._read_only_reason())
        if not self.save_state_label.text():
            self.save_state_label.setText(self._version_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _read_only_reason(self) -> str:
        if self.note.locked:
            return self.tr("This note is signed and read-only. Corrections are made as addenda.")
        return self.tr("Read-only: only the note's author can change a draft.")

    def _apply_editable(self) -> None:
        self.editor.setReadOnly(not self.editable)
        self.save_action.setEnabled(self.editable)
        if not self.editable:
            self.autosave_timer.stop()

    # -- state ------------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def is_dirty(self) -> bool:
        return self.text() != self._saved_text

    def _version_text(self) -> str:
        return self.tr("Version %1").replace("%1", str(self.note.version))

    def _update_word_count(self) -> None:
        count = notes.word_count(self.text())
        label = self.tr("Words: %1").replace("%1", str(count))
        self.word_count_label.setText(label)
        describe(self.word_count_label, label)

    def _text_changed(self) -> None:
        self._update_word_count()
        if self.editable and not self._blocked and self.is_dirty():
            self.save_state_label.setText(self.tr("Unsaved changes"))
            self.autosave_timer.start()

    def _show_banner(self, message: str) -> None:
        self.banner.setText(message)
        describe(self.banner, message)
        self.banner.show()

    # -- saving -----------------------------------------------------------------------------
    def save(self, origin: str = "manual") -> bool:
        """Save the text if it changed; on refusal keep it and say why. True when saved."""
        self.autosave_timer.stop()
        if not self.editable or (self._blocked and origin == "autosave"):
            return False
        if not self.is_dirty():
            return True
        text = self.text()
        try:
            info = notes.save_note(self.db, self.actor, self.note.id, text, self.note.version, origin)
        except Conflict as exc:
            self._refused(str(exc))
            return False
        except NoteLocked as exc:
            self._refused(str(exc))
            self.editable = False
            self._apply_editable()
            return False
        except WorkbenchError as exc:
            self._refused(str(exc))
            return False
        except SQLAlchemyError as exc:
            # A locked or unreachable database, a deadlock: keep the text and say so.
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            self._refused(
                self.tr(
                    "The note could not be saved: the database did not answer ({0}). Your text is kept; try again."
                ).replace("{0}", reason)
            )
            return False
        self.note = info
        self._saved_text = text
        self._blocked = False
        self.banner.hide()
        self.editor.document().setModified(False)
        message = self.tr("Saved at %1 (version %2)").replace("%1", local_time(info.updated_at))
        message = message.replace("%2", str(info.version))
        self.save_state_label.setText(message)
        if origin != "autosave":
            announce(self, message)
        self.saved.emit(info)
        return True

    def _refused(self, reason: str) -> None:
        self._blocked = True
        message = self.tr("Not saved: %1 Your text is still here.").replace("%1", reason)
        self._show_banner(message)
        self.save_state_label.setText(self.tr("Not saved"))
        announce(self, message, assertive=True)

    def reload(self) -> None:
        """Replace the text with the database's; the replaced text stays on the undo stack."""
        fresh = notes.get_note(self.db, self.actor, self.note.id)
        self.note = fresh
        self._saved_text = fresh.text
        self._blocked = False
        cursor = QTextCursor(self.editor.document())
        cursor.select(QTextCursor.SelectionType.Document)
        read_only = self.editor.isReadOnly()
        self.editor.setReadOnly(False)
        cursor.insertText(fresh.text)
        self.editable = (
            not fresh.locked
            and self.actor.can(Permission.EDIT_NOTE)
            and fresh.author_id == self.actor.user_id
        )
        self.editor.setReadOnly(read_only)
        self._apply_editable()
        self.banner.hide()
        self.save_state_label.setText(self._version_text())
        self._update_signing()  # signed meanwhile (here or on another desktop): show the signature
        self.retranslate()

    # -- signing ----------------------------------------------------------------------------
    def can_sign(self) -> bool:
        return (
            not self.note.locked
            and self.actor.can(Permission.SIGN_NOTE)
            and self.note.author_id == self.actor.user_id
        )

    def _update_signing(self) -> None:
        can_sign = self.can_sign()
        self.sign_action.setEnabled(can_sign)
        self.sign_action.setVisible(can_sign)
        self.sign_button.setVisible(can_sign)
        self.addendum_action.setVisible(self.actor.can(Permission.SIGN_NOTE))
        self.addendum_action.setEnabled(self.note.locked and self.actor.can(Permission.SIGN_NOTE))
        self.audit_action.setVisible(self.actor.can(Permission.AUDIT))
        if self.note.locked and self.signature_panel is None:
            from workbench.ui.signing_view import SignaturePanel

            self.signature_panel = SignaturePanel(self.db, self.actor, self.note.id)
            self.signature_panel.addendum_requested.connect(self.add_addendum)
            self.signature_layout.addWidget(self.signature_panel)
            self.signature_panel.refresh()

    def sign(self) -> None:
        """Save what is typed, then ask for the password and sign (off the UI thread)."""
        if not self.can_sign():
            return
        if self.is_dirty() and not self.save("manual"):
            return  # the banner says why; nothing unsaved is ever signed
        from workbench.services import signing
        from workbench.ui.signing_view import SigningDialog, precompute_suggestions

        db, actor, note_id = self.db, self.actor, self.note.id
        dialog = SigningDialog(
            lambda _text, password: signing.sign_note(db, actor, note_id, password), False, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(self._signed)
        # Code suggestions for the coder, computed in the background once the note is signed.
        dialog.completed.connect(lambda _info: precompute_suggestions(db, actor, note_id))
        dialog.open()

    def _signed(self, info: SignatureInfo) -> None:
        self.reload()
        self._update_signing()
        message = self.tr("Signed at %1. The note is now read-only.").replace(
            "%1", local_time(info.signed_at)
        )
        self.save_state_label.setText(message)
        announce(self, message)
        self.signed.emit(info)

    def add_addendum(self) -> None:
        if not (self.note.locked and self.actor.can(Permission.SIGN_NOTE)):
            return
        from workbench.services import signing
        from workbench.ui.signing_view import SigningDialog

        db, actor, note_id = self.db, self.actor, self.note.id
        dialog = SigningDialog(
            lambda text, password: signing.add_addendum(db, actor, note_id, text, password), True, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(self._addendum_added)
        dialog.open()

    def _addendum_added(self, info: AddendumInfo) -> None:
        self.note = notes.get_note(self.db, self.actor, self.note.id)
        self.retranslate()
        if self.signature_panel is not None:
            self.signature_panel.refresh()
        message = self.tr("Addendum signed at %1.").replace(
            "%1", local_time(info.signed_at) if info.signed_at else ""
        )
        self.save_state_label.setText(message)
        announce(self, message)

    def show_audit_trail(self) -> None:
        if not self.actor.can(Permission.AUDIT):
            return
        from workbench.ui.audit_trail_view import AuditTrailDialog

        dialog = AuditTrailDialog(self.db, self.actor, self.encounter.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_history(self) -> None:
        from workbench.ui.history_dialog import VersionHistoryDialog

        dialog = VersionHistoryDialog(self.db, self.actor, self.note.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        # Refuse by default: whatever happens below, the window only closes once it is safe.
        event.ignore()
        reason = "" if self._guards_overridden else next((r for g in self.close_guards if (r := g())), "")
        if reason:
            self._ask_close_anyway(reason)
            return
        if self._closing_confirmed or not self.is_dirty() or (not self.editable and not self._blocked):
            self.autosave_timer.stop()
            self._accept_close(event)
            return
        if self.save("close"):
            self._accept_close(event)
            return
        event.ignore()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unsaved note"),
            self.tr("The note could not be saved. Close anyway and lose the unsaved text?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("unsavedNoteBox")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result: self._confirm_close(box, result))
        box.open()

    def _ask_close_anyway(self, reason: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Still working on this note"),
            reason + "\n\n" + self.tr("Wait for it, or close now?"),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("closeGuardBox")
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("&Wait"))
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("&Close now"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._close_anyway(box))
        box.open()

    def _close_anyway(self, box: QMessageBox) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Close):
            self._guards_overridden = True
            self.close()

    def _accept_close(self, event: QCloseEvent) -> None:
        self.closing.emit()
        event.accept()

    def _confirm_close(self, box: QMessageBox, _result: int) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Discard):
            self._closing_confirmed = True
            self.close()
