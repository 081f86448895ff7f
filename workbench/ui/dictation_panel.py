"""The dictation panel: record, pause, resume and stop a take, with a live meter.

The take runs on a worker thread (:class:`TakeWorker`, a QThread): it opens the audio
source, pumps it through the service's :class:`~workbench.services.dictation.Dictation` and
reports progress, VAD events and the end as plain data through queued signals. A pause
ends the worker and frees the microphone; Resume starts a new worker on the same take.
The panel is built from two factories so that the window decides where audio comes from
and which encounter it goes to (and tests can feed a file):

- ``start_take(listener)`` returns a new recording Dictation, e.g.
  ``lambda listener: Dictation.start(db, actor, encounter_id, config.recordings_dir(), listener=listener)``
- ``make_source()`` returns an AudioSource, e.g. ``lambda: MicrophoneSource(device_name)``.
"""

from __future__ import annotations

import enum
import math
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThread, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.audio.capture import AudioSource
from workbench.audio.recorder import RecorderState, TakeProgress
from workbench.audio.vad import SpeechSegment, VadEvent
from workbench.services.dictation import Dictation, RecordingInfo
from workbench.ui.accessibility import announce, describe

Listener = Callable[[VadEvent], None]
TakeFactory = Callable[[Listener], Dictation]
SourceFactory = Callable[[], AudioSource]

# The meter spans this many dB below full scale; quieter reads as empty.
METER_FLOOR_DB = -60.0
DEFAULT_SHORTCUTS = {
    "record": "Ctrl+Shift+R",
    "pause": "Ctrl+Shift+P",
    "resume": "Ctrl+Shift+U",
    "stop": "Ctrl+Shift+X",
}


class PanelState(enum.Enum):
    IDLE = "idle"
    STARTING = "starting"
    RECORDING = "recording"
    PAUSING = "pausing"
    PAUSED = "paused"
    STOPPING = "stopping"


class TakeWorker(QThread):
    """Runs one stretch of a take (until pause, stop, auto-stop, or the source ends)."""

    started_take = Signal(object)  # RecordingInfo
    progress = Signal(object)  # TakeProgress
    vad_event = Signal(object)  # VadEvent
    paused = Signal(object)  # RecordingInfo
    finished_take = Signal(object)  # RecordingInfo
    failed = Signal(str)

    def __init__(
        self,
        make_source: SourceFactory,
        take: Dictation | None = None,
        start_take: TakeFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.take = take
        self._start_take = start_take
        self._make_source = make_source
        self._stop = threading.Event()
        self._pause = threading.Event()

    def request_stop(self) -> None:
        self._stop.set()

    def request_pause(self) -> None:
        self._pause.set()

    def _should_stop(self) -> bool:
        # Runs on this thread between blocks: the pause (a database write) happens here too.
        take = self.take
        if self._pause.is_set() and take is not None and take.state is RecorderState.RECORDING:
            self._pause.clear()
            take.pause()
        return self._stop.is_set()

    def run(self) -> None:
        try:
            source = self._make_source()
            if self.take is None:
                assert self._start_take is not None
                self.take = self._start_take(self.vad_event.emit)
                self.started_take.emit(self.take.recording)
            else:
                self.take.recorder.listener = self.vad_event.emit
                self.take.resume()
            info = self.take.run(source, self._should_stop, self.progress.emit, release_on_pause=True)
        except Exception as exc:  # shown to the person; the take keeps what is on disk
            if self.take is not None and self.take.state is not RecorderState.IDLE:
                self._settle_after_failure()
            self.failed.emit(str(exc))
            return
        if self.take.state is RecorderState.PAUSED:
            self.paused.emit(info)
        else:
            self.finished_take.emit(info)

    def _settle_after_failure(self) -> None:
        take = self.take
        assert take is not None
        try:
            if take.state is RecorderState.RECORDING:
                take.pause()  # e.g. the microphone failed to open on resume: keep the take resumable
            if take.state is RecorderState.PAUSED:
                self.paused.emit(take.recording)
        except Exception:
            pass


class DictationPanel(QWidget):
    """Record / Pause / Resume / Stop with a level meter, speech indicator, time and countdown."""

    segment_ready = Signal(object)  # SpeechSegment, as each one closes (for transcription)
    take_finished = Signal(object)  # RecordingInfo
    state_changed = Signal(str)

    def __init__(
        self,
        start_take: TakeFactory,
        make_source: SourceFactory,
        parent: QWidget | None = None,
        shortcuts: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dictationPanel")
        self._start_take = start_take
        self._make_source = make_source
        self._worker: TakeWorker | None = None
        self._retired: list[TakeWorker] = []
        self.take: Dictation | None = None
        self.state = PanelState.IDLE
        self.in_speech = False
        self.elapsed_s = 0.0
        self.last_recording: RecordingInfo | None = None

        self.record_button = QPushButton()
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.stop_button = QPushButton()
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(True)
        self.meter.setOrientation(Qt.Orientation.Horizontal)
        self.indicator = QLabel()
        self.elapsed = QLabel()
        self.countdown = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        for label in (self.indicator, self.elapsed, self.countdown, self.status):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            label.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        buttons = QHBoxLayout()
        for button in (self.record_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(button)
        readouts = QHBoxLayout()
        readouts.addWidget(self.indicator)
        readouts.addWidget(self.elapsed)
        readouts.addWidget(self.countdown)
        readouts.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.meter)
        layout.addLayout(readouts)
        layout.addWidget(self.status)

        self.record_button.clicked.connect(self.record)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        keys = {**DEFAULT_SHORTCUTS, **(shortcuts or {})}
        self.shortcuts: dict[str, QShortcut] = {}
        for name, slot in (
            ("record", self.record),
            ("pause", self.pause),
            ("resume", self.resume),
            ("stop", self.stop),
        ):
            shortcut = QShortcut(QKeySequence(keys[name]), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts[name] = shortcut
        self._retranslate()
        self._show_progress(None)
        self._update_buttons()
        app = QCoreApplication.instance()
        if app is not None:
            # A take running at exit is paused (resumable after the restart), not cut off.
            app.aboutToQuit.connect(self.shutdown)

    # Actions ------------------------------------------------------------------------------

    def record(self) -> None:
        if self.state is not PanelState.IDLE:
            return
        self._run_worker(TakeWorker(self._make_source, start_take=self._start_take, parent=self))
        self._set_state(PanelState.STARTING)

    def continue_take(self, take: Dictation) -> None:
        """Adopt a take reopened after a restart (paused); Resume continues it."""
        if self.state is not PanelState.IDLE:
            return
        self.take = take
        self.elapsed_s = take.recorder.duration_s
        self._show_progress(None)
        self._set_state(PanelState.PAUSED)

    def pause(self) -> None:
        if self.state is PanelState.RECORDING and self._worker is not None:
            self._worker.request_pause()
            self._set_state(PanelState.PAUSING)

    def resume(self) -> None:
        if self.state is PanelState.PAUSED and self.take is not None:
            self._run_worker(TakeWorker(self._make_source, take=self.take, parent=self))
            self._set_state(PanelState.STARTING)

    def stop(self) -> None:
        if self.state in (PanelState.RECORDING, PanelState.STARTING) and self._worker is not None:
            self._worker.request_stop()
            self._set_state(PanelState.STOPPING)
        elif self.state is PanelState.PAUSED and self.take is not None:
            # No worker holds the take while paused; finishing it is one quick update.
            try:
                info = self.take.stop("stopped")
            except Exception as exc:
                self._on_failed(str(exc))
                return
            self._on_finished(info)

    # Worker signals ---------------------------------------------------------------------

    def _run_worker(self, worker: TakeWorker) -> None:
        worker.started_take.connect(self._on_started)
        worker.progress.connect(self._show_progress)
        worker.vad_event.connect(self._on_event)
        worker.paused.connect(self._on_paused)
        worker.finished_take.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._worker = worker
        worker.start()

    def _retire_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            # Its last signal has arrived; keep a reference until the thread has ended.
            self._retired.append(worker)
            worker.finished.connect(lambda: self._retired.remove(worker) if worker in self._retired else None)

    def _on_started(self, info: RecordingInfo) -> None:
        if self._worker is not None:
            self.take = self._worker.take
        self.last_recording = info
        self._set_state(PanelState.RECORDING)

    def _show_progress(self, progress: TakeProgress | None) -> None:
        if progress is not None and self.state is PanelState.STARTING:
            self._set_state(PanelState.RECORDING)
        level = progress.levels.rms_dbfs if progress else -math.inf
        percent = 0 if level == -math.inf else round(100 * max(0.0, 1 - level / METER_FLOOR_DB))
        self.meter.setValue(percent)
        self.meter.setFormat(
            self.tr("%1 dB").replace("%1", f"{level:.0f}") if level > METER_FLOOR_DB else self.tr("Quiet")
        )
        if progress is not None:
            self.elapsed_s = progress.elapsed_s
            self.in_speech = progress.in_speech
        minutes, seconds = divmod(int(self.elapsed_s), 60)
        self.elapsed.setText(self.tr("Time %1").replace("%1", f"{minutes:02d}:{seconds:02d}"))
        recording = self.state in (PanelState.RECORDING, PanelState.PAUSING)
        if not recording:
            self.indicator.setText(self.tr("○ Not recording"))
        elif self.in_speech:
            self.indicator.setText(self.tr("● Speech"))
        else:
            self.indicator.setText(self.tr("◌ Silence"))
        remaining = progress.autostop_remaining_s if progress else None
        # Shown once a real pause begins (a breath between words is not worth a countdown).
        if recording and remaining is not None and progress is not None and progress.silence_s >= 1.0:
            self.countdown.setText(self.tr("Auto-stop in %1 s").replace("%1", str(math.ceil(remaining))))
            self.countdown.setVisible(True)
        else:
            self.countdown.setVisible(False)

    def _on_event(self, event: VadEvent) -> None:
        if isinstance(event, SpeechSegment):
            self.segment_ready.emit(event)

    def _on_paused(self, info: RecordingInfo) -> None:
        self._retire_worker()
        self.last_recording = info
        self._set_state(PanelState.PAUSED)

    def _on_finished(self, info: RecordingInfo) -> None:
        self._retire_worker()
        reason = self.take.stop_reason if self.take is not None else None
        self.take = None
        self.last_recording = info
        self.elapsed_s = info.duration_s
        self._set_state(PanelState.IDLE)
        self.status.setText(
            self.tr("Stopped (%1). Saved %2 s.")
            .replace("%1", reason or "")
            .replace("%2", f"{info.duration_s:.1f}")
        )
        self.take_finished.emit(info)

    def _on_failed(self, message: str) -> None:
        self._retire_worker()
        paused = self.take is not None and self.take.state is RecorderState.PAUSED
        if not paused:
            self.take = None
        self._set_state(PanelState.PAUSED if paused else PanelState.IDLE)
        self.status.setText(message)
        announce(self, message, assertive=True)

    # Presentation -------------------------------------------------------------------------

    def _set_state(self, state: PanelState) -> None:
        self.state = state
        self._update_buttons()
        self._show_progress(None)
        spoken = {
            PanelState.RECORDING: self.tr("Recording"),
            PanelState.PAUSED: self.tr("Dictation paused"),
            PanelState.IDLE: self.tr("Dictation stopped"),
        }.get(state)
        if state is PanelState.RECORDING:
            self.status.setText(self.tr("Recording. Speak when ready."))
        elif state is PanelState.PAUSED:
            self.status.setText(self.tr("Paused. Resume continues the same recording."))
        if spoken:
            announce(self, spoken)
        self.state_changed.emit(state.value)

    def _update_buttons(self) -> None:
        state = self.state
        self.record_button.setEnabled(state is PanelState.IDLE)
        self.pause_button.setEnabled(state is PanelState.RECORDING)
        self.resume_button.setEnabled(state is PanelState.PAUSED)
        self.stop_button.setEnabled(state in (PanelState.STARTING, PanelState.RECORDING, PanelState.PAUSED))

    def _retranslate(self) -> None:
        texts = (
            (self.record_button, self.tr("&Record"), self.tr("Record"), "record"),
            (self.pause_button, self.tr("&Pause"), self.tr("Pause dictation"), "pause"),
            (self.resume_button, self.tr("Res&ume"), self.tr("Resume dictation"), "resume"),
            (self.stop_button, self.tr("&Stop"), self.tr("Stop dictation"), "stop"),
        )
        for button, text, name, key in texts:
            button.setText(text)
            shortcut = self.shortcuts[key].key().toString(QKeySequence.SequenceFormat.NativeText)
            describe(button, name, self.tr("Shortcut: %1").replace("%1", shortcut))
            button.setToolTip(f"{name} ({shortcut})")
        describe(self.meter, self.tr("Input level"), self.tr("Loudness of the microphone"))
        describe(self.indicator, self.tr("Speech or silence"))
        describe(self.elapsed, self.tr("Recording time"))
        describe(self.countdown, self.tr("Auto-stop countdown"))
        describe(self.status, self.tr("Dictation status"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._show_progress(None)
        super().changeEvent(event)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Pause a running take (it can be resumed after a restart) and wait for the worker."""
        if self._worker is not None:
            self._worker.request_pause()
            self._worker.wait(timeout_ms)
        for worker in list(self._retired):
            worker.wait(timeout_ms)
