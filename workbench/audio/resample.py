"""Sample-rate conversion for speech, in numpy only (no scipy in the dependency set).

A windowed-sinc low-pass filter removes what the lower rate cannot carry, then linear
interpolation picks the new sample instants. For speech going to a 16 kHz VAD and
recogniser this is transparent; it is not meant for music mastering. The converter is
streaming: blocks of any size go in, and the output is the same as converting the whole
signal at once.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

# Taps of the anti-aliasing filter; odd so that it has a whole-sample delay.
FILTER_TAPS = 63


def lowpass_kernel(cutoff: float, taps: int = FILTER_TAPS) -> FloatArray:
    """A Hamming-windowed sinc low-pass; ``cutoff`` is a fraction of the input rate (0-0.5)."""
    n = np.arange(taps, dtype=np.float64) - (taps - 1) / 2
    kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    return (kernel / kernel.sum()).astype(np.float32)


class StreamResampler:
    """Converts a mono float stream from ``source_rate`` to ``target_rate`` block by block."""

    def __init__(self, source_rate: int, target_rate: int) -> None:
        if source_rate <= 0 or target_rate <= 0:
            raise ValueError("sample rates must be positive")
        self.source_rate = source_rate
        self.target_rate = target_rate
        self.step = source_rate / target_rate
        # Down-sampling needs the band above the new Nyquist frequency removed first;
        # 0.45 leaves a small transition band below it.
        self._kernel: FloatArray | None = (
            lowpass_kernel(0.45 * target_rate / source_rate) if target_rate < source_rate else None
        )
        self._delay = 0 if self._kernel is None else (FILTER_TAPS - 1) // 2
        self._history: FloatArray = np.zeros(0 if self._kernel is None else FILTER_TAPS - 1, np.float32)
        self._pending: FloatArray = np.zeros(0, np.float32)  # filtered, not yet consumed
        self._position = 0.0  # fractional index into _pending of the next output sample
        self._skip = self._delay  # filtered samples that are the filter's start-up delay

    def process(self, block: npt.ArrayLike) -> FloatArray:
        data = np.asarray(block, dtype=np.float32).reshape(-1)
        if self.source_rate == self.target_rate:
            return data.copy()
        if self._kernel is not None:
            extended = np.concatenate((self._history, data))
            filtered = np.convolve(extended, self._kernel, mode="valid").astype(np.float32)
            self._history = extended[len(extended) - (FILTER_TAPS - 1) :]
            if self._skip:
                dropped = min(self._skip, len(filtered))
                filtered = filtered[dropped:]
                self._skip -= dropped
        else:
            filtered = data
        pending = np.concatenate((self._pending, filtered))
        # Output k sits at _position + k*step and needs the sample after it for interpolation.
        available = len(pending) - 1 - self._position
        count = 0 if available < 0 else math.floor(available / self.step) + 1
        if count <= 0:
            self._pending = pending
            return np.zeros(0, np.float32)
        instants = self._position + np.arange(count, dtype=np.float64) * self.step
        left = np.floor(instants).astype(np.int64)
        fraction = (instants - left).astype(np.float32)
        out = pending[left] * (1 - fraction) + pending[np.minimum(left + 1, len(pending) - 1)] * fraction
        next_position = self._position + count * self.step
        consumed = min(math.floor(next_position), len(pending))
        self._pending = pending[consumed:]
        self._position = next_position - consumed
        return out.astype(np.float32)

    def flush(self) -> FloatArray:
        """The tail held back by the filter delay; call once at the end of the stream."""
        if self.source_rate == self.target_rate:
            return np.zeros(0, np.float32)
        tail = self.process(np.zeros(self._delay + 2, np.float32))
        return tail


def resample(samples: npt.ArrayLike, source_rate: int, target_rate: int) -> FloatArray:
    """Convert a whole mono signal; the output has round(len * target/source) samples."""
    data = np.asarray(samples, dtype=np.float32).reshape(-1)
    if source_rate == target_rate:
        return data.copy()
    converter = StreamResampler(source_rate, target_rate)
    out = np.concatenate((converter.process(data), converter.flush()))
    expected = round(len(data) * target_rate / source_rate)
    if len(out) < expected:
        out = np.concatenate((out, np.zeros(expected - len(out), np.float32)))
    return out[:expected]
