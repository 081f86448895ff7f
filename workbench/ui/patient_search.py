"""The patient search box in the main window: results as you type, matched parts emphasised.

Typing restarts a short timer; when it fires the query runs on the thread pool (only the newest
query reports back). The fuzzy index is built in the background when the window opens; until it
is ready the service answers from SQL prefix matches, and the open query is re-run once the index
arrives. The results float beneath the box; focus stays in the box, where Up/Down move through
the results (each one announced), Enter opens the chosen patient and Escape closes the list.
A query that cannot be read is explained beneath the box, with the place of the problem marked.
"""

from __future__ import annotations

import html
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.search.query import QuerySyntaxError
from workbench.security.roles import Actor
from workbench.services.patients import PatientInfo
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from workbench.services.search import Highlight, PatientMatch, PatientSearch, SearchResults

DEBOUNCE_MS = 150
RESULT_LIMIT = 10
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
PATIENT_ROLE = Qt.ItemDataRole.UserRole + 2


def emphasised(text: str, spans: list[tuple[int, int]]) -> str:
    """HTML of ``text`` with the spans bold and underlined (colour is never the only cue)."""
    marks = sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s)
    out, at = [], 0
    for start, end in marks:
        if start < at:
            start = at
        if start >= end:
            continue
        out.append(html.escape(text[at:start]))
        out.append(f"<b><u>{html.escape(text[start:end])}</u></b>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _spans(highlights: tuple[Highlight, ...], field: str) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in highlights if h.field == field]


class SearcherHolder:
    """Makes the service's searcher on first use, on whichever worker thread gets there first:
    the search service brings numpy and the fuzzy index code, which sign-in should not wait for."""

    def __init__(self, db: Database, searcher: PatientSearch | None = None) -> None:
        self._db = db
        self._searcher = searcher
        self._lock = threading.Lock()

    def get(self) -> PatientSearch:
        with self._lock:
            if self._searcher is None:
                from workbench.services.search import PatientSearch

                self._searcher = PatientSearch(self._db)
            return self._searcher

    @property
    def index_size(self) -> int:
        index = self._searcher.index if self._searcher is not None else None
        return len(index) if index is not None else 0


class HighlightDelegate(QStyledItemDelegate):
    """Paints an item's HTML (the emphasised matches) instead of its plain text."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(HTML_ROLE) or html.escape(str(index.data() or ""))))
        document.setDocumentMargin(2)
        return document

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        document = self._document(item, index)
        item.text = ""
        style = item.widget.style() if item.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
        painter.save()
        rect = item.rect
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        document = self._document(option, index)
        return QSize(int(document.idealWidth()) + 8, int(document.size().height()))


class PatientSearchBox(QWidget):
    """A line edit for patient queries with a floating list of results beneath it."""

    patient_chosen = Signal(object)  # PatientInfo
    results_shown = Signal(object)  # SearchResults
    index_built = Signal(int)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        overlay_host: QWidget,
        parent: QWidget | None = None,
        searcher: PatientSearch | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("patientSearchBox")
        self.db = db
        self.actor = actor
        self.searcher = SearcherHolder(db, searcher)
        self.runner = TaskRunner(self)
        self.index_ready = False
        self.results: SearchResults | None = None
        self.error: QuerySyntaxError | None = None
        self.edit = QLineEdit()
        self.edit.setObjectName("patientSearch")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(320)
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

        # The popup is a child of the window (not a separate window): focus stays in the box.
        self.popup = QFrame(overlay_host)
        self.popup.setObjectName("patientSearchPopup")
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup.setAutoFillBackground(True)
        self.message = QLabel()
        self.message.setObjectName("patientSearchMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListWidget()
        self.list.setObjectName("patientSearchResults")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setItemDelegate(HighlightDelegate(self.list))
        self.list.itemClicked.connect(lambda _item: self.choose())
        popup_layout = QVBoxLayout(self.popup)
        popup_layout.setContentsMargins(4, 4, 4, 4)
        popup_layout.addWidget(self.message)
        popup_layout.addWidget(self.list)
        self.popup.hide()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        # Owned by this widget, so that it dies with it (a late focus-out must not outlive us).
        self.focus_timer = QTimer(self)
        self.focus_timer.setSingleShot(True)
        self.focus_timer.setInterval(0)
        self.focus_timer.timeout.connect(self._close_unless_focused)
        self.edit.textChanged.connect(self._text_changed)
        self.retranslate()

    # -- the index --------------------------------------------------------------------------
    def build_index(self) -> None:
        """Build (or bring up to date) the fuzzy index in the background."""
        if self.runner.busy("index"):
            return
        holder, refresh = self.searcher, self.index_ready

        def work() -> object:
            searcher = holder.get()
            return searcher.refresh() if refresh else searcher.build()

        self.runner.submit("index", work, self._index_done, self._index_failed)

    def _index_done(self, _result: object) -> None:
        first = not self.index_ready
        self.index_ready = True
        self.index_built.emit(self.searcher.index_size)
        if first and self.edit.text().strip():
            self.search_now()  # the answer so far came from the simpler fallback

    def _index_failed(self, error: Exception) -> None:
        # Searching still works without the index (prefix matches through SQL).
        self.edit.setToolTip(self.tr("The search index could not be built: %1").replace("%1", str(error)))

    # -- searching --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.index_ready:
            self.build_index()  # pick up patients added since (here or on another desktop)

    def busy(self) -> bool:
        return self.runner.busy("search") or self.timer.isActive()

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self.timer.stop()
            self.results = None
            self.error = None
            self.popup.hide()
            return
        self.timer.start()

    def search_now(self) -> None:
        self.timer.stop()
        text = self.edit.text()
        if not text.strip():
            return
        holder, actor = self.searcher, self.actor
        self.runner.submit(
            "search", lambda: holder.get().search(actor, text, RESULT_LIMIT), self._show_results, self._failed
        )

    def _show_results(self, results: SearchResults) -> None:
        if results.query != self.edit.text():
            return  # typing went on; the newer query is on its way
        self.results = results
        self.error = None
        self.list.clear()
        for match in results.matches:
            self.list.addItem(self._item(match))
        if results.matches:
            self.list.setCurrentRow(0)
            count = len(results.matches)
            text = (
                self.tr("%1 or more patients; keep typing to narrow").replace("%1", str(count))
                if results.more
                else self.tr("%1 patients found").replace("%1", str(count))
            )
        else:
            text = self.tr("No patient matches. Check the spelling, or try initials or part of the MRN.")
        self.message.setText(html.escape(text))
        describe(self.message, text)
        self.list.setVisible(bool(results.matches))
        self._place_popup()
        announce(self, text)
        self.results_shown.emit(results)

    def _failed(self, error: Exception) -> None:
        self.results = None
        self.list.clear()
        self.list.hide()
        if isinstance(error, QuerySyntaxError):
            self.error = error
            text = self._syntax_text(error)
            query = error.query
            position = min(error.position, len(query))
            marked = (
                html.escape(query[:position])
                + "<b><u>"
                + (html.escape(query[position]) if position < len(query) else "&nbsp;")
                + "</u></b>"
                + html.escape(query[position + 1 :])
            )
            self.message.setText(f"{html.escape(text)}<br><tt>{marked}</tt>")
        else:
            text = self.tr("Search failed: %1").replace(
                "%1", str(error).splitlines()[0] if str(error) else ""
            )
            self.message.setText(html.escape(text))
        describe(self.message, text)
        self._place_popup()
        announce(self, text, assertive=True)

    def _syntax_text(self, error: QuerySyntaxError) -> str:
        text = (
            self.tr("Not understood at character %1: %2; expected %3.")
            .replace("%1", str(error.position + 1))
            .replace("%2", error.problem)
            .replace("%3", error.expected)
        )
        return f"{text} {error.hint}".strip()

    def _item(self, match: PatientMatch) -> QListWidgetItem:
        patient, marks = match.patient, match.highlights
        dob = patient.date_of_birth.isoformat()
        name_html = (
            emphasised(patient.family_name, _spans(marks, "family_name"))
            + ", "
            + emphasised(patient.given_name, _spans(marks, "given_name"))
        )
        parts_html = [
            name_html,
            self.tr("MRN %1").replace("%1", emphasised(patient.mrn, _spans(marks, "mrn"))),
            emphasised(dob, _spans(marks, "date_of_birth")),
            emphasised(patient.sex, _spans(marks, "sex")),
        ]
        parts = [patient.display_name, self.tr("MRN %1").replace("%1", patient.mrn), dob, patient.sex]
        if patient.phone:
            parts_html.append(emphasised(patient.phone, _spans(marks, "phone")))
            parts.append(patient.phone)
        item = QListWidgetItem(" · ".join(parts))
        item.setData(HTML_ROLE, " · ".join(parts_html))
        item.setData(PATIENT_ROLE, patient)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, " · ".join(parts))
        return item

    def _place_popup(self) -> None:
        host = self.popup.parentWidget()
        if host is None:
            return
        corner = self.edit.mapTo(host, QPoint(0, self.edit.height()))
        width = max(self.edit.width(), 480)
        rows = min(self.list.count(), RESULT_LIMIT)
        row_height = self.list.sizeHintForRow(0) if rows else 0
        list_height = rows * row_height + 2 * self.list.frameWidth() + 4 if rows else 0
        self.list.setFixedHeight(list_height)
        self.popup.setFixedWidth(width)
        self.popup.adjustSize()
        self.popup.move(corner)
        self.popup.show()
        self.popup.raise_()

    # -- choosing ---------------------------------------------------------------------------
    def current_patient(self) -> PatientInfo | None:
        item = self.list.currentItem()
        patient = item.data(PATIENT_ROLE) if item is not None else None
        return patient if isinstance(patient, PatientInfo) else None

    def step(self, step: int) -> None:
        count = self.list.count()
        if not count or not self.popup.isVisible():
            return
        row = max(0, min(count - 1, self.list.currentRow() + step))
        self.list.setCurrentRow(row)
        item = self.list.currentItem()
        if item is not None:
            announce(self, item.text())

    def choose(self) -> None:
        if self.timer.isActive():
            self.search_now()  # Enter before the timer fired: wait for this query's answer
            return
        patient = self.current_patient()
        if patient is None:
            return
        self.popup.hide()
        self.patient_chosen.emit(patient)

    def close_popup(self) -> None:
        self.popup.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down:
                self.step(1)
                return True
            if key == Qt.Key.Key_Up:
                self.step(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose()
                return True
            if key == Qt.Key.Key_Escape and self.popup.isVisible():
                self.close_popup()
                return True
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            # Clicking a result takes the mouse, not the focus; other focus changes close the list.
            self.focus_timer.start()
        return super().eventFilter(watched, event)

    def _close_unless_focused(self) -> None:
        if not self.edit.hasFocus():
            self.popup.hide()

    # -- presentation -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Search patients (Ctrl+K)"))
        describe(
            self.edit,
            self.tr("Search patients"),
            self.tr(
                "Name, initials, MRN or date of birth; or fields like family:smith dob:1950..1960. "
                "Down and Up move through the results, Enter opens one."
            ),
        )
        for button in self.edit.findChildren(QToolButton):  # the line edit's clear button
            describe(button, self.tr("Clear search"))
        describe(self.list, self.tr("Search results"))
        describe_scroll_bars(self.list, self.tr("Search results"))
        if self.results is not None:
            self._show_results(self.results)
        elif self.error is not None:
            self._failed(self.error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
