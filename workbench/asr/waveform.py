"""Audio in the one shape the engines want: 16 kHz mono float32, or 16-bit PCM WAV bytes."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

from workbench.asr.engine import SAMPLE_RATE, AudioInput
from workbench.asr.errors import NotAudio

Float32Array = npt.NDArray[np.float32]


def as_float32(samples: npt.NDArray[np.int16] | npt.NDArray[np.float32]) -> Float32Array:
    data = np.asarray(samples).reshape(-1)
    if data.dtype == np.int16:
        return (data.astype(np.float32) / 32768.0).astype(np.float32)
    if data.dtype.kind == "f":
        return data.astype(np.float32, copy=False)
    raise NotAudio(f"Audio samples must be int16 or float32, not {data.dtype}.")


def load(audio: AudioInput) -> Float32Array:
    """Decode a file (any format FFmpeg knows, through PyAV) or pass samples through."""
    if isinstance(audio, np.ndarray):
        return as_float32(audio)
    path = Path(audio)
    if not path.is_file():
        raise NotAudio(f"There is no audio file at {path}.")
    from faster_whisper.audio import decode_audio  # PyAV: loaded only when a file is decoded

    try:
        decoded = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many types (InvalidDataError, ValueError, IndexError…)
        raise NotAudio(
            f"{path.name} is not an audio file this program can read ({type(exc).__name__}). "
            "Use WAV, FLAC, MP3, M4A or OGG."
        ) from None
    return np.asarray(decoded, dtype=np.float32)


def to_wav_bytes(samples: Float32Array) -> bytes:
    """16-bit PCM WAV: what every transcription service accepts."""
    # x 32768 undoes as_float32 exactly, so int16 audio survives the trip bit for bit.
    pcm = np.clip(np.round(samples * 32768.0), -32768, 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def is_silent(samples: Float32Array, threshold_dbfs: float = -50.0) -> bool:
    """True when no 30 ms frame rises above ``threshold_dbfs`` — nothing to transcribe.

    Whisper invents text over silence ("Thank you."); not asking it is the surest cure.
    """
    if samples.size == 0:
        return True
    frame = SAMPLE_RATE * 30 // 1000
    usable = samples[: samples.size - samples.size % frame] if samples.size >= frame else samples
    frames = usable.reshape(-1, min(frame, usable.size))
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    peak_dbfs = 20 * np.log10(max(float(rms.max()), 1e-10))
    return bool(peak_dbfs < threshold_dbfs)


def duration_s(samples: Float32Array) -> float:
    return samples.size / SAMPLE_RATE


def decode_bytes(data: bytes, name: str = "upload") -> Float32Array:
    """Decode an uploaded file held in memory (never written to disk: it is patient audio)."""
    from faster_whisper.audio import decode_audio

    try:
        decoded = decode_audio(io.BytesIO(data), sampling_rate=SAMPLE_RATE)
    except Exception as exc:
        raise NotAudio(f"{name} is not audio this server can read ({type(exc).__name__}).") from None
    return np.asarray(decoded, dtype=np.float32)


def quiet_cut(samples: Float32Array, around: int, search: int = 5 * SAMPLE_RATE) -> int:
    """The quietest 30 ms just before ``around``: where to split long audio without cutting a word."""
    start = max(0, around - search)
    window = samples[start:around]
    frame = SAMPLE_RATE * 30 // 1000
    if window.size < 2 * frame:
        return around
    usable = window[: window.size - window.size % frame].reshape(-1, frame)
    energy = np.mean(np.square(usable, dtype=np.float64), axis=1)
    return start + int(np.argmin(energy)) * frame + frame // 2
