"""The suggestions of one note as a list model: code, title, confidence, flags and review status.

Each row speaks for itself to a screen reader: its accessible text is what is shown, and its
accessible description quotes the evidence in the note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from workbench.services.coding_review import DecisionInfo, SuggestionReview
from workbench.store.models import DecisionAction

Index = QModelIndex | QPersistentModelIndex
SuggestionRole = int(Qt.ItemDataRole.UserRole) + 1


def status_label(status: str) -> str:
    labels = {
        "unreviewed": QCoreApplication.translate("SuggestionListModel", "Not decided"),
        DecisionAction.ACCEPT.value: QCoreApplication.translate("SuggestionListModel", "✓ Accepted"),
        DecisionAction.REJECT.value: QCoreApplication.translate("SuggestionListModel", "✗ Rejected"),
        DecisionAction.DISMISS.value: QCoreApplication.translate("SuggestionListModel", "– Dismissed"),
        DecisionAction.ADD.value: QCoreApplication.translate("SuggestionListModel", "+ Added"),
    }
    return labels.get(status, status)


def flag_labels(suggestion: SuggestionReview) -> list[str]:
    """The flags a coder acts on, in words (documentation hints included)."""
    out: list[str] = []
    if suggestion.needs_review:
        out.append(QCoreApplication.translate("SuggestionListModel", "needs review"))
    flags = set(suggestion.flags)
    if "excludes1_conflict" in flags:
        out.append(QCoreApplication.translate("SuggestionListModel", "Excludes1 conflict"))
    if "unspecified_leaf" in flags:
        out.append(
            QCoreApplication.translate(
                "SuggestionListModel", "documentation: a more specific code needs more detail"
            )
        )
    if "default_7th_character" in flags:
        out.append(
            QCoreApplication.translate("SuggestionListModel", "documentation: 7th character defaulted")
        )
    for flag, label in (
        ("negated", QCoreApplication.translate("SuggestionListModel", "negated")),
        ("family", QCoreApplication.translate("SuggestionListModel", "family history")),
        ("historical", QCoreApplication.translate("SuggestionListModel", "history of")),
        ("hypothetical", QCoreApplication.translate("SuggestionListModel", "hypothetical")),
        ("uncertain", QCoreApplication.translate("SuggestionListModel", "uncertain")),
    ):
        if flag in flags:
            out.append(label)
    return out


def evidence_quote(suggestion: SuggestionReview) -> str:
    quotes = "; ".join(f"“{e.text}”" for e in suggestion.evidence if e.text)
    return (
        QCoreApplication.translate("SuggestionListModel", "Evidence: %1").replace("%1", quotes)
        if quotes
        else QCoreApplication.translate("SuggestionListModel", "No evidence in the text")
    )


def row_text(suggestion: SuggestionReview) -> str:
    parts = [
        f"{suggestion.code} — {suggestion.title}",
        f"{round(suggestion.confidence * 100)}%",
        status_label(suggestion.status),
    ]
    flags = flag_labels(suggestion)
    if flags:
        parts.append("⚑ " + ", ".join(flags))
    return " · ".join(parts)


class SuggestionListModel(QAbstractListModel):
    """Suggestions best first; a decision updates its one row (no reset, no reload)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[SuggestionReview] = []
        self._row_of: dict[int, int] = {}

    def set_suggestions(self, suggestions: Sequence[SuggestionReview]) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self._row_of = {s.id: i for i, s in enumerate(self._rows)}
        self.endResetModel()

    def suggestions(self) -> list[SuggestionReview]:
        return list(self._rows)

    def suggestion(self, row: int) -> SuggestionReview | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, suggestion_id: int) -> int | None:
        return self._row_of.get(suggestion_id)

    def set_decision(self, suggestion_id: int, decision: DecisionInfo) -> SuggestionReview | None:
        row = self._row_of.get(suggestion_id)
        if row is None:
            return None
        self._rows[row] = replace(self._rows[row], decision=decision)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
        return self._rows[row]

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        suggestion = self.suggestion(index.row()) if index.isValid() else None
        if suggestion is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row_text(suggestion)
        if role in (Qt.ItemDataRole.AccessibleDescriptionRole, Qt.ItemDataRole.ToolTipRole):
            return evidence_quote(suggestion)
        if role == SuggestionRole:
            return suggestion
        return None
