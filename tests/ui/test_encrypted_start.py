"""Starting on a database whose key is under the administrator passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from workbench import config, installation
from workbench.config import Settings
from workbench.ui.app import Workbench

PASSPHRASE = "the clinic's long passphrase"


def test_the_passphrase_is_asked_until_it_is_right_then_sign_in_opens(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench]
) -> None:
    db = installation.create_database(encryption="passphrase", passphrase=PASSPHRASE)
    db.upgrade()
    db.dispose()
    exits: list[int] = []
    wb = Workbench(qapp, Settings(), database_url=config.database_url(), exit_application=exits.append)
    workbench_factory.append(wb)
    wb.start()
    qtbot.waitUntil(
        lambda: isinstance(wb.key_dialog, QInputDialog) and wb.key_dialog.isVisible(), timeout=10_000
    )
    dialog = wb.key_dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("a wrong passphrase, sadly")
    dialog.accept()
    qtbot.waitUntil(lambda: wb.key_dialog is not dialog and wb.key_dialog is not None, timeout=10_000)
    again = wb.key_dialog
    assert isinstance(again, QInputDialog) and "Wrong passphrase" in again.labelText()
    with qtbot.waitSignal(wb.database_ready, timeout=10_000):
        again.setTextValue(PASSPHRASE)
        again.accept()
    assert wb.db is not None and wb.db.encrypted and exits == []
