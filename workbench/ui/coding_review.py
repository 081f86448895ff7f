"""The coder's review of one note: the note beside its suggestions, decided at keyboard speed.

J/K move through the suggestions (the note scrolls to and emphasises the evidence), A accepts,
R rejects with a reason, Insert or Ctrl+F adds a code by search with the selected note text as
its evidence, and selecting text offers codes for it. Undecided suggestions can be dismissed in
bulk (below a confidence, or those the filter lists). "Finalise coding" signs the result once
every suggestion is decided.

Every change goes through services.coding_review (which audits it), off the UI thread. The time
since the previous decision goes with each one, so the note's coding time is known. Suggestions
that were never computed are computed on opening, in the background, while the note is shown.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QElapsedTimer, QEvent, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.security.roles import Actor, Permission
from workbench.services import coding_review
from workbench.services.coding_review import DecisionInfo, NoteReview, RejectReason, SuggestionReview
from workbench.store.database import Database
from workbench.store.models import DecisionAction, NoteStatus
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.code_search_dialog import CodeSearchDialog, search_codes
from workbench.ui.evidence_highlighter import EvidenceHighlighter, HighlightSpan
from workbench.ui.models import local_datetime
from workbench.ui.reject_dialog import RejectDialog
from workbench.ui.suggestion_list import (
    SuggestionListModel,
    SuggestionRole,
    evidence_quote,
    flag_labels,
    status_label,
)
from workbench.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from workbench.coding.suggest import SuggestionEngine
    from workbench.services.signing import SignatureInfo
    from workbench.ui.signing_view import SigningDialog

SELECTION_DELAY_MS = 300
SELECTION_CODES = 5


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class TextPositions:
    """Offsets into the note's text ↔ positions in the Qt document showing it.

    They differ where a character lies outside the BMP (two UTF-16 units in Qt) and where "\r\n"
    ends a line (one paragraph break in Qt); for everything else they are the same.
    """

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._table: list[int] | None = None
        if "\r" in text or any(ord(ch) > 0xFFFF for ch in text):
            table: list[int] = []
            position = 0
            for index, ch in enumerate(text):
                table.append(position)
                if ch == "\r" and text.startswith("\n", index + 1):
                    continue  # the pair is one break, counted at the "\n"
                position += 2 if ord(ch) > 0xFFFF else 1
            table.append(position)
            self._table = table

    def to_qt(self, offset: int) -> int:
        offset = min(max(0, offset), self.length)
        return offset if self._table is None else self._table[offset]

    def from_qt(self, position: int) -> int:
        if self._table is None:
            return min(max(0, position), self.length)
        return min(bisect.bisect_left(self._table, position), self.length)


def to_qt(text: str, offset: int) -> int:
    return TextPositions(text).to_qt(offset)


def from_qt(text: str, position: int) -> int:
    return TextPositions(text).from_qt(position)


class CodingReviewScreen(QWidget):
    """One note's coding review, in its own window."""

    loaded = Signal(object)  # NoteReview, after each (re)load
    decided = Signal(object)  # DecisionInfo
    finalised = Signal(object)  # SignatureInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        note_id: int,
        parent: QWidget | None = None,
        engine: SuggestionEngine | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("codingReview")
        self.db = db
        self.actor = actor
        self.note_id = note_id
        self.engine = engine
        self.review: NoteReview | None = None
        self.computing = False
        self.runner = TaskRunner(self)
        self.clock = QElapsedTimer()
        self._jobs = 0
        self._queue: deque[tuple[Callable[[], Any], Callable[[Any], None]]] = deque()
        self._text = ""
        self.positions = TextPositions("")
        self.reject_dialog: RejectDialog | None = None
        self.code_dialog: CodeSearchDialog | None = None
        self.finalise_dialog: SigningDialog | None = None

        self.header = QLabel()
        self.header.setObjectName("codingHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.state = QLabel()
        self.state.setObjectName("codingState")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.note_label = QLabel()
        self.note_view = QPlainTextEdit()
        self.note_view.setObjectName("codingNoteText")
        self.note_view.setReadOnly(True)
        self.note_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.note_view.setTabChangesFocus(True)
        self.note_label.setBuddy(self.note_view)
        self.highlighter = EvidenceHighlighter(self.note_view)

        self.model = SuggestionListModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.suggestions_label = QLabel()
        self.suggestion_view = QListView()
        self.suggestion_view.setObjectName("suggestionList")
        self.suggestion_view.setModel(self.proxy)
        self.suggestion_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggestion_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestion_view.setWordWrap(True)
        self.suggestion_view.setUniformItemSizes(True)
        self.suggestions_label.setBuddy(self.suggestion_view)
        self.suggestion_view.selectionModel().currentChanged.connect(self._current_changed)

        self.filter_label = QLabel()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("suggestionFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_edit)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.dismiss_listed_button = QPushButton()
        self.dismiss_listed_button.setObjectName("dismissListed")
        self.dismiss_listed_button.clicked.connect(self.dismiss_listed)

        self.detail = QLabel()
        self.detail.setObjectName("suggestionDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.detail.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.ruled_out_model = SuggestionListModel()
        self.ruled_out_label = QLabel()
        self.ruled_out_view = QListView()
        self.ruled_out_view.setObjectName("ruledOutList")
        self.ruled_out_view.setModel(self.ruled_out_model)
        self.ruled_out_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ruled_out_view.setMaximumHeight(110)
        self.ruled_out_label.setBuddy(self.ruled_out_view)
        self.ruled_out_view.selectionModel().currentChanged.connect(self._ruled_out_changed)

        self.added_label = QLabel()
        self.added_view = QListWidget()
        self.added_view.setObjectName("addedCodes")
        self.added_view.setMaximumHeight(110)
        self.added_label.setBuddy(self.added_view)

        self.selection_label = QLabel()
        self.selection_codes = QListWidget()
        self.selection_codes.setObjectName("selectionCodes")
        self.selection_codes.setMaximumHeight(110)
        self.selection_label.setBuddy(self.selection_codes)
        self.selection_codes.itemActivated.connect(self._selection_code_chosen)
        self.selection_timer = QTimer(self)
        self.selection_timer.setSingleShot(True)
        self.selection_timer.setInterval(SELECTION_DELAY_MS)
        self.selection_timer.timeout.connect(self.offer_codes_for_selection)
        self.note_view.selectionChanged.connect(self.selection_timer.start)

        self.accept_button = QPushButton()
        self.accept_button.setObjectName("acceptSuggestion")
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("rejectSuggestion")
        self.reject_button.clicked.connect(self.reject_current)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addCode")
        self.add_button.clicked.connect(lambda: self.add_code())
        self.threshold_label = QLabel()
        self.threshold = QSpinBox()
        self.threshold.setObjectName("dismissThreshold")
        self.threshold.setRange(1, 100)
        self.threshold.setValue(50)
        self.threshold.setSuffix(" %")
        self.threshold_label.setBuddy(self.threshold)
        self.dismiss_below_button = QPushButton()
        self.dismiss_below_button.setObjectName("dismissBelow")
        self.dismiss_below_button.clicked.connect(self.dismiss_below)
        self.finalise_button = QPushButton()
        self.finalise_button.setObjectName("finaliseCoding")
        self.finalise_button.clicked.connect(self.finalise)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.note_label)
        left_layout.addWidget(self.note_view, 1)
        left_layout.addWidget(self.selection_label)
        left_layout.addWidget(self.selection_codes)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.suggestions_label)
        right_layout.addWidget(self.suggestion_view, 3)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_label)
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.dismiss_listed_button)
        right_layout.addLayout(filter_row)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.ruled_out_label)
        right_layout.addWidget(self.ruled_out_view, 1)
        right_layout.addWidget(self.added_label)
        right_layout.addWidget(self.added_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        actions = QHBoxLayout()
        for widget in (self.accept_button, self.reject_button, self.add_button):
            actions.addWidget(widget)
        actions.addSpacing(12)
        actions.addWidget(self.threshold_label)
        actions.addWidget(self.threshold)
        actions.addWidget(self.dismiss_below_button)
        actions.addStretch(1)
        actions.addWidget(self.finalise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.state)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(actions)

        self.shortcuts: dict[str, QShortcut] = {}
        for keys, slot in (
            ("J", self.next_suggestion),
            ("K", self.previous_suggestion),
            ("A", self.accept_current),
            ("R", self.reject_current),
            ("Insert", self.add_code),
            ("Ctrl+F", self.add_code),
            ("+", self.add_code),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts[keys] = shortcut
        self.added_view.installEventFilter(self)
        self.note_view.installEventFilter(self)

        self.resize(1200, 760)
        self.retranslate()
        self._update_actions()
        self.load()

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)read the note's review; the first time, compute suggestions if there are none."""
        db, actor, note_id = self.db, self.actor, self.note_id
        if self.review is None:
            self._set_state(self.tr("Loading the note…"))
        self.runner.submit(
            "review", lambda: coding_review.review_note(db, actor, note_id), self._loaded, self._load_failed
        )

    def compute(self) -> None:
        """Compute and store the suggestions off the UI thread, then show them."""
        from workbench.services import coding

        db, actor, note_id, engine = self.db, self.actor, self.note_id, self.engine
        self.computing = True
        self._update_actions()
        self._set_state(self.tr("Computing suggestions… The note can be read meanwhile."))

        def work() -> NoteReview:
            coding.suggestions_for_note(db, actor, note_id, engine)
            return coding_review.review_note(db, actor, note_id)

        self.runner.submit("compute", work, self._computed, self._compute_failed)

    def busy(self) -> bool:
        return self.runner.busy() or bool(self._queue) or self.selection_timer.isActive()

    def _loaded(self, review: NoteReview) -> None:
        first = self.review is None
        self.show_review(review)
        if not self.clock.isValid():
            self.clock.start()
        nothing_yet = not (review.suggestions or review.ruled_out or review.decisions)
        if first and nothing_yet and not review.coding_signed and review.status is not NoteStatus.DRAFT:
            self.compute()

    def _computed(self, review: NoteReview) -> None:
        self.computing = False
        self.show_review(review)
        count = len(review.suggestions)
        if count:
            message = self.tr("%1 suggestions ready.").replace("%1", str(count))
        else:
            message = self.tr("Nothing to suggest for this note; add codes with Insert.")
        self._set_state(message)
        announce(self, message)

    def _compute_failed(self, error: Exception) -> None:
        self.computing = False
        self._update_actions()
        message = self.tr("Suggestions could not be computed: %1. Codes can still be added with Insert.")
        self._set_state(message.replace("%1", _first_line(error)), assertive=True)

    def _load_failed(self, error: Exception) -> None:
        self._set_state(self.tr("The note could not be loaded: %1").replace("%1", _first_line(error)), True)

    def show_review(self, review: NoteReview) -> None:
        current = self.current_suggestion()
        self.review = review
        if review.text != self._text:
            self._text = review.text
            self.positions = TextPositions(review.text)
            self.note_view.setPlainText(review.text)
        self.model.set_suggestions(review.suggestions)
        self.ruled_out_model.set_suggestions(review.ruled_out)
        self._fill_added()
        self.highlighter.set_spans(self._spans())
        wanted = current.id if current is not None else None
        if wanted is None or self.model.row_of(wanted) is None:
            wanted = next((s.id for s in review.suggestions if s.decision is None), None)
            if wanted is None and review.suggestions:
                wanted = review.suggestions[0].id
        if wanted is not None:
            self.select_suggestion(wanted, scroll=True)
        else:
            self.highlighter.set_current(None)
            self._show_detail(None)
        self.retranslate()
        self._update_actions()
        self._set_state(self.progress_text())
        self.loaded.emit(review)

    def _spans(self) -> list[HighlightSpan]:
        review = self.review
        if review is None:
            return []
        at = self.positions.to_qt
        out = [
            HighlightSpan(s.id, at(e.start), at(e.end), s.status)
            for s in (*review.suggestions, *review.ruled_out)
            for e in s.evidence
        ]
        # Added codes use negative ids so they never meet a suggestion's id.
        out += [
            HighlightSpan(-d.id, at(e.start), at(e.end), DecisionAction.ACCEPT.value)
            for d in review.added
            for e in d.evidence
        ]
        return out

    def _fill_added(self) -> None:
        self.added_view.clear()
        if self.review is None:
            return
        for decision in self.review.added:
            quotes = "; ".join(f"“{e.text}”" for e in decision.evidence)
            text = f"{decision.code} — {status_label(DecisionAction.ADD.value)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, decision.code)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            description = self.tr("Evidence: %1").replace("%1", quotes) if quotes else self.tr("No evidence")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
            item.setToolTip(description)
            self.added_view.addItem(item)

    # -- moving ----------------------------------------------------------------------------------
    def current_suggestion(self) -> SuggestionReview | None:
        index = self.suggestion_view.currentIndex()
        if not index.isValid():
            return None
        value = index.data(SuggestionRole)
        return value if isinstance(value, SuggestionReview) else None

    def select_suggestion(self, suggestion_id: int, scroll: bool = True) -> bool:
        row = self.model.row_of(suggestion_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._scroll_note = scroll
        self.suggestion_view.setCurrentIndex(index)
        self.suggestion_view.scrollTo(index)
        self._scroll_note = True
        return True

    _scroll_note = True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(SuggestionRole) if current.isValid() else None
        suggestion = value if isinstance(value, SuggestionReview) else None
        self.highlighter.set_current(suggestion.id if suggestion else None, scroll=self._scroll_note)
        self._show_detail(suggestion)
        self._update_actions()

    def _ruled_out_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """A ruled-out mention shows its words in the note too (why it was not coded)."""
        value = current.data(SuggestionRole) if current.isValid() else None
        if isinstance(value, SuggestionReview):
            self.highlighter.set_current(value.id)

    def step_suggestion(self, step: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        index = self.suggestion_view.currentIndex()
        row = index.row() + step if index.isValid() else 0
        if not 0 <= row < rows:
            announce(self, self.tr("Last suggestion.") if step > 0 else self.tr("First suggestion."))
            return
        self.suggestion_view.setCurrentIndex(self.proxy.index(row, 0))
        suggestion = self.current_suggestion()
        if suggestion is not None:
            announce(self, self.detail.text())

    def next_suggestion(self) -> None:
        self.step_suggestion(1)

    def previous_suggestion(self) -> None:
        self.step_suggestion(-1)

    def _show_detail(self, suggestion: SuggestionReview | None) -> None:
        if suggestion is None:
            self.detail.setText(self.tr("No suggestion selected."))
        else:
            parts = [
                f"{suggestion.code} {suggestion.title}",
                self.tr("confidence %1%").replace("%1", str(round(suggestion.confidence * 100))),
                status_label(suggestion.status),
            ]
            decision = suggestion.decision
            if decision is not None and decision.reason is not None:
                parts.append(self.reason_label(decision.reason))
            if decision is not None and decision.reason_text:
                parts.append(decision.reason_text)
            parts += flag_labels(suggestion)
            parts.append(evidence_quote(suggestion))
            self.detail.setText(". ".join(parts))
        describe(self.detail, self.tr("Current suggestion"), self.detail.text())

    def reason_label(self, reason: RejectReason) -> str:
        return {
            RejectReason.NOT_DOCUMENTED: self.tr("Not documented"),
            RejectReason.NEGATED: self.tr("Negated / ruled out"),
            RejectReason.WRONG_SPECIFICITY: self.tr("Wrong specificity"),
            RejectReason.DUPLICATE: self.tr("Duplicate"),
            RejectReason.OTHER: self.tr("Other"),
        }[reason]

    # -- deciding ----------------------------------------------------------------------------------
    def can_edit(self) -> bool:
        review = self.review
        return (
            review is not None
            and not review.coding_signed
            and not self.computing
            and self.actor.can(Permission.CODE_NOTES)
        )

    def take_seconds(self) -> float:
        """Seconds since the previous decision (or since the note opened)."""
        if not self.clock.isValid():
            self.clock.start()
            return 0.0
        return self.clock.restart() / 1000.0

    def _submit(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Queue a change; changes reach the database one at a time, in the order they were made
        (a quick accept-then-reject must leave the reject standing)."""
        self._queue.append((work, on_done))
        if len(self._queue) == 1:
            self._run_next()

    def _run_next(self) -> None:
        if not self._queue:
            return
        work, on_done = self._queue[0]
        self._jobs += 1

        def done(result: object) -> None:
            self._queue.popleft()
            on_done(result)
            self._run_next()

        def failed(error: Exception) -> None:
            self._queue.clear()  # later changes were made on a screen that was wrong
            self._change_failed(error)

        self.runner.submit(f"change-{self._jobs}", work, done, failed)

    def accept_current(self) -> None:
        suggestion = self._decidable()
        if suggestion is not None:
            self._decide(suggestion, DecisionAction.ACCEPT)
            self.step_suggestion(1)

    def reject_current(self) -> None:
        suggestion = self._decidable()
        if suggestion is None:
            return
        dialog = RejectDialog(suggestion.code, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._rejected(suggestion, dialog.reason(), dialog.reason_text()))
        self.reject_dialog = dialog
        dialog.open()

    def _rejected(self, suggestion: SuggestionReview, reason: RejectReason, text: str) -> None:
        self.reject_dialog = None
        self._decide(suggestion, DecisionAction.REJECT, reason, text or None)
        if self.current_suggestion() == suggestion or self.current_suggestion() is None:
            self.step_suggestion(1)
        self.suggestion_view.setFocus()

    def _decidable(self) -> SuggestionReview | None:
        if not self.can_edit():
            self._explain_locked()
            return None
        suggestion = self.current_suggestion()
        if suggestion is None:
            self._set_state(self.tr("Select a suggestion first (J and K move through the list)."), True)
        return suggestion

    def _explain_locked(self) -> None:
        if self.review is not None and self.review.coding_signed:
            self._set_state(self.tr("The coding of this note is finalised and read-only."), True)
        elif self.computing:
            self._set_state(self.tr("Wait until the suggestions are computed."), True)
        elif not self.actor.can(Permission.CODE_NOTES):
            self._set_state(self.tr("Only coders decide on codes; this view is read-only."), True)

    def _decide(
        self,
        suggestion: SuggestionReview,
        action: DecisionAction,
        reason: RejectReason | None = None,
        text: str | None = None,
    ) -> None:
        db, actor, note_id, seconds = self.db, self.actor, self.note_id, self.take_seconds()

        def work() -> DecisionInfo:
            return coding_review.decide(db, actor, note_id, suggestion.id, action, reason, text, seconds)

        self._submit(work, self.apply_decision)

    def apply_decision(self, decision: DecisionInfo) -> None:
        """Show one stored decision: its row, its spans' style, the counts (no reload)."""
        review = self.review
        if review is None or decision.suggestion_id is None:
            return
        updated = self.model.set_decision(decision.suggestion_id, decision)
        if updated is None:
            updated = self.ruled_out_model.set_decision(decision.suggestion_id, decision)
        self.review = replace(
            review,
            suggestions=tuple(self.model.suggestions()),
            ruled_out=tuple(self.ruled_out_model.suggestions()),
            decisions=(*review.decisions, decision),
        )
        self.highlighter.set_status(decision.suggestion_id, decision.action.value)
        current = self.current_suggestion()
        if current is not None and current.id == decision.suggestion_id:
            self._show_detail(current)
        self._update_actions()
        message = self.tr("%1 %2. %3").replace("%1", decision.code)
        message = message.replace("%2", status_label(decision.action.value)).replace(
            "%3", self.progress_text()
        )
        self._set_state(message)
        self.decided.emit(decision)

    def _change_failed(self, error: Exception) -> None:
        self._set_state(self.tr("Not saved: %1").replace("%1", _first_line(error)), assertive=True)
        self.load()  # show what the database holds

    # -- adding codes ----------------------------------------------------------------------------
    def selection(self) -> tuple[str, tuple[int, int] | None]:
        """The selected note text and its span in the note's own offsets."""
        cursor = self.note_view.textCursor()
        if not cursor.hasSelection():
            return "", None
        start = self.positions.from_qt(cursor.selectionStart())
        end = self.positions.from_qt(cursor.selectionEnd())
        text = self._text[start:end]
        return (text, (start, end)) if start < end else ("", None)

    def add_code(self, query: str | None = None) -> None:
        if not self.can_edit():
            self._explain_locked()
            return
        text, span = self.selection()
        dialog = CodeSearchDialog(text, query if query is not None else text[:120], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._code_chosen(dialog.chosen_code, span))
        self.code_dialog = dialog
        dialog.open()

    def _code_chosen(self, code: str | None, span: tuple[int, int] | None) -> None:
        self.code_dialog = None
        if code is not None:
            self.add(code, span)

    def add(self, code: str, span: tuple[int, int] | None) -> None:
        db, actor, note_id, seconds = self.db, self.actor, self.note_id, self.take_seconds()
        evidence = [span] if span is not None else []

        def work() -> DecisionInfo:
            return coding_review.add_code(db, actor, note_id, code, evidence, seconds)

        self._submit(work, self._added)

    def _added(self, decision: DecisionInfo) -> None:
        review = self.review
        if review is None:
            return
        self.review = replace(
            review, added=(*review.added, decision), decisions=(*review.decisions, decision)
        )
        self._fill_added()
        self.highlighter.set_spans(self._spans())
        self._update_actions()
        self._set_state(
            self.tr("%1 added. %2").replace("%1", decision.code).replace("%2", self.progress_text())
        )
        self.decided.emit(decision)

    def remove_added(self) -> None:
        item = self.added_view.currentItem()
        if item is None or not self.can_edit():
            return
        code = str(item.data(Qt.ItemDataRole.UserRole))
        db, actor, note_id, seconds = self.db, self.actor, self.note_id, self.take_seconds()
        self._submit(
            lambda: coding_review.remove_added_code(db, actor, note_id, code, seconds), self._removed
        )

    def _removed(self, decision: DecisionInfo) -> None:
        review = self.review
        if review is None:
            return
        self.review = replace(
            review,
            added=tuple(d for d in review.added if d.code != decision.code),
            decisions=(*review.decisions, decision),
        )
        self._fill_added()
        self.highlighter.set_spans(self._spans())
        self._update_actions()
        self._set_state(self.tr("%1 removed.").replace("%1", decision.code))

    def offer_codes_for_selection(self) -> None:
        text, span = self.selection()
        if span is None or len(text.strip()) < 3:
            return
        query = text[:200]

        def show(found: list[tuple[str, str, str]]) -> None:
            self.selection_codes.clear()
            for code, title, _matched in found:
                item = QListWidgetItem(f"{code} — {title}")
                item.setData(Qt.ItemDataRole.UserRole, (code, span))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{code} — {title}")
                self.selection_codes.addItem(item)
            if found:
                self.selection_codes.setCurrentRow(0)
                message = self.tr("Codes for the selected text: %1 found; Enter on one adds it.")
                announce(self, message.replace("%1", str(len(found))))

        self.runner.submit(
            "selection-codes", lambda: search_codes(query, SELECTION_CODES), show, lambda _error: None
        )

    def _selection_code_chosen(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if not self.can_edit():
            self._explain_locked()
            return
        if isinstance(value, tuple) and len(value) == 2:
            code, span = value
            self.add(str(code), span)

    # -- bulk dismissal ----------------------------------------------------------------------------
    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.proxy.rowCount() and not self.suggestion_view.currentIndex().isValid():
            self.suggestion_view.setCurrentIndex(self.proxy.index(0, 0))
        self._update_actions()

    def listed_undecided(self) -> list[SuggestionReview]:
        out: list[SuggestionReview] = []
        for row in range(self.proxy.rowCount()):
            value = self.proxy.index(row, 0).data(SuggestionRole)
            if isinstance(value, SuggestionReview) and value.decision is None:
                out.append(value)
        return out

    def dismiss_listed(self) -> None:
        if not self.can_edit():
            self._explain_locked()
            return
        ids = [s.id for s in self.listed_undecided()]
        if not ids:
            self._set_state(self.tr("No undecided suggestion is listed."), True)
            return
        db, actor, note_id, seconds = self.db, self.actor, self.note_id, self.take_seconds()
        words = self.filter_edit.text().strip()
        reason = f"dismissed by filter: {words}" if words else "dismissed in bulk"
        self._submit(lambda: coding_review.dismiss(db, actor, note_id, ids, reason, seconds), self._dismissed)

    def dismiss_below(self) -> None:
        if not self.can_edit():
            self._explain_locked()
            return
        db, actor, note_id, seconds = self.db, self.actor, self.note_id, self.take_seconds()
        confidence = self.threshold.value() / 100.0
        self._submit(
            lambda: coding_review.dismiss_below(db, actor, note_id, confidence, seconds), self._dismissed
        )

    def _dismissed(self, decisions: list[DecisionInfo]) -> None:
        for decision in decisions:
            self.apply_decision(decision)
        message = self.tr("%1 suggestions dismissed. %2").replace("%1", str(len(decisions)))
        self._set_state(message.replace("%2", self.progress_text()))

    # -- finalising --------------------------------------------------------------------------------
    def ready_to_finalise(self) -> bool:
        review = self.review
        return (
            review is not None
            and not review.coding_signed
            and bool(review.decisions)
            and all(s.decision is not None for s in review.suggestions)
        )

    def finalise(self) -> None:
        if not self.can_edit():
            self._explain_locked()
            return
        if not self.ready_to_finalise():
            self._set_state(self.tr("Decide every suggestion before finalising (%1).").replace(
                "%1", self.progress_text()), True)  # fmt: skip
            return
        from workbench.ui.signing_view import SigningDialog

        db, actor, note_id = self.db, self.actor, self.note_id
        dialog = SigningDialog(
            lambda _text, password: coding_review.finalise(db, actor, note_id, password), False, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("Finalise coding"))
        dialog.intro.setText(
            self.tr(
                "Finalising signs these codes with your key; they cannot be changed afterwards. Re-enter your password."
            )
        )
        dialog.completed.connect(self._finalised)
        self.finalise_dialog = dialog
        dialog.open()

    def _finalised(self, info: SignatureInfo) -> None:
        self.finalise_dialog = None
        message = self.tr("Coding finalised and signed.")
        self._set_state(message)
        announce(self, message)
        self.finalised.emit(info)
        self.load()

    # -- state -------------------------------------------------------------------------------------
    def progress_text(self) -> str:
        review = self.review
        if review is None:
            return ""
        if review.coding_signed:
            return self.tr("Coding finalised; read-only.")
        decided = sum(1 for s in review.suggestions if s.decision is not None)
        text = self.tr("%1 of %2 suggestions decided").replace("%1", str(decided))
        text = text.replace("%2", str(len(review.suggestions)))
        if self.ready_to_finalise():
            text += self.tr("; ready to finalise.")
        else:
            text += "."
        return text

    def _set_state(self, message: str, assertive: bool = False) -> None:
        self.state.setText(message)
        describe(self.state, message)
        announce(self, message, assertive)

    def _update_actions(self) -> None:
        editable = self.can_edit()
        has_current = self.current_suggestion() is not None
        self.accept_button.setEnabled(editable and has_current)
        self.reject_button.setEnabled(editable and has_current)
        self.add_button.setEnabled(editable)
        self.dismiss_below_button.setEnabled(editable and bool(self.model.rowCount()))
        self.dismiss_listed_button.setEnabled(editable and bool(self.model.rowCount()))
        self.threshold.setEnabled(editable)
        self.finalise_button.setEnabled(editable and self.ready_to_finalise())

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.note_view and event.type() == QEvent.Type.PaletteChange:
            self.highlighter.apply()  # span colours follow the light or dark theme
        if watched is self.added_view and event.type() == QEvent.Type.KeyPress:
            key = getattr(event, "key", lambda: None)()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_added()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def closeEvent(self, event: QCloseEvent) -> None:
        self.selection_timer.stop()
        super().closeEvent(event)

    def retranslate(self) -> None:
        review = self.review
        if review is not None:
            title = self.tr("Coding — %1 (MRN %2)").replace("%1", review.patient_name)
            title = title.replace("%2", review.patient_mrn)
            header = self.tr("%1, MRN %2 — %3 with %4 on %5").replace("%1", review.patient_name)
            header = header.replace("%2", review.patient_mrn).replace("%3", review.encounter_type)
            header = header.replace("%4", review.clinician).replace("%5", local_datetime(review.started_at))
        else:
            title = self.tr("Coding")
            header = self.tr("Loading…")
        self.setWindowTitle(title)
        self.header.setText(header)
        describe(self.header, header)
        self.note_label.setText(self.tr("&Note (evidence highlighted):"))
        describe(
            self.note_view,
            self.tr("Note text"),
            self.tr(
                "Read-only. Evidence of each suggestion is highlighted: dotted underline not decided, "
                "solid accepted, wavy rejected, dashed dismissed. Select text to see codes for it."
            ),
        )
        describe_scroll_bars(self.note_view, self.tr("Note text"))
        self.suggestions_label.setText(self.tr("&Suggestions (J next, K previous, A accept, R reject):"))
        describe(
            self.suggestion_view, self.tr("Suggestions"), self.tr("J next, K previous, A accept, R reject")
        )
        describe_scroll_bars(self.suggestion_view, self.tr("Suggestions"))
        self.filter_label.setText(self.tr("F&ilter:"))
        describe(
            self.filter_edit,
            self.tr("Filter suggestions"),
            self.tr("Shows the suggestions containing these words"),
        )
        self.dismiss_listed_button.setText(self.tr("Dismiss lis&ted"))
        describe(
            self.dismiss_listed_button,
            self.tr("Dismiss listed"),
            self.tr("Dismiss every undecided suggestion the filter lists"),
        )
        self.ruled_out_label.setText(self.tr("R&uled out / negated (listed apart, not coded):"))
        describe(self.ruled_out_view, self.tr("Ruled out or negated mentions"))
        describe_scroll_bars(self.ruled_out_view, self.tr("Ruled out or negated mentions"))
        self.added_label.setText(self.tr("Added c&odes (Delete removes one):"))
        describe(self.added_view, self.tr("Added codes"), self.tr("Delete removes the selected added code"))
        describe_scroll_bars(self.added_view, self.tr("Added codes"))
        self.selection_label.setText(self.tr("Codes for the se&lected text (Enter adds one):"))
        describe(self.selection_codes, self.tr("Codes for the selected text"))
        describe_scroll_bars(self.selection_codes, self.tr("Codes for the selected text"))
        self.accept_button.setText(self.tr("&Accept (A)"))
        describe(self.accept_button, self.tr("Accept"), self.tr("Accept the current suggestion"))
        self.reject_button.setText(self.tr("&Reject… (R)"))
        describe(
            self.reject_button, self.tr("Reject"), self.tr("Reject the current suggestion, with a reason")
        )
        self.add_button.setText(self.tr("Add &code… (Insert)"))
        describe(
            self.add_button,
            self.tr("Add code"),
            self.tr("Search ICD-10-CM and add a code; selected text is its evidence"),
        )
        self.threshold_label.setText(self.tr("Dismiss &below:"))
        describe(
            self.threshold,
            self.tr("Confidence threshold"),
            self.tr("Undecided suggestions below it are dismissed"),
        )
        threshold_text = self.threshold.findChild(QLineEdit)  # its own control to AT-SPI
        if threshold_text is not None:
            describe(threshold_text, self.tr("Confidence threshold"))
        self.dismiss_below_button.setText(self.tr("Dis&miss"))
        describe(
            self.dismiss_below_button,
            self.tr("Dismiss below threshold"),
            self.tr("Dismiss every undecided suggestion below the confidence threshold"),
        )
        self.finalise_button.setText(self.tr("&Finalise coding…"))
        describe(
            self.finalise_button,
            self.tr("Finalise coding"),
            self.tr("Sign the codes once every suggestion is decided"),
        )
        self.model.retranslate()
        self.ruled_out_model.retranslate()
        self._show_detail(self.current_suggestion())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
