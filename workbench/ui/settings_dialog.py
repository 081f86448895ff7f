"""Installation settings: theme, language and the idle lock."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.config import LANGUAGES, THEMES, Settings
from workbench.ui.accessibility import describe
from workbench.ui.i18n import LANGUAGE_NAMES


class SettingsDialog(QDialog):
    applied = Signal(object)  # Settings

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.theme_label = QLabel()
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("theme")
        self.theme_label.setBuddy(self.theme_combo)
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        self.language_label.setBuddy(self.language_combo)
        for code in LANGUAGES:
            # Each language in its own name, so a person can find theirs in any UI language.
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.lock_label = QLabel()
        self.lock_spin = QSpinBox()
        self.lock_spin.setObjectName("idleLockMinutes")
        self.lock_spin.setRange(0, 24 * 60)
        self.lock_label.setBuddy(self.lock_spin)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.theme_label, self.theme_combo)
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.lock_label, self.lock_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.lock_spin.setValue(settings.idle_lock_minutes)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        current = self.theme_combo.currentData() or self.settings.theme
        self.theme_combo.clear()
        names = {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for theme in THEMES:
            self.theme_combo.addItem(names[theme], theme)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(current)))
        self.theme_label.setText(self.tr("&Theme:"))
        self.language_label.setText(self.tr("&Language:"))
        self.lock_label.setText(self.tr("&Lock after idle (minutes):"))
        describe(self.theme_combo, self.tr("Theme"))
        describe(self.language_combo, self.tr("Language"), self.tr("Applies immediately"))
        describe(self.lock_spin, self.tr("Lock after idle, in minutes"), self.tr("0 never locks"))
        self.lock_spin.setSpecialValueText(self.tr("Never"))
        spin_text = self.lock_spin.findChild(QLineEdit)
        if spin_text is not None:
            describe(spin_text, self.tr("Lock after idle, in minutes"))
        for button in self.buttons.buttons():
            describe(button, button.text().replace("&", ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen(self) -> Settings:
        return replace(
            self.settings,
            theme=str(self.theme_combo.currentData()),
            language=str(self.language_combo.currentData()),
            idle_lock_minutes=self.lock_spin.value(),
        ).validated()

    def accept(self) -> None:
        self.settings = self.chosen()
        self.applied.emit(self.settings)
        super().accept()
