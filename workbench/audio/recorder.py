"""The recorder: one take's state machine, its crash-safe file and its live segmentation.

States and the only ways between them::

    idle ──start──► recording ──pause──► paused ──resume──► recording
    idle ──reopen─► paused      (a take paused or interrupted in an earlier session)
    recording / paused ──stop──► stopped

Anything else raises :class:`IllegalTransition`. Samples are appended to the WAV file as
they arrive and the header is patched every ``flush_interval_s``; a take whose process died
is repaired by :meth:`Recorder.reopen` (or :func:`~workbench.audio.wavfile.repair_wav`) and
continues in the same file. Given a key, the recorder writes a sealed take instead
(:mod:`workbench.audio.take_file`): every start or resume opens a new sealed part, and a
crashed part needs no repair.
"""

from __future__ import annotations

import contextlib
import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

import numpy as np
import numpy.typing as npt

from workbench.audio.capture import AudioSource, Levels, measure_levels
from workbench.audio.errors import AudioError, IllegalTransition, InvalidAudioFile
from workbench.audio.take_file import (
    SealedTakeWriter,
    ensure_free,
    file_sha256,
    inspect_take,
    is_sealed_take,
    sealed_take_summary,
)
from workbench.audio.vad import AutoStop, Segmenter, SpeechSegment, VadEvent, VadSettings
from workbench.audio.wavfile import WavWriter

Int16Array = npt.NDArray[np.int16]
Listener = Callable[[VadEvent], None]


class RecorderState(enum.StrEnum):
    IDLE = "idle"
    RECORDING = "recording"
    PAUSED = "paused"
    STOPPED = "stopped"


@dataclass(frozen=True)
class TakeSummary:
    """A finished take as the recordings table stores it."""

    path: Path
    sample_rate: int
    frames: int
    sha256: str
    segments: int
    stop_reason: str

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate


class RecordingFailed(AudioError):
    """Writing the take failed (disk full, folder gone); what reached the disk is kept."""

    def __init__(self, message: str, summary: TakeSummary | None) -> None:
        super().__init__(message)
        self.summary = summary


class Recorder:
    """Thread-safe: a capture worker feeds it while the UI thread pauses or stops it."""

    def __init__(
        self,
        settings: VadSettings | None = None,
        sample_rate: int = 16000,
        flush_interval_s: float = 1.0,
        listener: Listener | None = None,
        key: bytes | None = None,
    ) -> None:
        self.settings = settings or VadSettings()
        self.key = key  # the recordings key: takes are sealed parts instead of a WAV file
        self.sample_rate = sample_rate
        self.flush_interval_s = flush_interval_s
        self.listener = listener
        self.segments: list[SpeechSegment] = []
        self.summary: TakeSummary | None = None
        self._state = RecorderState.IDLE
        # Open only while recording: a paused take holds no file.
        self._writer: WavWriter | SealedTakeWriter | None = None
        self._frames = 0  # frames in the file while no writer is open
        self._segmenter: Segmenter | None = None
        self._path: Path | None = None
        self._next_index = 0
        self._lock = threading.RLock()

    @property
    def state(self) -> RecorderState:
        return self._state

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def frames(self) -> int:
        writer = self._writer
        return writer.frames if writer is not None else self._frames

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    @property
    def segmenter(self) -> Segmenter | None:
        """The live segmenter (speech/silence, auto-stop countdown) while recording."""
        return self._segmenter

    def _require(self, action: str, *allowed: RecorderState) -> None:
        if self._state not in allowed:
            hint = {
                RecorderState.IDLE: "start a recording first",
                RecorderState.RECORDING: "pause or stop it first",
                RecorderState.PAUSED: "resume or stop it",
                RecorderState.STOPPED: "this take is finished; start a new one",
            }[self._state]
            raise IllegalTransition(f"Cannot {action}: the recorder is {self._state.value}; {hint}.")

    def _emit(self, events: list[VadEvent]) -> list[VadEvent]:
        for event in events:
            if isinstance(event, SpeechSegment):
                self.segments.append(event)
                self._next_index = event.index + 1
            if self.listener is not None:
                self.listener(event)
        return events

    def start(self, path: Path) -> None:
        """Begin a new take in a new file (an existing file is never overwritten)."""
        with self._lock:
            self._require("start", RecorderState.IDLE)
            self._check_kind(Path(path))
            try:
                if self.key is not None:
                    self._writer = SealedTakeWriter.create(
                        path, self.key, self.sample_rate, 1, self.flush_interval_s
                    )
                else:
                    self._writer = WavWriter.create(path, self.sample_rate, 1, self.flush_interval_s)
            except OSError as exc:
                if isinstance(exc, FileExistsError) and Path(path).is_file():
                    raise IllegalTransition(f"{path} already exists; a new take needs a new file.") from None
                raise RecordingFailed(
                    f"Cannot create the recording {path}: {exc.strerror}. Check that the data folder "
                    "exists, is writable and has free space.",
                    None,
                ) from None
            self._path = Path(path)
            self._segmenter = Segmenter(self.settings, self.sample_rate)
            self._state = RecorderState.RECORDING

    def reopen(self, path: Path, first_segment_index: int = 0) -> None:
        """Take up a paused or interrupted take (after a restart); the recorder is then paused."""
        with self._lock:
            self._require("reopen a take", RecorderState.IDLE)
            self._check_kind(Path(path))
            if self.key is not None:
                # A sealed take needs no repair: a crashed part keeps its sealed chunks as they are.
                if not Path(path).exists():
                    raise RecordingFailed(f"Cannot open the recording {path} again: it does not exist.", None)
                ensure_free(Path(path))
                info = inspect_take(Path(path), self.key)
                rate, channels, frames = info.sample_rate, info.channels, info.frames
            else:
                writer = self._open_for_append(Path(path))
                rate, channels, frames = writer.sample_rate, writer.channels, writer.frames
                writer.close()
            if rate != self.sample_rate or channels != 1:
                raise InvalidAudioFile(
                    f"{path} is {channels}-channel {rate} Hz audio; this recorder "
                    f"continues only mono {self.sample_rate} Hz takes."
                )
            self._frames = frames
            self._path = Path(path)
            self._next_index = first_segment_index
            self._state = RecorderState.PAUSED

    def pause(self) -> list[VadEvent]:
        """Stop taking audio; a segment still open is closed and handed on."""
        with self._lock:
            self._require("pause", RecorderState.RECORDING)
            events = self._segmenter.flush() if self._segmenter else []
            self._segmenter = None
            writer = self._writer
            assert writer is not None
            self._guarded(writer.flush)
            # Release the file while paused: another window (or this one after a restart)
            # may take the take up, and the advisory lock says who holds it.
            self._frames = writer.frames
            self._writer = None
            writer.close()
            self._state = RecorderState.PAUSED
            return self._emit(events)

    def resume(self) -> None:
        with self._lock:
            self._require("resume", RecorderState.PAUSED)
            assert self._path is not None
            self._writer = self._open_for_append(self._path)
            # Offsets continue from the end of the file, so segments point into the same take.
            self._segmenter = Segmenter(
                self.settings, self.sample_rate, self._writer.frames, self._next_index
            )
            self._state = RecorderState.RECORDING

    def _check_kind(self, path: Path) -> None:
        if is_sealed_take(path) != (self.key is not None):
            raise ValueError(
                f"{path.name}: sealed takes (named …sealed) are written with a key, WAV takes without one"
            )

    def _open_for_append(self, path: Path) -> WavWriter | SealedTakeWriter:
        try:
            if self.key is not None:
                return SealedTakeWriter.append_to(path, self.key, self.sample_rate, 1, self.flush_interval_s)
            return WavWriter.append_to(path, self.flush_interval_s)
        except OSError as exc:
            raise RecordingFailed(
                f"Cannot open the recording {path} again: {exc.strerror}. Check that the file and the "
                "data folder still exist and are writable.",
                None,
            ) from None

    def feed(self, samples: npt.ArrayLike) -> list[VadEvent]:
        """Append audio while recording; audio that arrives while paused is dropped."""
        with self._lock:
            if self._state is RecorderState.PAUSED:
                return []
            self._require("record audio", RecorderState.RECORDING)
            assert self._writer is not None
            assert self._segmenter is not None
            block = np.asarray(samples, dtype=np.int16).reshape(-1)
            writer = self._writer
            self._guarded(lambda: writer.write(block))
            return self._emit(self._segmenter.feed(block))

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except OSError as exc:
            path = self._path
            summary = self._finish(f"writing failed: {exc.strerror}")
            raise RecordingFailed(
                f"Recording stopped: writing {path} failed ({exc.strerror}). The "
                f"{summary.duration_s:.1f} s already on disk were kept; free some space or check "
                "the data folder, then start a new take.",
                summary,
            ) from None

    def stop(self, reason: str = "stopped") -> TakeSummary:
        """Finish the take: close an open segment, finalise the header, hash the file."""
        with self._lock:
            self._require("stop", RecorderState.RECORDING, RecorderState.PAUSED)
            events = self._segmenter.flush() if self._segmenter else []
            self._emit(events)
            return self._finish(reason)

    def _finish(self, reason: str) -> TakeSummary:
        writer, self._writer = self._writer, None
        self._segmenter = None
        self._state = RecorderState.STOPPED
        assert self._path is not None
        if writer is not None:
            self._frames = writer.frames
            # A failing disk may refuse the last header patch: the samples already written
            # stay, and repair_wav fixes the header when the take is next opened.
            with contextlib.suppress(OSError):
                writer.close()
        try:
            if self.key is not None:
                # What is sealed on disk: a chunk the disk refused is not counted.
                self._frames, sha256 = sealed_take_summary(self._path, self.key)
            else:
                sha256 = file_sha256(self._path)
        except (OSError, InvalidAudioFile):
            sha256 = ""
        self.summary = TakeSummary(
            self._path, self.sample_rate, self._frames, sha256, len(self.segments), reason
        )
        return self.summary


@dataclass(frozen=True)
class TakeProgress:
    """What the meter and the status line show, after each block."""

    levels: Levels
    elapsed_s: float
    in_speech: bool
    silence_s: float
    autostop_remaining_s: float | None


@overload
def record(
    source: AudioSource,
    recorder: Recorder,
    should_stop: Callable[[], bool] = ...,
    on_progress: Callable[[TakeProgress], None] | None = ...,
    poll_s: float = ...,
    release_on_pause: Literal[False] = ...,
) -> TakeSummary: ...


@overload
def record(
    source: AudioSource,
    recorder: Recorder,
    should_stop: Callable[[], bool] = ...,
    on_progress: Callable[[TakeProgress], None] | None = ...,
    poll_s: float = ...,
    *,
    release_on_pause: bool,
) -> TakeSummary | None: ...


def record(
    source: AudioSource,
    recorder: Recorder,
    should_stop: Callable[[], bool] = lambda: False,
    on_progress: Callable[[TakeProgress], None] | None = None,
    poll_s: float = 0.1,
    release_on_pause: bool = False,
) -> TakeSummary | None:
    """Pump audio from ``source`` into ``recorder`` until stopped, auto-stopped or the source ends.

    The recorder must be recording or paused. Another thread may pause, resume or stop it
    meanwhile. With ``release_on_pause``, a pause returns None and closes the source (the
    microphone is not held while the physician sees another patient); otherwise audio
    arriving while paused is dropped. Ctrl+C stops the take cleanly. The source is opened
    here and always closed.
    """
    source.open()
    try:
        while True:
            if recorder.state is RecorderState.STOPPED:
                assert recorder.summary is not None
                return recorder.summary
            if release_on_pause and recorder.state is RecorderState.PAUSED:
                return None
            if should_stop():
                return recorder.stop("stopped")
            block = source.read(poll_s)
            if block is None:
                if source.ended:
                    return recorder.stop(source.end_reason or "the audio source ended")
                continue
            events = recorder.feed(block)
            segmenter = recorder.segmenter
            if on_progress is not None and segmenter is not None:
                on_progress(
                    TakeProgress(
                        measure_levels(block),
                        recorder.duration_s,
                        segmenter.in_speech,
                        segmenter.silence_s,
                        segmenter.autostop_remaining_s,
                    )
                )
            stop = next((e for e in events if isinstance(e, AutoStop)), None)
            if stop is not None:
                return recorder.stop(f"auto-stop after {stop.silence_s:.1f} s of silence")
    except KeyboardInterrupt:
        if recorder.state in (RecorderState.RECORDING, RecorderState.PAUSED):
            return recorder.stop("interrupted (Ctrl+C)")
        raise
    finally:
        source.close()


def wait_until(condition: Callable[[], bool], timeout_s: float, poll_s: float = 0.01) -> bool:
    """Poll until ``condition`` holds; for tests and the CLI, never the UI thread."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(poll_s)
    return True
