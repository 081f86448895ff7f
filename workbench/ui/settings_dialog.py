"""Settings: theme, language and the idle lock; for physicians, their own dictation (VAD) settings.

The installation settings go to the settings file (by whoever receives ``applied``); the VAD
settings belong to the person and go to the database through the dictation service.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.audio.vad import FRAME_MS, VadSettings
from workbench.config import LANGUAGES, THEMES, Settings
from workbench.errors import WorkbenchError
from workbench.security.roles import Actor, Permission
from workbench.services.transcription import (
    CLOUD_ENGINES,
    ENGINES,
    LOCAL,
    PersonalTranscription,
    SiteTranscription,
)
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.i18n import LANGUAGE_NAMES
from workbench.ui.local_model import LocalModelChooser


def _spin(name: str, low: int, high: int, step: int = 1) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    return spin


def _describe_spin(spin: QSpinBox, name: str, description: str = "") -> None:
    describe(spin, name, description)
    text = spin.findChild(QLineEdit)  # the editable part is a control of its own to AT-SPI
    if text is not None:
        describe(text, name)


class VadSettingsBox(QGroupBox):
    """The physician's voice-activity settings, one control per field of VadSettings."""

    def __init__(self, settings: VadSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vadSettings")
        self.aggressiveness = _spin("vadAggressiveness", 0, 3)
        self.frame_combo = QComboBox()
        self.frame_combo.setObjectName("vadFrameMs")
        for frame in FRAME_MS:
            self.frame_combo.addItem(f"{frame} ms", frame)
        self.start_ms = _spin("vadStartMs", 10, 2000, 10)
        self.end_ms = _spin("vadEndMs", 10, 5000, 10)
        self.padding_ms = _spin("vadPaddingMs", 0, 2000, 10)
        self.min_segment_ms = _spin("vadMinSegmentMs", 0, 10_000, 50)
        self.autostop_s = _spin("vadAutostopS", 0, 3600)
        self.defaults_button = QPushButton()
        self.defaults_button.setObjectName("vadDefaults")
        self.defaults_button.clicked.connect(lambda: self.show_settings(VadSettings()))
        self.error = QLabel()
        self.error.setObjectName("vadError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.error.hide()
        self.labels: list[QLabel] = []
        form = QFormLayout(self)
        for control in (
            self.aggressiveness,
            self.frame_combo,
            self.start_ms,
            self.end_ms,
            self.padding_ms,
            self.min_segment_ms,
            self.autostop_s,
        ):
            label = QLabel()
            label.setBuddy(control)
            self.labels.append(label)
            form.addRow(label, control)
        form.addRow(self.defaults_button)
        form.addRow(self.error)
        self.retranslate()
        self.show_settings(settings)

    def show_settings(self, settings: VadSettings) -> None:
        self.aggressiveness.setValue(settings.aggressiveness)
        self.frame_combo.setCurrentIndex(max(0, self.frame_combo.findData(settings.frame_ms)))
        self.start_ms.setValue(settings.start_ms)
        self.end_ms.setValue(settings.end_ms)
        self.padding_ms.setValue(settings.padding_ms)
        self.min_segment_ms.setValue(settings.min_segment_ms)
        self.autostop_s.setValue(round(settings.autostop_s))
        self.error.hide()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Dictation (voice activity detection)"))
        texts = (
            (
                self.tr("&Aggressiveness (0–3):"),
                self.tr("Aggressiveness"),
                self.tr("0 keeps most audio, 3 drops most non-speech"),
            ),
            (
                self.tr("&Frame length:"),
                self.tr("Frame length"),
                self.tr("Milliseconds of audio judged at a time"),
            ),
            (
                self.tr("Speech &start (ms):"),
                self.tr("Speech start, in milliseconds"),
                self.tr("Voiced audio needed to start a segment"),
            ),
            (
                self.tr("Speech e&nd (ms):"),
                self.tr("Speech end, in milliseconds"),
                self.tr("Silence needed to end a segment"),
            ),
            (
                self.tr("Pa&dding (ms):"),
                self.tr("Padding, in milliseconds"),
                self.tr("Audio kept before and after speech"),
            ),
            (
                self.tr("&Minimum segment (ms):"),
                self.tr("Minimum segment, in milliseconds"),
                self.tr("Shorter sounds are dropped"),
            ),
            (
                self.tr("Auto-sto&p after silence (s):"),
                self.tr("Auto-stop after silence, in seconds"),
                self.tr("0 never stops by itself"),
            ),
        )
        controls: list[QWidget] = [
            self.aggressiveness,
            self.frame_combo,
            self.start_ms,
            self.end_ms,
            self.padding_ms,
            self.min_segment_ms,
            self.autostop_s,
        ]
        for label, control, (text, name, description) in zip(self.labels, controls, texts, strict=True):
            label.setText(text)
            if isinstance(control, QSpinBox):
                _describe_spin(control, name, description)
            else:
                describe(control, name, description)
        self.autostop_s.setSpecialValueText(self.tr("Off"))
        self.defaults_button.setText(self.tr("&Restore dictation defaults"))
        describe(self.defaults_button, self.tr("Restore dictation defaults"))
        describe(self.error, self.error.text() or self.tr("Dictation settings problem"))

    def chosen(self) -> VadSettings:
        """The settings shown; raises WorkbenchError (translated where we know the rule)."""
        frame = int(self.frame_combo.currentData())
        start, end, padding = self.start_ms.value(), self.end_ms.value(), self.padding_ms.value()
        autostop = self.autostop_s.value()
        if start < frame or end < frame:
            raise WorkbenchError(
                self.tr("Speech start and end must be at least one frame (%1 ms).").replace("%1", str(frame))
            )
        if padding > end:
            raise WorkbenchError(self.tr("Padding cannot be longer than the speech end; lower the padding."))
        if 0 < autostop * 1000 <= end:
            raise WorkbenchError(self.tr("Auto-stop must wait longer than the speech end, or be 0 (off)."))
        return VadSettings(
            aggressiveness=self.aggressiveness.value(),
            frame_ms=frame,
            start_ms=start,
            end_ms=end,
            padding_ms=padding,
            min_segment_ms=self.min_segment_ms.value(),
            autostop_s=float(autostop),
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        describe(self.error, message)
        self.error.show()
        announce(self, message, assertive=True)


class TranscriptionSettingsBox(QGroupBox):
    """The physician's own transcription choices: engine, local model, language, vocabulary.

    Stored in the person's preferences (the installation's defaults stay in the settings file);
    cloud engines can only be picked once an administrator has switched cloud transcription on.
    """

    def __init__(
        self, site: SiteTranscription, personal: PersonalTranscription, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptionSettings")
        self.site = site
        self.engine_combo = QComboBox()
        self.engine_combo.setObjectName("transcriptionEngine")
        self.cloud_note = QLabel()
        self.cloud_note.setObjectName("cloudNote")
        self.model_chooser = LocalModelChooser(self._default_model_label())
        self.model_chooser.refused.connect(self.show_error)
        self.model_combo = self.model_chooser.combo
        self.folder_button = self.model_chooser.folder_button
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("dictationLanguage")
        self.vocabulary = QPlainTextEdit()
        self.vocabulary.setObjectName("personalVocabulary")
        self.vocabulary.setTabChangesFocus(True)
        self.vocabulary.setMaximumHeight(90)
        self.notice = QLabel()
        self.notice.setObjectName("transcriptionNotice")
        self.notice.hide()
        self.error = QLabel()
        self.error.setObjectName("transcriptionError")
        for label in (self.cloud_note, self.notice, self.error):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.error.hide()
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout(self)
        for label, control in zip(
            self.labels,
            (self.engine_combo, self.model_combo, self.language_combo, self.vocabulary),
            strict=True,
        ):
            label.setBuddy(control)
        form.addRow(self.labels[0], self.engine_combo)
        form.addRow(self.cloud_note)
        form.addRow(self.labels[1], self.model_chooser)
        form.addRow(self.labels[2], self.language_combo)
        form.addRow(self.labels[3], self.vocabulary)
        form.addRow(self.notice)
        form.addRow(self.error)
        self.engine_combo.currentIndexChanged.connect(self._engine_changed)
        self.model_combo.currentIndexChanged.connect(self._show_notice)
        self.language_combo.currentIndexChanged.connect(self._show_notice)
        self.retranslate()
        self.show_settings(personal)

    def _default_model_label(self) -> str:
        return self.tr("Installation default (%1)").replace("%1", self.site.model)

    def show_settings(self, personal: PersonalTranscription) -> None:
        self.engine_combo.setCurrentIndex(max(0, self.engine_combo.findData(personal.engine or "")))
        self.model_chooser.set_model(personal.model)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(personal.language)))
        self.vocabulary.setPlainText("\n".join(personal.vocabulary))
        self._engine_changed()
        self.error.hide()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Transcription"))
        engine = self.engine_combo.currentData()
        language = self.language_combo.currentData()
        self.engine_combo.blockSignals(True)
        self.engine_combo.clear()
        names = {
            LOCAL: self.tr("Local (this computer, no network)"),
            "openai": self.tr("OpenAI-compatible service"),
            "aws": self.tr("Amazon Transcribe Medical"),
        }
        self.engine_combo.addItem(
            self.tr("Installation default (%1)").replace("%1", names[self.site.engine]), ""
        )
        for name in ENGINES:
            self.engine_combo.addItem(names[name], name)
        model = self.engine_combo.model()
        if isinstance(model, QStandardItemModel) and not self.site.cloud_enabled:
            for row in range(self.engine_combo.count()):
                if self.engine_combo.itemData(row) in CLOUD_ENGINES:
                    item = model.item(row)
                    item.setEnabled(False)
                    item.setToolTip(self.tr("Cloud transcription is off for this installation"))
        self.engine_combo.setCurrentIndex(max(0, self.engine_combo.findData(engine or "")))
        self.engine_combo.blockSignals(False)
        self.cloud_note.setText(
            self.tr(
                "Cloud engines are off for this installation: dictation audio stays on this computer. "
                "An administrator can switch them on after acknowledging that audio leaves the machine."
            )
            if not self.site.cloud_enabled
            else self.tr("Cloud engines send dictation audio to the provider your organisation has chosen.")
        )
        self.model_chooser.retranslate()
        self.model_chooser.set_default_label(self._default_model_label())
        self.language_combo.clear()
        self.language_combo.addItem(self.tr("English"), "en")
        self.language_combo.addItem(self.tr("Spanish (translated into English for the note)"), "es")
        self.language_combo.addItem(self.tr("Detect (Spanish is translated into English)"), "auto")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language or "en")))
        texts = (
            (self.tr("Transcription &engine:"), self.tr("Transcription engine")),
            (self.tr("Local m&odel:"), self.tr("Local speech model")),
            (self.tr("Dictation lan&guage:"), self.tr("Dictation language")),
            (self.tr("Personal &vocabulary (one term per line):"), self.tr("Personal vocabulary")),
        )
        for label, (text, _name) in zip(self.labels, texts, strict=True):
            label.setText(text)
        describe(self.engine_combo, texts[0][1], self.cloud_note.text())
        describe(
            self.model_combo,
            texts[1][1],
            self.tr("base understands Spanish; tiny.en is English only and faster"),
        )
        describe(self.language_combo, texts[2][1], self.tr("Spanish dictation is translated into English"))
        describe(
            self.vocabulary,
            texts[3][1],
            self.tr("Drug names, conditions and colleagues' names the engine should expect"),
        )
        describe_scroll_bars(self.vocabulary, texts[3][1])
        describe(self.cloud_note, self.cloud_note.text())
        describe(self.error, self.error.text() or self.tr("Transcription settings problem"))

    def _engine_changed(self) -> None:
        engine = self.engine_combo.currentData() or self.site.engine
        self.model_chooser.setEnabled(engine == LOCAL)
        self._show_notice()

    def _show_notice(self) -> None:
        """The same warning the editor gives, before the physician relies on Spanish dictation."""
        engine = self.engine_combo.currentData() or self.site.engine
        model = self.model_combo.currentData() or self.site.model
        spanish = self.language_combo.currentData() in ("es", "auto")
        text = ""
        if engine == LOCAL and spanish and model == "base":
            text = self.tr(
                "Local translation quality is poor: the base model transcribes and translates Spanish "
                "badly. A cloud engine or a larger model folder is advised for Spanish dictation."
            )
        elif engine == LOCAL and spanish and model == "tiny.en":
            text = self.tr(
                "The tiny.en model understands English only; choose base or a cloud engine for Spanish."
            )
        self.notice.setText(text)
        describe(self.notice, text or self.tr("Transcription quality notice"))
        self.notice.setVisible(bool(text))

    def browse_model_folder(self) -> None:
        self.model_chooser.browse()

    def use_model_folder(self, folder: str) -> bool:
        """Check that ``folder`` holds a Whisper model; if so, choose it. False (and why) if not."""
        chosen = self.model_chooser.use_folder(folder)
        if chosen:
            self.error.hide()
        return chosen

    def chosen(self) -> PersonalTranscription:
        language = str(self.language_combo.currentData())
        terms = tuple(line.strip() for line in self.vocabulary.toPlainText().splitlines() if line.strip())
        return PersonalTranscription(
            engine=self.engine_combo.currentData() or None,
            language=language,
            # Notes are written in English: Spanish (or detected non-English) speech is translated.
            translate=language != "en",
            vocabulary=terms,
            model=self.model_chooser.model(),
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        describe(self.error, message)
        self.error.show()
        announce(self, message, assertive=True)


class SettingsDialog(QDialog):
    applied = Signal(object)  # Settings

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        db: Database | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.db = db
        self.actor = actor
        self.vad_box: VadSettingsBox | None = None
        self.transcription_box: TranscriptionSettingsBox | None = None
        if db is not None and actor is not None and actor.can(Permission.DICTATE):
            from workbench.services.dictation import get_vad_settings

            self.vad_box = VadSettingsBox(get_vad_settings(db, actor))
            self.transcription_box = self._transcription_box(db, actor)
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
        if self.vad_box is not None:
            layout.addWidget(self.vad_box)
        if self.transcription_box is not None:
            layout.addWidget(self.transcription_box)
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
        self.lock_label.setText(self.tr("Loc&k after idle (minutes):"))
        describe(self.theme_combo, self.tr("Theme"))
        describe(self.language_combo, self.tr("Language"), self.tr("Applies immediately"))
        describe(self.lock_spin, self.tr("Lock after idle, in minutes"), self.tr("0 never locks"))
        self.lock_spin.setSpecialValueText(self.tr("Never"))
        spin_text = self.lock_spin.findChild(QLineEdit)
        if spin_text is not None:
            describe(spin_text, self.tr("Lock after idle, in minutes"))
        for button in self.buttons.buttons():
            describe(button, button.text().replace("&", ""))
        if self.vad_box is not None:
            self.vad_box.retranslate()
        if self.transcription_box is not None:
            self.transcription_box.retranslate()

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
        if self.vad_box is not None and not self._save_vad(self.vad_box):
            return  # the dialog stays open with the problem shown beside the settings
        if self.transcription_box is not None and not self._save_transcription(self.transcription_box):
            return
        self.settings = self.chosen()
        self.applied.emit(self.settings)
        super().accept()

    def _save_vad(self, box: VadSettingsBox) -> bool:
        from workbench.services.dictation import set_vad_settings

        assert self.db is not None and self.actor is not None
        try:
            set_vad_settings(self.db, self.actor, box.chosen())
        except WorkbenchError as exc:
            box.show_error(str(exc))
            return False
        return True

    @staticmethod
    def _transcription_box(db: Database, actor: Actor) -> TranscriptionSettingsBox:
        from workbench.services import transcription

        return TranscriptionSettingsBox(
            transcription.site_settings(), transcription.personal_settings(db, actor)
        )

    def _save_transcription(self, box: TranscriptionSettingsBox) -> bool:
        from workbench.services import transcription

        assert self.db is not None and self.actor is not None
        try:
            transcription.save_personal_settings(self.db, self.actor, box.chosen())
        except WorkbenchError as exc:
            box.show_error(str(exc))
            return False
        return True
