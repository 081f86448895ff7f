from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.ui.tasks import TaskRunner


def test_work_runs_off_the_ui_thread_and_reports_on_it(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ui_thread = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["result"] = result

    runner.submit("answer", work, done, lambda exc: None)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] != ui_thread
    assert seen["callback"] == ui_thread
    assert not runner.busy()


def test_only_the_newest_task_per_key_reports(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    results: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "old"

    runner.submit("list", slow, results.append, lambda exc: None)
    runner.submit("list", lambda: "new", results.append, lambda exc: None)
    qtbot.waitUntil(lambda: results == ["new"])
    release.set()
    qtbot.waitUntil(lambda: not runner.busy())
    assert results == ["new"]


def test_errors_come_back_as_exceptions(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def broken() -> None:
        raise ValueError("no such table")

    runner.submit("x", broken, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "no such table"


def test_a_deleted_owner_gets_no_late_results(qtbot: QtBot) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    release = threading.Event()
    results: list[str] = []
    runner.submit("x", lambda: release.wait(5) and "late", results.append, lambda exc: None)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(runner))
    release.set()
    qtbot.wait(100)
    assert results == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_tasks_finished_or_outdated_leave_no_qt_object_to_be_destroyed_on_a_worker(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    destroyed_on: list[int] = []
    runner.submit("patients", lambda: release.wait(5), lambda result: None, lambda exc: None)
    runner.submit("patients", lambda: "newer", lambda result: None, lambda exc: None)
    for pending in runner._pending.values():
        pending.relay.destroyed.connect(
            lambda *_: destroyed_on.append(threading.get_ident()), Qt.ConnectionType.DirectConnection
        )
    release.set()
    qtbot.waitUntil(lambda: len(destroyed_on) == 2)
    assert destroyed_on == [threading.get_ident()] * 2
    assert not runner.busy()


def test_a_runner_that_dies_while_its_task_runs_drops_the_result_quietly(
    qtbot: QtBot, capfd: pytest.CaptureFixture[str]
) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    release = threading.Event()
    reported: list[object] = []
    destroyed_on: list[int] = []
    runner.submit("patients", lambda: release.wait(5), reported.append, reported.append)
    for pending in runner._pending.values():
        pending.relay.destroyed.connect(
            lambda *_: destroyed_on.append(threading.get_ident()), Qt.ConnectionType.DirectConnection
        )
    owner.deleteLater()  # the widget closes while the query runs
    qtbot.waitUntil(lambda: bool(destroyed_on))
    release.set()
    QThreadPool.globalInstance().waitForDone(5_000)
    QApplication.processEvents()
    assert destroyed_on == [threading.get_ident()]
    assert reported == []
    assert "RuntimeError" not in capfd.readouterr().err
