"""Why a code is rejected: one of the fixed reasons, and words when the reason is "other"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbench.services.coding_review import RejectReason
from workbench.ui.accessibility import announce, describe


class RejectDialog(QDialog):
    """Arrow keys pick the reason, Enter rejects; "other" needs a few words."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectDialog")
        self.code = code
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons_by_reason: dict[RejectReason, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        for number, reason in enumerate(RejectReason):
            button = QRadioButton()
            button.setObjectName(f"reason_{reason.value}")
            self.group.addButton(button, number)
            self.buttons_by_reason[reason] = button
            layout.addWidget(button)
        self.buttons_by_reason[RejectReason.NOT_DOCUMENTED].setChecked(True)
        self.text_label = QLabel()
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("rejectReasonText")
        self.text_label.setBuddy(self.text_edit)
        self.error = QLabel()
        self.error.setObjectName("rejectError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.box.accepted.connect(self.submit)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.error)
        layout.addWidget(self.box)
        self.retranslate()
        self.buttons_by_reason[RejectReason.NOT_DOCUMENTED].setFocus(Qt.FocusReason.OtherFocusReason)

    def reason(self) -> RejectReason:
        for reason, button in self.buttons_by_reason.items():
            if button.isChecked():
                return reason
        return RejectReason.OTHER

    def reason_text(self) -> str:
        return self.text_edit.text().strip()

    def choose(self, reason: RejectReason) -> None:
        self.buttons_by_reason[reason].setChecked(True)

    def submit(self) -> None:
        if self.reason() is RejectReason.OTHER and not self.reason_text():
            message = self.tr("For “Other”, write the reason in a few words.")
            self.error.setText(message)
            describe(self.error, message)
            self.error.show()
            self.text_edit.setFocus()
            announce(self, message, assertive=True)
            return
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reject %1").replace("%1", self.code))
        self.intro.setText(self.tr("Why is %1 rejected?").replace("%1", self.code))
        labels = {
            RejectReason.NOT_DOCUMENTED: self.tr("&Not documented"),
            RejectReason.NEGATED: self.tr("Negated / r&uled out"),
            RejectReason.WRONG_SPECIFICITY: self.tr("&Wrong specificity"),
            RejectReason.DUPLICATE: self.tr("&Duplicate"),
            RejectReason.OTHER: self.tr("O&ther"),
        }
        for reason, label in labels.items():
            button = self.buttons_by_reason[reason]
            button.setText(label)
            describe(button, label.replace("&", ""))
        self.text_label.setText(self.tr("&Comment (needed for “Other”):"))
        describe(self.text_edit, self.tr("Comment"), self.tr("Free text about the rejection"))
        self.ok_button.setText(self.tr("&Reject"))
        for box_button in self.box.buttons():
            describe(box_button, box_button.text().replace("&", ""))
        describe(self.error, self.error.text() or self.tr("Rejection problem"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
