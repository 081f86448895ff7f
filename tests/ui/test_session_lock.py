"""The idle lock, driven as a person would: keys into the lock screen, a clock that moves on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ui.conftest import PASSWORD, Clinic
from tests.ui.test_login import ready_workbench, sign_in
from workbench.services.work_session import WorkSession
from workbench.store.models import AuditEvent
from workbench.ui.app import Workbench
from workbench.ui.session_lock import SessionLock


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


def signed_in(
    qtbot: QtBot, qapp: QApplication, made: list[Workbench], clinic: Clinic
) -> tuple[Workbench, Clock]:
    wb = ready_workbench(qtbot, qapp, made, clinic, idle_lock_minutes=15)
    sign_in(qtbot, wb.login, "drwho", PASSWORD)
    assert wb.main_window is not None and wb.session_lock is not None
    clock = Clock()
    # The application's own session, with a clock the test can move instead of waiting 15 minutes.
    wb.session_lock.session = WorkSession(clinic.db, clinic.physician, 15, clock=clock)
    return wb, clock


def actions(clinic: Clinic) -> list[str]:
    with clinic.db.session() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.action.like("session.%"), AuditEvent.actor_id == clinic.physician.user_id)
                .order_by(AuditEvent.id)
            )
        )


def lock_of(wb: Workbench) -> SessionLock:
    assert wb.session_lock is not None
    return wb.session_lock


def type_password(qtbot: QtBot, lock: SessionLock, password: str) -> None:
    assert lock.dialog is not None
    field = lock.dialog.password_edit
    assert field.hasFocus() or QApplication.focusWidget() in (None, field)
    field.clear()
    qtbot.keyClicks(field, password)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_idle_minutes_lock_every_window_until_the_same_password_unlocks(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb, clock = signed_in(qtbot, qapp, workbench_factory, clinic)
    window = wb.main_window
    assert window is not None
    lock = lock_of(wb)
    clock.advance(14)
    lock.check()
    assert not lock.is_locked() and window.isVisible()

    clock.advance(2)
    lock.check()
    assert lock.is_locked() and lock.dialog is not None and lock.dialog.isVisible()
    assert not window.isVisible()  # nothing of the session can be read or reached
    assert actions(clinic) == ["session.locked"]

    qtbot.keyClick(lock.dialog, Qt.Key.Key_Escape)  # Escape is no way out
    assert lock.is_locked() and lock.dialog.isVisible()

    type_password(qtbot, lock, "not my password")
    qtbot.waitUntil(lambda: lock.dialog is not None and lock.dialog.error_label.isVisible(), timeout=10_000)
    assert "wrong password" in lock.dialog.error_label.text()
    assert lock.is_locked() and not window.isVisible()

    type_password(qtbot, lock, PASSWORD)
    qtbot.waitUntil(lambda: not lock.is_locked(), timeout=10_000)
    assert window.isVisible()
    assert actions(clinic) == ["session.locked", "session.unlocked"]


def test_typing_keeps_the_session_open(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb, clock = signed_in(qtbot, qapp, workbench_factory, clinic)
    window = wb.main_window
    assert window is not None
    lock = lock_of(wb)
    clock.advance(10)
    qtbot.keyClick(window, Qt.Key.Key_Down)  # any key press anywhere counts as activity
    clock.advance(10)
    lock.check()
    assert not lock.is_locked()
    clock.advance(6)
    lock.check()
    assert lock.is_locked()


def test_ctrl_l_locks_at_once_and_sign_out_from_the_lock_returns_to_sign_in(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb, _clock = signed_in(qtbot, qapp, workbench_factory, clinic)
    window = wb.main_window
    assert window is not None
    window.activateWindow()
    window.lock_action.trigger()
    lock = lock_of(wb)
    assert lock.is_locked() and not window.isVisible()
    assert lock.dialog is not None
    qtbot.mouseClick(lock.dialog.sign_out_button, Qt.MouseButton.LeftButton)
    assert wb.main_window is None and wb.session_lock is None
    assert wb.login.isVisible()
    assert actions(clinic) == ["session.locked"]


def test_a_changed_idle_setting_applies_to_the_open_session(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb, clock = signed_in(qtbot, qapp, workbench_factory, clinic)
    lock = lock_of(wb)
    from dataclasses import replace

    wb.apply_settings(replace(wb.settings, idle_lock_minutes=0))
    clock.advance(600)
    lock.check()
    assert not lock.is_locked()


def test_ctrl_l_in_another_window_locks_and_a_window_closed_while_locked_stays_closed(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    from PySide6.QtWidgets import QDialog

    wb, _clock = signed_in(qtbot, qapp, workbench_factory, clinic)
    window = wb.main_window
    assert window is not None
    other = QDialog()  # a progress dialog, a review window: any other window of the session
    other.setObjectName("otherWindow")
    other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    lingering = QDialog()
    qtbot.addWidget(lingering)
    other.show()
    lingering.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other, timeout=5_000)
    qtbot.keyClick(other, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = lock_of(wb)
    assert lock.is_locked() and not other.isVisible() and not window.isVisible()

    with qtbot.waitSignal(other.destroyed, timeout=5_000):
        other.close()  # its work finished while the session was locked
    lingering.close()
    type_password(qtbot, lock, PASSWORD)
    qtbot.waitUntil(lambda: not lock.is_locked(), timeout=10_000)
    assert window.isVisible() and not lingering.isVisible()
