"""The main window's patient search: Ctrl+K, results as you type, emphasis, keyboard, errors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PASSWORD, Clinic, add_patient, start
from tests.ui.test_accessibility import assert_all_named
from tests.ui.test_workspaces import open_window
from workbench.security.roles import Actor
from workbench.services import signing
from workbench.ui.main_window import MainWindow
from workbench.ui.patient_search import HTML_ROLE, PatientSearchBox, emphasised
from workbench.ui.workspaces.auditor import AuditorWorkspace
from workbench.ui.workspaces.physician import PhysicianWorkspace


def ready_window(qtbot: QtBot, clinic: Clinic, actor: Actor) -> tuple[MainWindow, PatientSearchBox]:
    window = open_window(qtbot, clinic, actor)
    box = window.search_box
    assert box is not None
    qtbot.waitUntil(lambda: box.index_ready, timeout=20_000)  # built in the background
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, box


def type_query(qtbot: QtBot, box: PatientSearchBox, text: str) -> None:
    box.edit.clear()
    with qtbot.waitSignal(box.results_shown, timeout=10_000):
        qtbot.keyClicks(box.edit, text)


def shown_rows(box: PatientSearchBox) -> list[str]:
    return [box.list.item(r).text() for r in range(box.list.count())]


def test_emphasis_marks_the_spans_in_bold_and_underline() -> None:
    assert emphasised("O'Brien", [(0, 3)]) == "<b><u>O&#x27;B</u></b>rien"
    assert emphasised("Smith", [(0, 2), (1, 4), (9, 12)]) == "<b><u>Sm</u></b><b><u>it</u></b>h"


def test_ctrl_k_focuses_the_box_and_a_typo_finds_the_patient(qtbot: QtBot, clinic: Clinic) -> None:
    window, box = ready_window(qtbot, clinic, clinic.physician)
    QTest.keySequence(window.windowHandle(), "Ctrl+K")
    assert box.edit.hasFocus()
    type_query(qtbot, box, "okafr amara")
    assert box.popup.isVisible() and box.list.isVisible()
    assert shown_rows(box)[0].startswith("Okafor, Amara · MRN 00000103 · 1960-05-17 · F")
    first = box.list.item(0)
    assert "<b><u>" in first.data(HTML_ROLE)  # the matched parts are emphasised
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == first.text()
    assert box.message.text().endswith("patients found")
    assert_all_named(window)


def test_arrows_and_enter_open_the_patient_in_the_physician_workspace(qtbot: QtBot, clinic: Clinic) -> None:
    add_patient(clinic.db, "00000104", "Tomasz", "Bergman")
    start(clinic, clinic.patients[1], "cough")  # Berg, Tomas has an encounter today
    window, box = ready_window(qtbot, clinic, clinic.physician)
    workspace = window.workspace
    assert isinstance(workspace, PhysicianWorkspace)
    box.focus_search()
    type_query(qtbot, box, "berg")
    names = [row.split(" · ")[0] for row in shown_rows(box)]
    assert names[:2] == ["Berg, Tomas", "Bergman, Tomasz"]  # the exact hit first
    qtbot.keyClick(box.edit, Qt.Key.Key_Down)
    qtbot.keyClick(box.edit, Qt.Key.Key_Up)
    qtbot.keyClick(box.edit, Qt.Key.Key_Down)
    assert box.current_patient() is not None and box.current_patient().mrn == "00000104"  # type: ignore[union-attr]
    qtbot.keyClick(box.edit, Qt.Key.Key_Up)
    with qtbot.waitSignal(box.patient_chosen, timeout=5000) as chosen:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert chosen.args[0].mrn == "00000102"
    assert not box.popup.isVisible()
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=10_000)
    selected = workspace.patient_list.current_record()
    assert selected is not None and selected.mrn == "00000102"
    assert workspace.patient_list.view.hasFocus()  # Enter now starts an encounter
    encounter = workspace.encounter_list.current_record()
    assert encounter is not None and encounter.patient.mrn == "00000102"
    assert "Press Enter to start an encounter" in window.statusBar().currentMessage()


def test_a_syntax_error_is_shown_inline_with_its_position(qtbot: QtBot, clinic: Clinic) -> None:
    _window, box = ready_window(qtbot, clinic, clinic.physician)
    box.focus_search()
    qtbot.keyClicks(box.edit, "dob:1950-13-45")
    qtbot.waitUntil(lambda: box.error is not None, timeout=10_000)
    assert box.popup.isVisible() and not box.list.isVisible()
    error = box.error
    assert error is not None
    assert box.message.text().startswith(f"Not understood at character {error.position + 1}: ")
    assert "<u>" in box.message.text()  # the place of the problem is marked
    assert box.message.accessibleName().startswith("Not understood at character")
    qtbot.keyClick(box.edit, Qt.Key.Key_Escape)
    assert not box.popup.isVisible()


def test_nothing_found_says_what_to_try(qtbot: QtBot, clinic: Clinic) -> None:
    _window, box = ready_window(qtbot, clinic, clinic.physician)
    type_query(qtbot, box, "zzyzx qqq")
    assert box.list.count() == 0 and not box.list.isVisible()
    assert box.message.text().startswith("No patient matches.")


def test_an_auditor_opening_a_patient_selects_their_signed_note(qtbot: QtBot, clinic: Clinic) -> None:
    encounter = start(clinic, clinic.patients[2])
    assert encounter.note_id is not None
    from workbench.services import notes

    notes.save_note(clinic.db, clinic.physician, encounter.note_id, "Seen today.", 1, "manual")
    signing.sign_note(clinic.db, clinic.physician, encounter.note_id, PASSWORD)
    window, box = ready_window(qtbot, clinic, clinic.auditor)
    workspace = window.workspace
    assert isinstance(workspace, AuditorWorkspace)
    type_query(qtbot, box, "mrn:00000103")  # a predicate query
    assert shown_rows(box)[0].startswith("Okafor, Amara")
    box.choose()
    record = workspace.note_list.current_record()
    assert record is not None and record.note_id == encounter.note_id
    assert window.statusBar().currentMessage() == "Showing the notes of Okafor, Amara."


def test_patients_added_later_are_found_after_a_refresh(qtbot: QtBot, clinic: Clinic) -> None:
    window, box = ready_window(qtbot, clinic, clinic.coder)
    add_patient(clinic.db, "00000199", "Zelda", "Quintero")
    with qtbot.waitSignal(box.index_built, timeout=20_000):
        window.refresh()
    type_query(qtbot, box, "quintero")
    assert shown_rows(box)[0].startswith("Quintero, Zelda")


def test_typing_quickly_runs_one_search_off_the_ui_thread(qtbot: QtBot, clinic: Clinic) -> None:
    import threading

    from PySide6.QtWidgets import QWidget

    from workbench.services.search import PatientSearch, SearchResults

    class CountingSearch(PatientSearch):
        def __init__(self) -> None:
            super().__init__(clinic.db)
            self.calls: list[tuple[str, bool]] = []

        def search(self, actor: Actor, text: str, limit: int = 10, today: object = None) -> SearchResults:
            self.calls.append((text, threading.current_thread() is threading.main_thread()))
            return super().search(actor, text, limit)

    host = QWidget()
    qtbot.addWidget(host)
    counting = CountingSearch()
    box = PatientSearchBox(clinic.db, clinic.physician, host, host, counting)
    host.show()
    with qtbot.waitSignal(box.results_shown, timeout=10_000) as shown:
        qtbot.keyClicks(box.edit, "alvarez")  # faster than the debounce interval
    assert counting.calls == [("alvarez", False)]
    assert not shown.args[0].index_ready  # answered by the SQL fallback before the index exists
    assert shown.args[0].matches[0].patient.family_name == "Alvarez"
