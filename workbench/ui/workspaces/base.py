"""What every workspace shares: a database, the acting person, lists loaded off the UI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.security.roles import Actor
from workbench.services.patients import PatientInfo
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.models import RecordTableModel
from workbench.ui.tasks import TaskRunner


class RecordList(QWidget):
    """A heading, a table of records, and an empty state that says what to do."""

    activated = Signal(object)  # the record under Enter / double-click

    def __init__(self, model: RecordTableModel[Any], object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.model = model
        self.heading = QLabel()
        self.heading.setObjectName(f"{object_name}Heading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.view = QTableView()
        self.view.setObjectName(f"{object_name}View")
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._emit_activated)
        self.view.activated.connect(self._emit_activated)
        self.heading.setBuddy(self.view)
        self.empty_label = QLabel()
        self.empty_label.setObjectName(f"{object_name}Empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        self._name = ""
        self._empty_text = ""
        self._loading = False

    def set_texts(self, heading: str, name: str, empty_text: str) -> None:
        self.heading.setText(heading)
        self._name = name
        self._empty_text = empty_text
        describe(self.view, name)
        describe(self.view.horizontalHeader(), self.tr("%1 columns").replace("%1", name))
        describe_scroll_bars(self.view, name)
        self.model.retranslate()
        self._show_state()

    def set_loading(self) -> None:
        self._loading = True
        if self.model.rowCount() == 0:
            self.empty_label.setText(self.tr("Loading…"))
            self.stack.setCurrentWidget(self.empty_label)

    def set_records(self, records: Sequence[Any]) -> None:
        """Show new rows, keeping the selected record selected when it is still there."""
        previous = getattr(self.current_record(), "id", None)
        self._loading = False
        self.model.set_records(records)
        self._show_state()
        if records:
            ids = [getattr(r, "id", None) for r in records]
            self.view.selectRow(ids.index(previous) if previous is not None and previous in ids else 0)

    def set_error(self, message: str) -> None:
        self._loading = False
        self.model.set_records([])
        self.empty_label.setText(message)
        self.stack.setCurrentWidget(self.empty_label)
        announce(self, message, assertive=True)

    def _show_state(self) -> None:
        if self._loading and self.model.rowCount() == 0:
            return
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.view)
        else:
            self.empty_label.setText(self._empty_text)
            describe(self.empty_label, self._empty_text)
            self.stack.setCurrentWidget(self.empty_label)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def current_record(self) -> Any:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_where(self, wanted: Callable[[Any], bool]) -> bool:
        """Select (and scroll to) the first record for which ``wanted`` is true."""
        for row, record in enumerate(self.model.records()):
            if wanted(record):
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    def _emit_activated(self) -> None:
        record = self.current_record()
        if record is not None:
            self.activated.emit(record)


class Workspace(QWidget):
    """A role's workspace. Subclasses build their lists and say how to load them."""

    status_message = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.runner = TaskRunner(self)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload every list from the database."""

    def retranslate(self) -> None:
        """Re-set every visible text (called on a language change)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(
        self,
        records: RecordList,
        key: str,
        query: Callable[[], Sequence[Any]],
        then: Callable[[Sequence[Any]], None] | None = None,
    ) -> None:
        """Run a query off the UI thread and show its rows (only the newest query per list)."""
        records.set_loading()

        def show(rows: Sequence[Any]) -> None:
            records.set_records(rows)
            if then is not None:
                then(rows)

        self.runner.submit(key, query, show, lambda exc: self._load_failed(records, exc))

    def _load_failed(self, records: RecordList, error: Exception) -> None:
        if isinstance(error, WorkbenchError):
            records.set_error(self.tr("Could not load this list: %1").replace("%1", str(error)))
            return
        # An unexpected failure (a database problem): a short reason, not a page of SQL.
        first_line = (str(error).splitlines() or [type(error).__name__])[0][:200]
        message = self.tr(
            "Could not load this list because of a database problem (%1). Press F5 to try again; if it "
            "persists, ask your administrator to run “workbench db current”."
        )
        records.set_error(message.replace("%1", first_line))

    def busy(self) -> bool:
        return self.runner.busy()

    def open_windows(self) -> list[QWidget]:
        """Windows this workspace opened (note editors); closed on sign-out."""
        return []

    def show_patient(self, patient: PatientInfo) -> None:
        """Bring a patient (chosen in the search box) into view; workspaces that list them override."""
        self.status_message.emit(
            self.tr("%1 (MRN %2)").replace("%1", patient.display_name).replace("%2", patient.mrn)
        )
