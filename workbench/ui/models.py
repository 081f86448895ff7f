"""Item models for the workspaces' lists: plain service dataclasses in, table cells out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from workbench.services.encounters import EncounterInfo
from workbench.services.patients import PatientInfo
from workbench.services.users import UserInfo

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


def note_status_label(status: str | None) -> str:
    labels = {
        "draft": QCoreApplication.translate("NoteStatus", "Draft"),
        "signed": QCoreApplication.translate("NoteStatus", "Signed"),
        "amended": QCoreApplication.translate("NoteStatus", "Amended"),
    }
    return labels.get(status or "", QCoreApplication.translate("NoteStatus", "No note"))


def role_label(role: str) -> str:
    labels = {
        "physician": QCoreApplication.translate("Role", "Physician"),
        "coder": QCoreApplication.translate("Role", "Coder"),
        "auditor": QCoreApplication.translate("Role", "Auditor"),
        "admin": QCoreApplication.translate("Role", "Administrator"),
    }
    return labels.get(role, role)


def local_time(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def local_datetime(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Column(Generic[T]):
    header: Callable[[], str]
    value: Callable[[T], str]


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table of frozen dataclasses; one row per record."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[T] = []

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[T]:
        return list(self._rows)

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        return self.columns[index.column()].value(self._rows[index.row()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header()
        return None


class EncounterTableModel(RecordTableModel[EncounterInfo]):
    columns = (
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("EncounterTableModel", "Time"),
            lambda e: local_time(e.started_at),
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("EncounterTableModel", "Patient"),
            lambda e: e.patient.display_name,
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("EncounterTableModel", "MRN"), lambda e: e.patient.mrn
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("EncounterTableModel", "Type"), lambda e: e.encounter_type
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("EncounterTableModel", "Reason"), lambda e: e.reason
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("EncounterTableModel", "Note"),
            lambda e: note_status_label(e.note_status),
        ),
    )


class SignedNoteTableModel(RecordTableModel[EncounterInfo]):
    columns = (
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("SignedNoteTableModel", "Date"),
            lambda e: local_datetime(e.started_at),
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("SignedNoteTableModel", "Patient"),
            lambda e: e.patient.display_name,
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("SignedNoteTableModel", "MRN"), lambda e: e.patient.mrn
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("SignedNoteTableModel", "Clinician"), lambda e: e.clinician
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("SignedNoteTableModel", "Type"), lambda e: e.encounter_type
        ),
        Column[EncounterInfo](
            lambda: QCoreApplication.translate("SignedNoteTableModel", "Status"),
            lambda e: note_status_label(e.note_status),
        ),
    )


class PatientTableModel(RecordTableModel[PatientInfo]):
    columns = (
        Column[PatientInfo](lambda: QCoreApplication.translate("PatientTableModel", "MRN"), lambda p: p.mrn),
        Column[PatientInfo](
            lambda: QCoreApplication.translate("PatientTableModel", "Name"), lambda p: p.display_name
        ),
        Column[PatientInfo](
            lambda: QCoreApplication.translate("PatientTableModel", "Date of birth"),
            lambda p: p.date_of_birth.isoformat(),
        ),
        Column[PatientInfo](
            lambda: QCoreApplication.translate("PatientTableModel", "Age"), lambda p: str(p.age())
        ),
        Column[PatientInfo](lambda: QCoreApplication.translate("PatientTableModel", "Sex"), lambda p: p.sex),
    )


class UserTableModel(RecordTableModel[UserInfo]):
    columns = (
        Column[UserInfo](
            lambda: QCoreApplication.translate("UserTableModel", "Username"), lambda u: u.username
        ),
        Column[UserInfo](
            lambda: QCoreApplication.translate("UserTableModel", "Name"), lambda u: u.display_name
        ),
        Column[UserInfo](
            lambda: QCoreApplication.translate("UserTableModel", "Role"), lambda u: role_label(u.role.value)
        ),
        Column[UserInfo](
            lambda: QCoreApplication.translate("UserTableModel", "Active"),
            lambda u: (
                QCoreApplication.translate("UserTableModel", "Yes")
                if u.active
                else QCoreApplication.translate("UserTableModel", "No")
            ),
        ),
    )


class VerifiedNoteTableModel(SignedNoteTableModel):
    """Signed notes with a last column saying whether each one's signatures verify.

    The verdicts arrive later than the rows (verification runs off the UI thread); until then
    the column says it is checking. Words and a sign, never colour alone.
    """

    def __init__(self) -> None:
        super().__init__()
        self.verdicts: dict[int, bool] = {}

    def set_verdicts(self, verdicts: dict[int, bool]) -> None:
        self.verdicts = dict(verdicts)
        if self.rowCount():
            column = len(self.columns)
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    def verdict_text(self, note_id: int | None) -> str:
        verdict = self.verdicts.get(note_id) if note_id is not None else None
        if verdict is None:
            return QCoreApplication.translate("VerifiedNoteTableModel", "Checking…")
        if verdict:
            return QCoreApplication.translate("VerifiedNoteTableModel", "✓ Verified")
        return QCoreApplication.translate("VerifiedNoteTableModel", "✗ Not verified")

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == len(self.columns):
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return None
            record = self.record(index.row())
            return self.verdict_text(record.note_id if record is not None else None)
        return super().data(index, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section == len(self.columns)
        ):
            return QCoreApplication.translate("VerifiedNoteTableModel", "Signature")
        return super().headerData(section, orientation, role)

    def retranslate(self) -> None:
        super().retranslate()
        column = len(self.columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))
