"""Evidence spans painted over a read-only note: colour and line style both say the review status.

The text is cut at every span boundary into segments, and each segment gets one extra selection
listing every suggestion that covers it. Overlapping evidence of two suggestions therefore never
hides one of them: the segment keeps the status of the one in front (the current suggestion, else
the first) and gains an overline that says "more than one code here"; the segment's property
lists both. The current suggestion is bold on a stronger shade, and the view scrolls to it.

Unreviewed spans are dotted, accepted ones solid, rejected ones wavy, dismissed ones dashed, so
the status is readable without colour. Backgrounds are chosen per theme so that the palette's
text colour keeps 4.5:1 contrast on every one of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from workbench.ui.theme import relative_luminance

# Where a segment stores the ids of the suggestions covering it ("12,40").
SUGGESTIONS_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
STATUSES = ("unreviewed", "accept", "reject", "dismiss")

# (normal, current) backgrounds per status and scheme.
BACKGROUNDS: dict[str, dict[str, tuple[str, str]]] = {
    "light": {
        "unreviewed": ("#fff0b3", "#ffd966"),
        "accept": ("#d3f2d9", "#9fe0ac"),
        "reject": ("#fbd9d9", "#f4a8a8"),
        "dismiss": ("#e6e7ea", "#c9ccd1"),
    },
    "dark": {
        "unreviewed": ("#4d3f00", "#6b5800"),
        "accept": ("#173d21", "#22592f"),
        "reject": ("#4a1c1c", "#6a2828"),
        "dismiss": ("#2e3035", "#45484f"),
    },
}
LINE_COLOURS: dict[str, dict[str, str]] = {
    "light": {"unreviewed": "#7a5b00", "accept": "#17692b", "reject": "#a4161a", "dismiss": "#5b6068"},
    "dark": {"unreviewed": "#ffd54f", "accept": "#7ee2a8", "reject": "#ff8a80", "dismiss": "#a0a5ad"},
}
UNDERLINES: dict[str, QTextCharFormat.UnderlineStyle] = {
    "unreviewed": QTextCharFormat.UnderlineStyle.DotLine,
    "accept": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "reject": QTextCharFormat.UnderlineStyle.WaveUnderline,
    "dismiss": QTextCharFormat.UnderlineStyle.DashUnderline,
}


@dataclass(frozen=True)
class HighlightSpan:
    suggestion_id: int
    start: int
    end: int
    status: str  # one of STATUSES


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    suggestion_ids: tuple[int, ...]  # every suggestion whose evidence covers the segment


def scheme_of(palette: QPalette) -> str:
    return "dark" if relative_luminance(palette.color(QPalette.ColorRole.Base)) < 0.4 else "light"


def segments(spans: Sequence[HighlightSpan], length: int) -> list[Segment]:
    """The text cut at every span boundary; only the pieces some span covers."""
    clipped = [(max(0, s.start), min(length, s.end), s.suggestion_id) for s in spans]
    clipped = [c for c in clipped if c[0] < c[1]]
    bounds = sorted({b for a, e, _ in clipped for b in (a, e)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(bounds):
        ids = tuple(dict.fromkeys(sid for s, e, sid in clipped if s <= a and e >= b))
        if ids:
            out.append(Segment(a, b, ids))
    return out


def merged_ranges(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Touching or overlapping ranges joined: how a reader sees the highlighted text."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


class EvidenceHighlighter:
    """Keeps a read-only text view's extra selections in step with the suggestions' evidence."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self.view = view
        self.spans: list[HighlightSpan] = []
        self.current: int | None = None

    def set_spans(self, spans: Sequence[HighlightSpan]) -> None:
        self.spans = list(spans)
        self.apply()

    def set_status(self, suggestion_id: int, status: str) -> None:
        self.spans = [
            HighlightSpan(s.suggestion_id, s.start, s.end, status) if s.suggestion_id == suggestion_id else s
            for s in self.spans
        ]
        self.apply()

    def set_current(self, suggestion_id: int | None, scroll: bool = True) -> None:
        self.current = suggestion_id
        self.apply()
        if scroll and suggestion_id is not None:
            self.scroll_to(suggestion_id)

    def scroll_to(self, suggestion_id: int) -> None:
        """Put the caret at the suggestion's first span (screen readers follow the caret)."""
        starts = [s.start for s in self.spans if s.suggestion_id == suggestion_id]
        if not starts:
            return
        cursor = self.view.textCursor()
        cursor.setPosition(min(max(0, min(starts)), len(self.view.toPlainText())))
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()

    def apply(self) -> None:
        document = self.view.document()
        length = max(0, document.characterCount() - 1)
        scheme = scheme_of(self.view.palette())
        status = {s.suggestion_id: s.status for s in self.spans}
        selections: list[QTextEdit.ExtraSelection] = []
        for segment in segments(self.spans, length):
            front = self.current if self.current in segment.suggestion_ids else segment.suggestion_ids[0]
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(segment.start)
            cursor.setPosition(segment.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = self.format_for(
                status.get(front, "unreviewed"),
                current=front == self.current,
                overlapped=len(segment.suggestion_ids) > 1,
                scheme=scheme,
            )
            selection.format.setProperty(
                SUGGESTIONS_PROPERTY, ",".join(str(i) for i in segment.suggestion_ids)
            )
            selections.append(selection)
        self.view.setExtraSelections(selections)

    def format_for(self, status: str, current: bool, overlapped: bool, scheme: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        normal, strong = BACKGROUNDS[scheme].get(status, BACKGROUNDS[scheme]["unreviewed"])
        fmt.setBackground(QColor(strong if current else normal))
        fmt.setForeground(self.view.palette().color(QPalette.ColorRole.Text))
        fmt.setUnderlineStyle(UNDERLINES.get(status, UNDERLINES["unreviewed"]))
        fmt.setUnderlineColor(QColor(LINE_COLOURS[scheme].get(status, LINE_COLOURS[scheme]["unreviewed"])))
        if current:
            fmt.setFontWeight(QFont.Weight.Bold)
        if overlapped:
            fmt.setFontOverline(True)
        return fmt

    def highlighted(self) -> dict[int, list[tuple[int, int]]]:
        """Read back from the view: each suggestion's highlighted character ranges, merged."""
        found: dict[int, list[tuple[int, int]]] = {}
        for selection in self.view.extraSelections():
            ids = str(selection.format.property(SUGGESTIONS_PROPERTY) or "")
            cursor = selection.cursor
            for sid in (int(i) for i in ids.split(",") if i):
                found.setdefault(sid, []).append((cursor.selectionStart(), cursor.selectionEnd()))
        return {sid: merged_ranges(r) for sid, r in found.items()}
