"""Test speech made with espeak-ng, and dictation built from it with known pauses."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from workbench.audio.wavfile import load_speech

RATE = 16000
SENTENCES = (
    "The patient reports chest pain since yesterday morning",
    "Blood pressure is one hundred forty over ninety",
    "Start lisinopril ten milligrams daily",
)


def speak(text: str, directory: Path, name: str) -> Path:
    """espeak-ng speech as 16 kHz mono 16-bit, as TESTING.md makes it."""
    raw = directory / f"{name}-raw.wav"
    out = directory / f"{name}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True)
    return out


@dataclass(frozen=True)
class Dictation:
    """Speech with silences between the sentences, and where the speech really is."""

    samples: npt.NDArray[np.int16]
    speech: tuple[tuple[int, int], ...]  # [first, last] audible sample of each sentence

    def write(self, path: Path) -> Path:
        import soundfile

        soundfile.write(path, self.samples, RATE, subtype="PCM_16")
        return path


@pytest.fixture(scope="session")
def utterances(tmp_path_factory: pytest.TempPathFactory) -> list[npt.NDArray[np.int16]]:
    directory = tmp_path_factory.mktemp("speech")
    return [load_speech(speak(text, directory, f"s{i}")).samples for i, text in enumerate(SENTENCES)]


def build_dictation(
    utterances: list[npt.NDArray[np.int16]],
    gap_s: float = 1.5,
    lead_s: float = 1.0,
    tail_s: float = 1.5,
    noise: float = 30.0,
    seed: int = 7,
) -> Dictation:
    """Sentences separated by ``gap_s`` of quiet room noise (pure zeros never happen in a room)."""
    pieces: list[npt.NDArray[np.float64]] = [np.zeros(round(lead_s * RATE))]
    speech = []
    position = len(pieces[0])
    for index, utterance in enumerate(utterances):
        audible = np.nonzero(np.abs(utterance) > 300)[0]
        speech.append((position + int(audible[0]), position + int(audible[-1])))
        pieces.append(utterance.astype(np.float64))
        position += len(utterance)
        gap = np.zeros(round((tail_s if index == len(utterances) - 1 else gap_s) * RATE))
        pieces.append(gap)
        position += len(gap)
    mixed = np.concatenate(pieces) + np.random.default_rng(seed).normal(0, noise, position)
    return Dictation(np.clip(np.round(mixed), -32768, 32767).astype(np.int16), tuple(speech))


@pytest.fixture(scope="session")
def dictation(utterances: list[npt.NDArray[np.int16]]) -> Dictation:
    return build_dictation(utterances)
