"""Python's cyclic garbage collector, run only on the UI thread.

Python collects in whichever thread happens to allocate past the collector's threshold. When a
reference cycle holds a Qt object (a widget whose lambda slot refers back to it, say), collecting
it on a worker thread destroys the Qt object there, and Qt crashes: the test suite died once that
way, a worker reading patients for the physician's list while another collected widgets of an
earlier window. So automatic collection is switched off, and a timer on the UI thread runs the
collector generation by generation, as Python itself would, when the counts say it is due.
(The recipe is calibre's, also used by other PyQt applications.)
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# With torch, spaCy and the catalog loaded the heap is large, and a full collection at Python's
# default thresholds stalls the event loop for 80–250 ms while a coder scrolls the worklist
# (benchmarks/coding_review_ui.py). Rarer collections keep scrolling smooth; the workbench makes
# few reference cycles.
THRESHOLDS = (20_000, 50, 1_000)
INTERVAL_MS = 500


class GarbageCollector(QObject):
    """Owns the collector while it lives: created on the UI thread, `stop` hands it back."""

    def __init__(self, parent: QObject | None = None, thresholds: tuple[int, int, int] = THRESHOLDS) -> None:
        super().__init__(parent)
        self.thresholds = thresholds
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation that is due, if any; returns the generation or -1."""
        due = -1
        for generation, (count, threshold) in enumerate(zip(gc.get_count(), self.thresholds, strict=True)):
            if count <= threshold:
                break
            due = generation
        if due >= 0:
            gc.collect(due)
        return due

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
