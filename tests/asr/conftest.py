"""Speech and models shared by the transcription tests: each model loads once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.asr.speech import SENTENCES, SPANISH, speak
from workbench.asr.local import LocalWhisper


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="session")
def english_files(speech_dir: Path) -> list[tuple[Path, str]]:
    return [(speak(text, speech_dir / f"sentence{i}.wav"), text) for i, text in enumerate(SENTENCES)]


@pytest.fixture(scope="session")
def spanish_file(speech_dir: Path) -> Path:
    return speak(SPANISH, speech_dir / "spanish.wav", voice="es")


@pytest.fixture(scope="session")
def tiny() -> LocalWhisper:
    engine = LocalWhisper(model="tiny.en")
    engine.warm()
    return engine


@pytest.fixture(scope="session")
def base() -> LocalWhisper:
    engine = LocalWhisper(model="base")
    engine.warm()
    return engine
