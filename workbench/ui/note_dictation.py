"""Dictation inside a physician's note editor: the panel tied to the note's encounter.

The panel itself (:mod:`workbench.ui.dictation_panel`) knows nothing of encounters; this
widget gives it the two factories it needs (a take for this encounter, with the physician's
own VAD settings, and the audio source) and, when the editor opens, looks for a take of this
encounter that was paused or cut off and offers to continue it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbench import config
from workbench.audio.capture import AudioSource
from workbench.errors import WorkbenchError
from workbench.security.roles import Actor
from workbench.services import dictation
from workbench.services.dictation import Dictation, InterruptedTake, RecordingInfo
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe
from workbench.ui.dictation_panel import DictationPanel, Listener, PanelState
from workbench.ui.tasks import TaskRunner

SourceFactory = Callable[[], AudioSource]


def microphone_source(device: str | None = None) -> SourceFactory:
    """The default source: the chosen (or the system's default) input device."""

    def make() -> AudioSource:
        from workbench.audio.capture import MicrophoneSource  # sounddevice loads on first use

        return MicrophoneSource(device)

    return make


class NoteDictation(QWidget):
    """The dictation panel for one encounter, with an offer to continue an unfinished take."""

    offer_shown = Signal(object)  # InterruptedTake
    take_continued = Signal(object)  # RecordingInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        encounter_id: int,
        make_source: SourceFactory,
        recordings_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteDictation")
        self.db = db
        self.actor = actor
        self.encounter_id = encounter_id
        self.recordings_dir = recordings_dir
        self.offered: InterruptedTake | None = None
        self.runner = TaskRunner(self)

        self.offer = QWidget()
        self.offer.setObjectName("dictationOffer")
        self.offer_label = QLabel()
        self.offer_label.setWordWrap(True)
        self.offer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.offer_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("continueDictation")
        self.dismiss_button = QPushButton()
        self.dismiss_button.setObjectName("dismissDictationOffer")
        offer_buttons = QHBoxLayout()
        offer_buttons.addWidget(self.continue_button)
        offer_buttons.addWidget(self.dismiss_button)
        offer_buttons.addStretch(1)
        offer_layout = QVBoxLayout(self.offer)
        offer_layout.setContentsMargins(0, 0, 0, 0)
        offer_layout.addWidget(self.offer_label)
        offer_layout.addLayout(offer_buttons)
        self.offer.hide()

        self.panel = DictationPanel(self._start_take, make_source, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.offer)
        layout.addWidget(self.panel)
        layout.addStretch(1)

        self.continue_button.clicked.connect(self.continue_offered)
        self.dismiss_button.clicked.connect(self.dismiss_offer)
        self.panel.state_changed.connect(self._panel_state_changed)
        self._retranslate()

    def _start_take(self, listener: Listener) -> Dictation:
        # Runs on the take's worker thread: the settings are read fresh for every take.
        folder = self.recordings_dir or config.recordings_dir()
        return Dictation.start(self.db, self.actor, self.encounter_id, folder, listener=listener)

    # -- unfinished takes -------------------------------------------------------------------
    def look_for_unfinished(self) -> None:
        """Find (and repair) this encounter's paused or cut-off takes, off the UI thread."""
        db, actor, encounter_id = self.db, self.actor, self.encounter_id
        self.runner.submit(
            "unfinished",
            lambda: dictation.interrupted_takes(db, actor, encounter_id),
            self._offer,
            self._lookup_failed,
        )

    def _offer(self, takes: list[InterruptedTake]) -> None:
        if not takes or self.panel.state is not PanelState.IDLE:
            return
        self.offered = takes[-1]  # the latest; older ones stay listed by `workbench record`
        self._show_offer_text()
        self.offer.show()
        announce(self, self.offer_label.text())
        self.offer_shown.emit(self.offered)

    def _show_offer_text(self) -> None:
        if self.offered is None:
            return
        minutes, seconds = divmod(int(self.offered.recording.duration_s), 60)
        length = f"{minutes:02d}:{seconds:02d}"
        if self.offered.crashed:
            text = self.tr("A dictation of %1 for this encounter was cut off. Continue it?")
        else:
            text = self.tr("A paused dictation of %1 for this encounter is waiting. Continue it?")
        self.offer_label.setText(text.replace("%1", length))
        describe(self.offer_label, self.offer_label.text())

    def _lookup_failed(self, error: Exception) -> None:
        self.panel.status.setText(
            self.tr("Unfinished dictations could not be checked: %1").replace("%1", str(error))
        )

    def continue_offered(self) -> None:
        offered = self.offered
        if offered is None or self.panel.state is not PanelState.IDLE:
            return
        try:
            take = Dictation.reopen(self.db, self.actor, offered.recording.id)
        except WorkbenchError as exc:
            self._hide_offer()
            self.panel.status.setText(str(exc))
            announce(self, str(exc), assertive=True)
            return
        self._hide_offer()
        self.panel.continue_take(take)
        self.panel.resume_button.setFocus()
        self.take_continued.emit(take.recording)

    def dismiss_offer(self) -> None:
        self._hide_offer()
        self.panel.record_button.setFocus()

    def _hide_offer(self) -> None:
        self.offered = None
        self.offer.hide()

    def _panel_state_changed(self, state: str) -> None:
        if state != PanelState.IDLE.value and self.offer.isVisible():
            self._hide_offer()  # a new take started; the old one stays paused for later

    @property
    def last_recording(self) -> RecordingInfo | None:
        return self.panel.last_recording

    # -- presentation -----------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.continue_button.setText(self.tr("&Continue dictation"))
        describe(
            self.continue_button,
            self.tr("Continue dictation"),
            self.tr("Take up the unfinished recording; Resume then continues it"),
        )
        self.dismiss_button.setText(self.tr("Not no&w"))
        describe(self.dismiss_button, self.tr("Not now"), self.tr("Leave the unfinished recording paused"))
        self._show_offer_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Pause a running take (resumable later) and wait for its worker; the editor is closing."""
        self.panel.shutdown()
