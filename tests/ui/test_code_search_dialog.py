"""The code search a coder uses to add a code: Enter right after typing picks from the results
for what was typed, not from the list still showing the text before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.ui.code_search_dialog import CodeSearchDialog


def test_enter_pressed_right_after_typing_waits_for_the_current_results(qtbot: QtBot) -> None:
    dialog = CodeSearchDialog("")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.query_edit, "E11.")
    qtbot.waitUntil(lambda: dialog.results.count() > 0 and not dialog.busy(), timeout=20_000)
    assert dialog.current_code() != "E11.9"  # the category lists its other codes first
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClicks(dialog.query_edit, "9")
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)  # well inside the typing delay
    assert dialog.chosen_code == "E11.9"


def test_enter_on_an_empty_search_asks_for_a_code(qtbot: QtBot) -> None:
    dialog = CodeSearchDialog("")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    assert dialog.isVisible() and "Choose a code" in dialog.state.text()
