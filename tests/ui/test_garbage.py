from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from workbench.ui.garbage import GarbageCollector
from workbench.ui.tasks import TaskRunner


class _Cycle:
    """A Qt object held in a reference cycle, as a widget with a lambda slot back to itself is."""

    def __init__(self) -> None:
        self.qt_object = QObject()
        self.me = self


def test_a_cycle_holding_a_qt_object_is_freed_on_the_ui_thread_while_workers_allocate(qtbot: QtBot) -> None:
    collector = GarbageCollector(thresholds=(500, 10, 10))
    freed_on: list[int] = []
    try:
        cycle = _Cycle()
        weakref.finalize(cycle, lambda: freed_on.append(threading.get_ident()))
        del cycle
        # A query on a worker returns rows far past Python's own threshold (700 new objects): with
        # the automatic collector the cycle would be freed there, its Qt object with it.
        runner = TaskRunner()
        results: list[list[dict[str, int]]] = []
        runner.submit("rows", lambda: [{} for _ in range(2_000)], results.append, lambda e: None)
        QThreadPool.globalInstance().waitForDone(10_000)
        assert freed_on == [], "nothing may be collected off the UI thread"
        qtbot.waitUntil(lambda: bool(freed_on and results), timeout=5_000)
        assert freed_on == [threading.get_ident()]
    finally:
        collector.stop()


def test_stopping_hands_the_collector_back_as_it_was() -> None:
    was = gc.isenabled()
    collector = GarbageCollector()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled() == was
