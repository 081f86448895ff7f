"""Audio input: microphones through sounddevice (PortAudio), files, and level metering.

Every source delivers 16-bit mono blocks at ``sample_rate`` (16 kHz for the VAD and the
recognisers). A device that cannot capture at that rate is opened at its own rate and
converted. sounddevice is imported only when a microphone is used: PortAudio reads the
audio server's address (``PULSE_SERVER``, ``XDG_RUNTIME_DIR``) when it initialises.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from workbench.audio.errors import DeviceUnavailable, NoInputDevice
from workbench.audio.resample import StreamResampler
from workbench.audio.wavfile import load_speech, to_int16

Int16Array = npt.NDArray[np.int16]

# Some stacks take a while to deliver the first block (PortAudio's ALSA path into
# PulseAudio: about 2 s for the first stream of a process); a device is only declared gone
# after it has delivered audio once and then stalled, or never started within this time.
STARTUP_GRACE_S = 5.0


@dataclass(frozen=True)
class Levels:
    """Loudness of a block as fractions of full scale (0-1), for the meter."""

    rms: float
    peak: float

    @property
    def rms_dbfs(self) -> float:
        return 20 * math.log10(self.rms) if self.rms > 0 else -math.inf

    @property
    def peak_dbfs(self) -> float:
        return 20 * math.log10(self.peak) if self.peak > 0 else -math.inf


def measure_levels(block: npt.ArrayLike) -> Levels:
    data = np.asarray(block, dtype=np.float64).reshape(-1)
    if not len(data):
        return Levels(0.0, 0.0)
    return Levels(
        float(np.sqrt(np.mean(np.square(data)))) / 32768.0,
        float(np.max(np.abs(data))) / 32768.0,
    )


class AudioSource(Protocol):
    """Where a take's audio comes from. ``read`` returns None when nothing arrived in time;
    once ``ended`` is true nothing more will come and ``end_reason`` says why."""

    sample_rate: int
    description: str

    @property
    def ended(self) -> bool: ...

    @property
    def end_reason(self) -> str | None: ...

    def open(self) -> None: ...

    def read(self, timeout: float) -> Int16Array | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    channels: int
    default_sample_rate: float
    host_api: str
    is_default: bool = False


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio library itself is missing
        raise NoInputDevice(f"Audio input is not available on this computer: {exc}.") from None
    return sounddevice


def list_input_devices() -> list[InputDevice]:
    """Devices that can record, as PortAudio sees them now."""
    sd = _sounddevice()
    try:
        default_in = sd.default.device[0]
        apis = sd.query_hostapis()
        devices = sd.query_devices()
    except sd.PortAudioError as exc:
        raise NoInputDevice(f"Cannot list audio devices: {exc}.") from None
    return [
        InputDevice(
            index,
            str(info["name"]),
            int(info["max_input_channels"]),
            float(info["default_samplerate"]),
            str(apis[info["hostapi"]]["name"]),
            index == default_in,
        )
        for index, info in enumerate(devices)
        if info["max_input_channels"] > 0
    ]


def rescan_devices() -> None:
    """Make PortAudio look again (a headset plugged in, an audio server started)."""
    sd = _sounddevice()
    sd._terminate()
    sd._initialize()


def find_input_device(name: str | int | None = None) -> InputDevice:
    """The device named (exactly, else the only one containing ``name``), by index, or the default."""
    devices = list_input_devices()
    if not devices:
        raise NoInputDevice("No microphone was found. Connect one (or check its permissions) and try again.")
    names = ", ".join(repr(d.name) for d in devices)
    if name is None or name == "":
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(name, int) or name.isdigit():
        match = [d for d in devices if d.index == int(name)]
    else:
        match = [d for d in devices if d.name == name] or [
            d for d in devices if name.lower() in d.name.lower()
        ]
    if len(match) != 1:
        problem = "matches several devices" if match else "matches no input device"
        raise NoInputDevice(f"{name!r} {problem}. Devices that can record: {names}.")
    return match[0]


class MicrophoneSource:
    """Captures from a PortAudio input device through a callback and a queue."""

    def __init__(
        self,
        device: str | int | None = None,
        sample_rate: int = 16000,
        block_ms: int = 30,
        stall_timeout_s: float = 2.0,
        capture_rate: int | None = None,
    ) -> None:
        """``capture_rate`` opens the device at that rate (converted to ``sample_rate``), for
        devices that claim a rate they handle badly; by default the take's rate is used when
        the device accepts it, else the device's own rate."""
        self.sample_rate = sample_rate
        self.capture_rate = capture_rate
        self.block_ms = block_ms
        self.stall_timeout_s = stall_timeout_s
        self.device = find_input_device(device)
        self.description = self.device.name
        self.device_rate = sample_rate
        self.overflows = 0
        self._queue: queue.Queue[npt.NDArray[Any]] = queue.Queue()
        self._resampler: StreamResampler | None = None
        self._stream: Any = None
        self._finished = threading.Event()
        self._last_data = 0.0
        self._started = False
        self._end_reason: str | None = None

    @property
    def ended(self) -> bool:
        return self._end_reason is not None

    @property
    def end_reason(self) -> str | None:
        return self._end_reason

    def open(self) -> None:
        sd = _sounddevice()
        index = self.device.index
        dtype = "int16"
        native = self.capture_rate in (None, self.sample_rate)
        if native:
            try:
                sd.check_input_settings(device=index, samplerate=self.sample_rate, channels=1, dtype="int16")
            except (sd.PortAudioError, ValueError):
                native = False
        if not native:
            # The device cannot give 16 kHz itself: take its own rate as float and convert.
            self.device_rate = self.capture_rate or int(self.device.default_sample_rate)
            dtype = "float32"
            self._resampler = StreamResampler(self.device_rate, self.sample_rate)
        try:
            self._stream = sd.InputStream(
                samplerate=self.device_rate,
                blocksize=self.device_rate * self.block_ms // 1000,
                device=index,
                channels=1,
                dtype=dtype,
                callback=self._callback,
                finished_callback=self._finished.set,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            raise DeviceUnavailable(
                f"Cannot record from {self.device.name!r} at {self.device_rate} Hz: {exc}. "
                "It may be in use by another program; close it or choose another microphone."
            ) from None
        self._last_data = time.monotonic()

    def _callback(self, indata: npt.NDArray[Any], frames: int, time_info: Any, status: Any) -> None:
        if status.input_overflow:
            self.overflows += 1
        self._queue.put(indata[:, 0].copy())

    def read(self, timeout: float) -> Int16Array | None:
        if self._end_reason is not None:
            return None
        try:
            block = self._queue.get(timeout=timeout)
        except queue.Empty:
            silent_for = time.monotonic() - self._last_data
            allowed = self.stall_timeout_s if self._started else max(self.stall_timeout_s, STARTUP_GRACE_S)
            if self._finished.is_set() or silent_for >= allowed:
                self._end_reason = (
                    f"The microphone {self.device.name!r} stopped delivering audio (unplugged, or "
                    "taken by another program). Everything recorded until then was kept."
                )
            return None
        self._last_data = time.monotonic()
        self._started = True
        if self._resampler is None:
            return np.asarray(block, dtype=np.int16)
        return to_int16(self._resampler.process(block))

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:
                pass
        if self._end_reason is None:
            self._end_reason = "closed"


class ArraySource:
    """Samples already in memory (or read from a file), delivered block by block.

    With ``realtime`` the blocks come at the pace of a microphone, which the crash and
    load tests need; otherwise as fast as they are read.
    """

    def __init__(
        self,
        samples: npt.ArrayLike,
        sample_rate: int = 16000,
        block_ms: int = 30,
        realtime: bool = False,
        description: str = "samples",
    ) -> None:
        self.samples = np.asarray(samples, dtype=np.int16).reshape(-1)
        self.sample_rate = sample_rate
        self.description = description
        self.block = sample_rate * block_ms // 1000
        self.realtime = realtime
        self.position = 0
        self._started = 0.0
        self._end_reason: str | None = None

    @classmethod
    def from_wav(
        cls, path: Path, sample_rate: int = 16000, block_ms: int = 30, realtime: bool = False
    ) -> ArraySource:
        audio = load_speech(path, sample_rate)
        return cls(audio.samples, sample_rate, block_ms, realtime, description=str(path))

    @property
    def ended(self) -> bool:
        return self._end_reason is not None

    @property
    def end_reason(self) -> str | None:
        return self._end_reason

    def open(self) -> None:
        self._started = time.monotonic()

    def read(self, timeout: float) -> Int16Array | None:
        if self.position >= len(self.samples):
            self._end_reason = self._end_reason or f"the end of {self.description} was reached"
            return None
        if self.realtime:
            due = self._started + (self.position + self.block) / self.sample_rate
            wait = due - time.monotonic()
            if wait > timeout:
                time.sleep(timeout)
                return None
            if wait > 0:
                time.sleep(wait)
        block = self.samples[self.position : self.position + self.block]
        self.position += len(block)
        return block

    def close(self) -> None:
        self._end_reason = self._end_reason or "closed"
