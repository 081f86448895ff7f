"""Coding statistics for auditors: per coder and overall, over an optional range of encounter days.

The figures come from ``services.audit_stats.coding_stats`` (its docstring defines them); this
view only formats them. Computing reads every coded note in range, so it runs off the UI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.security.roles import Actor
from workbench.services import audit_stats
from workbench.services.audit_stats import CoderStats, CodingStats
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe
from workbench.ui.models import Column, Index, RecordTableModel
from workbench.ui.tasks import TaskRunner
from workbench.ui.workspaces.base import RecordList


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    minutes, secs = divmod(round(value), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def counted(pairs: Sequence[tuple[str, int]]) -> str:
    """One per line: the cells grow downwards instead of cutting words off at the window edge."""
    return "\n".join(f"{name} ×{times}" for name, times in pairs) or "—"


def reason_label(reason: str) -> str:
    labels = {
        "not_documented": QCoreApplication.translate("CoderStatsTableModel", "not documented"),
        "negated_ruled_out": QCoreApplication.translate("CoderStatsTableModel", "negated / ruled out"),
        "wrong_specificity": QCoreApplication.translate("CoderStatsTableModel", "wrong specificity"),
        "duplicate": QCoreApplication.translate("CoderStatsTableModel", "duplicate"),
        "other": QCoreApplication.translate("CoderStatsTableModel", "other"),
        "unspecified": QCoreApplication.translate("CoderStatsTableModel", "unspecified"),
    }
    return labels.get(reason, reason)


def coder_name(stats: CoderStats) -> str:
    return (
        QCoreApplication.translate("CoderStatsTableModel", "All coders")
        if stats.coder_id is None
        else stats.coder
    )


class CoderStatsTableModel(RecordTableModel[CoderStats]):
    columns = (
        Column[CoderStats](lambda: QCoreApplication.translate("CoderStatsTableModel", "Coder"), coder_name),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Notes"), lambda s: str(s.notes)
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Decided"),
            lambda s: f"{s.decided} / {s.suggestions}",
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Accepted"),
            lambda s: percent(s.acceptance_rate),
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Precision"),
            lambda s: percent(s.precision),
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Recall"), lambda s: percent(s.recall)
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Mean time per note"),
            lambda s: seconds(s.mean_seconds_per_note),
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Median time per note"),
            lambda s: seconds(s.median_seconds_per_note),
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Most rejected codes"),
            lambda s: counted(s.most_rejected),
        ),
        Column[CoderStats](
            lambda: QCoreApplication.translate("CoderStatsTableModel", "Reject reasons"),
            lambda s: counted([(reason_label(r), n) for r, n in s.reject_reasons]),
        ),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.FontRole and record is not None and record.coder_id is None:
            font = QFont()
            font.setBold(True)  # the overall row: set apart by weight (and its name), not colour
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return super().data(index, role)


class AuditStatsView(QWidget):
    """The statistics tab: a date range, Compute, and one row per coder plus an overall row."""

    computed = Signal(object)  # CodingStats

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditStats")
        self.db = db
        self.actor = actor
        self.runner = TaskRunner(self)
        self.stats: CodingStats | None = None
        self.range_check = QCheckBox()
        self.range_check.setObjectName("statsLimitDates")
        self.range_check.toggled.connect(self._range_toggled)
        today = QDate.currentDate()
        self.since_label = QLabel()
        self.since_edit = QDateEdit(today.addDays(-30))
        self.since_edit.setObjectName("statsSince")
        self.until_label = QLabel()
        self.until_edit = QDateEdit(today)
        self.until_edit.setObjectName("statsUntil")
        for edit, label in ((self.since_edit, self.since_label), (self.until_edit, self.until_label)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            label.setBuddy(edit)
        self.compute_button = QPushButton()
        self.compute_button.setObjectName("statsCompute")
        self.compute_button.clicked.connect(self.compute)
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.table = RecordList(CoderStatsTableModel(), "coderStats")
        self.definitions = QLabel()
        self.definitions.setObjectName("statsDefinitions")
        self.definitions.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.range_check)
        filters.addWidget(self.since_label)
        filters.addWidget(self.since_edit)
        filters.addWidget(self.until_label)
        filters.addWidget(self.until_edit)
        filters.addWidget(self.compute_button)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.definitions)
        self.retranslate()

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.range_check.isChecked():
            return None, None
        since, until = self.since_edit.date().toPython(), self.until_edit.date().toPython()
        assert isinstance(since, dt.date) and isinstance(until, dt.date)
        return since, until

    def _range_toggled(self, on: bool) -> None:
        self.since_edit.setEnabled(on)
        self.until_edit.setEnabled(on)

    def compute(self) -> None:
        since, until = self.date_range()
        if since is not None and until is not None and since > until:
            self._show_message(self.tr("The first day comes after the last day; swap them."), True)
            return
        db, actor = self.db, self.actor
        self.table.set_loading()
        self._show_message(self.tr("Computing statistics…"), False)
        self.runner.submit(
            "stats",
            lambda: audit_stats.coding_stats(db, actor, since=since, until=until),
            self._show_stats,
            self._failed,
        )

    def busy(self) -> bool:
        return self.runner.busy()

    def _show_stats(self, stats: CodingStats) -> None:
        self.stats = stats
        rows = [*stats.coders, stats.overall] if stats.overall.notes else []
        self.table.set_records(rows)
        self.table.view.resizeRowsToContents()
        self._show_message(self._summary_text(), False)
        self.computed.emit(stats)

    def _failed(self, error: Exception) -> None:
        first = (str(error).splitlines() or [type(error).__name__])[0]
        self.table.set_error(self.tr("Statistics could not be computed: %1").replace("%1", first))
        self._show_message(self.table.empty_label.text(), True)

    def _summary_text(self) -> str:
        stats = self.stats
        if stats is None:
            return self.tr("Press Compute to see the statistics.")
        since, until = self.date_range()
        if since is not None and until is not None:
            scope = self.tr("encounters from %1 to %2").replace("%1", since.isoformat())
            scope = scope.replace("%2", until.isoformat())
        else:
            scope = self.tr("all encounters")
        return (
            self.tr("%1 coded notes by %2 coders (%3).")
            .replace("%1", str(stats.overall.notes))
            .replace("%2", str(len(stats.coders)))
            .replace("%3", scope)
        )

    def _show_message(self, message: str, assertive: bool) -> None:
        self.summary.setText(message)
        describe(self.summary, message)
        announce(self, message, assertive=assertive)

    def retranslate(self) -> None:
        self.range_check.setText(self.tr("Limit to encounter &dates"))
        describe(self.range_check, self.tr("Limit to encounter dates"))
        self.since_label.setText(self.tr("Fr&om:"))
        self.until_label.setText(self.tr("&Until:"))
        for edit, name in (
            (self.since_edit, self.tr("First encounter day")),
            (self.until_edit, self.tr("Last encounter day")),
        ):
            describe(edit, name)
            inner = edit.findChild(QLineEdit)
            if inner is not None:  # the spin box's own text field is a control of its own
                describe(inner, name)
        self.compute_button.setText(self.tr("&Compute"))
        describe(
            self.compute_button, self.tr("Compute"), self.tr("Compute the statistics for the chosen days")
        )
        self.table.set_texts(
            self.tr("Coding &statistics per coder and overall"),
            self.tr("Coding statistics"),
            self.tr("No coded notes in this range. Coders' decisions appear here once notes are coded."),
        )
        self.definitions.setText(
            self.tr(
                "Accepted: accepted suggestions of those decided. Precision: suggested codes that became "
                "final codes. Recall: final codes that were suggested. Time: the coder's time per note."
            )
        )
        if not self.runner.busy():
            self.summary.setText(self._summary_text())
            describe(self.summary, self.summary.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
