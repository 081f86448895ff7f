"""Transcribing a long audio file (an hour, two) piece by piece: bounded memory, progress, Cancel.

A file is read in blocks (WAV, FLAC and OGG stream through libsndfile; MP3, M4A and the other
formats FFmpeg knows stream through PyAV, frame by frame), cut into pieces of about ``piece_s`` seconds at the quietest moment near each
boundary (never inside a word), and each piece is transcribed on its own. Progress is the audio
time done; Cancel is honoured between pieces and, inside a piece, by the engine itself — so it
takes effect within a few seconds whatever the file's length.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.asr import waveform
from workbench.asr.engine import SAMPLE_RATE, CancelFlag, check_cancelled
from workbench.asr.errors import NotAudio
from workbench.asr.transcript import Segment, Transcript, join_segments

PIECE_S = 30.0
CUT_SEARCH_S = 5.0
BLOCK_S = 10.0

# (audio seconds done, audio seconds in all), from the transcribing thread.
FileProgress = Callable[[float, float], None]
# One piece of 16 kHz float32 samples in, its transcript out (engine, prompt and corrections inside).
TranscribePiece = Callable[[waveform.Float32Array], Transcript]


@dataclass(frozen=True)
class AudioFile:
    """A file opened for streaming: its length in seconds and its 16 kHz mono blocks."""

    path: Path
    duration_s: float
    blocks: Iterator[waveform.Float32Array]


def open_audio(path: Path | str, block_s: float = BLOCK_S) -> AudioFile:
    """Open ``path`` for reading in blocks; raises NotAudio with what to do if it is not audio."""
    path = Path(path)
    import soundfile

    try:
        info = soundfile.info(str(path))
    except (RuntimeError, OSError):  # libsndfile cannot read it: let FFmpeg try (MP3, M4A, …)
        return _open_with_ffmpeg(path, block_s)
    if info.frames <= 0 or info.samplerate <= 0:
        return _open_with_ffmpeg(path, block_s)
    return AudioFile(path, info.frames / info.samplerate, _stream(path, info.samplerate, block_s))


def _not_audio(path: Path, exc: BaseException) -> NotAudio:
    return NotAudio(
        f"{path.name} is not an audio file this program can read ({type(exc).__name__}). "
        "Use WAV, FLAC, MP3, M4A or OGG."
    )


def _open_with_ffmpeg(path: Path, block_s: float) -> AudioFile:
    """Compressed formats, decoded as they are read: a two-hour phone recording neither fills
    memory (460 MB as float32) nor keeps Cancel waiting for the whole decode."""
    if not path.is_file():
        raise NotAudio(f"There is no audio file at {path}.")
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.audio[0]
            if stream.duration is not None and stream.time_base is not None:
                duration = float(stream.duration * stream.time_base)
            elif container.duration is not None:
                duration = container.duration / av.time_base
            else:
                duration = 0.0
    except Exception as exc:  # PyAV raises many types (InvalidDataError, IndexError, …)
        raise _not_audio(path, exc) from None
    if duration <= 0:  # no length in the header: decode it whole to know
        samples = waveform.load(path)
        return AudioFile(path, waveform.duration_s(samples), _slices(samples, block_s))
    return AudioFile(path, duration, _decode_blocks(path, block_s))


def _decode_blocks(path: Path, block_s: float) -> Iterator[waveform.Float32Array]:
    import av

    wanted = int(block_s * SAMPLE_RATE)
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    pending: list[np.ndarray] = []
    size = 0
    try:
        with av.open(str(path)) as container:
            for frame in container.decode(audio=0):
                frame.pts = None  # the resampler keeps its own time; gaps in pts would upset it
                for out in [*resampler.resample(frame)]:
                    pending.append(out.to_ndarray().reshape(-1).astype(np.float32, copy=False))
                    size += pending[-1].size
                while size >= wanted:
                    joined = np.concatenate(pending)
                    yield joined[:wanted]
                    pending, size = [joined[wanted:]], joined.size - wanted
            for out in resampler.resample(None):  # what the resampler still holds
                pending.append(out.to_ndarray().reshape(-1).astype(np.float32, copy=False))
    except Exception as exc:
        raise _not_audio(path, exc) from None
    if pending:
        tail = np.concatenate(pending)
        if tail.size:
            yield tail


def _slices(samples: waveform.Float32Array, block_s: float) -> Iterator[waveform.Float32Array]:
    step = int(block_s * SAMPLE_RATE)
    for start in range(0, samples.size, step):
        yield samples[start : start + step]


def _stream(path: Path, rate: int, block_s: float) -> Iterator[waveform.Float32Array]:
    import soundfile

    from workbench.audio.resample import StreamResampler

    resampler = StreamResampler(rate, SAMPLE_RATE) if rate != SAMPLE_RATE else None
    with soundfile.SoundFile(str(path)) as handle:
        while True:
            block = handle.read(int(block_s * rate), dtype="float32", always_2d=True)
            if block.shape[0] == 0:
                break
            mono = block.mean(axis=1).astype(np.float32)
            yield resampler.process(mono) if resampler is not None else mono
        if resampler is not None:
            tail = resampler.flush()
            if tail.size:
                yield tail


def _pieces(
    blocks: Iterator[waveform.Float32Array], piece_s: float
) -> Iterator[tuple[int, waveform.Float32Array]]:
    """(offset in samples, samples) of consecutive pieces cut at quiet moments."""
    limit = int(piece_s * SAMPLE_RATE)
    search = int(CUT_SEARCH_S * SAMPLE_RATE)
    pending = np.zeros(0, np.float32)
    offset = 0
    for block in blocks:
        pending = np.concatenate([pending, block]) if pending.size else block
        while pending.size >= limit + search:
            # The quietest moment within CUT_SEARCH_S either side of the nominal length.
            cut = waveform.quiet_cut(pending, limit + search, 2 * search)
            if cut <= 0:
                cut = limit
            yield offset, pending[:cut]
            offset += cut
            pending = pending[cut:]
    if pending.size:
        yield offset, pending


def transcribe_file(
    path: Path | str,
    transcribe: TranscribePiece,
    *,
    progress: FileProgress | None = None,
    cancel: CancelFlag | None = None,
    piece_s: float = PIECE_S,
) -> Transcript:
    """The whole file's transcript, on the file's timeline; raises TranscriptionCancelled on Cancel."""
    audio = open_audio(path)
    total = audio.duration_s
    segments: list[Segment] = []
    originals: list[Segment] = []
    language: str | None = None
    original_language: str | None = None
    engine, model, task = "", "", "transcribe"
    if progress:
        progress(0.0, total)
    for offset, samples in _pieces(audio.blocks, piece_s):
        check_cancelled(cancel)
        start_s = offset / SAMPLE_RATE
        if not waveform.is_silent(samples):
            piece = transcribe(samples).shifted(start_s)
            segments.extend(piece.segments)
            language = language or piece.language
            engine, model, task = piece.engine, piece.model, piece.task
            if piece.original is not None:
                originals.extend(piece.original.segments)
                original_language = original_language or piece.original.language
        if progress:
            progress(min(total, start_s + samples.size / SAMPLE_RATE), total)
    original = (
        Transcript(
            join_segments(originals), tuple(originals), original_language, engine, model, duration_s=total
        )
        if originals
        else None
    )
    return Transcript(
        join_segments(segments), tuple(segments), language, engine, model, task, total, original
    )
