"""The coder's review screen and worklist, driven from the keyboard on a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible, QColor, QTextCharFormat
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.services.coded_notes import PASSWORD, Planned, signed_note
from tests.ui.conftest import Clinic
from tests.ui.test_workspaces import open_window
from workbench.coding.suggest import CodingResult, Suggestion
from workbench.services import coding_review
from workbench.services.coding_review import RejectReason
from workbench.store.models import AuditEvent, CodingDecision, DecisionAction
from workbench.ui.coding_review import CodingReviewScreen, from_qt, to_qt
from workbench.ui.evidence_highlighter import (
    BACKGROUNDS,
    SUGGESTIONS_PROPERTY,
    HighlightSpan,
    segments,
)
from workbench.ui.suggestion_list import SuggestionRole
from workbench.ui.theme import DARK, LIGHT, contrast_ratio
from workbench.ui.theme import Role as PaletteRole
from workbench.ui.workspaces.coder import CoderWorkspace

TEXT = (
    "ASSESSMENT:\nType 2 diabetes mellitus. Essential hypertension. Hyperlipidemia. No pneumonia.\n"
    "Gastroesophageal reflux disease."
)
PLAN = (
    Planned("E11.9", "Type 2 diabetes mellitus without complications", 0.92, "Type 2 diabetes mellitus"),
    Planned("I10", "Essential (primary) hypertension", 0.85, "Essential hypertension"),
    Planned("E78.5", "Hyperlipidemia, unspecified", 0.41, "Hyperlipidemia", ("needs_review",)),
    Planned("J18.9", "Pneumonia, unspecified organism", 0.6, "pneumonia", ("negated",)),
)


@pytest.fixture
def screens() -> Iterator[list[QWidget]]:
    made: list[QWidget] = []
    yield made
    for widget in made:
        if shiboken6.isValid(widget):
            widget.close()


def open_screen(
    qtbot: QtBot, clinic: Clinic, note_id: int, screens: list[QWidget], **kw: object
) -> CodingReviewScreen:
    screen = CodingReviewScreen(clinic.db, clinic.coder, note_id, **kw)  # type: ignore[arg-type]
    screens.append(screen)
    screen.show()
    wait_idle(qtbot, screen)
    return screen


def wait_idle(qtbot: QtBot, screen: CodingReviewScreen, timeout: int = 20_000) -> None:
    qtbot.waitUntil(lambda: screen.review is not None and not screen.busy(), timeout=timeout)


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def modal_dialog(qtbot: QtBot, parent: QWidget) -> QDialog:
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [d for d in parent.findChildren(QDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5000)
    return found[0]


def key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_keyboard_only_coding_from_worklist_to_signed_codes(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    window = open_window(qtbot, clinic, clinic.coder)
    workspace = window.workspace
    assert isinstance(workspace, CoderWorkspace)
    qtbot.waitUntil(lambda: workspace.worklist.model.rowCount() == 1, timeout=10_000)
    assert "1 notes match" in workspace.worklist.counts.text()
    assert workspace.worklist.model.index(0, 5).data() == "0 of 3 decided"  # the negated one is apart
    activate(qtbot, window)
    workspace.worklist.view.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    screen = workspace.reviews[note_id]
    screens.append(screen)
    wait_idle(qtbot, screen)
    activate(qtbot, screen)
    screen.suggestion_view.setFocus()
    assert screen.current_suggestion() is not None
    assert screen.current_suggestion().code == "E11.9"  # type: ignore[union-attr]
    assert [s.code for s in screen.ruled_out_model.suggestions()] == ["J18.9"]
    assert not screen.finalise_button.isEnabled()

    key(qtbot, Qt.Key.Key_A)  # accept E11.9, on to I10
    key(qtbot, Qt.Key.Key_A)  # accept I10, on to E78.5
    wait_idle(qtbot, screen)
    assert screen.current_suggestion().code == "E78.5"  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_K)
    key(qtbot, Qt.Key.Key_J)
    assert screen.current_suggestion().code == "E78.5"  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_R)
    dialog = modal_dialog(qtbot, screen)
    activate(qtbot, dialog)
    key(qtbot, Qt.Key.Key_Down)  # negated / ruled out
    key(qtbot, Qt.Key.Key_Down)  # wrong specificity
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, screen)
    activate(qtbot, screen)  # the offscreen platform does not give the focus back by itself
    assert "3 of 3 suggestions decided; ready to finalise." in screen.state.text()
    assert workspace.worklist.model.index(0, 5).data() == "3 of 3 decided"  # counted as decided, no F5

    # Select the last line of the note from the keyboard, then add a code for it by search.
    screen.note_view.setFocus()
    key(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert screen.selection()[0] == "Gastroesophageal reflux disease."
    key(qtbot, Qt.Key.Key_Insert)
    search = screen.code_dialog
    assert search is not None
    activate(qtbot, search)
    qtbot.waitUntil(lambda: search.results.count() > 0 and not search.busy(), timeout=20_000)
    assert search.current_code() == "K21.9"
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(screen.review and screen.review.added), timeout=10_000)
    wait_idle(qtbot, screen)
    assert screen.added_view.item(0).text().startswith("K21.9")
    activate(qtbot, screen)

    assert screen.finalise_button.isEnabled()
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    signing = modal_dialog(qtbot, screen)
    activate(qtbot, signing)
    assert signing.windowTitle() == "Finalise coding"
    qtbot.keyClicks(QApplication.focusWidget(), PASSWORD)
    with qtbot.waitSignal(screen.finalised, timeout=20_000):
        key(qtbot, Qt.Key.Key_Return)
    wait_idle(qtbot, screen)
    assert screen.review is not None and screen.review.coding_signed
    assert not screen.accept_button.isEnabled() and not screen.finalise_button.isEnabled()

    with clinic.db.session() as session:
        stored = [
            (d.code, d.action, d.reason, d.suggestion_id, d.evidence, d.seconds_spent is not None)
            for d in session.scalars(select(CodingDecision).order_by(CodingDecision.id))
        ]
        events = [
            (e.action, (e.detail or {}).get("code"), (e.detail or {}).get("action"))
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            if e.action in ("coding.decided", "coding.finalised")
        ]
    start = TEXT.index("Gastroesophageal")
    assert stored == [
        (
            "E11.9",
            "accept",
            None,
            ids[0],
            [{"start": 12, "end": 36, "text": "Type 2 diabetes mellitus"}],
            True,
        ),
        ("I10", "accept", None, ids[1], [{"start": 38, "end": 60, "text": "Essential hypertension"}], True),
        ("E78.5", "reject", "wrong_specificity", ids[2], stored[2][4], True),
        ("K21.9", "add", None, None, [{"start": start, "end": len(TEXT), "text": TEXT[start:]}], True),
    ]
    assert events == [
        ("coding.decided", "E11.9", "accept"),
        ("coding.decided", "I10", "accept"),
        ("coding.decided", "E78.5", "reject"),
        ("coding.decided", "K21.9", "add"),
        ("coding.finalised", None, None),
    ]
    view = coding_review.review_note(clinic.db, clinic.coder, note_id)
    assert view.final_codes == ("E11.9", "I10", "K21.9")
    # The finalised note leaves the worklist.
    qtbot.waitUntil(lambda: workspace.worklist.model.rowCount() == 0, timeout=10_000)


def test_highlighted_ranges_are_the_evidence_spans(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, _ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)
    review = screen.review
    assert review is not None
    expected = {
        s.id: [(e.start, e.end) for e in s.evidence] for s in (*review.suggestions, *review.ruled_out)
    }
    assert screen.highlighter.highlighted() == expected
    for s in review.suggestions:
        for e in s.evidence:
            assert TEXT[e.start : e.end] in [p.phrase for p in PLAN]


def test_overlapping_evidence_of_two_suggestions_both_stay_visible(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    plan = (
        Planned("E11.9", "Type 2 diabetes mellitus without complications", 0.92, "Type 2 diabetes mellitus"),
        Planned("R73.9", "Hyperglycemia, unspecified", 0.3, "diabetes"),
    )
    note_id, (diabetes, hyperglycemia) = signed_note(clinic.db, clinic.physician, text=TEXT, plan=plan)
    screen = open_screen(qtbot, clinic, note_id, screens)
    got = screen.highlighter.highlighted()
    assert got == {diabetes: [(12, 36)], hyperglycemia: [(19, 27)]}
    overlap = [
        s
        for s in screen.note_view.extraSelections()
        if str(s.format.property(SUGGESTIONS_PROPERTY)).count(",") == 1
    ]
    assert len(overlap) == 1
    assert (overlap[0].cursor.selectionStart(), overlap[0].cursor.selectionEnd()) == (19, 27)
    assert overlap[0].format.fontOverline()  # "more than one code here"
    # Accepting one changes its spans' style; the other's stay, and the overlap still shows both.
    activate(qtbot, screen)
    screen.suggestion_view.setFocus()
    assert screen.current_suggestion().id == diabetes  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_A)
    wait_idle(qtbot, screen)
    assert screen.highlighter.highlighted() == got
    looks = {
        str(s.format.property(SUGGESTIONS_PROPERTY)): (s.format.underlineStyle(), s.format.fontOverline())
        for s in screen.note_view.extraSelections()
    }
    assert set(looks) == {str(diabetes), f"{diabetes},{hyperglycemia}"}  # R73.9 lies inside E11.9
    assert looks[str(diabetes)] == (QTextCharFormat.UnderlineStyle.SingleUnderline, False)
    assert looks[f"{diabetes},{hyperglycemia}"][1]


def test_segments_cut_overlaps_and_keep_every_suggestion() -> None:
    spans = [
        HighlightSpan(1, 0, 10, "accept"),
        HighlightSpan(2, 5, 15, "unreviewed"),
        HighlightSpan(3, 40, 60, "reject"),
    ]
    cut = segments(spans, 50)
    assert [(s.start, s.end, s.suggestion_ids) for s in cut] == [
        (0, 5, (1,)),
        (5, 10, (1, 2)),
        (10, 15, (2,)),
        (40, 50, (3,)),
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_span_colours_keep_the_text_readable(scheme: str) -> None:
    text = QColor((DARK if scheme == "dark" else LIGHT)[PaletteRole.Text])
    for normal, current in BACKGROUNDS[scheme].values():
        assert contrast_ratio(text, QColor(normal)) >= 4.5
        assert contrast_ratio(text, QColor(current)) >= 4.5


def test_status_is_carried_by_line_style_not_colour_alone(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    coding_review.decide(clinic.db, clinic.coder, note_id, ids[0], DecisionAction.ACCEPT)
    coding_review.decide(
        clinic.db, clinic.coder, note_id, ids[1], DecisionAction.REJECT, RejectReason.DUPLICATE
    )
    screen = open_screen(qtbot, clinic, note_id, screens)
    style = {
        int(str(s.format.property(SUGGESTIONS_PROPERTY))): s.format.underlineStyle()
        for s in screen.note_view.extraSelections()
    }
    assert len({style[ids[0]], style[ids[1]], style[ids[2]]}) == 3


def test_each_suggestion_quotes_its_evidence_for_screen_readers(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, _ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)
    model = screen.suggestion_view.model()
    first = model.index(0, 0)
    assert "E11.9" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "92%" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert first.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Evidence: “Type 2 diabetes mellitus”"
    third = model.index(2, 0)
    assert "needs review" in third.data(Qt.ItemDataRole.DisplayRole)
    interface = QAccessible.queryAccessibleInterface(screen.suggestion_view)
    assert interface is not None and interface.text(QAccessible.Text.Name) == "Suggestions"
    assert "Type 2 diabetes mellitus" in screen.detail.accessibleDescription()
    from tests.ui.test_accessibility import assert_all_named

    assert_all_named(screen)


def test_rejecting_for_other_needs_words(qtbot: QtBot, clinic: Clinic, screens: list[QWidget]) -> None:
    note_id, ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)
    activate(qtbot, screen)
    screen.suggestion_view.setFocus()
    key(qtbot, Qt.Key.Key_R)
    dialog = screen.reject_dialog
    assert dialog is not None
    dialog.choose(RejectReason.OTHER)
    dialog.submit()
    assert dialog.isVisible() and "few words" in dialog.error.text()
    activate(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.text_edit
    qtbot.keyClicks(dialog.text_edit, "billed elsewhere")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, screen)
    decision = screen.model.suggestions()[0].decision
    assert decision is not None and decision.reason is RejectReason.OTHER
    assert decision.reason_text == "billed elsewhere" and decision.suggestion_id == ids[0]


def test_bulk_dismissal_below_a_confidence_and_by_filter(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)
    screen.threshold.setValue(50)
    screen.dismiss_below()
    wait_idle(qtbot, screen)
    statuses = {s.code: s.status for s in screen.model.suggestions()}
    assert statuses == {"E11.9": "unreviewed", "I10": "unreviewed", "E78.5": "dismiss"}
    screen.filter_edit.setText("hypertension")
    assert [s.code for s in screen.listed_undecided()] == ["I10"]
    screen.dismiss_listed()
    wait_idle(qtbot, screen)
    statuses = {s.code: s.status for s in screen.model.suggestions()}
    assert statuses == {"E11.9": "unreviewed", "I10": "dismiss", "E78.5": "dismiss"}
    assert not screen.finalise_button.isEnabled()
    with clinic.db.session() as session:
        dismissed = sorted(
            d.suggestion_id or 0
            for d in session.scalars(select(CodingDecision).where(CodingDecision.action == "dismiss"))
        )
    assert dismissed == sorted([ids[1], ids[2]])


def test_selecting_note_text_offers_codes_for_it(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, _ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)
    cursor = screen.note_view.textCursor()
    start = TEXT.index("Gastroesophageal")
    cursor.setPosition(start)
    cursor.setPosition(len(TEXT), cursor.MoveMode.KeepAnchor)
    screen.note_view.setTextCursor(cursor)
    qtbot.waitUntil(lambda: screen.selection_codes.count() > 0 and not screen.busy(), timeout=20_000)
    assert screen.selection_codes.item(0).text().startswith("K21.9")
    screen.selection_codes.setFocus()
    activate(qtbot, screen)
    screen.selection_codes.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(screen.review and screen.review.added), timeout=10_000)
    added = screen.review.added[0]  # type: ignore[union-attr]
    assert added.code == "K21.9" and [(e.start, e.end) for e in added.evidence] == [(start, len(TEXT))]
    assert screen.highlighter.highlighted()[-added.id] == [(start, len(TEXT))]


class SmallEngine:
    """A stand-in engine: two suggestions found by plain text search (the real one is slow to load).

    It answers once ``release`` is set, so a test can look at the screen while it computes.
    """

    model_version = "small-1"

    def __init__(self) -> None:
        import threading

        self.release = threading.Event()
        self.release.set()

    def suggest(self, text: str) -> CodingResult:
        assert self.release.wait(timeout=60)
        out = []
        for code, title, phrase in (
            ("I10", "Essential (primary) hypertension", "Essential hypertension"),
            ("E78.5", "Hyperlipidemia, unspecified", "Hyperlipidemia"),
        ):
            at = text.find(phrase)
            if at >= 0:
                span = (at, at + len(phrase), phrase)
                out.append(Suggestion(code, title, 0.9, 0.9, (span,), (), "test", self.model_version))
        return CodingResult(tuple(out), (), (), self.model_version)


def test_suggestions_are_computed_in_the_background_on_opening(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, _ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=())
    engine = SmallEngine()
    engine.release.clear()  # held until the screen has been looked at
    screen = CodingReviewScreen(clinic.db, clinic.coder, note_id, engine=engine)  # type: ignore[arg-type]
    screens.append(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.computing, timeout=10_000)
    assert "Computing suggestions" in screen.state.text()
    assert screen.note_view.toPlainText() == TEXT  # the note is readable meanwhile
    assert not screen.accept_button.isEnabled()
    engine.release.set()
    qtbot.waitUntil(lambda: not screen.computing and not screen.busy(), timeout=20_000)
    assert [s.code for s in screen.model.suggestions()] == ["I10", "E78.5"]
    assert screen.current_suggestion() is not None and screen.accept_button.isEnabled()


@pytest.mark.slow
def test_signing_a_note_prepares_suggestions_with_the_real_engine(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_signing_view import sign_through_dialog, written
    from workbench.ui.note_editor import NoteEditor

    monkeypatch.setenv("WORKBENCH_SUGGEST_ON_SIGN", "1")
    encounter = written(clinic, TEXT)
    editor = NoteEditor(clinic.db, clinic.physician, encounter)
    screens.append(editor)
    editor.show()
    sign_through_dialog(qtbot, editor)
    note_id = editor.note.id

    def stored() -> bool:
        with clinic.db.session() as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "coding.suggestions_computed")
            ).first()
            return event is not None

    qtbot.waitUntil(stored, timeout=120_000)
    screen = open_screen(qtbot, clinic, note_id, screens)
    assert not screen.computing
    codes = [s.code for s in screen.model.suggestions()]
    assert "I10" in codes and "E11.9" in codes
    assert "J18.9" not in codes  # "No pneumonia" is negated
    i10 = next(s for s in screen.model.suggestions() if s.code == "I10")
    assert screen.highlighter.highlighted()[i10.id] == [(e.start, e.end) for e in i10.evidence]


def test_the_worklist_loads_page_by_page_and_filters(qtbot: QtBot, clinic: Clinic) -> None:
    from workbench.ui.coding_worklist import CodingWorklist

    base = dt.datetime.now(dt.UTC) - dt.timedelta(days=60)
    for n in range(12):
        plan = PLAN if n % 3 else PLAN[:2]  # every third note without the low-confidence code
        when = base if n < 6 else dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        signed_note(clinic.db, clinic.physician, mrn=f"W-{n:04d}", started_at=when, text=TEXT, plan=plan)
    worklist = CodingWorklist(clinic.db, clinic.coder, page=5)
    qtbot.addWidget(worklist)
    worklist.resize(900, 200)  # a few rows show: the rest stays unloaded until scrolled to
    worklist.show()
    worklist.refresh()
    qtbot.waitUntil(lambda: worklist.model.rowCount() >= 5 and not worklist.busy(), timeout=10_000)
    assert worklist.model.rowCount() == 5
    assert worklist.model.matching == 12 and worklist.model.waiting == 12 and worklist.model.needs_review == 8
    assert worklist.counts.text() == "12 notes match; 12 waiting in all; 8 need review."
    assert worklist.model.canFetchMore(QModelIndex())
    for _ in range(10):  # scroll to the end: the view asks for the next pages
        worklist.view.scrollToBottom()
        qtbot.waitUntil(lambda: not worklist.busy(), timeout=10_000)
        QApplication.processEvents()
    assert worklist.model.rowCount() == 12
    assert not worklist.model.canFetchMore(QModelIndex())
    assert len({worklist.model.record(r).note_id for r in range(12)}) == 12  # type: ignore[union-attr]

    worklist.review_box.setChecked(True)
    qtbot.waitUntil(lambda: not worklist.busy() and worklist.model.matching == 8, timeout=10_000)
    assert all(
        worklist.model.index(r, 6).data() == "⚑ Needs review" for r in range(worklist.model.rowCount())
    )
    worklist.review_box.setChecked(False)
    worklist.period_combo.setCurrentIndex(2)  # last 7 days
    qtbot.waitUntil(lambda: not worklist.busy() and worklist.model.matching == 6, timeout=10_000)
    assert worklist.clinician_combo.count() == 2 and worklist.clinician_combo.itemText(1) == "Test physician"
    worklist.clinician_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not worklist.busy(), timeout=10_000)
    assert worklist.model.matching == 6


def test_offsets_between_python_and_qt_text() -> None:
    text = "a😀b\r\nc"
    assert [to_qt(text, i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 4, 5, 6]
    assert from_qt(text, 3) == 2 and from_qt(text, 5) == 5
    assert to_qt("abc", 2) == 2 and from_qt("abc", 2) == 2


def test_evidence_lands_on_its_words_past_emoji_and_crlf(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    text = "Plan 😀 today:\r\nEssential hypertension.\r\nGastroesophageal reflux disease."
    plan = (Planned("I10", "Essential (primary) hypertension", 0.85, "Essential hypertension"),)
    note_id, (i10,) = signed_note(clinic.db, clinic.physician, text=text, plan=plan)
    screen = open_screen(qtbot, clinic, note_id, screens)
    [(start, end)] = screen.highlighter.highlighted()[i10]
    cursor = screen.note_view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Essential hypertension"
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.movePosition(cursor.MoveOperation.StartOfBlock, cursor.MoveMode.KeepAnchor)
    screen.note_view.setTextCursor(cursor)
    selected, span = screen.selection()
    assert selected == "Gastroesophageal reflux disease."
    assert span is not None and text[span[0] : span[1]] == selected


def test_the_suggestion_role_gives_the_suggestion(
    qtbot: QtBot, clinic: Clinic, screens: list[QWidget]
) -> None:
    note_id, ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)
    value = screen.proxy.index(1, 0).data(SuggestionRole)
    assert value.id == ids[1]


def test_span_colours_follow_the_theme(qtbot: QtBot, clinic: Clinic, screens: list[QWidget]) -> None:
    from workbench.ui.theme import palette

    note_id, ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)

    def background(suggestion_id: int) -> str:
        for s in screen.note_view.extraSelections():
            if str(s.format.property(SUGGESTIONS_PROPERTY)) == str(suggestion_id):
                return s.format.background().color().name()
        raise AssertionError("no span")

    assert background(ids[1]) == BACKGROUNDS["light"]["unreviewed"][0]
    screen.setPalette(palette("dark"))
    assert background(ids[1]) == BACKGROUNDS["dark"]["unreviewed"][0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_review_mnemonics_do_not_collide(
    qtbot: QtBot,
    qapp: QApplication,
    workbench_factory: list,
    clinic: Clinic,
    built_translations: None,
    screens: list[QWidget],
    language: str,
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from tests.ui.conftest import make_workbench
    from tests.ui.test_accessibility import mnemonic
    from workbench.config import Settings

    make_workbench(qapp, workbench_factory, clinic.db, Settings(language=language))
    note_id, _ids = signed_note(clinic.db, clinic.physician, text=TEXT, plan=PLAN)
    screen = open_screen(qtbot, clinic, note_id, screens)
    texts = [label.text() for label in screen.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in screen.findChildren(QAbstractButton) if button.isVisible()]
    letters = [m for m in (mnemonic(t) for t in texts) if m]
    assert len(letters) >= 10
    assert sorted(letters) == sorted(set(letters)), letters
    # The single-letter keys are not mnemonics of anything else on the screen.
    assert not {"j", "k"} & set(letters)
    if language == "es":
        assert screen.finalise_button.text() == "&Finalizar codificación…"
