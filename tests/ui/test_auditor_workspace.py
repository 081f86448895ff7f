"""The auditor's workspace: note details, statistics on screen, the audit sample, exports, keys."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.conftest import make_actor
from tests.services.coded_notes import TEXT, signed_note
from tests.ui.conftest import PASSWORD, Clinic
from tests.ui.test_accessibility import assert_all_named
from tests.ui.test_workspaces import open_window, rows
from workbench.atomic_file import write_atomically
from workbench.security.roles import Actor
from workbench.services import coding_review as review
from workbench.store.models import AuditEvent, Role
from workbench.ui.main_window import MainWindow
from workbench.ui.workspaces.auditor import AuditorWorkspace


@dataclass(frozen=True)
class Coded:
    coder2: Actor
    notes: list[int]


def code_three_notes(clinic: Clinic, finalise: bool = False) -> Coded:
    """The decisions of the service test (tests/services/test_audit_stats.py), through the services."""
    coder1 = clinic.coder
    coder2 = make_actor(clinic.db, Role.CODER, "coder2")
    db = clinic.db
    n1, s1 = signed_note(db, clinic.physician, "M-1", dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC))
    n2, s2 = signed_note(db, clinic.physician, "M-2", dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC))
    n3, s3 = signed_note(db, clinic.physician, "M-3", dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC))
    review.decide(db, coder1, n1, s1[0], "accept", seconds_spent=10)
    review.decide(db, coder1, n1, s1[1], "accept", seconds_spent=5)
    review.decide(db, coder1, n1, s1[2], "reject", "wrong_specificity", seconds_spent=5)
    review.dismiss(db, coder1, n1, [s1[3]])
    review.add_code(db, coder1, n1, "Z09", seconds_spent=10)
    review.decide(db, coder1, n2, s2[0], "accept", seconds_spent=8)
    review.decide(db, coder1, n2, s2[1], "accept", seconds_spent=2)
    review.decide(db, coder1, n2, s2[1], "reject", "not_documented", seconds_spent=4)
    review.decide(db, coder1, n2, s2[2], "reject", "not_documented", seconds_spent=3)
    review.decide(db, coder1, n2, s2[3], "reject", "negated_ruled_out", seconds_spent=3)
    for sid in s3[:4]:
        review.decide(db, coder2, n3, sid, "accept", seconds_spent=10)
    if finalise:
        review.finalise(db, coder1, n1, PASSWORD)
        review.finalise(db, coder1, n2, PASSWORD)
        review.finalise(db, coder2, n3, PASSWORD)
    return Coded(coder2, [n1, n2, n3])


def auditor_window(qtbot: QtBot, clinic: Clinic) -> tuple[MainWindow, AuditorWorkspace]:
    window = open_window(qtbot, clinic, clinic.auditor)
    workspace = window.workspace
    assert isinstance(workspace, AuditorWorkspace)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, workspace


def select_note(qtbot: QtBot, workspace: AuditorWorkspace, note_id: int) -> None:
    assert workspace.note_list.select_where(lambda e: e.note_id == note_id)
    workspace.note_list.view.setFocus()
    qtbot.keyClick(workspace.note_list.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workspace.detail.note_id == note_id and not workspace.busy(), timeout=20_000)


def test_statistics_on_screen_equal_hand_computed_values(qtbot: QtBot, clinic: Clinic) -> None:
    code_three_notes(clinic)
    _window, workspace = auditor_window(qtbot, clinic)
    qtbot.keyClick(workspace.note_list.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    stats = workspace.stats_view
    assert workspace.tabs.currentWidget() is stats and stats.compute_button.hasFocus()
    qtbot.waitUntil(lambda: stats.stats is not None and not stats.busy(), timeout=20_000)
    # Hand-computed (see the service test): coder1 accepted 3 of 8, 3 of 8 suggested codes became
    # final, 3 of 4 final codes were suggested; 30 s and 20 s on the notes.
    assert rows(stats.table) == [
        [
            "coder1",
            "2",
            "8 / 8",
            "37.5 %",
            "37.5 %",
            "75.0 %",
            "25 s",
            "25 s",
            "E78.5 ×2\nI10 ×1\nR73.9 ×1",
            "not documented ×2\nnegated / ruled out ×1\nwrong specificity ×1",
        ],
        ["coder2", "1", "4 / 4", "100.0 %", "100.0 %", "100.0 %", "40 s", "40 s", "—", "—"],
        [
            "All coders",
            "3",
            "12 / 12",
            "58.3 %",
            "58.3 %",
            "87.5 %",
            "30 s",
            "30 s",
            "E78.5 ×2\nI10 ×1\nR73.9 ×1",
            "not documented ×2\nnegated / ruled out ×1\nwrong specificity ×1",
        ],
    ]
    assert stats.summary.text() == "3 coded notes by 2 coders (all encounters)."

    # The date range, by keyboard: only March's two notes (coder1's) remain.
    stats.range_check.setFocus()
    qtbot.keyClick(stats.range_check, Qt.Key.Key_Space)
    assert stats.since_edit.isEnabled() and stats.until_edit.isEnabled()
    stats.since_edit.setDate(QDate(2026, 3, 1))
    stats.until_edit.setDate(QDate(2026, 3, 31))
    qtbot.keyClick(stats.compute_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not stats.busy(), timeout=20_000)
    assert [r[:3] for r in rows(stats.table)] == [["coder1", "2", "8 / 8"], ["All coders", "2", "8 / 8"]]
    assert stats.summary.text() == "2 coded notes by 1 coders (encounters from 2026-03-01 to 2026-03-31)."
    stats.since_edit.setDate(QDate(2026, 4, 2))
    qtbot.keyClick(stats.compute_button, Qt.Key.Key_Space)
    assert "first day comes after the last day" in stats.summary.text()


def test_the_sample_draws_n_notes_per_coder_and_opens_one(qtbot: QtBot, clinic: Clinic) -> None:
    coded = code_three_notes(clinic, finalise=True)
    _window, workspace = auditor_window(qtbot, clinic)
    qtbot.keyClick(workspace.note_list.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    sample = workspace.sample_view
    assert workspace.tabs.currentWidget() is sample and sample.size_spin.hasFocus()
    sample.size_spin.selectAll()
    qtbot.keyClicks(sample.size_spin, "1")
    qtbot.keyClick(sample.draw_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not sample.busy(), timeout=20_000)
    drawn = rows(sample.sample_list)
    assert [r[0] for r in drawn] == ["coder1", "coder2"]
    assert int(drawn[0][1]) in coded.notes[:2] and int(drawn[1][1]) == coded.notes[2]

    qtbot.keyClick(sample.size_spin, Qt.Key.Key_Up)
    assert sample.size_spin.value() == 2
    qtbot.keyClick(sample.draw_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not sample.busy(), timeout=20_000)
    drawn = rows(sample.sample_list)
    assert sorted((r[0], int(r[1])) for r in drawn) == [
        ("coder1", coded.notes[0]),
        ("coder1", coded.notes[1]),
        ("coder2", coded.notes[2]),
    ]
    assert sample.summary.text().startswith("Sample drawn: 3 notes from 2 coders.")

    sample.sample_list.view.setFocus()
    sample.sample_list.view.selectRow(2)
    qtbot.keyClick(sample.sample_list.view, Qt.Key.Key_Return)
    assert workspace.tabs.currentWidget() is workspace.splitter
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=20_000)
    assert workspace.detail.note_id == coded.notes[2]
    selected = workspace.note_list.current_record()
    assert selected is not None and selected.note_id == coded.notes[2]


def test_a_notes_detail_shows_text_signatures_and_the_coding_sign_off(qtbot: QtBot, clinic: Clinic) -> None:
    coded = code_three_notes(clinic, finalise=True)
    window, workspace = auditor_window(qtbot, clinic)
    assert workspace.detail.stack.currentWidget() is workspace.detail.placeholder
    qtbot.waitUntil(lambda: set(workspace.notes_model.verdicts.values()) == {True}, timeout=20_000)
    assert {r[-1] for r in rows(workspace.note_list)} == {"✓ Verified"}
    select_note(qtbot, workspace, coded.notes[0])
    detail = workspace.detail
    assert detail.text_edit.toPlainText() == TEXT and detail.text_edit.isReadOnly()
    panel = detail.signature_panel
    assert panel is not None and panel.badge.badge.verified is True
    assert panel.signed_line.text().startswith("Signed by drwho on ")
    assert detail.coding_status.text().startswith("Coding finalised by coder1 on ")
    assert detail.coding_status.text().endswith(". Final codes: 3.")
    assert detail.coding_verified() is True
    codes = [detail.codes_list.item(i).text() for i in range(detail.codes_list.count())]
    assert codes == [
        "E11.9 — Type 2 diabetes mellitus without complications (suggested)",
        "I10 — Essential (primary) hypertension (suggested)",
        "Z09 (added by the coder)",
    ]
    assert detail.heading.text().startswith(f"Note {coded.notes[0]} by drwho — Ruiz, Ana (M-1), ")
    assert_all_named(window)
    with clinic.db.session() as session:
        purposes = [
            (e.detail or {}).get("purpose")
            for e in session.scalars(
                select(AuditEvent).where(
                    AuditEvent.action == "note.viewed", AuditEvent.actor_id == clinic.auditor.user_id
                )
            )
        ]
    assert "coding" not in purposes and "audit" in purposes  # an auditor's look is not coding


def test_exports_write_csv_and_a_fhir_bundle_that_parses(
    qtbot: QtBot, clinic: Clinic, tmp_path: Path
) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.condition import Condition

    coded = code_three_notes(clinic, finalise=True)
    window, workspace = auditor_window(qtbot, clinic)
    chosen: list[str] = []

    def choose(_parent: QWidget, _caption: str, suggested: str, _filter: str) -> str:
        chosen.append(suggested)
        return str(tmp_path / suggested)

    workspace.exports.choose_path = choose
    qtbot.mouseClick(workspace.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not workspace.exports.busy(), timeout=20_000)
    with (tmp_path / "final-codes.csv").open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert sorted((int(r["note_id"]), r["code"]) for r in table) == sorted(
        [(coded.notes[0], c) for c in ("E11.9", "I10", "Z09")]
        + [(coded.notes[1], "E11.9")]
        + [(coded.notes[2], c) for c in ("E11.9", "I10", "E78.5", "R73.9")]
    )
    assert window.statusBar().currentMessage().startswith("Exported 8 final codes to ")

    assert workspace.note_list.select_where(lambda e: e.note_id == coded.notes[0])
    encounter = workspace.note_list.current_record()
    assert encounter is not None
    workspace.fhir_button.setFocus()
    qtbot.keyClick(workspace.fhir_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not workspace.exports.busy(), timeout=20_000)
    written = tmp_path / f"encounter-{encounter.id}.fhir.json"
    bundle = Bundle.model_validate(json.loads(written.read_text(encoding="utf-8")))
    conditions = [e.resource for e in bundle.entry or [] if isinstance(e.resource, Condition)]
    codes = [coding.code for c in conditions if c.code is not None for coding in c.code.coding or []]
    assert sorted(str(code) for code in codes) == ["E11.9", "I10", "Z09"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]

    # A folder that does not exist: a clear message, nothing written.
    workspace.exports.choose_path = lambda *_args: str(tmp_path / "missing" / "codes.csv")
    qtbot.mouseClick(workspace.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not workspace.exports.busy(), timeout=20_000)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Could not write {tmp_path / 'missing' / 'codes.csv'}: ")
    assert "Nothing was written" in message and not (tmp_path / "missing").exists()


def test_a_failed_write_leaves_the_earlier_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "codes.csv"
    target.write_text("the earlier export\n", encoding="utf-8")

    def half_then_fail(out: object) -> None:
        assert hasattr(out, "write")
        out.write("half a file")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomically(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "the earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["codes.csv"]


def test_keyboard_reaches_every_auditor_control(qtbot: QtBot, clinic: Clinic) -> None:
    code_three_notes(clinic)
    window, workspace = auditor_window(qtbot, clinic)
    workspace.note_list.view.setFocus()
    qtbot.keyClick(workspace.note_list.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workspace.detail.note_id is not None and not workspace.busy(), timeout=20_000)
    assert workspace.detail.coding_status.text().startswith("Coding in progress by coder")
    assert "not finalised" in workspace.detail.coding_status.text()
    assert workspace.detail.coding_verified() is None
    wanted = {
        workspace.note_list.view,
        workspace.open_button,
        workspace.trail_button,
        workspace.csv_button,
        workspace.fhir_button,
        workspace.detail.text_edit,
        workspace.detail.codes_list,
        workspace.tabs.tabBar(),
    }
    reached = set()
    for _ in range(40):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert wanted <= reached
    for index, page in enumerate((workspace.splitter, workspace.stats_view, workspace.sample_view)):
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier
        )
        assert workspace.tabs.currentWidget() is page
        qtbot.waitUntil(lambda: not workspace.busy(), timeout=20_000)
        assert_all_named(window)
