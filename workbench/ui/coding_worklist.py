"""The coder's worklist: signed notes waiting for coding, filtered, counted and loaded page by page.

The table asks for more rows as it scrolls (canFetchMore/fetchMore); each page is read off the UI
thread and appended when it arrives, so ten thousand waiting notes scroll without a stall. A
filter change starts over from the first page; pages of an older filter are dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.security.roles import Actor
from workbench.services import coding_review
from workbench.services.coding_review import Worklist, WorklistItem
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.models import local_datetime
from workbench.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
# (label, days back; None = any date)
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("Any date", None),
    ("Today", 0),
    ("Last 7 days", 6),
    ("Last 30 days", 29),
    ("Last 365 days", 364),
)


class WorklistModel(QStandardItemModel):
    """Rows arrive a page at a time; ``page_wanted(offset)`` asks the owner for the next one.

    The cells are Qt items holding their text, so painting a scrolled table never calls into
    Python: with a page loading on a worker thread, every such call would wait for the
    interpreter lock and a scroll would stutter.
    """

    page_wanted = Signal(int)
    COLUMNS = 7

    def __init__(self) -> None:
        super().__init__(0, self.COLUMNS)
        self._rows: list[WorklistItem] = []
        self.matching = 0
        self.waiting = 0
        self.needs_review = 0
        self.generation = 0
        self._fetching = False
        self._filling = False
        self._exhausted = False
        self.retranslate()

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("WorklistModel", "Signed"),
            QCoreApplication.translate("WorklistModel", "Patient"),
            QCoreApplication.translate("WorklistModel", "MRN"),
            QCoreApplication.translate("WorklistModel", "Clinician"),
            QCoreApplication.translate("WorklistModel", "Type"),
            QCoreApplication.translate("WorklistModel", "Suggestions"),
            QCoreApplication.translate("WorklistModel", "Review"),
        ]

    def start_over(self, first: Worklist, generation: int) -> None:
        self.generation = generation
        self._fetching = False
        self._exhausted = False
        self._rows = []
        self.setRowCount(0)
        self._set_counts(first)
        self._append(first.items)

    def append_page(self, offset: int, page: Worklist, generation: int) -> None:
        self._fetching = False
        if generation != self.generation or offset != len(self._rows):
            return  # an older filter's page, or one already shown
        self._set_counts(page)
        shown = {item.note_id for item in self._rows}
        fresh = [item for item in page.items if item.note_id not in shown]
        if not fresh:
            self._exhausted = True  # the rest left the list meanwhile; F5 counts again
        self._append(fresh)

    def _append(self, items: Sequence[WorklistItem]) -> None:
        if not items:
            return
        first = len(self._rows)
        texts = [[self.cell(item, column) for column in range(self.COLUMNS)] for item in items]
        self._rows.extend(items)
        # No next page while this one goes in (the view asks as soon as rows appear), and one
        # change signal for the page, not one per cell. setData lets Qt make the cells, so no
        # Python wrapper per cell stays alive (they would slow every garbage collection).
        self._filling = True
        try:
            self.insertRows(first, len(items))
            self.blockSignals(True)
            for row, row_texts in enumerate(texts, start=first):
                for column, text in enumerate(row_texts):
                    index = self.index(row, column)
                    self.setData(index, text)
                    if not text:  # a screen reader needs words for an empty cell too
                        self.setData(index, self.empty_cell(), Qt.ItemDataRole.AccessibleTextRole)
        finally:
            self.blockSignals(False)
            self._filling = False
        self.dataChanged.emit(self.index(first, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def page_failed(self) -> None:
        self._fetching = False

    def _set_counts(self, page: Worklist) -> None:
        self.matching, self.waiting, self.needs_review = page.matching, page.waiting, page.needs_review

    def show_progress(self, note_id: int, decided: int, suggestions: int) -> None:
        """A review window decided something: its note's row counts it now, not at the next F5."""
        for row, item in enumerate(self._rows):
            if item.note_id == note_id:
                self._rows[row] = replace(item, decided=decided, suggestions=suggestions)
                self.setData(self.index(row, 5), self.cell(self._rows[row], 5))
                return

    def record(self, row: int) -> WorklistItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def canFetchMore(self, parent: Index) -> bool:
        return (
            not parent.isValid()
            and not self._fetching
            and not self._filling
            and not self._exhausted
            and len(self._rows) < self.matching
        )

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.page_wanted.emit(len(self._rows))

    def cell(self, item: WorklistItem, column: int) -> str:
        if column == 0:
            return local_datetime(item.signed_at) if item.signed_at else ""
        if column == 1:
            return item.patient_name
        if column == 2:
            return item.patient_mrn
        if column == 3:
            return item.clinician
        if column == 4:
            return item.encounter_type
        if column == 5:
            if not item.suggestions:
                return QCoreApplication.translate("WorklistModel", "not computed yet")
            text = QCoreApplication.translate("WorklistModel", "%1 of %2 decided")
            return text.replace("%1", str(item.decided)).replace("%2", str(item.suggestions))
        return QCoreApplication.translate("WorklistModel", "⚑ Needs review") if item.needs_review else ""

    def empty_cell(self) -> str:
        return QCoreApplication.translate("WorklistModel", "No flag")

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(self.headers())
        for row, item in enumerate(self._rows):
            for column in (5, 6):
                index = self.index(row, column)
                text = self.cell(item, column)
                self.setData(index, text)
                self.setData(index, text or self.empty_cell(), Qt.ItemDataRole.AccessibleTextRole)


class CodingWorklist(QWidget):
    """Filters, counts and the lazily loaded table; ``open_requested(note_id)`` on Enter."""

    open_requested = Signal(int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, page: int = PAGE) -> None:
        super().__init__(parent)
        self.setObjectName("codingWorklist")
        self.db = db
        self.actor = actor
        self.page = page
        self.runner = TaskRunner(self)
        self._generation = 0
        self.model = WorklistModel()
        self.model.page_wanted.connect(self._load_page)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.clinician_label = QLabel()
        self.clinician_combo = QComboBox()
        self.clinician_combo.setObjectName("worklistClinician")
        self.clinician_label.setBuddy(self.clinician_combo)
        self.period_label = QLabel()
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("worklistPeriod")
        self.period_label.setBuddy(self.period_combo)
        self.review_box = QCheckBox()
        self.review_box.setObjectName("worklistNeedsReview")
        self.counts = QLabel()
        self.counts.setObjectName("worklistCounts")
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.view = QTableView()
        self.view.setObjectName("worklistView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        # Fixed row heights and no per-content column sizing: scrolling never measures rows.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultSectionSize(150)
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.heading.setBuddy(self.view)
        self.open_button = QPushButton()
        self.open_button.setObjectName("startCoding")
        self.open_button.clicked.connect(self.open_current)
        filters = QHBoxLayout()
        filters.addWidget(self.clinician_label)
        filters.addWidget(self.clinician_combo, 1)
        filters.addWidget(self.period_label)
        filters.addWidget(self.period_combo)
        filters.addWidget(self.review_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.clinician_combo.addItem("", None)
        for _label, days in PERIODS:
            self.period_combo.addItem("", days)
        self.retranslate()
        self.clinician_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.review_box.toggled.connect(lambda _on: self.refresh())

    def filters(self) -> dict[str, Any]:
        days = self.period_combo.currentData()
        since = dt.date.today() - dt.timedelta(days=int(days)) if days is not None else None
        return {
            "clinician_id": self.clinician_combo.currentData(),
            "since": since,
            "only_needs_review": self.review_box.isChecked(),
        }

    def refresh(self) -> None:
        """Start over from the first page with the current filters (and reload the clinicians)."""
        self._generation += 1
        generation = self._generation
        db, actor, filters, limit = self.db, self.actor, self.filters(), self.page
        self.counts.setText(self.tr("Loading…"))
        self.runner.submit(
            "first-page",
            lambda: coding_review.worklist(db, actor, limit=limit, **filters),
            lambda first: self._first_page(first, generation),
            self._failed,
        )
        self.runner.submit(
            "clinicians",
            lambda: coding_review.worklist_clinicians(db, actor),
            self._set_clinicians,
            lambda _error: None,
        )

    def busy(self) -> bool:
        return self.runner.busy()

    def _first_page(self, first: Worklist, generation: int) -> None:
        if generation != self._generation:
            return
        previous = self.current_note_id()
        self.model.start_over(first, generation)
        rows = [item.note_id for item in first.items]
        if rows:
            self.view.selectRow(rows.index(previous) if previous in rows else 0)
        self._show_counts(announce_it=True)

    def _load_page(self, offset: int) -> None:
        generation, db, actor, filters, limit = (
            self._generation,
            self.db,
            self.actor,
            self.filters(),
            self.page,
        )

        def done(page: Worklist) -> None:
            self.model.append_page(offset, page, generation)
            self._show_counts()

        def failed(error: Exception) -> None:
            self.model.page_failed()
            self._failed(error)

        # After the last row shown, not at an offset: a note a colleague finalises meanwhile
        # leaves the list, and an offset would then skip the row that moved up.
        last = self.model.record(offset - 1)
        after = (last.signed_at, last.note_id) if last is not None and last.signed_at is not None else None
        self.runner.submit(
            "page",
            lambda: coding_review.worklist(
                db, actor, limit=limit, offset=0 if after else offset, after=after, **filters
            ),
            done,
            failed,
        )

    def _set_clinicians(self, clinicians: list[tuple[int, str]]) -> None:
        chosen = self.clinician_combo.currentData()
        self.clinician_combo.blockSignals(True)
        while self.clinician_combo.count() > 1:
            self.clinician_combo.removeItem(1)
        for user_id, name in clinicians:
            self.clinician_combo.addItem(name, user_id)
        at = self.clinician_combo.findData(chosen) if chosen is not None else 0
        self.clinician_combo.setCurrentIndex(max(0, at))
        self.clinician_combo.blockSignals(False)

    def _failed(self, error: Exception) -> None:
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        message = self.tr("The worklist could not be loaded: %1. Press F5 to try again.").replace("%1", text)
        self.counts.setText(message)
        announce(self, message, assertive=True)

    def _show_counts(self, announce_it: bool = False) -> None:
        m = self.model
        text = self.tr("%1 notes match; %2 waiting in all; %3 need review.")
        text = (
            text.replace("%1", str(m.matching))
            .replace("%2", str(m.waiting))
            .replace("%3", str(m.needs_review))
        )
        self.counts.setText(text)
        describe(self.counts, text)
        if announce_it:
            announce(self, text)

    def current_note_id(self) -> int | None:
        index = self.view.currentIndex()
        item = self.model.record(index.row()) if index.isValid() else None
        return item.note_id if item is not None else None

    def open_current(self) -> None:
        note_id = self.current_note_id()
        if note_id is None:
            announce(self, self.tr("Select a note first."), assertive=True)
            return
        self.open_requested.emit(note_id)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Notes &to code:"))
        describe(self.view, self.tr("Notes to code"), self.tr("Enter opens the note's coding review"))
        describe(self.view.horizontalHeader(), self.tr("Notes to code columns"))
        describe_scroll_bars(self.view, self.tr("Notes to code"))
        self.clinician_label.setText(self.tr("C&linician:"))
        describe(self.clinician_combo, self.tr("Clinician filter"))
        self.clinician_combo.setItemText(0, self.tr("All clinicians"))
        self.period_label.setText(self.tr("&Encounters:"))
        describe(self.period_combo, self.tr("Encounter date filter"))
        labels = {
            "Any date": self.tr("Any date"),
            "Today": self.tr("Today"),
            "Last 7 days": self.tr("Last 7 days"),
            "Last 30 days": self.tr("Last 30 days"),
            "Last 365 days": self.tr("Last 365 days"),
        }
        for i, (label, _days) in enumerate(PERIODS):
            self.period_combo.setItemText(i, labels[label])
        self.review_box.setText(self.tr("Needs review onl&y"))
        describe(self.review_box, self.tr("Only notes that need review"))
        self.open_button.setText(self.tr("Start &coding"))
        describe(self.open_button, self.tr("Start coding"), self.tr("Open the selected note's coding review"))
        self.model.retranslate()
        if self.model.matching or self.model.rowCount():
            self._show_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
