"""A take on disk: a plain WAV file, or sealed parts (encrypted at rest), read the same way.

A sealed take is named ``….sealed`` and made of parts: the named file, then ``….sealed.1``,
``….sealed.2`` … Every start, resume or continuation after a crash writes a NEW part with its
own random salt (:class:`~workbench.security.sealed_file.SealedWriter`), so no key and nonce
pair is ever used twice and nothing already sealed is rewritten. A part holds a small header
(the take's name digest, the part's index, rate and channels) followed by raw 16-bit PCM, all
sealed in one-second chunks: a crash loses at most the chunk being filled, and a part moved
from another take or out of its place does not open.

The digest of a sealed take (what the recordings table stores) is the SHA-256 of its PCM as
decrypted, so it says the same thing however the parts were cut; a plain take's digest is the
SHA-256 of the WAV file, as before.

The key is given by the caller (services, from the installation); this module never looks
for one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from workbench.audio.errors import InvalidAudioFile
from workbench.audio.resample import resample
from workbench.audio.wavfile import PCM, SpeechAudio, WavInfo, _lock, inspect_wav, load_speech
from workbench.security.sealed_file import MAGIC, SealedFileError, SealedReader, SealedWriter, read_sealed

Int16Array = npt.NDArray[np.int16]
SEALED_SUFFIX = ".sealed"
PART_MAGIC = b"WBTAKE1\n"
_PART = struct.Struct(">8s16sIIH")  # magic, take digest, part index, sample rate, channels
_SEALED_HEAD = len(MAGIC) + 20  # the sealed file's own header (salt, chunk size)


class SealedTakeError(InvalidAudioFile):
    """A sealed take that cannot be read with the key at hand; the message says what to do."""


def is_sealed_take(path: Path) -> bool:
    return Path(path).name.endswith(SEALED_SUFFIX)


def sealed_take_name(stem: str) -> str:
    return stem + SEALED_SUFFIX


def part_path(path: Path, index: int) -> Path:
    path = Path(path)
    return path if index == 0 else path.with_name(f"{path.name}.{index}")


def part_paths(path: Path) -> list[Path]:
    """The parts of a sealed take that exist, in order (empty if the take itself is gone)."""
    found: list[Path] = []
    while (candidate := part_path(path, len(found))).exists():
        found.append(candidate)
    return found


def _take_digest(path: Path) -> bytes:
    return hashlib.sha256(Path(path).name.encode()).digest()[:16]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class TakeInfo:
    path: Path
    sample_rate: int
    channels: int
    frames: int
    parts: int  # 1 for a WAV take

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate


@dataclass(frozen=True)
class _SealedPcm:
    pcm: bytes
    sample_rate: int | None  # None while no part has sealed its header yet
    channels: int
    parts: int


def _missing(path: Path) -> InvalidAudioFile:
    return InvalidAudioFile(f"The recording {Path(path).name} is no longer on this computer.")


def _need_key(path: Path, key: bytes | None) -> bytes:
    if key is None:
        raise SealedTakeError(
            f"The recording {Path(path).name} is encrypted; it opens only through the workbench of the "
            "installation that recorded it (with its installation key)."
        )
    return key


@contextlib.contextmanager
def _reading(path: Path, part: Path) -> Iterator[None]:
    """Turn what can go wrong reading one part into a message about the recording."""
    try:
        yield
    except SealedFileError as exc:
        raise SealedTakeError(
            f"The recording {Path(path).name} cannot be opened: {exc} If the installation key was "
            "replaced, restore the original from its backup (workbench keys restore)."
        ) from None
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise InvalidAudioFile(f"Cannot read the recording {part.name}: {exc.strerror}.") from None


@dataclass
class _Format:
    """The take's format as its parts' headers say, checked part by part."""

    path: Path
    digest: bytes
    sample_rate: int | None = None  # None while no part has sealed its header yet
    channels: int = 1

    def check(self, part: Path, index: int, head: bytes) -> None:
        magic, part_digest, part_index, rate, channels = _PART.unpack_from(head)
        if magic != PART_MAGIC or part_digest != self.digest or part_index != index:
            raise SealedTakeError(
                f"{part.name} is not part {index} of the recording {self.path.name}: parts were moved or "
                "renamed. Put the take's files back as they were recorded."
            )
        if self.sample_rate is not None and (rate, channels) != (self.sample_rate, self.channels):
            raise SealedTakeError(f"{part.name} holds audio in another format than the rest of its take.")
        self.sample_rate, self.channels = rate, channels


def _sealed_parts(path: Path, key: bytes | None) -> tuple[bytes, list[Path], _Format]:
    key = _need_key(path, key)
    parts = part_paths(path)
    if not parts:
        raise _missing(path)
    return key, parts, _Format(Path(path), _take_digest(path))


def _read_sealed_take(path: Path, key: bytes | None) -> _SealedPcm:
    key, parts, found = _sealed_parts(path, key)
    pieces: list[bytes] = []
    for index, part in enumerate(parts):
        with _reading(path, part):
            if part.stat().st_size < _SEALED_HEAD:
                continue  # created, then the process died before its header was written
            # A part cut off by a crash keeps its sealed chunks; only the one being filled is lost.
            plain = read_sealed(part, key, allow_incomplete=True)
        if len(plain) < _PART.size:
            continue  # no chunk sealed before a crash: the part holds no audio
        found.check(part, index, plain)
        body = plain[_PART.size :]
        pieces.append(body[: len(body) - len(body) % (2 * found.channels)])
    return _SealedPcm(b"".join(pieces), found.sample_rate, found.channels, len(parts))


def inspect_take(path: Path, key: bytes | None = None) -> TakeInfo:
    """Rate, channels and frames of a take (WAV or sealed); a take being written is readable too."""
    path = Path(path)
    if not is_sealed_take(path):
        info = inspect_wav(path)
        return TakeInfo(path, info.sample_rate, info.channels, info.frames, 1)
    sealed = _read_sealed_take(path, key)
    rate = sealed.sample_rate or 16000
    return TakeInfo(path, rate, sealed.channels, len(sealed.pcm) // (2 * sealed.channels), sealed.parts)


def take_duration(path: Path, key: bytes | None = None) -> float:
    return inspect_take(path, key).duration_s


def take_sha256(path: Path, key: bytes | None = None) -> str:
    """The digest the recordings table keeps: of the WAV file, or of a sealed take's PCM."""
    if not is_sealed_take(path):
        return file_sha256(path)
    return hashlib.sha256(_read_sealed_take(path, key).pcm).hexdigest()


def sealed_take_summary(path: Path, key: bytes | None) -> tuple[int, str]:
    """Frames and digest of what a sealed take holds on disk (after a failed write, less than was fed)."""
    sealed = _read_sealed_take(path, key)
    return len(sealed.pcm) // (2 * sealed.channels), hashlib.sha256(sealed.pcm).hexdigest()


def open_take(path: Path, key: bytes | None = None, sample_rate: int = 16000) -> SpeechAudio:
    """The whole take as 16-bit mono at ``sample_rate``, like :func:`~workbench.audio.wavfile.load_speech`."""
    path = Path(path)
    if not is_sealed_take(path):
        return load_speech(path, sample_rate)
    sealed = _read_sealed_take(path, key)
    rate = sealed.sample_rate or sample_rate
    frames = len(sealed.pcm) // (2 * sealed.channels)
    if frames == 0:
        raise InvalidAudioFile(f"{path.name} holds no audio (0 samples).")
    info = WavInfo(path, rate, sealed.channels, 16, PCM, 0, frames, frames)
    samples = np.frombuffer(sealed.pcm, "<i2").astype(np.int16).reshape(-1, sealed.channels)
    conversions: list[str] = []
    if sealed.channels > 1:
        conversions.append(f"mixed {sealed.channels} channels down to mono")
    mono = samples.mean(axis=1).round().astype(np.int16) if sealed.channels > 1 else samples[:, 0]
    if rate != sample_rate:
        conversions.append(f"resampled {rate} Hz to {sample_rate} Hz")
        floats = resample(mono.astype(np.float32) / 32768.0, rate, sample_rate)
        mono = np.clip(np.round(floats * 32767.0), -32768, 32767).astype(np.int16)
    return SpeechAudio(mono, sample_rate, info, tuple(conversions))


def read_sealed_span(
    path: Path, start_s: float, end_s: float, key: bytes | None, sample_rate: int
) -> Int16Array:
    """``[start_s, end_s)`` of a sealed take (empty past its end); the take may still be growing.

    Only the chunks the span lies in are decrypted (and each part's first, for its header), so
    a sentence plays as quickly from an hour's take as from a minute's.
    """
    key, parts, found = _sealed_parts(path, key)
    readers: list[SealedReader] = []
    for index, part in enumerate(parts):
        with _reading(path, part):
            if part.stat().st_size < _SEALED_HEAD:
                continue
            reader = SealedReader(part, key)
            if reader.size < _PART.size:
                continue
            found.check(part, index, reader.read(0, _PART.size))
        readers.append(reader)
    if found.sample_rate not in (None, sample_rate) or found.channels != 1:
        samples = open_take(path, key, sample_rate).samples
        return samples[round(start_s * sample_rate) : round(end_s * sample_rate)]
    first = max(0, round(start_s * sample_rate))
    wanted = (2 * first, 2 * max(first, round(end_s * sample_rate)))
    pieces: list[bytes] = []
    position = 0  # where the part's audio starts in the take, in bytes
    for reader in readers:
        size = reader.size - _PART.size
        size -= size % 2
        low, high = max(wanted[0], position), min(wanted[1], position + size)
        if low < high:
            with _reading(path, reader.path):
                pieces.append(reader.read(_PART.size + low - position, _PART.size + high - position))
        position += size
    return np.frombuffer(b"".join(pieces), "<i2").astype(np.int16)


def ensure_free(path: Path) -> None:
    """Raise :class:`~workbench.audio.wavfile.TakeInUse` when another recorder is writing the take."""
    for part in part_paths(path) if is_sealed_take(path) else [Path(path)]:
        fd = os.open(part, os.O_RDONLY)
        try:
            _lock(fd, Path(path))
        finally:
            os.close(fd)  # closing releases the lock taken to test it


class SealedTakeWriter:
    """Appends 16-bit PCM to a sealed take, one new part per writer (start, resume, after a crash)."""

    def __init__(
        self,
        path: Path,
        writer: SealedWriter,
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
        self._writer = writer
        self._last_sync = time.monotonic()

    @classmethod
    def _open_part(
        cls,
        path: Path,
        index: int,
        key: bytes,
        sample_rate: int,
        channels: int,
        frames: int,
        flush_interval_s: float,
    ) -> SealedTakeWriter:
        writer = SealedWriter(part_path(path, index), key)
        try:
            _lock(writer.fileno(), path)
            writer.write(_PART.pack(PART_MAGIC, _take_digest(path), index, sample_rate, channels))
        except BaseException:
            writer.close()
            raise
        return cls(path, writer, sample_rate, channels, frames, flush_interval_s)

    @classmethod
    def create(
        cls,
        path: Path,
        key: bytes,
        sample_rate: int = 16000,
        channels: int = 1,
        flush_interval_s: float = 1.0,
    ) -> SealedTakeWriter:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls._open_part(path, 0, key, sample_rate, channels, 0, flush_interval_s)

    @classmethod
    def append_to(
        cls,
        path: Path,
        key: bytes,
        sample_rate: int = 16000,
        channels: int = 1,
        flush_interval_s: float = 1.0,
    ) -> SealedTakeWriter:
        """Continue a take in a new part (a crashed part stays as the crash left it)."""
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
        ensure_free(path)
        sealed = _read_sealed_take(path, key)
        if sealed.sample_rate is not None and (sealed.sample_rate, sealed.channels) != (
            sample_rate,
            channels,
        ):
            raise InvalidAudioFile(
                f"{path.name} is {sealed.channels}-channel {sealed.sample_rate} Hz audio; it cannot be "
                f"continued as {channels}-channel {sample_rate} Hz."
            )
        frames = len(sealed.pcm) // (2 * channels)
        return cls._open_part(path, sealed.parts, key, sample_rate, channels, frames, flush_interval_s)

    @property
    def closed(self) -> bool:
        return self._writer.closed

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    def write(self, samples: Int16Array) -> None:
        if self._writer.closed:
            raise ValueError("the take is closed")
        data = np.ascontiguousarray(samples, dtype="<i2").tobytes()
        self._writer.write(data)
        self.frames += len(data) // (2 * self.channels)
        if time.monotonic() - self._last_sync >= self.flush_interval_s:
            self.flush()

    def flush(self) -> None:
        """Push the sealed chunks to the disk; the chunk being filled is sealed on close."""
        self._last_sync = time.monotonic()
        self._writer.sync()

    def close(self) -> None:
        self._writer.close()
