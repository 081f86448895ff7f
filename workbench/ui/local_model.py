"""The choice of local speech model: a bundled one (base, tiny.en) or a CTranslate2 folder.

Shared by the physician's own settings and the administrator's site settings, so a folder is
checked the same way wherever it is chosen: before it is offered, not when dictation starts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from workbench.asr.local import BUNDLED
from workbench.errors import WorkbenchError
from workbench.ui.accessibility import describe


class LocalModelChooser(QWidget):
    """A combo of models and a button to add a model folder; ``refused`` says why a folder is not one.

    With a default label, the first entry (data ``""``) means "whatever the installation uses".
    """

    refused = Signal(str)

    def __init__(self, default_label: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("transcriptionModel")
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("chooseModelFolder")
        self.folder_button.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.folder_button)
        self.setFocusProxy(self.combo)
        self._default_label = default_label
        self._folders: list[str] = []
        self.retranslate()

    def set_default_label(self, label: str | None) -> None:
        self._default_label = label
        self._fill()

    def retranslate(self) -> None:
        self._fill()
        self.folder_button.setText(self.tr("C&hoose model folder…"))
        describe(
            self.folder_button,
            self.tr("Choose model folder"),
            self.tr("A folder holding a CTranslate2 Whisper model (model.bin, config.json)"),
        )

    def _fill(self) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        if self._default_label is not None:
            self.combo.addItem(self._default_label, "")
        self.combo.addItem(self.tr("base (multilingual)"), "base")
        self.combo.addItem(self.tr("tiny.en (English only, fastest)"), "tiny.en")
        for folder in self._folders:
            self.combo.addItem(folder, folder)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current or "")))
        self.combo.blockSignals(False)

    def set_model(self, model: str | None) -> None:
        """Show ``model`` (None: the default entry); a stored folder is listed without re-checking it."""
        if model and model not in BUNDLED and model not in self._folders:
            self._folders.append(model)
            self._fill()
        self.combo.setCurrentIndex(max(0, self.combo.findData(model or "")))

    def model(self) -> str | None:
        return str(self.combo.currentData() or "") or None

    def browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose model folder"))
        dialog.setObjectName("modelFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.use_folder)
        dialog.open()

    def use_folder(self, folder: str) -> bool:
        """Check that ``folder`` holds a Whisper model; if so, choose it. False (and ``refused``) if not."""
        from workbench.asr.local import resolve_model

        try:
            resolve_model(folder)
        except WorkbenchError as exc:
            self.refused.emit(str(exc))
            return False
        if folder not in self._folders:
            self._folders.append(folder)
            self._fill()
        self.combo.setCurrentIndex(self.combo.findData(folder))
        return True
