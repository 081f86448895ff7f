from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Clinic, make_workbench
from workbench.config import Settings, load_settings
from workbench.ui import theme
from workbench.ui.app import Workbench
from workbench.ui.settings_dialog import SettingsDialog


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert theme.contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#ffffff"), QColor("#000000")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" grey.
    assert theme.contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#ffffff")) < 4.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("group", [QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive])
def test_every_readable_pair_passes_aa(qapp: QApplication, scheme: str, group: QPalette.ColorGroup) -> None:
    palette = theme.palette(scheme)
    failures = []
    for foreground, background in theme.READABLE_PAIRS:
        ratio = theme.contrast_ratio(palette.color(group, foreground), palette.color(group, background))
        if ratio < 4.5:
            failures.append(f"{foreground.name} on {background.name}: {ratio:.2f}")
    assert failures == []


def test_theme_switch_changes_the_application_palette(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = make_workbench(qapp, workbench_factory, clinic.db, Settings(theme="light"))
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor(
        theme.LIGHT[QPalette.ColorRole.Window]
    )
    dialog = SettingsDialog(wb.settings)
    qtbot.addWidget(dialog)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.applied.connect(wb.apply_settings)
    dialog.accept()
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor(
        theme.DARK[QPalette.ColorRole.Window]
    )
    assert wb.theme.scheme == "dark"
    assert load_settings().theme == "dark"


def test_system_theme_follows_the_platform_scheme(qapp: QApplication) -> None:
    controller = theme.ThemeController(qapp)
    try:
        controller.apply("system")
        expected = theme.system_scheme()
        assert controller.scheme == expected
        reported = QGuiApplication.styleHints().colorScheme()
        assert expected == ("dark" if reported.name == "Dark" else "light")
    finally:
        controller.apply("light")
        controller.deleteLater()


def test_settings_dialog_persists_every_choice(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    wb = make_workbench(qapp, workbench_factory, clinic.db, Settings(theme="light", idle_lock_minutes=15))
    dialog = SettingsDialog(wb.settings)
    qtbot.addWidget(dialog)
    assert dialog.lock_spin.value() == 15
    dialog.lock_spin.setValue(5)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("system"))
    dialog.applied.connect(wb.apply_settings)
    dialog.accept()
    saved = load_settings()
    assert (saved.theme, saved.language, saved.idle_lock_minutes) == ("system", "en", 5)
    assert wb.theme.theme == "system"
