"""Machine-transcribed text inside the note: marked until the physician has looked at it.

Each sentence the engine wrote is inserted with a character format of its own: a dotted
underline (wavy where the engine was unsure) and a tooltip, plus two user properties — whether
it is still unreviewed, and which :class:`TextSource` (audio span, Spanish original) it came
from. When the physician changes a sentence, that sentence loses the mark (it has been read and
corrected) but keeps its audio, so it can still be played back. The mark is presentation only:
the note is saved as plain text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from workbench.audio.playback import AudioSpan

UNREVIEWED = QTextFormat.Property.UserProperty + 1  # bool: machine text nobody has edited yet
SOURCE = QTextFormat.Property.UserProperty + 2  # int: key of the TextSource (0: none)


@dataclass(frozen=True)
class TextSource:
    """Where a sentence of machine text came from."""

    key: int
    text: str
    span: AudioSpan | None
    confidence: float = 1.0
    original: str | None = None  # the sentence as spoken, when it was translated


class MachineText(QObject):
    """Inserts, marks, reviews and plays back machine text in one QPlainTextEdit."""

    reviewed = Signal(int)  # a sentence's key: the physician edited it
    play_requested = Signal(object)  # TextSource
    unreviewed_changed = Signal(int)  # how many sentences are still unreviewed

    _keys = itertools.count(1)

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.sources: dict[int, TextSource] = {}
        self._own_changes = 0
        self._pending_edits: list[tuple[int, int]] = []
        self._review_timer = QTimer(self)
        self._review_timer.setSingleShot(True)
        self._review_timer.setInterval(0)
        self._review_timer.timeout.connect(self._review_edits)
        editor.document().contentsChange.connect(self._contents_changed)
        editor.cursorPositionChanged.connect(self._caret_moved)
        self._viewport = editor.viewport()
        self._viewport.installEventFilter(self)
        editor.installEventFilter(self)
        self.play_action = QAction(self)
        self.play_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.play_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.play_action.triggered.connect(self.play_at_cursor)
        editor.addAction(self.play_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.play_action.setText(self.tr("&Play the audio of this sentence"))
        self.play_action.setToolTip(self.tr("Play the dictated audio this sentence was transcribed from"))

    # -- inserting -------------------------------------------------------------------------
    def new_source(
        self, text: str, span: AudioSpan | None, confidence: float = 1.0, original: str | None = None
    ) -> TextSource:
        source = TextSource(next(self._keys), text, span, confidence, original)
        self.sources[source.key] = source
        return source

    def insert(self, cursor: QTextCursor, sources: list[TextSource]) -> None:
        """Insert the sentences at ``cursor`` (which ends up after them), as one undo step."""
        if not sources:
            return
        self._own_changes += 1
        try:
            cursor.beginEditBlock()
            document = self.editor.document()
            plain = QTextCharFormat()
            for source in sources:
                before = document.characterAt(cursor.position() - 1) if cursor.position() > 0 else ""
                if before and not before.isspace() and before != "\u2029":
                    cursor.insertText(" ", plain)
                cursor.insertText(source.text.strip(), self._format(source))
            after = document.characterAt(cursor.position())
            if after and not after.isspace() and after not in ("\u2029", "\x00"):
                cursor.insertText(" ", plain)
                cursor.movePosition(QTextCursor.MoveOperation.Left)
            cursor.endEditBlock()
        finally:
            self._own_changes -= 1
        self.unreviewed_changed.emit(len(self.unreviewed_keys()))

    def _format(self, source: TextSource) -> QTextCharFormat:
        machine = QTextCharFormat()
        low = source.confidence < 0.6
        machine.setUnderlineStyle(
            QTextCharFormat.UnderlineStyle.WaveUnderline if low else QTextCharFormat.UnderlineStyle.DotLine
        )
        machine.setUnderlineColor(self.editor.palette().color(QPalette.ColorRole.Link))
        machine.setToolTip(self.tooltip(source, unreviewed=True))
        machine.setProperty(UNREVIEWED, True)
        machine.setProperty(SOURCE, source.key)
        return machine

    def tooltip(self, source: TextSource, unreviewed: bool) -> str:
        parts = []
        if unreviewed:
            parts.append(self.tr("Machine transcribed, not yet reviewed."))
            if source.confidence < 0.6:
                parts.append(self.tr("The engine was unsure of this sentence."))
        if source.span is not None:
            parts.append(self.tr("Click or press Ctrl+Enter to hear the audio."))
        if source.original:
            parts.append(self.tr("Spanish original: %1").replace("%1", source.original))
        return "\n".join(parts)

    # -- reading ---------------------------------------------------------------------------
    def source_at(self, position: int) -> TextSource | None:
        """The source of the character at ``position`` (or just before it, at a sentence's end)."""
        for pos in (position, position - 1):
            if pos < 0:
                continue
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(pos)
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
            key = cursor.charFormat().property(SOURCE)
            if isinstance(key, int) and key in self.sources:
                return self.sources[key]
        return None

    def is_unreviewed(self, position: int) -> bool:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(position)
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        return bool(cursor.charFormat().property(UNREVIEWED))

    def runs(self) -> list[tuple[int, int, int, bool]]:
        """(start, end, key, unreviewed) for every stretch of text that came from a source."""
        found: list[tuple[int, int, int, bool]] = []
        block = self.editor.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.isValid():
                    fmt = fragment.charFormat()
                    key = fmt.property(SOURCE)
                    if isinstance(key, int) and key > 0:
                        start = fragment.position()
                        found.append((start, start + fragment.length(), key, bool(fmt.property(UNREVIEWED))))
                iterator += 1
            block = block.next()
        return found

    def unreviewed_keys(self) -> set[int]:
        return {key for _s, _e, key, unreviewed in self.runs() if unreviewed}

    def unreviewed_text(self) -> list[str]:
        texts: dict[int, str] = {}
        document = self.editor.document()
        for start, end, key, unreviewed in self.runs():
            if unreviewed:
                cursor = QTextCursor(document)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                texts[key] = texts.get(key, "") + cursor.selectedText()
        return list(texts.values())

    # -- reviewing -------------------------------------------------------------------------
    def _contents_changed(self, position: int, _removed: int, added: int) -> None:
        if self._own_changes:
            return
        self._pending_edits.append((position, added))
        self._review_timer.start()

    def _review_edits(self) -> None:
        edits, self._pending_edits = self._pending_edits, []
        if not self.sources:
            return
        document = self.editor.document()
        self._own_changes += 1
        changed = False
        try:
            cursor = QTextCursor(document)
            cursor.joinPreviousEditBlock()  # undoing the edit brings the mark back with the text
            for position, added in _merged(edits):
                changed |= self._strip_typed_after_sentence(cursor, position, added)
            texts: dict[int, str] = {}
            spans: dict[int, list[tuple[int, int]]] = {}
            for start, end, key, unreviewed in self.runs():
                if not unreviewed:
                    continue
                run = QTextCursor(document)
                run.setPosition(start)
                run.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                texts[key] = texts.get(key, "") + run.selectedText()
                spans.setdefault(key, []).append((start, end))
            for key, text in texts.items():
                source = self.sources.get(key)
                if source is not None and text != source.text.strip():
                    for start, end in spans[key]:
                        self._mark_reviewed(cursor, start, end, source)
                    changed = True
                    self.reviewed.emit(key)
            cursor.endEditBlock()
        finally:
            self._own_changes -= 1
        if changed:
            self.unreviewed_changed.emit(len(self.unreviewed_keys()))

    def _caret_moved(self) -> None:
        """At the end of a sentence, what the physician types next is theirs, not the machine's."""
        caret = self.editor.textCursor()
        if caret.hasSelection() or caret.position() == 0:
            return
        before = self._key_at(caret.position() - 1)
        if before and before != self._key_at(caret.position()):
            self.editor.setCurrentCharFormat(_plain())

    def _key_at(self, position: int) -> int:
        cursor = QTextCursor(self.editor.document())
        if position < 0 or position >= self.editor.document().characterCount() - 1:
            return 0
        cursor.setPosition(position)
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        key = cursor.charFormat().property(SOURCE)
        return key if isinstance(key, int) else 0

    def _strip_typed_after_sentence(self, cursor: QTextCursor, position: int, added: int) -> bool:
        """Typing right after a sentence inherits its format; that new text is the physician's."""
        if added <= 0:
            return False
        document = self.editor.document()
        probe = QTextCursor(document)
        end = min(position + added, document.characterCount() - 1)
        probe.setPosition(end)
        probe.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        following = probe.charFormat().property(SOURCE) if probe.hasSelection() else None
        probe.setPosition(position)
        probe.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        typed_key = probe.charFormat().property(SOURCE)
        if not isinstance(typed_key, int) or typed_key <= 0 or typed_key == following:
            return False
        cursor.setPosition(position)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(_plain())
        return True

    def _mark_reviewed(self, cursor: QTextCursor, start: int, end: int, source: TextSource) -> None:
        reviewed = QTextCharFormat()
        reviewed.setProperty(UNREVIEWED, False)
        reviewed.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        reviewed.setToolTip(self.tooltip(source, unreviewed=False))
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(reviewed)

    # -- playing ---------------------------------------------------------------------------
    def play_at_cursor(self) -> bool:
        source = self.source_at(self.editor.textCursor().position())
        if source is None or source.span is None:
            return False
        self.play_requested.emit(source)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ToolTip, QEvent.Type.MouseButtonRelease, QEvent.Type.ContextMenu):
            return False  # cheap, and safe while the editor is being torn down
        if watched is self._viewport:
            if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                return self._show_tooltip(event)
            if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
                self._clicked(event)
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            return self._context_menu(watched, event)
        return False

    def _show_tooltip(self, event: QHelpEvent) -> bool:
        cursor = self.editor.cursorForPosition(event.pos())
        source = self.source_at(cursor.position())
        if source is None:
            return False
        QToolTip.showText(
            event.globalPos(), self.tooltip(source, self.is_unreviewed(cursor.position())), self.editor
        )
        return True

    def _clicked(self, event: QMouseEvent) -> None:
        # A plain click on text still to be checked plays it: the physician hears what was said
        # while reading what was written. Selecting or clicking reviewed text does not.
        if event.button() != Qt.MouseButton.LeftButton or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return
        if self.editor.textCursor().hasSelection():
            return
        position = self.editor.cursorForPosition(event.position().toPoint()).position()
        source = self.source_at(position)
        unreviewed = self.is_unreviewed(position) or (position > 0 and self.is_unreviewed(position - 1))
        if source is not None and source.span is not None and unreviewed:
            self.play_requested.emit(source)

    def _context_menu(self, watched: QObject, event: QContextMenuEvent) -> bool:
        point = event.pos() if watched is self._viewport else self.editor.cursorRect().center()
        position = self.editor.cursorForPosition(point).position()
        source = self.source_at(position)
        menu = self.editor.createStandardContextMenu(point)
        if source is not None and source.span is not None:
            menu.addSeparator()
            play = menu.addAction(self.play_action.text())
            play.triggered.connect(lambda: self.play_requested.emit(source))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos() if watched is self._viewport else self._global(point))
        return True

    def _global(self, point: QPoint) -> QPoint:
        return self.editor.viewport().mapToGlobal(point)


def _plain() -> QTextCharFormat:
    plain = QTextCharFormat()
    plain.setProperty(UNREVIEWED, False)
    plain.setProperty(SOURCE, 0)
    plain.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
    plain.setToolTip("")
    return plain


def _merged(edits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keystrokes typed one after another, as one insertion each run."""
    runs: list[tuple[int, int]] = []
    for position, added in edits:
        if runs and added > 0 and runs[-1][0] + runs[-1][1] == position:
            runs[-1] = (runs[-1][0], runs[-1][1] + added)
        else:
            runs.append((position, added))
    return runs
