"""Loading the interface language: the workbench's own .qm and Qt's for its standard dialogs.

Installing or removing a translator makes Qt send a LanguageChange event to every widget; the
widgets re-set their texts in ``retranslate()``, so a language change applies live.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

import workbench

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def translations_dir() -> Path:
    """The repository's i18n/ folder, where `make translations` builds the .qm files."""
    return Path(workbench.__file__).resolve().parent.parent / "i18n"


class LanguageController(QObject):
    """Holds the installed translators (Qt does not keep them alive) and swaps them."""

    def __init__(self, app: QCoreApplication, directory: Path | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._directory = directory or translations_dir()
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        """Switch to a language; False when its workbench translation is missing (English shows)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        QLocale.setDefault(QLocale(language))
        if language == "en":
            return True
        loaded = False
        own = QTranslator(self)
        if own.load(str(self._directory / f"workbench_{language}.qm")):
            self._installed.append(own)
            loaded = True
        qt_own = QTranslator(self)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{language}", qt_dir):
            self._installed.append(qt_own)
        for translator in self._installed:
            self._app.installTranslator(translator)
        return loaded
