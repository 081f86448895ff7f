"""Add a code by hand: type a code or words, pick from the fuzzy matches, Enter adds it.

The search runs off the UI thread (the first one builds the index over ICD-10-CM); each keystroke
restarts a short timer so typing stays smooth and only the newest query's answer is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.tasks import TaskRunner

SEARCH_DELAY_MS = 150
RESULTS = 30


def search_codes(query: str, limit: int = RESULTS) -> list[tuple[str, str, str]]:
    """(code, title, matched text) for a query; runs on a worker thread."""
    from workbench.coding.code_search import code_search

    return [(m.code, m.title, m.matched) for m in code_search().search(query, limit)]


class CodeSearchDialog(QDialog):
    """A search box over a result list; ``chosen_code`` holds the pick after accept()."""

    def __init__(self, evidence: str, query: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeSearchDialog")
        self.evidence = evidence
        self.chosen_code: str | None = None
        self.runner = TaskRunner(self)
        self.query_label = QLabel()
        self.query_edit = QLineEdit(query)
        self.query_edit.setObjectName("codeQuery")
        self.query_label.setBuddy(self.query_edit)
        self.query_edit.installEventFilter(self)
        self.evidence_label = QLabel()
        self.evidence_label.setWordWrap(True)
        self.evidence_label.setTextFormat(Qt.TextFormat.PlainText)
        self.results_label = QLabel()
        self.results = QListWidget()
        self.results.setObjectName("codeResults")
        self.results_label.setBuddy(self.results)
        self.results.itemActivated.connect(lambda _item: self.submit())
        self.state = QLabel()
        self.state.setObjectName("codeSearchState")
        self.state.setWordWrap(True)
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.box.accepted.connect(self.submit)
        self.box.rejected.connect(self.reject)
        self._searching_for = ""
        self._results_for = ""
        self._submit_when_ready = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search)
        self.query_edit.textChanged.connect(lambda _text: self.timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_label)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.evidence_label)
        layout.addWidget(self.results_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.box)
        self.resize(640, 420)
        self.retranslate()
        self.query_edit.setFocus()
        self.query_edit.selectAll()
        if query.strip():
            self.timer.start()

    def search(self) -> None:
        self.timer.stop()
        query = self.query_edit.text()
        self._searching_for = query
        if not query.strip():
            self.results.clear()
            self._results_for = query
            self.state.setText("")
            return
        self.state.setText(self.tr("Searching…"))
        self.runner.submit("search", lambda: search_codes(query), self._show, self._failed)

    def busy(self) -> bool:
        return self.runner.busy() or self.timer.isActive()

    def _show(self, found: list[tuple[str, str, str]]) -> None:
        # Only the newest search reports (TaskRunner), so these are the results for that text.
        self._results_for = self._searching_for
        self.results.clear()
        for code, title, matched in found:
            text = f"{code} — {title}"
            if matched and matched != title:
                text += f"  ({matched})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            message = self.tr("%1 codes found; the first is %2.").replace("%1", str(len(found)))
            message = message.replace("%2", f"{found[0][0]} {found[0][1]}")
        else:
            message = self.tr("No code matches; try other words or a code such as E11.9.")
        self.state.setText(message)
        announce(self, message)
        if self._submit_when_ready and self._results_for == self.query_edit.text():
            self._submit_when_ready = False
            self.submit()

    def _failed(self, error: Exception) -> None:
        self._submit_when_ready = False
        message = self.tr("The search failed: %1").replace(
            "%1", str(error).splitlines()[0] if str(error) else ""
        )
        self.state.setText(message)
        announce(self, message, assertive=True)

    def current_code(self) -> str | None:
        item = self.results.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def submit(self) -> None:
        if self.timer.isActive() or self._results_for != self.query_edit.text():
            # Enter pressed right after typing: the list still shows the results of the text
            # before (E11. lists E11.8 first while E11.9 is typed). Choose once they are current.
            self._submit_when_ready = True
            if self._searching_for != self.query_edit.text() or not self.runner.busy("search"):
                self.search()
            return
        code = self.current_code()
        if code is None:
            message = self.tr("Choose a code from the list first.")
            self.state.setText(message)
            announce(self, message, assertive=True)
            return
        self.chosen_code = code
        self.accept()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        # Up and Down in the search box move through the results, as in a browser's address bar.
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = min(max(0, self.results.currentRow() + step), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a code"))
        self.query_label.setText(self.tr("&Search ICD-10-CM (a code or words):"))
        describe(
            self.query_edit,
            self.tr("Code search"),
            self.tr("Type a code such as E11.9 or words such as diab type 2 kidney; Down picks a result"),
        )
        if self.evidence:
            self.evidence_label.setText(self.tr("Evidence: “%1”").replace("%1", self.evidence))
        else:
            self.evidence_label.setText(
                self.tr("No text selected in the note: the code is added without evidence.")
            )
        describe(self.evidence_label, self.evidence_label.text())
        self.results_label.setText(self.tr("&Matching codes:"))
        describe(self.results, self.tr("Matching codes"))
        describe_scroll_bars(self.results, self.tr("Matching codes"))
        self.ok_button.setText(self.tr("&Add code"))
        for button in self.box.buttons():
            describe(button, button.text().replace("&", ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
