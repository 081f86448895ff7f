"""WAV files: reading any common PCM WAV for analysis, and the crash-safe writer for takes.

The writer is for recordings: samples go to the kernel as they arrive (an unbuffered file),
and the RIFF sizes in the header are patched and the file synced at least every
``flush_interval_s``. If the process dies, the bytes are on disk and only the header is
stale; :func:`repair_wav` recomputes it from the file length.
"""

from __future__ import annotations

import os
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from workbench.audio.errors import AudioError, InvalidAudioFile
from workbench.audio.resample import resample

Int16Array = npt.NDArray[np.int16]
FloatArray = npt.NDArray[np.float32]

PCM = 0x0001
IEEE_FLOAT = 0x0003
EXTENSIBLE = 0xFFFE
HEADER_BYTES = 44  # the canonical header the writer produces: RIFF, fmt (16 bytes), data
CONVERT_HINT = "Convert it with: sox INPUT -r 16000 -c 1 -b 16 OUTPUT.wav"


@dataclass(frozen=True)
class WavInfo:
    """What a WAV header says and what the file really holds."""

    path: Path
    sample_rate: int
    channels: int
    bits_per_sample: int
    format_tag: int
    data_offset: int
    declared_frames: int
    frames: int  # whole frames present in the file (fewer than declared if truncated)

    @property
    def block_align(self) -> int:
        return self.channels * self.bits_per_sample // 8

    @property
    def truncated(self) -> bool:
        return self.frames < self.declared_frames

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate


@dataclass(frozen=True)
class SpeechAudio:
    """Audio ready for the VAD: 16-bit mono at the asked rate, and what was done to get there."""

    samples: Int16Array
    sample_rate: int
    info: WavInfo
    conversions: tuple[str, ...] = field(default_factory=tuple)


def _chunks(blob: bytes, start: int) -> list[tuple[bytes, int, int]]:
    """(id, body offset, declared size) for each chunk header that fits in the file."""
    found = []
    pos = start
    while pos + 8 <= len(blob):
        chunk_id = blob[pos : pos + 4]
        (size,) = struct.unpack_from("<I", blob, pos + 4)
        found.append((chunk_id, pos + 8, size))
        if chunk_id == b"data":
            break  # audio data is last in nearly every file, and may run past a stale size
        pos += 8 + size + (size & 1)
    return found


def _read_header(path: Path) -> tuple[bytes, WavInfo]:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise InvalidAudioFile(f"{path} does not exist; check the file name.") from None
    except IsADirectoryError:
        raise InvalidAudioFile(f"{path} is a folder, not a WAV file.") from None
    except OSError as exc:
        raise InvalidAudioFile(f"Cannot read {path}: {exc.strerror}.") from None
    if len(blob) < 12 or blob[:4] not in (b"RIFF", b"RIFX", b"RF64") or blob[8:12] != b"WAVE":
        raise InvalidAudioFile(f"{path} is not a WAV file (no RIFF/WAVE header). {CONVERT_HINT}")
    if blob[:4] != b"RIFF":
        raise InvalidAudioFile(
            f"{path} is a {blob[:4].decode()} WAV, which the workbench does not read. {CONVERT_HINT}"
        )
    chunks = {cid: (offset, size) for cid, offset, size in _chunks(blob, 12)}
    if b"fmt " not in chunks:
        raise InvalidAudioFile(f"{path} has no format chunk; the file is damaged. {CONVERT_HINT}")
    fmt_offset, fmt_size = chunks[b"fmt "]
    if fmt_size < 16 or fmt_offset + 16 > len(blob):
        raise InvalidAudioFile(f"{path} has a damaged format chunk. {CONVERT_HINT}")
    tag, channels, rate, _byte_rate, _align, bits = struct.unpack_from("<HHIIHH", blob, fmt_offset)
    if tag == EXTENSIBLE and fmt_size >= 40:
        (tag,) = struct.unpack_from("<H", blob, fmt_offset + 24)  # first two bytes of the sub-format GUID
    supported = (tag == PCM and bits in (8, 16, 24, 32)) or (tag == IEEE_FLOAT and bits in (32, 64))
    if not supported:
        kind = {0x0006: "A-law", 0x0007: "µ-law", 0x0002: "ADPCM", 0x0011: "IMA ADPCM", 0x0055: "MP3"}.get(
            tag, f"format {tag:#06x}"
        )
        raise InvalidAudioFile(
            f"{path} holds {kind} audio at {bits} bits; the workbench reads PCM or float WAV. {CONVERT_HINT}"
        )
    if channels < 1 or rate < 1000 or rate > 384_000:
        raise InvalidAudioFile(f"{path} has an impossible header ({channels} channels, {rate} Hz).")
    if b"data" not in chunks:
        raise InvalidAudioFile(f"{path} holds no audio data (no data chunk); the file is damaged.")
    data_offset, data_size = chunks[b"data"]
    align = channels * bits // 8
    present = max(0, len(blob) - data_offset)
    # 0 and 0xFFFFFFFF mean "unknown length" in files written by streaming tools.
    declared = present if data_size in (0, 0xFFFFFFFF) else data_size
    info = WavInfo(
        path=path,
        sample_rate=rate,
        channels=channels,
        bits_per_sample=bits,
        format_tag=tag,
        data_offset=data_offset,
        declared_frames=declared // align,
        frames=min(declared, present) // align,
    )
    return blob, info


def inspect_wav(path: Path) -> WavInfo:
    """The header facts of a WAV file; raises :class:`InvalidAudioFile` with a reason if unusable."""
    return _read_header(Path(path))[1]


def read_wav(path: Path) -> tuple[FloatArray, WavInfo]:
    """All frames as float32 in [-1, 1], shaped (frames, channels)."""
    blob, info = _read_header(Path(path))
    return _decode(blob, info), info


def _decode(blob: bytes, info: WavInfo) -> FloatArray:
    raw = blob[info.data_offset : info.data_offset + info.frames * info.block_align]
    bits = info.bits_per_sample
    if info.format_tag == IEEE_FLOAT:
        data = np.frombuffer(raw, "<f4" if bits == 32 else "<f8").astype(np.float32)
    elif bits == 8:
        data = (np.frombuffer(raw, np.uint8).astype(np.float32) - 128.0) / 128.0
    elif bits == 16:
        data = np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
    elif bits == 24:
        triples = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        ints = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        ints = np.where(ints & 0x800000, ints - 0x1000000, ints)
        data = ints.astype(np.float32) / float(1 << 23)
    else:
        data = np.frombuffer(raw, "<i4").astype(np.float32) / float(1 << 31)
    return np.clip(data, -1.0, 1.0).reshape(-1, info.channels)


def to_int16(samples: npt.ArrayLike) -> Int16Array:
    scaled = np.round(np.asarray(samples, dtype=np.float32) * 32767.0)
    return np.clip(scaled, -32768, 32767).astype(np.int16)


def load_speech(path: Path, sample_rate: int = 16000) -> SpeechAudio:
    """Read a WAV as 16-bit mono at ``sample_rate``, converting channels, depth and rate.

    A truncated file (fewer bytes than its header declares) is read as far as it goes and
    the conversion list says so; a file that is not usable audio raises InvalidAudioFile.
    """
    path = Path(path)
    blob, info = _read_header(path)
    if info.frames == 0:
        raise InvalidAudioFile(f"{path} holds no audio (0 samples).")
    conversions: list[str] = []
    if info.truncated:
        conversions.append(
            f"truncated: the header declares {info.declared_frames / info.sample_rate:.2f} s, "
            f"the file holds {info.duration_s:.2f} s; analysing what is there"
        )
    plain = info.format_tag == PCM and info.bits_per_sample == 16 and info.channels == 1
    if plain and info.sample_rate == sample_rate:
        raw = np.frombuffer(blob, "<i2", count=info.frames, offset=info.data_offset).astype(np.int16)
        return SpeechAudio(raw, sample_rate, info, tuple(conversions))
    data = _decode(blob, info)
    if info.channels > 1:
        conversions.append(f"mixed {info.channels} channels down to mono")
    mono = data.mean(axis=1)
    if not (info.format_tag == PCM and info.bits_per_sample == 16):
        kind = "float" if info.format_tag == IEEE_FLOAT else f"{info.bits_per_sample}-bit"
        conversions.append(f"converted {kind} samples to 16-bit")
    if info.sample_rate != sample_rate:
        conversions.append(f"resampled {info.sample_rate} Hz to {sample_rate} Hz")
        mono = resample(mono, info.sample_rate, sample_rate)
    return SpeechAudio(to_int16(mono), sample_rate, info, tuple(conversions))


def _header(sample_rate: int, channels: int, data_bytes: int) -> bytes:
    align = channels * 2
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data_bytes,
        b"WAVE",
        b"fmt ",
        16,
        PCM,
        channels,
        sample_rate,
        sample_rate * align,
        align,
        16,
        b"data",
        data_bytes,
    )


class TakeInUse(AudioError):
    """Another process (a second workbench window) is recording into this file right now."""


def _lock(fd: int, path: Path) -> None:
    """Hold an exclusive advisory lock on a take while writing or repairing it.

    The kernel drops it when the process dies, so a crashed take is never locked.
    Where advisory locks do not exist (Windows), nothing is locked.
    """
    try:
        import fcntl
    except ImportError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise TakeInUse(
            f"{path} is being recorded by another workbench window; stop it there first."
        ) from None


@dataclass(frozen=True)
class RepairReport:
    path: Path
    frames_declared_before: int
    frames: int
    bytes_dropped: int  # a partial sample at the very end, written when the process died

    @property
    def changed(self) -> bool:
        return self.frames_declared_before != self.frames or self.bytes_dropped > 0


def repair_wav(path: Path) -> RepairReport:
    """Make the header of an interrupted take match the samples in the file.

    Only for files whose data chunk is last (as the writer makes them): the sizes are set
    from the file length and a trailing partial frame is cut off.
    """
    path = Path(path)
    _blob, info = _read_header(path)
    if info.format_tag != PCM or info.bits_per_sample != 16:
        raise InvalidAudioFile(f"{path} was not written by the workbench recorder; not repairing it.")
    size = path.stat().st_size
    present = size - info.data_offset
    whole = present - present % info.block_align
    frames = whole // info.block_align
    with path.open("r+b") as handle:
        _lock(handle.fileno(), path)
        if whole != present:
            handle.truncate(info.data_offset + whole)
        handle.seek(4)
        handle.write(struct.pack("<I", info.data_offset - 8 + whole))
        handle.seek(info.data_offset - 4)
        handle.write(struct.pack("<I", whole))
        handle.flush()
        os.fsync(handle.fileno())
    return RepairReport(path, info.declared_frames, frames, present - whole)


class WavWriter:
    """Appends 16-bit PCM to a WAV file, keeping the header at most ``flush_interval_s`` stale."""

    def __init__(
        self,
        path: Path,
        handle_fd: int,
        sample_rate: int,
        channels: int,
        frames: int,
        flush_interval_s: float,
    ) -> None:
        self.path = path
        self.sample_rate = sample_rate
        self.channels = channels
        self.frames = frames
        self.flush_interval_s = flush_interval_s
        self._fd: int | None = handle_fd
        self._header_frames = frames
        self._last_flush = time.monotonic()

    @classmethod
    def create(
        cls, path: Path, sample_rate: int = 16000, channels: int = 1, flush_interval_s: float = 1.0
    ) -> WavWriter:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: never overwrite an earlier take by accident.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            _lock(fd, path)
            os.write(fd, _header(sample_rate, channels, 0))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, sample_rate, channels, 0, flush_interval_s)

    @classmethod
    def append_to(cls, path: Path, flush_interval_s: float = 1.0) -> WavWriter:
        """Continue an existing take (repaired first, so a crashed one continues too)."""
        path = Path(path)
        repair_wav(path)
        info = inspect_wav(path)
        if info.data_offset != HEADER_BYTES:
            raise InvalidAudioFile(f"{path} was not written by the workbench recorder; cannot continue it.")
        fd = os.open(path, os.O_WRONLY)
        try:
            _lock(fd, path)
        except BaseException:
            os.close(fd)
            raise
        os.lseek(fd, 0, os.SEEK_END)
        return cls(path, fd, info.sample_rate, info.channels, info.frames, flush_interval_s)

    @property
    def closed(self) -> bool:
        return self._fd is None

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    def write(self, samples: Int16Array) -> None:
        if self._fd is None:
            raise ValueError("the WAV file is closed")
        data = np.ascontiguousarray(samples, dtype="<i2").tobytes()
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self.frames += len(data) // (2 * self.channels)
        if time.monotonic() - self._last_flush >= self.flush_interval_s:
            self.flush()

    def flush(self) -> None:
        """Patch the RIFF and data sizes and push everything to the disk."""
        if self._fd is None:
            return
        self._last_flush = time.monotonic()
        data_bytes = self.frames * 2 * self.channels
        if self.frames != self._header_frames:
            os.pwrite(self._fd, struct.pack("<I", 36 + data_bytes), 4)
            os.pwrite(self._fd, struct.pack("<I", data_bytes), 40)
            self._header_frames = self.frames
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is None:
            return
        try:
            self.flush()
        finally:
            os.close(self._fd)
            self._fd = None
