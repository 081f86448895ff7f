from __future__ import annotations

import numpy as np
import pytest

from workbench.asr import Transcriber, Transcript, create, engine_names, register
from workbench.asr.engine import AudioInput, normalise_language
from workbench.asr.errors import UnknownEngine
from workbench.asr.local import LocalWhisper
from workbench.asr.waveform import as_float32, to_wav_bytes


def test_registry_names_the_builtin_engines_and_builds_them_lazily() -> None:
    assert {"local", "openai", "aws"} <= set(engine_names())
    engine = create("local", model="tiny.en")
    assert isinstance(engine, LocalWhisper) and isinstance(engine, Transcriber)
    with pytest.raises(UnknownEngine, match=r"choose one of: .*local"):
        create("dragon")


class Echo:
    name = "echo"

    def transcribe(self, audio: AudioInput, **options: object) -> Transcript:
        return Transcript("echo", (), "en", self.name)


def test_more_engines_can_register() -> None:
    register("echo", Echo)
    assert create("echo").transcribe(np.zeros(10, dtype=np.int16)).text == "echo"


@pytest.mark.parametrize(
    ("given", "expected"), [("auto", None), ("", None), (None, None), ("en-US", "en"), ("ES", "es")]
)
def test_language_codes_are_normalised(given: str | None, expected: str | None) -> None:
    assert normalise_language(given) == expected


def test_int16_audio_survives_the_wav_round_trip_exactly() -> None:
    import io
    import wave

    samples = np.array([-32768, -1, 0, 1, 12345, 32767], dtype=np.int16)
    with wave.open(io.BytesIO(to_wav_bytes(as_float32(samples)))) as wav:
        assert np.array_equal(np.frombuffer(wav.readframes(6), dtype="<i2"), samples)
