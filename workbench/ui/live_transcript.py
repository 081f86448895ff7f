"""The transcript in the note editor: live during dictation, and from a dropped-in audio file.

Each speech segment the dictation panel closes goes to a :class:`LiveTranscriber` (worker
threads; results come back in recording order) and its sentences are inserted into the draft at
the dictation insertion point as machine text (:mod:`workbench.ui.machine_text`), then saved
with origin "dictation". The engine is the physician's own choice (see the settings dialog),
built and loaded off the UI thread once per process and kept.

An audio file dropped on the note (or chosen with Note → Transcribe audio file…) is transcribed
piece by piece (:mod:`workbench.asr.long_form`) with a progress dialog whose Cancel stops within
a few seconds; nothing is inserted unless it finishes.

Failures (no model, a damaged model, a cloud service that does not answer) are shown in this
panel; the recording and the draft are never touched by a failure.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.asr.errors import NotAudio, TranscriptionCancelled
from workbench.asr.live import LiveText, LiveTranscriber
from workbench.asr.transcript import Transcript
from workbench.audio.playback import AudioSpan, Player
from workbench.errors import WorkbenchError
from workbench.services.dictation import recordings_key
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.machine_text import MachineText, TextSource
from workbench.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from workbench.audio.vad import SpeechSegment
    from workbench.services.transcription import TranscriptionJob
    from workbench.ui.note_dictation import NoteDictation
    from workbench.ui.note_editor import NoteEditor

JobFactory = Callable[[], "TranscriptionJob"]
SAVE_DELAY_MS = 1000
LIVE_WORKERS = 2
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".oga", ".mp3", ".m4a", ".aac", ".opus", ".webm", ".wma")

_jobs: dict[str, TranscriptionJob] = {}
_jobs_lock = threading.Lock()


def personal_job(db: Any, actor: Any) -> TranscriptionJob:
    """The physician's transcription job; its engine is built and its model loaded once per process.

    Runs on a worker thread: loading a model takes seconds, and a bad model fails here, with a
    message, before any audio is waiting on it.
    """
    from workbench.services import transcription

    site = transcription.site_settings()
    personal = transcription.personal_settings(db, actor)
    key = json.dumps([site.to_dict(), personal.to_dict()], sort_keys=True)
    with _jobs_lock:
        cached = _jobs.get(key)
        if cached is None:
            cached = transcription.job(site, personal)
            warm = getattr(cached.engine, "warm", None)
            if callable(warm):
                warm()
            _jobs[key] = cached
        return cached


def for_the_editor(job: TranscriptionJob) -> TranscriptionJob:
    """The job without word timings: the editor plays sentences back, never single words.

    Word alignment is a second pass over every segment; without it the local base model's
    latency per dictated sentence fell from 3-14 s to under 2 s on a loaded 2-core machine.
    """
    from workbench.asr.local import LocalWhisper

    engine = job.engine
    if isinstance(engine, LocalWhisper) and engine.word_timestamps:
        # The same loaded model: models are shared by source, not by engine object.
        return dataclasses.replace(job, engine=dataclasses.replace(engine, word_timestamps=False))
    return job


def sentences(transcript: Transcript, span: AudioSpan | None) -> list[tuple[str, AudioSpan | None, float]]:
    """(text, audio span, confidence) per timed segment; one entry when the engine gave no timing."""
    timed = [
        (
            s.text.strip(),
            # The take's key (a sealed take) goes with each sentence's span.
            dataclasses.replace(span, start_s=s.start, end_s=s.end) if span is not None else None,
            s.confidence,
        )
        for s in transcript.segments
        if s.text.strip()
    ]
    if timed:
        return timed
    return [(transcript.text.strip(), span, transcript.confidence)] if transcript.text.strip() else []


class _Relay(QObject):
    """Lives on the UI thread; worker threads emit through it (queued connections)."""

    delivered = Signal(object)  # (generation, LiveText)
    progress = Signal(float, float)  # seconds done, seconds in all


@dataclass
class _FileJob:
    path: Path
    cursor: QTextCursor
    cancel: threading.Event
    dialog: QProgressDialog


class LiveTranscript(QWidget):
    """The side panel that turns dictation into machine text in the editor, and its status."""

    inserted = Signal(int)  # sentences added to the draft
    failed = Signal(str)
    engine_ready = Signal(object)  # TranscriptionJob
    file_finished = Signal(str)  # "done", "empty", "cancelled" or "failed"

    def __init__(
        self,
        editor: NoteEditor,
        dictation: NoteDictation | None,
        job_factory: JobFactory | None = None,
        player: Player | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("liveTranscript")
        self.editor = editor
        self.dictation = dictation
        db, actor = editor.db, editor.actor
        self.job_factory: JobFactory = job_factory or (lambda: personal_job(db, actor))
        self.player = player or Player()
        self.job: TranscriptionJob | None = None
        self.live: LiveTranscriber | None = None
        self.runner = TaskRunner(self)
        self.machine = MachineText(editor.editor)
        self.machine.play_requested.connect(self.play)
        self.machine.unreviewed_changed.connect(self._show_unreviewed)
        # Children of this widget, so that they are destroyed with it on the UI thread, never by
        # the last reference a worker's closure drops.
        self._relay = _Relay(self)
        self._relay.delivered.connect(self._on_delivered)
        # Closed before the engine was ready, each with its place in the take it came from.
        self._waiting: list[tuple[SpeechSegment, AudioSpan | None]] = []
        self._spans: dict[tuple[int, int], AudioSpan | None] = {}
        self._generation = 0  # one per LiveTranscriber: its sequence numbers start at 0
        self._anchor: QTextCursor | None = None
        self._loading = False
        self._file: _FileJob | None = None
        self._file_relay: _Relay | None = None
        self.latencies: list[float] = []  # segment closed → text in the editor, seconds

        self.status = QLabel()
        self.status.setObjectName("transcriptStatus")
        self.notice = QLabel()
        self.notice.setObjectName("transcriptNotice")
        self.unreviewed = QLabel()
        self.unreviewed.setObjectName("unreviewedCount")
        for label in (self.status, self.notice, self.unreviewed):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.notice.hide()
        self.unreviewed.hide()
        self.original_toggle = QToolButton()
        self.original_toggle.setObjectName("spanishOriginalToggle")
        self.original_toggle.setCheckable(True)
        self.original_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.original_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.original_toggle.toggled.connect(self._toggle_original)
        self.original_toggle.hide()
        self.original = QPlainTextEdit()
        self.original.setObjectName("spanishOriginal")
        self.original.setReadOnly(True)
        self.original.setTabChangesFocus(True)
        self.original.hide()
        self.file_button = QPushButton()
        self.file_button.setObjectName("transcribeFile")
        self.file_button.clicked.connect(self.choose_file)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.notice)
        layout.addWidget(self.unreviewed)
        layout.addWidget(self.original_toggle)
        layout.addWidget(self.original)
        layout.addWidget(self.file_button)
        layout.addStretch(1)

        self.file_action = QAction(self)
        self.file_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.file_action.triggered.connect(self.choose_file)
        editor.note_menu.insertAction(editor.note_menu.actions()[0], self.file_action)
        editor.edit_menu.addSeparator()
        editor.edit_menu.addAction(self.machine.play_action)
        editor.addAction(self.file_action)

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self._save)
        editor.editor.viewport().installEventFilter(self)
        editor.editor.setAcceptDrops(True)
        editor.closing.connect(self.shutdown)
        editor.close_guards.append(self.close_reason)
        editor.signed.connect(self._note_signed)
        if dictation is not None:
            dictation.panel.segment_ready.connect(self.segment_closed)
            dictation.panel.state_changed.connect(self._dictation_state)
        self.retranslate()

    # -- the engine ------------------------------------------------------------------------
    def prepare(self) -> None:
        """Build the engine and load its model off the UI thread (once; later calls do nothing)."""
        if self.job is not None or self._loading:
            return
        self._loading = True
        self._set_status(self.tr("Loading the speech engine…"))
        self.runner.submit("engine", self.job_factory, self._engine_loaded, self._engine_failed)

    def _engine_loaded(self, job: TranscriptionJob) -> None:
        self._loading = False
        job = for_the_editor(job)
        self.job = job
        relay = self._relay  # the closure holds the relay, not this widget, across threads
        self._generation += 1
        generation = self._generation
        # Two workers: a short segment need not wait behind a long one (results stay in order).
        self.live = job.live(lambda text: relay.delivered.emit((generation, text)), workers=LIVE_WORKERS)
        self._set_status(
            self.tr("Speech engine ready. Dictated text appears in the note, marked until you edit it.")
        )
        self._show_notice(job)
        waiting, self._waiting = self._waiting, []
        for segment, span in waiting:
            self._submit(segment, span)
        self.engine_ready.emit(job)

    def _engine_failed(self, error: Exception) -> None:
        self._loading = False
        dropped = len(self._waiting)
        self._waiting = []
        message = self.tr("Transcription is not available: %1").replace("%1", str(error))
        if dropped:
            message += " " + self.tr("The recording keeps all the audio; nothing was lost.")
        self._fail(message)

    def _show_notice(self, job: TranscriptionJob) -> None:
        notice = job.notice
        if not notice:
            self.notice.hide()
            return
        if "tiny.en" in notice:
            text = self.tr(
                "The tiny.en model understands English only; choose base or a cloud engine for Spanish."
            )
        else:
            text = self.tr(
                "Local translation quality is poor: the base model transcribes and translates Spanish "
                "badly. Check the English against the Spanish original, and ask for a cloud engine or a "
                "larger model for Spanish dictation."
            )
        self.notice.setText(text)
        describe(self.notice, text)
        self.notice.show()
        announce(self, text)

    # -- live dictation --------------------------------------------------------------------
    def _dictation_state(self, state: str) -> None:
        if state == "starting":
            # Text of this take goes where the caret is when it starts, and follows edits there.
            self._anchor = QTextCursor(self.editor.editor.textCursor())
            self._anchor.clearSelection()
            if self.live is not None and self.live.pending == 0 and not self._loading:
                # Settings may have changed since the last take (language, engine): ask again.
                # An unchanged choice is found in the process's cache at once.
                previous, self.live, self.job = self.live, None, None
                previous.close(wait=False)
            self.prepare()

    def segment_closed(self, segment: SpeechSegment) -> None:
        # The take is known now; by the time the engine has loaded another take may be running.
        span = self._take_span(segment)
        if self.live is None:
            self._waiting.append((segment, span))
            self.prepare()
            return
        self._submit(segment, span)

    def _submit(self, segment: SpeechSegment, span: AudioSpan | None) -> None:
        assert self.live is not None and self.job is not None
        from workbench.services import transcription

        cloud = self.job.engine.name in transcription.CLOUD_ENGINES
        if cloud and not transcription.site_settings().cloud_enabled:
            # An administrator switched cloud transcription off during the take: not one more
            # passage leaves this machine.
            self._fail(
                self.tr(
                    "Cloud transcription was switched off for this installation; this passage was not "
                    "sent. Its audio is kept in the recording. Choose the local engine in Settings."
                )
            )
            return
        sequence = self.live.submit(segment)
        self._spans[(self._generation, sequence)] = span

    def _take_span(self, segment: SpeechSegment) -> AudioSpan | None:
        panel = self.dictation.panel if self.dictation is not None else None
        recording = None
        if panel is not None:
            recording = panel.take.recording if panel.take is not None else panel.last_recording
        if recording is None:
            return None
        # A sealed take (encrypted installation) plays with the key the database was opened with.
        key = recordings_key(self.editor.db)
        return AudioSpan(recording.path, segment.start_s, segment.end_s, key)

    def _on_delivered(self, tagged: tuple[int, LiveText]) -> None:
        generation, result = tagged
        self._deliver(result, self._spans.pop((generation, result.sequence), None))

    def _deliver(self, result: LiveText, span: AudioSpan | None = None) -> None:
        if result.error is not None:
            self._fail(
                self.tr(
                    "A dictated passage was not transcribed: %1 Its audio is kept in the recording."
                ).replace("%1", str(result.error))
            )
            return
        found = sentences(result.transcript, span)
        if not found:
            return
        if not self.editor.editable:
            self._fail(self.tr("The note can no longer be changed; the dictated text was not added."))
            return
        original = result.transcript.original.text if result.transcript.original is not None else None
        sources = [self.machine.new_source(text, s, conf, original) for text, s, conf in found]
        cursor = self._anchor
        if cursor is None or cursor.document() is not self.editor.editor.document():
            cursor = self._anchor = QTextCursor(self.editor.editor.textCursor())
            cursor.clearSelection()
        self.machine.insert(cursor, sources)
        self.latencies.append(time.monotonic() - result.closed_at)
        if original:
            self._add_original(original)
        self.save_timer.start()
        self._set_status(self.tr("Sentences added from dictation: %1.").replace("%1", str(len(sources))))
        self.inserted.emit(len(sources))

    def _add_original(self, text: str) -> None:
        self.original.appendPlainText(text)
        self.original_toggle.show()

    def _toggle_original(self, shown: bool) -> None:
        self.original.setVisible(shown)
        self.original_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _save(self) -> None:
        self.editor.save("dictation")

    def _show_unreviewed(self, count: int) -> None:
        text = self.tr("Machine-transcribed sentences not yet reviewed: %1.").replace("%1", str(count))
        self.unreviewed.setText(text)
        describe(self.unreviewed, text)
        self.unreviewed.setVisible(count > 0)

    # -- playing back ----------------------------------------------------------------------
    def play(self, source: TextSource) -> None:
        if source.span is None:
            return
        try:
            seconds = self.player.play(source.span)
        except WorkbenchError as exc:
            self._fail(str(exc))
            return
        self._set_status(self.tr("Playing %1 s of dictation.").replace("%1", f"{seconds:.1f}"))

    # -- audio files -----------------------------------------------------------------------
    def choose_file(self) -> None:
        if self._file is not None or not self.editor.editable:
            return
        dialog = QFileDialog(self.editor, self.tr("Transcribe audio file"))
        dialog.setObjectName("transcribeFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [
                self.tr("Audio (%1)").replace("%1", " ".join(f"*{s}" for s in AUDIO_SUFFIXES)),
                self.tr("All files (*)"),
            ]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.transcribe_file(Path(name)))
        dialog.open()

    def transcribe_file(self, path: Path, cursor: QTextCursor | None = None) -> None:
        """Transcribe ``path`` off the UI thread; its text goes at ``cursor`` (default: the caret)."""
        if self._file is not None or not self.editor.editable:
            return
        at = QTextCursor(cursor or self.editor.editor.textCursor())
        at.clearSelection()
        dialog = QProgressDialog(self.editor)
        dialog.setObjectName("transcribeFileProgress")
        dialog.setWindowTitle(self.tr("Transcribing"))
        dialog.setLabelText(self.tr("Transcribing %1…").replace("%1", path.name))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setRange(0, 1000)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        describe(dialog, self.tr("Transcription progress"))
        for button in dialog.findChildren(QPushButton):
            describe(button, self.tr("Cancel transcription"))
        job = _FileJob(path, at, threading.Event(), dialog)
        self._file = job
        dialog.canceled.connect(lambda: self._cancel_file(job))
        dialog.setValue(0)
        dialog.show()
        relay = _Relay(self)
        relay.progress.connect(lambda done, total: self._file_progress(job, done, total))
        factory = self.job_factory

        def work() -> Transcript:
            from workbench.asr.long_form import transcribe_file

            transcription = for_the_editor(factory())
            return transcribe_file(
                path,
                lambda samples: transcription.transcribe(samples, cancel=job.cancel),
                progress=relay.progress.emit,
                cancel=job.cancel,
            )

        self._file_relay = relay
        self.runner.submit(
            "file", work, lambda t: self._file_done(job, t), lambda e: self._file_failed(job, e)
        )
        self._set_status(self.tr("Transcribing %1…").replace("%1", path.name))

    def _file_progress(self, job: _FileJob, done: float, total: float) -> None:
        if self._file is not job or job.cancel.is_set():
            return
        job.dialog.setValue(round(1000 * done / total) if total > 0 else 0)
        job.dialog.setLabelText(
            self.tr("Transcribing %1: %2 of %3")
            .replace("%1", job.path.name)
            .replace("%2", _clock(done))
            .replace("%3", _clock(total))
        )

    def _cancel_file(self, job: _FileJob) -> None:
        job.cancel.set()
        job.dialog.setLabelText(self.tr("Cancelling…"))

    def _end_file(self, job: _FileJob) -> None:
        if self._file is job:
            self._file = None
            if self._file_relay is not None:
                self._file_relay.deleteLater()
                self._file_relay = None
        job.dialog.canceled.disconnect()  # closing a progress dialog reports "canceled" too
        job.dialog.close()
        job.dialog.deleteLater()

    def _file_done(self, job: _FileJob, transcript: Transcript) -> None:
        self._end_file(job)
        if job.cancel.is_set():
            self._file_cancelled()
            return
        found = sentences(transcript, AudioSpan(job.path, 0.0, transcript.duration_s))
        if not found:
            message = self.tr("No speech was found in %1; nothing was added to the note.").replace(
                "%1", job.path.name
            )
            self._fail(message)
            self.file_finished.emit("empty")
            return
        if not self.editor.editable:
            self._fail(self.tr("The note can no longer be changed; the transcript was not added."))
            self.file_finished.emit("failed")
            return
        original = transcript.original.text if transcript.original is not None else None
        sources = [self.machine.new_source(text, span, conf) for text, span, conf in found]
        self.machine.insert(job.cursor, sources)
        if original:
            self._add_original(original)
        self._save()
        message = self.tr("%1 transcribed: %2 sentences added, marked until you review them.")
        self._set_status(message.replace("%1", job.path.name).replace("%2", str(len(sources))))
        announce(self, self.status.text())
        self.file_finished.emit("done")

    def _file_failed(self, job: _FileJob, error: Exception) -> None:
        self._end_file(job)
        if isinstance(error, TranscriptionCancelled) or job.cancel.is_set():
            self._file_cancelled()
            return
        if isinstance(error, NotAudio):
            message = self.tr("%1 is not an audio file that can be transcribed: %2").replace(
                "%1", job.path.name
            )
            self._fail(message.replace("%2", str(error)))
        else:
            self._fail(
                self.tr("The file was not transcribed: %1 The note is unchanged.").replace("%1", str(error))
            )
        self.file_finished.emit("failed")

    def _file_cancelled(self) -> None:
        message = self.tr("Transcription cancelled; the note is unchanged.")
        self._set_status(message)
        announce(self, message)
        self.file_finished.emit("cancelled")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
            event, QDragEnterEvent | QDragMoveEvent
        ):
            if _dropped_file(event) is not None and self.editor.editable:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            path = _dropped_file(event)
            if path is not None and self.editor.editable:
                event.acceptProposedAction()
                self.transcribe_file(path, self.editor.editor.cursorForPosition(event.position().toPoint()))
                return True
        return False

    def _note_signed(self, _info: object) -> None:
        # Nothing more goes into a signed note; corrections are addenda.
        self.file_action.setEnabled(False)
        self.file_button.setEnabled(False)
        if self._file is not None:
            self._file.cancel.set()

    # -- presentation ----------------------------------------------------------------------
    def _set_status(self, message: str) -> None:
        self.status.setText(message)
        describe(self.status, message)

    def _fail(self, message: str) -> None:
        self._set_status(message)
        self.editor.statusBar().showMessage(message, 15_000)
        announce(self, message, assertive=True)
        self.failed.emit(message)

    def retranslate(self) -> None:
        if not self.status.text():
            self._set_status(self.tr("Dictated speech is transcribed into the note as you speak."))
        describe(self.status, self.status.text() or self.tr("Transcription status"))
        self.original_toggle.setText(self.tr("Spanish original"))
        describe(
            self.original_toggle,
            self.tr("Spanish original"),
            self.tr("Show or hide the Spanish transcript beside the English text"),
        )
        describe(self.original, self.tr("Spanish original"), self.tr("What was said, before translation"))
        describe_scroll_bars(self.original, self.tr("Spanish original"))
        self.file_button.setText(self.tr("Transcribe audio &file…"))
        describe(
            self.file_button,
            self.tr("Transcribe audio file"),
            self.tr("Choose an audio file to transcribe into the note (Ctrl+Shift+O); you can also drop one"),
        )
        self.file_action.setText(self.tr("Transcribe audio &file…"))
        self.machine.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def close_reason(self) -> str:
        """Why the editor should not close yet: dictated passages not yet in the note."""
        waiting = len(self._waiting) + (self.live.pending if self.live is not None else 0)
        if not waiting:
            return ""
        return self.tr(
            "%1 dictated passage(s) are still being transcribed into this note. Closing now leaves "
            "them out of the note (their audio stays in the recording)."
        ).replace("%1", str(waiting))

    def shutdown(self) -> None:
        """The editor is closing: stop a file in progress; live segments still queued are dropped."""
        if self._file is not None:
            self._file.cancel.set()
        self.save_timer.stop()
        if self.live is not None:
            self.live.cancel()
        with contextlib.suppress(WorkbenchError):
            self.player.stop()


def _dropped_file(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    urls = [u for u in mime.urls() if u.isLocalFile()]
    if len(urls) != 1:
        return None
    return Path(urls[0].toLocalFile())


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def attach(
    editor: NoteEditor, dictation: NoteDictation | None, job_factory: JobFactory | None = None
) -> LiveTranscript:
    """Put the live transcript beside ``editor`` and wire it to ``dictation``."""
    panel = LiveTranscript(editor, dictation, job_factory)
    editor.add_side_panel(panel)
    return panel
