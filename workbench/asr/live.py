"""Live transcription during dictation: closed speech segments in, texts out, in order.

The recorder hands over each speech segment as soon as the VAD closes it. Segments are
transcribed on worker threads; a short segment may finish before a long one that closed earlier,
so results wait in a small reorder buffer and are delivered strictly by sequence number. A failed
segment is delivered too (with its error), so one bad segment never holds back the rest and the
draft shows where text is missing; its audio stays in the recording.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from workbench.asr.engine import Task, Transcriber
from workbench.asr.errors import TranscriptionError
from workbench.asr.transcript import Transcript
from workbench.asr.vocabulary import PostCorrector


class ClosedSegment(Protocol):
    """What the recorder's speech segments look like from here (audio.vad.SpeechSegment fits)."""

    @property
    def start_s(self) -> float: ...

    @property
    def end_s(self) -> float: ...

    @property
    def samples(self) -> npt.NDArray[np.int16]: ...


@dataclass(frozen=True)
class LiveText:
    """The text of one segment, on the recording's timeline."""

    sequence: int
    start_s: float
    end_s: float
    transcript: Transcript
    closed_at: float
    delivered_at: float
    error: TranscriptionError | None = None

    @property
    def text(self) -> str:
        return self.transcript.text

    @property
    def latency_s(self) -> float:
        """From the segment being closed to its text being handed on."""
        return self.delivered_at - self.closed_at


Deliver = Callable[[LiveText], None]


class LiveTranscriber:
    """Feed ``submit(segment)`` in recording order; ``deliver`` gets texts in the same order.

    ``deliver`` runs on a worker thread, one call at a time: a UI forwards it through a signal.
    """

    def __init__(
        self,
        transcriber: Transcriber,
        deliver: Deliver,
        *,
        language: str | None = None,
        task: Task = "transcribe",
        initial_prompt: str | None = None,
        corrector: PostCorrector | None = None,
        workers: int = 1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._transcriber = transcriber
        self._deliver = deliver
        self._language = language
        self._task: Task = task
        self._prompt = initial_prompt
        self._corrector = corrector
        self._clock = clock
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="live-asr")
        self._lock = threading.Lock()
        self._next_sequence = 0
        self._next_delivery = 0
        self._ready: dict[int, LiveText] = {}
        self._futures: list[Future[None]] = []
        self._cancel = threading.Event()
        self._closed = False

    @property
    def pending(self) -> int:
        with self._lock:
            return self._next_sequence - self._next_delivery

    def submit(self, segment: ClosedSegment) -> int:
        """Queue a closed segment; returns its sequence number."""
        closed_at = self._clock()
        samples = np.array(segment.samples, dtype=np.int16, copy=True)  # the caller may reuse its buffer
        with self._lock:
            if self._closed:
                raise RuntimeError("This live transcription has been closed.")
            sequence = self._next_sequence
            self._next_sequence += 1
            future = self._pool.submit(
                self._work, sequence, float(segment.start_s), float(segment.end_s), samples, closed_at
            )
            self._futures.append(future)
        return sequence

    def _work(
        self, sequence: int, start_s: float, end_s: float, samples: npt.NDArray[np.int16], closed_at: float
    ) -> None:
        error: TranscriptionError | None = None
        try:
            if self._cancel.is_set():
                raise TranscriptionError("Live transcription was stopped before this segment.")
            transcript = self._transcriber.transcribe(
                samples,
                language=self._language,
                task=self._task,
                initial_prompt=self._prompt,
                cancel=self._cancel,
            )
            if self._corrector is not None:
                transcript = self._corrector.correct(transcript)
            transcript = transcript.shifted(start_s)
        except TranscriptionError as exc:
            error = exc
            transcript = Transcript("", (), self._language, self._transcriber.name, task=self._task)
        except Exception as exc:  # an engine bug must not stall every later segment
            error = TranscriptionError(f"Transcription of this segment failed ({type(exc).__name__}).")
            transcript = Transcript("", (), self._language, self._transcriber.name, task=self._task)
        result = LiveText(sequence, start_s, end_s, transcript, closed_at, closed_at, error)
        with self._lock:
            self._ready[sequence] = result
            while self._next_delivery in self._ready:
                ready = self._ready.pop(self._next_delivery)
                self._next_delivery += 1
                self._deliver(replace(ready, delivered_at=self._clock()))

    def close(self, wait: bool = True) -> None:
        """No more segments; with ``wait``, return once every submitted one is delivered."""
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=wait)

    def cancel(self) -> None:
        """Stop: segments not yet transcribed are delivered empty, with an error, in order."""
        self._cancel.set()
        self.close(wait=True)

    def __enter__(self) -> LiveTranscriber:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(wait=True)
