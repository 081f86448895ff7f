"""One signed note as an auditor sees it: text, signatures and addenda, and the coding sign-off.

The signatures and addenda come from the signing view's panel (the same badges a physician
sees); the coding sign-off (final codes, who finalised them, whether that signature verifies)
is loaded beside it. Both loads run off the UI thread and are audited by the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.security.roles import Actor
from workbench.services import coding_review, signing
from workbench.services.coding_review import NoteReview
from workbench.services.signing import SignatureInfo, SignedNoteView
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.models import local_datetime
from workbench.ui.signing_view import BadgeWithIcon, SignaturePanel
from workbench.ui.tasks import TaskRunner


@dataclass(frozen=True)
class CodingSignOff:
    review: NoteReview
    signatures: tuple[SignatureInfo, ...]  # coding sign-offs, oldest first

    @property
    def finalised(self) -> SignatureInfo | None:
        return self.signatures[-1] if self.signatures else None

    @property
    def coder(self) -> str | None:
        if self.finalised is not None:
            return self.finalised.signer
        return self.review.decisions[-1].coder if self.review.decisions else None

    def code_lines(self) -> list[tuple[str, str, bool]]:
        """(code, title, suggested) for each final code, in code order."""
        titles = {s.code: s.title for s in self.review.suggestions}
        return [(code, titles.get(code, ""), code in titles) for code in sorted(self.review.final_codes)]


def load_sign_off(db: Database, actor: Actor, note_id: int) -> CodingSignOff:
    review = coding_review.review_note(db, actor, note_id, purpose="audit")
    return CodingSignOff(review, tuple(signing.coding_signatures(db, actor, note_id)))


def _bold(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)


def _readable_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return label


class AuditNoteDetail(QWidget):
    """The detail pane; ``show_note`` fills it, ``loaded`` says when everything has arrived."""

    loaded = Signal(int)  # note id

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditNoteDetail")
        self.db = db
        self.actor = actor
        self.runner = TaskRunner(self)
        self.note_id: int | None = None
        self.view: SignedNoteView | None = None
        self.sign_off: CodingSignOff | None = None
        self.signature_panel: SignaturePanel | None = None

        self.placeholder = QLabel()
        self.placeholder.setObjectName("auditDetailPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.heading = _readable_label("auditDetailHeading")
        _bold(self.heading)
        self.text_label = QLabel()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("auditNoteText")
        self.text_edit.setReadOnly(True)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text_label.setBuddy(self.text_edit)
        self.signature_slot = QVBoxLayout()
        self.signature_slot.setContentsMargins(0, 0, 0, 0)

        self.coding_heading = QLabel()
        self.coding_heading.setObjectName("codingSignOffHeading")
        _bold(self.coding_heading)
        self.coding_status = _readable_label("codingStatus")
        self.coding_badge = BadgeWithIcon()
        self.coding_badge.setObjectName("codingBadge")
        self.coding_badge.hide()
        self.codes_label = QLabel()
        self.codes_list = QListWidget()
        self.codes_list.setObjectName("finalCodes")
        self.codes_list.setMaximumHeight(110)
        self.codes_label.setBuddy(self.codes_list)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.text_label)
        body_layout.addWidget(self.text_edit, 1)
        body_layout.addLayout(self.signature_slot)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        body_layout.addWidget(separator)
        body_layout.addWidget(self.coding_heading)
        body_layout.addWidget(self.coding_status)
        body_layout.addWidget(self.coding_badge)
        body_layout.addWidget(self.codes_label)
        body_layout.addWidget(self.codes_list)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("auditDetailScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate()

    # ---- loading ---------------------------------------------------------------------------

    def show_note(self, note_id: int) -> None:
        """Load one note's detail (replacing what is shown) off the UI thread."""
        self.note_id = note_id
        self.view = None
        self.sign_off = None
        if self.signature_panel is not None:
            self.signature_panel.setParent(None)
            self.signature_panel.deleteLater()
        panel = SignaturePanel(self.db, self.actor, note_id)
        panel.loaded.connect(self._show_view)
        self.signature_panel = panel
        self.signature_slot.addWidget(panel)
        self.text_edit.clear()
        self.codes_list.clear()
        self.coding_badge.hide()
        self.stack.setCurrentWidget(self.scroll_area)
        self.retranslate()
        panel.refresh()
        db, actor = self.db, self.actor
        self.runner.submit(
            "sign-off", lambda: load_sign_off(db, actor, note_id), self._show_sign_off, self._sign_off_failed
        )

    def busy(self) -> bool:
        return self.runner.busy() or (self.signature_panel is not None and self.signature_panel.busy())

    def _show_view(self, view: SignedNoteView) -> None:
        if view.note.id != self.note_id:
            return
        self.view = view
        self.text_edit.setPlainText(view.note.text)
        self.retranslate()
        self._show_coding_check()
        self._loaded_if_complete()

    def _show_sign_off(self, sign_off: CodingSignOff) -> None:
        if sign_off.review.note_id != self.note_id:
            return
        self.sign_off = sign_off
        self.codes_list.clear()
        for code, title, suggested in sign_off.code_lines():
            source = self.tr("suggested") if suggested else self.tr("added by the coder")
            text = f"{code} — {title} ({source})" if title else f"{code} ({source})"
            self.codes_list.addItem(text)
        self.retranslate()
        self._show_coding_check()
        self._loaded_if_complete()

    def _sign_off_failed(self, error: Exception) -> None:
        message = self.tr("The coding sign-off could not be loaded: %1").replace("%1", str(error))
        self.coding_status.setText(message)
        describe(self.coding_status, message)
        announce(self, message, assertive=True)

    def _show_coding_check(self) -> None:
        """The coding sign-off's own signature verdict, once both halves are in."""
        if self.view is None or self.sign_off is None or self.sign_off.finalised is None:
            self.coding_badge.hide()
            return
        checks = [c for c in self.view.verification.checks if c.entity_type == signing.CODING]
        self.coding_badge.show_check(checks[-1] if checks else None, missing=True)
        self.coding_badge.show()

    def _loaded_if_complete(self) -> None:
        if self.view is None or self.sign_off is None or self.note_id is None:
            return
        announce(self, self.heading.text() + ". " + self.coding_status.text())
        self.loaded.emit(self.note_id)

    # ---- texts -------------------------------------------------------------------------------

    def coding_verified(self) -> bool | None:
        """Whether the coding sign-off's signature verifies (None: not finalised or not known yet)."""
        return self.coding_badge.badge.verified if self.coding_badge.isVisible() else None

    def _status_text(self) -> str:
        sign_off = self.sign_off
        if sign_off is None:
            return self.tr("Loading the coding sign-off…")
        finalised = sign_off.finalised
        count = len(sign_off.review.final_codes)
        if finalised is not None:
            return (
                self.tr("Coding finalised by %1 on %2. Final codes: %3.")
                .replace("%1", finalised.signer)
                .replace("%2", local_datetime(finalised.signed_at))
                .replace("%3", str(count))
            )
        if sign_off.review.decisions:
            return (
                self.tr("Coding in progress by %1, not finalised. Decisions so far: %2.")
                .replace("%1", sign_off.coder or "?")
                .replace("%2", str(len(sign_off.review.decisions)))
            )
        return self.tr("Not coded yet.")

    def retranslate(self) -> None:
        self.placeholder.setText(
            self.tr("Select a signed note and press Enter to see its text, signatures and coding here.")
        )
        describe(self.placeholder, self.placeholder.text())
        if self.note_id is None:
            heading = ""
        elif self.view is None:
            heading = self.tr("Note %1").replace("%1", str(self.note_id))
        else:
            heading = (
                self.tr("Note %1 by %2").replace("%1", str(self.note_id)).replace("%2", self.view.author)
            )
        if self.sign_off is not None:
            review = self.sign_off.review
            heading += (
                " — " + f"{review.patient_name} ({review.patient_mrn}), {local_datetime(review.started_at)}"
            )
        self.heading.setText(heading)
        describe(self.heading, heading)
        self.text_label.setText(self.tr("&Note text:"))
        describe(self.text_edit, self.tr("Note text"), self.tr("The signed note, read-only"))
        describe_scroll_bars(self.text_edit, self.tr("Note text"))
        self.coding_heading.setText(self.tr("Coding sign-off"))
        status = self._status_text()
        self.coding_status.setText(status)
        describe(self.coding_status, status)
        self.codes_label.setText(self.tr("Final co&des:"))
        describe(
            self.codes_list,
            self.tr("Final codes"),
            self.tr("%1 final codes").replace("%1", str(self.codes_list.count())),
        )
        describe_scroll_bars(self.codes_list, self.tr("Final codes"))
        describe_scroll_bars(self.scroll_area, self.tr("Note details"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
