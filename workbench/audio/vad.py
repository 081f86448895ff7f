"""Voice-activity detection: webrtcvad frame decisions smoothed into speech segments.

webrtcvad judges each 10/20/30 ms frame on its own and flickers inside words and in noise.
The :class:`Segmenter` smooths that with two ring buffers: speech starts once the last
``start_ms`` of audio is mostly voiced, and ends once the last ``end_ms`` is mostly
unvoiced. Segments keep ``padding_ms`` of audio on each side (a recogniser needs the
onset), never overlap, and carry exact sample offsets into the stream, so that a segment
can be found again in the recording file.
"""

from __future__ import annotations

import collections
import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np
import numpy.typing as npt
import webrtcvad

from workbench.audio.errors import InvalidVadSettings

Int16Array = npt.NDArray[np.int16]

SAMPLE_RATES = (8000, 16000, 32000, 48000)
FRAME_MS = (10, 20, 30)
# Fractions of the ring buffers that must agree: high enough to ignore a flickering frame,
# low enough that one misjudged frame does not hold a segment open or keep it from starting.
VOICED_TO_START = 0.8
UNVOICED_TO_END = 0.9
# webrtcvad starts with no noise estimate and calls the first ~200 ms of any room noise
# speech; its decisions are ignored (taken as unvoiced) until it has adapted.
WARMUP_MS = 200
# webrtcvad also keeps calling frames voiced for 80-150 ms after speech stops (its hangover),
# which would delay every segment by that much. While in speech, a frame whose energy is
# within this factor (amplitude, ≈ 10 dB) of the room's noise floor counts as unvoiced.
QUIET_FACTOR = 3.0
# The noise floor is the quietest frame of the last one to two of these windows.
FLOOR_WINDOW_S = 1.5


@dataclass(frozen=True)
class VadSettings:
    """One person's voice-activity settings; the defaults suit dictation in a quiet office."""

    aggressiveness: int = 2  # 0 (keeps most audio) … 3 (drops most non-speech)
    frame_ms: int = 30
    start_ms: int = 150  # mostly-voiced audio needed to start a segment
    end_ms: int = 700  # mostly-unvoiced audio needed to end one (a pause to think is shorter)
    padding_ms: int = 300  # audio kept before and after the speech in each segment
    min_segment_ms: int = 200  # shorter bursts (a cough, a click) are dropped
    autostop_s: float = 0.0  # stop after this much silence; 0 = never

    def __post_init__(self) -> None:
        def whole(name: str, low: int, high: int) -> None:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise InvalidVadSettings(
                    f"{name} must be a whole number from {low} to {high}; got {value!r}."
                )

        whole("aggressiveness", 0, 3)
        if self.frame_ms not in FRAME_MS or isinstance(self.frame_ms, bool):
            raise InvalidVadSettings(f"frame_ms must be 10, 20 or 30; got {self.frame_ms!r}.")
        whole("start_ms", self.frame_ms, 2000)
        whole("end_ms", self.frame_ms, 5000)
        whole("padding_ms", 0, 2000)
        whole("min_segment_ms", 0, 10_000)
        if self.padding_ms > self.end_ms:
            # The trailing padding must already be in hand when the end is detected, or the
            # segment would be held back longer than end_ms.
            raise InvalidVadSettings(
                f"padding_ms ({self.padding_ms}) cannot exceed end_ms ({self.end_ms}); lower the padding."
            )
        stop = self.autostop_s
        if isinstance(stop, bool) or not isinstance(stop, int | float) or not 0 <= stop <= 3600:
            raise InvalidVadSettings(f"autostop_s must be 0 (off) to 3600 seconds; got {stop!r}.")
        if 0 < stop * 1000 <= self.end_ms:
            raise InvalidVadSettings(
                f"autostop_s: stopping after {stop} s would stop before a pause of end_ms ({self.end_ms} ms) ends "
                "a segment; choose a longer auto-stop or 0 (off)."
            )

    @property
    def start_frames(self) -> int:
        return math.ceil(self.start_ms / self.frame_ms)

    @property
    def end_frames(self) -> int:
        return math.ceil(self.end_ms / self.frame_ms)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any] | None) -> VadSettings:
        """Build from stored JSON; unknown keys are ignored, missing ones take defaults."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (values or {}).items() if k in known})


@dataclass(frozen=True)
class SpeechStarted:
    sample: int  # where the segment will start, padding included


@dataclass(frozen=True, eq=False)
class SpeechSegment:
    """Speech with its padding: ``samples`` is the audio of ``[start, end)`` in the stream."""

    index: int
    start: int
    end: int
    sample_rate: int
    samples: Int16Array = field(repr=False)
    speech_start: int = 0  # first and last voiced sample, without padding
    speech_end: int = 0

    @property
    def start_s(self) -> float:
        return self.start / self.sample_rate

    @property
    def end_s(self) -> float:
        return self.end / self.sample_rate

    @property
    def duration_s(self) -> float:
        return (self.end - self.start) / self.sample_rate


@dataclass(frozen=True)
class SilenceStarted:
    sample: int  # end of the last voiced frame


@dataclass(frozen=True)
class AutoStop:
    sample: int
    silence_s: float


VadEvent = SpeechStarted | SpeechSegment | SilenceStarted | AutoStop


class Segmenter:
    """Streaming segmentation: feed samples of any length, get events as segments close.

    ``offset`` is the stream position of the first sample fed, so that a recording resumed
    after a pause keeps counting from where its file ends.
    """

    def __init__(
        self, settings: VadSettings, sample_rate: int = 16000, offset: int = 0, first_index: int = 0
    ) -> None:
        if sample_rate not in SAMPLE_RATES:
            raise InvalidVadSettings(f"The VAD works at 8, 16, 32 or 48 kHz, not {sample_rate} Hz.")
        self.settings = settings
        self.sample_rate = sample_rate
        self.frame_samples = sample_rate * settings.frame_ms // 1000
        self._vad = webrtcvad.Vad(settings.aggressiveness)
        self._padding = sample_rate * settings.padding_ms // 1000
        self._min_speech = sample_rate * settings.min_segment_ms // 1000
        self._autostop = round(sample_rate * settings.autostop_s)
        self._start_needed = math.ceil(VOICED_TO_START * settings.start_frames)
        self._end_needed = math.ceil(UNVOICED_TO_END * settings.end_frames)
        self._rest = np.zeros(0, np.int16)
        self.position = offset  # stream index of the next unanalysed frame
        self._floor = offset  # no segment may start before this (stream start, previous end)
        self._start_ring: collections.deque[tuple[int, bool]] = collections.deque(
            maxlen=settings.start_frames
        )
        self._end_ring: collections.deque[bool] = collections.deque(maxlen=settings.end_frames)
        # Recent frames, enough to supply the leading padding when a segment starts.
        preroll = settings.start_frames + math.ceil(settings.padding_ms / settings.frame_ms) + 1
        self._recent: collections.deque[tuple[int, Int16Array]] = collections.deque(maxlen=preroll)
        self._in_speech = False
        self._segment_start = 0
        self._speech_start = 0
        self._last_voiced_end = 0
        self._segment_audio: list[Int16Array] = []
        self._silence_since = offset
        self._autostopped = False
        self._next_index = first_index
        self._start_voiced = 0
        self._end_unvoiced = 0
        self._floor_frames = max(1, round(FLOOR_WINDOW_S * 1000 / settings.frame_ms))
        self._floor_count = 0
        self._floor_current = math.inf
        self._floor_previous = math.inf
        self._quiet = QUIET_FACTOR**2  # energies are squared amplitudes
        self._warmup_end = offset + sample_rate * WARMUP_MS // 1000

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @property
    def silence_s(self) -> float:
        """Seconds since the last speech ended (or since the stream began); 0 during speech."""
        if self._in_speech:
            return 0.0
        return (self.position - self._silence_since) / self.sample_rate

    @property
    def autostop_remaining_s(self) -> float | None:
        if not self._autostop:
            return None
        return max(0.0, self.settings.autostop_s - self.silence_s)

    def feed(self, samples: npt.ArrayLike) -> list[VadEvent]:
        data = np.asarray(samples, dtype=np.int16).reshape(-1)
        if len(self._rest):
            data = np.concatenate((self._rest, data))
        events: list[VadEvent] = []
        usable = len(data) - len(data) % self.frame_samples
        if usable:
            frames = data[:usable].reshape(-1, self.frame_samples)
            wide = frames.astype(np.float32)
            energies: list[float] = (np.einsum("ij,ij->i", wide, wide) / self.frame_samples).tolist()
            raw = frames.tobytes()
            step = 2 * self.frame_samples
            for index, frame in enumerate(frames):
                self._frame(frame, raw[index * step : (index + 1) * step], energies[index], events)
        self._rest = data[usable:].copy()
        return events

    def _frame(self, frame: Int16Array, raw: bytes, energy: float, events: list[VadEvent]) -> None:
        start = self.position
        end = start + self.frame_samples
        voiced = self._vad.is_speech(raw, self.sample_rate) and start >= self._warmup_end
        # The noise floor: the quietest frame over two alternating windows (O(1) per frame;
        # a quiet stretch is forgotten after at most two windows when the room gets louder).
        if energy < self._floor_current:
            self._floor_current = energy
        self._floor_count += 1
        if self._floor_count >= self._floor_frames:
            self._floor_previous, self._floor_current = self._floor_current, math.inf
            self._floor_count = 0
        self.position = end
        self._recent.append((start, frame))
        if not self._in_speech:
            ring = self._start_ring
            if len(ring) == ring.maxlen and ring[0][1]:
                self._start_voiced -= 1
            ring.append((start, voiced))
            self._start_voiced += voiced
            if self._start_voiced >= self._start_needed:
                self._open(events)
            elif self._autostop and not self._autostopped and end - self._silence_since >= self._autostop:
                self._autostopped = True
                events.append(AutoStop(end, (end - self._silence_since) / self.sample_rate))
            return
        if voiced and energy <= self._quiet * min(self._floor_current, self._floor_previous):
            voiced = False
        self._segment_audio.append(frame)
        ring2 = self._end_ring
        if len(ring2) == ring2.maxlen and not ring2[0]:
            self._end_unvoiced -= 1
        ring2.append(voiced)
        self._end_unvoiced += not voiced
        if voiced:
            self._last_voiced_end = end
        if self._end_unvoiced >= self._end_needed:
            self._close(events, end)

    def _open(self, events: list[VadEvent]) -> None:
        first_voiced = next(s for s, v in self._start_ring if v)
        last_voiced = max(s for s, v in self._start_ring if v)
        earliest = self._recent[0][0]
        self._segment_start = max(first_voiced - self._padding, self._floor, earliest)
        self._speech_start = first_voiced
        self._last_voiced_end = last_voiced + self.frame_samples
        audio = np.concatenate([f for _, f in self._recent])
        self._segment_audio = [audio[self._segment_start - earliest :]]
        self._in_speech = True
        self._end_ring.clear()
        self._start_ring.clear()
        self._start_voiced = 0
        self._end_unvoiced = 0
        events.append(SpeechStarted(self._segment_start))

    def _close(self, events: list[VadEvent], now: int) -> None:
        end = min(self._last_voiced_end + self._padding, now)
        audio = np.concatenate(self._segment_audio)[: end - self._segment_start]
        self._segment_audio = []
        self._in_speech = False
        self._floor = end
        if self._last_voiced_end - self._speech_start >= self._min_speech:
            events.append(
                SpeechSegment(
                    self._next_index,
                    self._segment_start,
                    end,
                    self.sample_rate,
                    audio,
                    self._speech_start,
                    self._last_voiced_end,
                )
            )
            self._next_index += 1
            self._silence_since = self._last_voiced_end
            self._autostopped = False
            events.append(SilenceStarted(self._last_voiced_end))

    def flush(self) -> list[VadEvent]:
        """Close a segment still open (the take is pausing or stopping)."""
        events: list[VadEvent] = []
        if self._in_speech:
            # Samples short of a whole frame were never judged, but they belong to the take.
            self._segment_audio.append(self._rest)
            end = self.position + len(self._rest)
            if self._last_voiced_end == self.position:
                self._last_voiced_end = end
            self._rest = np.zeros(0, np.int16)
            self.position = end
            self._close(events, end)
        return events


def find_segments(
    samples: npt.ArrayLike, settings: VadSettings, sample_rate: int = 16000
) -> list[SpeechSegment]:
    """All speech segments of a whole recording."""
    segmenter = Segmenter(settings, sample_rate)
    events = segmenter.feed(samples) + segmenter.flush()
    return [e for e in events if isinstance(e, SpeechSegment)]
