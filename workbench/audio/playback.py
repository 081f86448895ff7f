"""Playing back a stretch of a take: the audio a sentence of the transcript came from.

Reading is separate from playing so that the span arithmetic can be checked without a sound
card. A take may still be growing while it is played from (the physician listens back to the
sentence before last while dictating on): only the bytes of the span are read, and a header
whose sizes are not yet patched does not matter. A sealed take (encrypted at rest) is read
through :mod:`workbench.audio.take_file` with the key the span carries.
"""

from __future__ import annotations

import contextlib
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from workbench.audio.errors import AudioError, InvalidAudioFile
from workbench.audio.take_file import is_sealed_take, read_sealed_span
from workbench.audio.wavfile import PCM, load_speech

Int16Array = npt.NDArray[np.int16]
HEAD_BYTES = 4096  # enough for RIFF, fmt and the start of data in any file we write


class NoOutputDevice(AudioError):
    """No loudspeaker or headset to play on, or it refused the stream."""


@dataclass(frozen=True)
class AudioSpan:
    """``[start_s, end_s)`` seconds of the take in ``path``; ``key`` opens a sealed take."""

    path: Path
    start_s: float
    end_s: float
    key: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def duration_s(self) -> float:
        return max(0.0, self.end_s - self.start_s)


def _pcm16_mono_layout(head: bytes) -> tuple[int, int] | None:
    """(sample rate, data offset) when the file is plain 16-bit mono PCM, else None."""
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, rate = 12, None
    while pos + 8 <= len(head):
        chunk_id = head[pos : pos + 4]
        (size,) = struct.unpack_from("<I", head, pos + 4)
        if chunk_id == b"fmt " and pos + 8 + 16 <= len(head):
            tag, channels, sample_rate, _rate, _align, bits = struct.unpack_from("<HHIIHH", head, pos + 8)
            if (tag, channels, bits) != (PCM, 1, 16):
                return None
            rate = sample_rate
        elif chunk_id == b"data":
            return (rate, pos + 8) if rate else None
        pos += 8 + size + (size & 1)
    return None


def read_span(span: AudioSpan, sample_rate: int = 16000) -> Int16Array:
    """The samples of ``span`` as 16-bit mono at ``sample_rate`` (empty if it lies past the end)."""
    path = Path(span.path)
    if is_sealed_take(path):
        return read_sealed_span(path, span.start_s, span.end_s, span.key, sample_rate)
    try:
        with path.open("rb") as handle:
            layout = _pcm16_mono_layout(handle.read(HEAD_BYTES))
            if layout is not None and layout[0] == sample_rate:
                _, offset = layout
                first = max(0, round(span.start_s * sample_rate))
                count = max(0, round(span.end_s * sample_rate) - first)
                handle.seek(offset + 2 * first)
                raw = handle.read(2 * count)
                return np.frombuffer(raw[: len(raw) - len(raw) % 2], "<i2").astype(np.int16)
    except FileNotFoundError:
        raise InvalidAudioFile(
            f"The recording {path.name} is no longer on this computer; the text stays as it is."
        ) from None
    except OSError as exc:
        raise InvalidAudioFile(f"Cannot read the recording {path.name}: {exc.strerror}.") from None
    # Anything else (another rate, stereo, float) goes through the general reader.
    samples = load_speech(path, sample_rate).samples
    return samples[round(span.start_s * sample_rate) : round(span.end_s * sample_rate)]


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio library itself is missing
        raise NoOutputDevice(f"Audio output is not available on this computer: {exc}.") from None
    return sounddevice


class Player:
    """One sound at a time: playing a new span stops the one before (as a dictaphone does)."""

    def __init__(self, device: str | int | None = None) -> None:
        self.device = device
        self._lock = threading.Lock()

    def play(self, span: AudioSpan, sample_rate: int = 16000) -> float:
        """Start playing ``span`` and return at once; the seconds it will play."""
        samples = read_span(span, sample_rate)
        if samples.size == 0:
            raise InvalidAudioFile(f"The recording {Path(span.path).name} has no audio at that point.")
        sd = _sounddevice()
        with self._lock:
            try:
                sd.stop()
                sd.play(samples, sample_rate, device=self.device)
            except (sd.PortAudioError, ValueError) as exc:
                raise NoOutputDevice(
                    f"The audio could not be played ({exc}). Connect a loudspeaker or headset, or check "
                    "the system's sound settings."
                ) from None
        return samples.size / sample_rate

    def wait(self) -> None:
        _sounddevice().wait()

    def stop(self) -> None:
        sd = _sounddevice()
        with self._lock, contextlib.suppress(sd.PortAudioError):
            sd.stop()
