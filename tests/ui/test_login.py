from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PASSWORD, Clinic, make_workbench
from workbench.config import Settings
from workbench.services.demo import DEMO_USERS
from workbench.ui.app import Workbench
from workbench.ui.login import LoginDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.workspaces.coder import CoderWorkspace
from workbench.ui.workspaces.physician import PhysicianWorkspace


def ready_workbench(
    qtbot: QtBot, qapp: QApplication, made: list[Workbench], clinic: Clinic, **kw: object
) -> Workbench:
    wb = make_workbench(qapp, made, clinic.db, Settings(**kw))  # type: ignore[arg-type]
    with qtbot.waitSignal(wb.database_ready, timeout=10_000):
        wb.start()
    return wb


def shown(wb: Workbench) -> MainWindow | None:
    return wb.main_window


def sign_in(qtbot: QtBot, login: LoginDialog, username: str, password: str) -> None:
    login.username_edit.setText(username)
    login.password_edit.setText(password)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not login.busy(), timeout=10_000)


def test_wrong_password_shows_the_error_and_stays(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = ready_workbench(qtbot, qapp, workbench_factory, clinic)
    sign_in(qtbot, wb.login, "drwho", "not the password")
    assert wb.login.error_label.isVisible()
    assert "wrong password" in wb.login.error_label.text()
    assert wb.main_window is None
    assert wb.login.isVisible()


def test_right_password_opens_the_roles_workspace_and_sign_out_returns(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = ready_workbench(qtbot, qapp, workbench_factory, clinic)
    sign_in(qtbot, wb.login, "drwho", PASSWORD)
    assert isinstance(wb.main_window, MainWindow)
    assert isinstance(wb.main_window.workspace, PhysicianWorkspace)
    assert wb.main_window.isVisible() and not wb.login.isVisible()
    assert "Test physician" in wb.main_window.user_label.text()
    assert "Physician" in wb.main_window.user_label.text()
    assert wb.sign_out()
    assert shown(wb) is None and wb.login.isVisible()
    assert wb.login.password_edit.text() == ""
    sign_in(qtbot, wb.login, "coder1", PASSWORD)
    window = shown(wb)
    assert isinstance(window, MainWindow)
    assert isinstance(window.workspace, CoderWorkspace)


def test_repeated_failures_show_the_throttle_message(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = ready_workbench(qtbot, qapp, workbench_factory, clinic)
    for _ in range(4):
        sign_in(qtbot, wb.login, "drwho", "wrong")
    sign_in(qtbot, wb.login, "drwho", PASSWORD)
    assert "Too many failed sign-in attempts" in wb.login.error_label.text()
    assert wb.main_window is None
    assert not wb.login.sign_in_button.isEnabled()  # until the wait is over
    # ... for that account: a colleague typing their own name can sign in straight away.
    wb.login.username_edit.clear()
    qtbot.keyClicks(wb.login.username_edit, "coder1")
    assert wb.login.sign_in_button.isEnabled()
    sign_in(qtbot, wb.login, "coder1", PASSWORD)
    window = shown(wb)
    assert isinstance(window, MainWindow)
    assert isinstance(window.workspace, CoderWorkspace)


def test_empty_fields_ask_for_both(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = ready_workbench(qtbot, qapp, workbench_factory, clinic)
    wb.login.sign_in()
    assert wb.login.error_label.text() == "Enter your username and password."


def test_demo_hint_only_on_demo_installations(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    real = ready_workbench(qtbot, qapp, workbench_factory, clinic)
    assert real.login.hint_label.isHidden()
    demo = ready_workbench(qtbot, qapp, workbench_factory, clinic, demo=True)
    assert demo.login.hint_label.isVisible()
    for user in DEMO_USERS:
        assert f"{user.username} / {user.password}" in demo.login.hint_label.text()


def test_missing_database_says_what_to_run(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], tmp_path: object
) -> None:
    exits: list[int] = []
    wb = Workbench(
        qapp,
        Settings(),
        database_url=f"sqlite:///{tmp_path}/none/workbench.db",
        exit_application=exits.append,
    )
    workbench_factory.append(wb)
    with qtbot.waitSignal(wb.failed, timeout=10_000) as blocker:
        wb.start()
    assert "workbench init" in blocker.args[0]
    assert wb.exit_code != 0
    box = wb.login.findChild(QMessageBox, "databaseProblem")
    assert box is not None and box.isVisible()
    box.close()
    qtbot.waitUntil(lambda: exits == [2])
    assert not wb.login.sign_in_button.isEnabled()
