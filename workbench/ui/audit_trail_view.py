"""The audit trail of one encounter, for auditors: every recorded event, oldest first.

Above the events, whether the whole hash chain still verifies (an edited, deleted or inserted
event anywhere makes the history of this encounter untrustworthy too). Both load off the UI
thread: the chain check reads every event there is.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from workbench.security.audit import ChainReport
from workbench.security.roles import Actor
from workbench.services import audit_trail
from workbench.services.audit_trail import EventInfo
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe
from workbench.ui.models import Column, RecordTableModel, local_datetime
from workbench.ui.tasks import TaskRunner
from workbench.ui.workspaces.base import RecordList


def _detail(event: EventInfo) -> str:
    return json.dumps(event.detail, sort_keys=True, ensure_ascii=False, default=str) if event.detail else ""


class AuditEventTableModel(RecordTableModel[EventInfo]):
    columns = (
        Column[EventInfo](
            lambda: QCoreApplication.translate("AuditEventTableModel", "When"),
            lambda e: local_datetime(e.occurred_at),
        ),
        Column[EventInfo](
            lambda: QCoreApplication.translate("AuditEventTableModel", "Who"), lambda e: e.actor
        ),
        Column[EventInfo](
            lambda: QCoreApplication.translate("AuditEventTableModel", "Action"), lambda e: e.action
        ),
        Column[EventInfo](
            lambda: QCoreApplication.translate("AuditEventTableModel", "Record"),
            lambda e: f"{e.entity_type} {e.entity_id or ''}".strip(),
        ),
        Column[EventInfo](lambda: QCoreApplication.translate("AuditEventTableModel", "Details"), _detail),
    )


class AuditTrailDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, encounter_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditTrail")
        self.db = db
        self.actor = actor
        self.encounter_id = encounter_id
        self.runner = TaskRunner(self)
        self.chain: ChainReport | None = None
        self.chain_label = QLabel()
        self.chain_label.setObjectName("chainStatus")
        self.chain_label.setWordWrap(True)
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.chain_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.events = RecordList(AuditEventTableModel(), "auditEvents")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain_label)
        layout.addWidget(self.events, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
        self.retranslate()
        self.load()

    def load(self) -> None:
        db, actor, encounter_id = self.db, self.actor, self.encounter_id
        self.events.set_loading()
        self.runner.submit(
            "events",
            lambda: audit_trail.encounter_history(db, actor, encounter_id),
            self._show_events,
            lambda error: self.events.set_error(str(error)),
        )
        self.runner.submit(
            "chain", lambda: audit_trail.verify_audit_trail(db, actor), self._show_chain, self._chain_failed
        )

    def busy(self) -> bool:
        return self.runner.busy()

    def _show_events(self, events: list[EventInfo]) -> None:
        self.events.set_records(events)
        announce(self, self.tr("%1 events").replace("%1", str(len(events))))

    def _show_chain(self, report: ChainReport) -> None:
        self.chain = report
        self._chain_text()
        announce(self, self.chain_label.text(), assertive=not report.ok)

    def _chain_failed(self, error: Exception) -> None:
        self.chain_label.setText(
            self.tr("✗ The audit chain could not be checked: %1").replace("%1", str(error))
        )
        describe(self.chain_label, self.chain_label.text())

    def _chain_text(self) -> None:
        report = self.chain
        if report is None:
            text = self.tr("Checking the audit chain…")
        elif report.ok:
            text = self.tr("✓ Audit chain intact: %1 events verified.").replace("%1", str(report.events))
        else:
            first = report.problems[0]
            text = (
                self.tr("✗ Audit chain broken (%1 problems). First: event %2: %3")
                .replace("%1", str(len(report.problems)))
                .replace("%2", str(first.event_id))
                .replace("%3", first.message)
            )
        self.chain_label.setText(text)
        describe(self.chain_label, text)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit trail — encounter %1").replace("%1", str(self.encounter_id)))
        self.events.set_texts(
            self.tr("&Events, oldest first"),
            self.tr("Audit events"),
            self.tr("Nothing has been recorded for this encounter."),
        )
        describe(self.close_button, self.close_button.text().replace("&", ""))
        self._chain_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
