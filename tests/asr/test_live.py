"""Segments closed one after another reach the draft in order, whatever order they finish in."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile as sf

from workbench.asr.engine import AudioInput, CancelFlag, ProgressCallback, Task
from workbench.asr.errors import EngineUnreachable
from workbench.asr.live import LiveText, LiveTranscriber
from workbench.asr.local import LocalWhisper
from workbench.asr.transcript import Transcript
from workbench.asr.wer import word_error_rate


@dataclass(frozen=True)
class Closed:
    """Shaped like the recorder's speech segment: start/end seconds and int16 samples."""

    start_s: float
    end_s: float
    samples: npt.NDArray[np.int16]


@dataclass
class FirstSegmentSlow:
    """The real engine, except that the first segment waits until the second has finished."""

    inner: LocalWhisper
    second_done: threading.Event
    finished: list[int]
    first_samples: npt.NDArray[np.int16]
    name: str = "local"

    def transcribe(
        self,
        audio: AudioInput,
        *,
        language: str | None = None,
        task: Task = "transcribe",
        initial_prompt: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelFlag | None = None,
    ) -> Transcript:
        assert isinstance(audio, np.ndarray)
        # Recognised by content (the transcriber copies the samples), not by a marker sample that
        # another segment might carry too.
        first = not self.second_done.is_set() and np.array_equal(audio, self.first_samples)
        if first:
            # Generous: under a loaded CI machine the second segment can take a while.
            assert self.second_done.wait(timeout=300), "the second segment never finished"
        transcript = self.inner.transcribe(audio, language=language, task=task, initial_prompt=initial_prompt)
        self.finished.append(0 if first else len(self.finished) + 1)
        if not first:
            self.second_done.set()
        return transcript


def _segments(english_files: list[tuple[Path, str]]) -> tuple[list[Closed], list[str]]:
    segments, references, start = [], [], 0.0
    for path, reference in english_files[:3]:
        samples, _ = sf.read(str(path), dtype="int16")
        segments.append(Closed(start, start + len(samples) / 16_000, samples))
        references.append(reference)
        start += len(samples) / 16_000 + 1.0
    return segments, references


def test_texts_arrive_in_order_even_when_the_first_is_slowest(
    tiny: LocalWhisper, english_files: list[tuple[Path, str]]
) -> None:
    segments, references = _segments(english_files)
    finished: list[int] = []
    delivered: list[LiveText] = []
    engine = FirstSegmentSlow(tiny, threading.Event(), finished, segments[0].samples)
    with LiveTranscriber(engine, delivered.append, language="en", workers=2) as live:
        assert [live.submit(s) for s in segments] == [0, 1, 2]
    assert finished[0] != 0  # the second segment really did finish before the first
    assert [d.sequence for d in delivered] == [0, 1, 2]
    for text, reference, segment in zip(delivered, references, segments, strict=True):
        assert text.error is None
        assert word_error_rate(reference, text.text) < 0.5
        # Segment times are on the recording's timeline, not the segment's own.
        assert text.transcript.segments[0].start >= segment.start_s - 0.01
        assert text.latency_s >= 0.0
    assert delivered[0].delivered_at <= delivered[1].delivered_at


@dataclass
class Unreachable:
    name: str = "openai"

    def transcribe(self, audio: AudioInput, **options: object) -> Transcript:
        raise EngineUnreachable("cannot connect")


def test_a_failed_segment_is_delivered_with_its_error_and_does_not_block_the_rest() -> None:
    delivered: list[LiveText] = []
    with LiveTranscriber(Unreachable(), delivered.append) as live:
        for i in range(3):
            live.submit(Closed(float(i), float(i) + 0.5, np.zeros(8000, dtype=np.int16)))
    assert [d.sequence for d in delivered] == [0, 1, 2]
    assert all(isinstance(d.error, EngineUnreachable) and d.text == "" for d in delivered)
