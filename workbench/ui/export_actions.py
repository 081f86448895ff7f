"""Export from the auditor's workspace: final codes as CSV, one encounter as a FHIR R4 bundle.

The user picks a file; the export runs off the UI thread into a temporary file beside the
target, which replaces the target only once complete: a failure (a full disk, a folder that
cannot be written) leaves no half-written file and no damaged earlier export.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from workbench.atomic_file import write_atomically
from workbench.security.roles import Actor
from workbench.store.database import Database
from workbench.ui.tasks import TaskRunner

# (parent, caption, suggested file name, filter) -> chosen path, or "" when cancelled.
PathChooser = Callable[[QWidget, str, str, str], str]


def choose_save_path(parent: QWidget, caption: str, suggested: str, name_filter: str) -> str:
    path, _selected = QFileDialog.getSaveFileName(parent, caption, suggested, name_filter)
    return path


def export_csv(db: Database, actor: Actor, path: Path) -> int:
    from workbench.services import export

    return write_atomically(path, lambda out: export.final_codes_csv(db, actor, out))


def export_fhir(db: Database, actor: Actor, encounter_id: int, path: Path) -> int:
    from workbench.services import export

    bundle = export.encounter_bundle_json(db, actor, encounter_id)
    write_atomically(path, lambda out: out.write(export.bundle_text(bundle)))
    return len(bundle.get("entry", []))


class ExportActions(QObject):
    """Asks for a file, exports in the background, and reports through ``message``."""

    message = Signal(str, bool)  # text, is it a problem
    finished = Signal(str)  # the written path

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget, choose_path: PathChooser = choose_save_path
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.parent_widget = parent
        self.choose_path = choose_path
        self.runner = TaskRunner(self)

    def busy(self) -> bool:
        return self.runner.busy()

    def export_codes(self) -> None:
        chosen = self.choose_path(
            self.parent_widget,
            self.tr("Export final codes as CSV"),
            "final-codes.csv",
            self.tr("CSV files (*.csv)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        db, actor = self.db, self.actor
        self.message.emit(self.tr("Exporting final codes to %1…").replace("%1", str(path)), False)
        self.runner.submit(
            "csv",
            lambda: export_csv(db, actor, path),
            lambda rows: self._done(
                path,
                self.tr("Exported %1 final codes to %2.").replace("%1", str(rows)).replace("%2", str(path)),
            ),
            lambda error: self._failed(path, error),
        )

    def export_encounter(self, encounter_id: int | None) -> None:
        if encounter_id is None:
            self.message.emit(self.tr("Select a note first."), True)
            return
        chosen = self.choose_path(
            self.parent_widget,
            self.tr("Export encounter as FHIR R4 bundle"),
            f"encounter-{encounter_id}.fhir.json",
            self.tr("FHIR JSON files (*.json)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        db, actor = self.db, self.actor
        self.message.emit(self.tr("Exporting encounter %1…").replace("%1", str(encounter_id)), False)
        self.runner.submit(
            "fhir",
            lambda: export_fhir(db, actor, encounter_id, path),
            lambda entries: self._done(
                path,
                self.tr("Exported encounter %1 as a FHIR bundle of %2 resources to %3.")
                .replace("%1", str(encounter_id))
                .replace("%2", str(entries))
                .replace("%3", str(path)),
            ),
            lambda error: self._failed(path, error),
        )

    def _done(self, path: Path, text: str) -> None:
        self.message.emit(text, False)
        self.finished.emit(str(path))

    def _failed(self, path: Path, error: Exception) -> None:
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            text = self.tr("Could not write %1: %2. Nothing was written; choose another folder.")
        else:
            reason = (str(error).splitlines() or [type(error).__name__])[0]
            text = self.tr("The export to %1 failed: %2. Nothing was written.")
        self.message.emit(text.replace("%1", str(path)).replace("%2", reason), True)
