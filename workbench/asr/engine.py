"""One way to transcribe: the ``Transcriber`` protocol, and a registry of engines by name.

Engines differ in where the audio goes (this machine, a clinic server, a cloud) but all take the
same request and return the same ``Transcript``, so the dictation session, the CLI and the
transcription server never know which one they are talking to.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from workbench.asr.errors import TranscriptionCancelled, UnknownEngine
from workbench.asr.transcript import Transcript

SAMPLE_RATE = 16_000
Task = Literal["transcribe", "translate"]
# 16 kHz mono samples (int16 as recorded, or float32 in [-1, 1]), or a file in any format.
AudioInput = npt.NDArray[np.int16] | npt.NDArray[np.float32] | Path | str
# Called with the fraction done, 0.0 … 1.0, from the transcribing thread.
ProgressCallback = Callable[[float], None]


class CancelFlag(Protocol):
    """``threading.Event`` fits; so does anything else with ``is_set()``."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class Options:
    """What the caller asks for, independent of the engine."""

    language: str | None = None  # "en", "es", or None to detect
    task: Task = "transcribe"  # "translate": into English, keeping the original beside it
    initial_prompt: str | None = None


@runtime_checkable
class Transcriber(Protocol):
    name: str

    def transcribe(
        self,
        audio: AudioInput,
        *,
        language: str | None = None,
        task: Task = "transcribe",
        initial_prompt: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelFlag | None = None,
    ) -> Transcript: ...


def check_cancelled(cancel: CancelFlag | None) -> None:
    if cancel is not None and cancel.is_set():
        raise TranscriptionCancelled("Transcription was cancelled; the recording is kept as it was.")


def normalise_language(language: str | None) -> str | None:
    """'auto' and '' mean detect; 'en-US' and 'EN' mean 'en'."""
    if not language or language.lower() == "auto":
        return None
    return language.split("-")[0].split("_")[0].lower()


EngineFactory = Callable[..., Transcriber]
_registry: dict[str, EngineFactory] = {}
_lock = threading.Lock()


def register(name: str, factory: EngineFactory) -> None:
    with _lock:
        _registry[name] = factory


def engine_names() -> list[str]:
    _register_builtin()
    return sorted(_registry)


def create(name: str, **options: Any) -> Transcriber:
    """An engine by its registered name; ``options`` go to its constructor."""
    _register_builtin()
    try:
        factory = _registry[name]
    except KeyError:
        raise UnknownEngine(
            f"There is no transcription engine called {name!r}; choose one of: {', '.join(engine_names())}."
        ) from None
    return factory(**options)


def _register_builtin() -> None:
    # Imported on first use so that choosing an engine never loads another engine's libraries.
    if {"local", "openai", "aws"} <= _registry.keys():
        return

    def local(**options: Any) -> Transcriber:
        from workbench.asr.local import LocalWhisper

        return LocalWhisper(**options)

    def openai(**options: Any) -> Transcriber:
        from workbench.asr.openai_http import OpenAICompatible

        return OpenAICompatible(**options)

    def aws(**options: Any) -> Transcriber:
        from workbench.asr.aws import AwsTranscribe

        return AwsTranscribe(**options)

    with _lock:
        _registry.setdefault("local", local)
        _registry.setdefault("openai", openai)
        _registry.setdefault("aws", aws)
