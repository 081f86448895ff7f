"""Playing back the audio a sentence came from: the span is read exactly, even from a growing take."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio.pulse import running_pulse
from workbench.audio import capture
from workbench.audio.errors import InvalidAudioFile
from workbench.audio.playback import AudioSpan, Player, read_span
from workbench.audio.wavfile import WavWriter

RATE = 16000


def ramp(seconds: float) -> np.ndarray:
    return (np.arange(int(seconds * RATE)) % 30000).astype(np.int16)


def test_a_span_of_a_take_still_being_written_is_read_exactly(tmp_path: Path) -> None:
    samples = ramp(4.0)
    writer = WavWriter.create(tmp_path / "take.wav", flush_interval_s=3600)  # header not patched yet
    writer.write(samples)
    try:
        span = read_span(AudioSpan(writer.path, 1.25, 2.5))
        assert np.array_equal(span, samples[20000:40000])
        assert read_span(AudioSpan(writer.path, 3.5, 9.0)).size == RATE // 2  # cut at what exists
        assert read_span(AudioSpan(writer.path, 5.0, 6.0)).size == 0
    finally:
        writer.close()


def test_other_wav_layouts_are_converted_before_slicing(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    tone = 0.25 * np.sin(2 * np.pi * 440 * np.arange(2 * 48000) / 48000)
    soundfile.write(path, np.stack([tone, tone], axis=1), 48000, subtype="FLOAT")
    span = read_span(AudioSpan(path, 0.5, 1.0))
    assert span.size == RATE // 2
    assert 0.2 * 32767 < np.abs(span).max() < 0.3 * 32767


def test_a_missing_recording_says_so(tmp_path: Path) -> None:
    with pytest.raises(InvalidAudioFile, match="no longer on this computer"):
        read_span(AudioSpan(tmp_path / "gone.wav", 0.0, 1.0))
    path = tmp_path / "take.wav"
    soundfile.write(path, ramp(1.0), RATE, subtype="PCM_16")
    with pytest.raises(InvalidAudioFile, match="no audio at that point"):
        Player().play(AudioSpan(path, 2.0, 3.0))


@pytest.mark.audio
@pytest.mark.slow
def test_a_span_plays_through_a_real_audio_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "take.wav"
    soundfile.write(path, (0.2 * 32767 * np.sin(np.arange(3 * RATE) / 8)).astype(np.int16), RATE)
    with running_pulse() as env:
        for name in ("XDG_RUNTIME_DIR", "HOME", "PULSE_SERVER"):
            monkeypatch.setenv(name, env[name])
        capture.rescan_devices()
        player = Player(device="pulse")
        seconds = player.play(AudioSpan(path, 0.5, 2.0))
        assert seconds == pytest.approx(1.5)
        deadline = time.monotonic() + 5
        streams = ""
        while time.monotonic() < deadline and not streams:
            streams = subprocess.run(
                ["pactl", "list", "short", "sink-inputs"], env=env, capture_output=True, text=True
            ).stdout.strip()
            time.sleep(0.05)
        assert streams, "nothing reached the audio server"
        player.wait()
        player.stop()
    capture.rescan_devices()
