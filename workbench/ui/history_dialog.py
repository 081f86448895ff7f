"""A note's saved versions, each with what changed since the one before."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.security.roles import Actor
from workbench.services import notes
from workbench.store.database import Database
from workbench.ui.accessibility import describe, describe_scroll_bars
from workbench.ui.models import local_datetime


class VersionHistoryDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, note_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionHistory")
        self.versions = notes.note_versions(db, actor, note_id)
        self.list_label = QLabel()
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionList")
        self.list_label.setBuddy(self.version_list)
        self.diff_label = QLabel()
        self.diff_view = QPlainTextEdit()
        self.diff_view.setObjectName("diffView")
        self.diff_view.setReadOnly(True)
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.diff_label.setBuddy(self.diff_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_label)
        left_layout.addWidget(self.version_list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.diff_label)
        right_layout.addWidget(self.diff_view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.version_list.currentRowChanged.connect(self.show_version)
        self.retranslate()
        if self.versions:
            self.version_list.setCurrentRow(len(self.versions) - 1)

    def _origin_label(self, origin: str) -> str:
        labels = {
            "manual": self.tr("saved"),
            "autosave": self.tr("autosaved"),
            "close": self.tr("saved on close"),
            "dictation": self.tr("dictation"),
            "template": self.tr("template"),
        }
        return labels.get(origin, origin)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Version history"))
        self.list_label.setText(self.tr("&Versions:"))
        self.diff_label.setText(self.tr("&Changes from the previous version:"))
        describe(self.version_list, self.tr("Versions"), self.tr("Saved versions of the note, oldest first"))
        describe(
            self.diff_view, self.tr("Changes"), self.tr("Lines starting with - were removed, + were added")
        )
        describe_scroll_bars(self.version_list, self.tr("Versions"))
        describe_scroll_bars(self.diff_view, self.tr("Changes"))
        describe(self.close_button, self.tr("Close"))
        current = self.version_list.currentRow()
        self.version_list.clear()
        for version in self.versions:
            text = self.tr("Version %1 — %2 — %3")
            text = text.replace("%1", str(version.version)).replace("%2", self._origin_label(version.origin))
            item = QListWidgetItem(text.replace("%3", local_datetime(version.saved_at)))
            self.version_list.addItem(item)
        if current >= 0:
            self.version_list.setCurrentRow(current)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def diff_for(self, row: int) -> str:
        version = self.versions[row]
        before = self.versions[row - 1].text if row > 0 else ""
        old_label = (
            self.tr("version %1").replace("%1", str(self.versions[row - 1].version)) if row > 0 else ""
        )
        new_label = self.tr("version %1").replace("%1", str(version.version))
        return notes.diff_text(before, version.text, old_label, new_label)

    def show_version(self, row: int) -> None:
        if 0 <= row < len(self.versions):
            diff = self.diff_for(row)
            self.diff_view.setPlainText(diff or self.tr("No changes."))
