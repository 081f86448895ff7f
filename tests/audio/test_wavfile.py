from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio.conftest import RATE
from workbench.audio.errors import InvalidAudioFile
from workbench.audio.resample import StreamResampler, resample
from workbench.audio.wavfile import TakeInUse, WavWriter, inspect_wav, load_speech, repair_wav


def tone(rate: int, seconds: float, hz: float = 440.0) -> np.ndarray:
    return 0.5 * np.sin(2 * np.pi * hz * np.arange(round(rate * seconds)) / rate)


def test_a_16k_mono_file_is_read_exactly(tmp_path: Path) -> None:
    samples = (tone(RATE, 0.5) * 32767).astype(np.int16)
    path = tmp_path / "a.wav"
    soundfile.write(path, samples, RATE, subtype="PCM_16")
    audio = load_speech(path)
    assert audio.conversions == ()
    assert np.array_equal(audio.samples, samples)


@pytest.mark.parametrize(
    ("rate", "channels", "subtype", "expected"),
    [
        (44100, 2, "PCM_16", ["mixed 2 channels down to mono", "resampled 44100 Hz to 16000 Hz"]),
        (16000, 1, "PCM_U8", ["converted 8-bit samples to 16-bit"]),
        (48000, 1, "PCM_24", ["converted 24-bit samples to 16-bit", "resampled 48000 Hz to 16000 Hz"]),
        (22050, 1, "FLOAT", ["converted float samples to 16-bit", "resampled 22050 Hz to 16000 Hz"]),
        (8000, 1, "PCM_32", ["converted 32-bit samples to 16-bit", "resampled 8000 Hz to 16000 Hz"]),
    ],
)
def test_other_wavs_are_converted_and_say_how(
    tmp_path: Path, rate: int, channels: int, subtype: str, expected: list[str]
) -> None:
    signal = tone(rate, 1.0)
    data = np.column_stack([signal] * channels) if channels > 1 else signal
    path = tmp_path / "in.wav"
    soundfile.write(path, data, rate, subtype=subtype)
    audio = load_speech(path)
    assert list(audio.conversions) == expected
    assert len(audio.samples) == RATE
    reference = (tone(RATE, 1.0) * 32767).astype(np.int16)
    # The same 440 Hz tone after conversion (8-bit is only good to about 1 %).
    error = np.abs(audio.samples[200:-200].astype(int) - reference[200:-200]).max() / 32767
    assert error < (0.02 if subtype == "PCM_U8" else 0.01)


def test_a_truncated_file_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "t.wav"
    soundfile.write(path, (tone(RATE, 1.0) * 32767).astype(np.int16), RATE, subtype="PCM_16")
    path.write_bytes(path.read_bytes()[: 44 + RATE])  # half a second of the declared second
    info = inspect_wav(path)
    assert info.truncated
    audio = load_speech(path)
    assert len(audio.samples) == RATE // 2
    assert audio.conversions[0].startswith("truncated: the header declares 1.00 s, the file holds 0.50 s")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a WAV file"),
        (b"ID3\x03\x00\x00\x00" + b"\x00" * 100, "not a WAV file"),
        (b"just some text, not audio at all\n" * 10, "not a WAV file"),
        (b"RIFF\x04\x00\x00\x00WAVE", "no format chunk"),
    ],
)
def test_files_that_are_not_audio_get_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.wav"
    path.write_bytes(content)
    with pytest.raises(InvalidAudioFile, match=message):
        load_speech(path)


def test_unsupported_encodings_and_empty_files_are_refused(tmp_path: Path) -> None:
    mulaw = tmp_path / "mulaw.wav"
    subprocess.run(
        ["sox", "-n", "-r", "8000", "-e", "mu-law", "-b", "8", str(mulaw), "trim", "0", "0.1"], check=True
    )
    with pytest.raises(InvalidAudioFile, match="µ-law audio"):
        load_speech(mulaw)
    empty = tmp_path / "empty.wav"
    soundfile.write(empty, np.zeros(0, np.int16), RATE, subtype="PCM_16")
    with pytest.raises(InvalidAudioFile, match="holds no audio"):
        load_speech(empty)
    with pytest.raises(InvalidAudioFile, match="does not exist"):
        load_speech(tmp_path / "missing.wav")
    with pytest.raises(InvalidAudioFile, match="is a folder"):
        load_speech(tmp_path)


def test_writer_keeps_the_header_current_at_each_flush(tmp_path: Path) -> None:
    path = tmp_path / "take.wav"
    writer = WavWriter.create(path, RATE, flush_interval_s=3600)
    writer.write(np.ones(1000, np.int16))
    # Not flushed yet: the header still says 0 bytes, but the samples are already in the file.
    assert struct.unpack("<I", path.read_bytes()[40:44])[0] == 0
    assert path.stat().st_size == 44 + 2000
    writer.flush()
    assert inspect_wav(path).declared_frames == 1000
    writer.write(np.ones(500, np.int16))
    writer.close()
    data, rate = soundfile.read(path, dtype="int16")
    assert (len(data), rate) == (1500, RATE)
    with pytest.raises(FileExistsError):
        WavWriter.create(path, RATE)


def test_writer_flushes_by_itself_every_interval(tmp_path: Path) -> None:
    path = tmp_path / "take.wav"
    writer = WavWriter.create(path, RATE, flush_interval_s=0.0)
    writer.write(np.ones(480, np.int16))
    assert inspect_wav(path).declared_frames == 480
    writer.close()


def test_repair_fixes_sizes_and_cuts_a_partial_sample(tmp_path: Path) -> None:
    path = tmp_path / "take.wav"
    writer = WavWriter.create(path, RATE, flush_interval_s=3600)
    writer.write(np.arange(1000, dtype=np.int16))
    writer.flush()
    writer.write(np.arange(600, dtype=np.int16))
    with pytest.raises(TakeInUse, match="being recorded by another workbench window"):
        repair_wav(path)  # never while someone is writing it
    # A death mid-write: the kernel closes the file (dropping the lock), the header is stale,
    # and half a sample made it to the disk.
    assert writer._fd is not None
    os.close(writer._fd)
    with path.open("ab") as handle:
        handle.write(b"\x01")
    report = repair_wav(path)
    assert (report.frames_declared_before, report.frames, report.bytes_dropped) == (1000, 1600, 1)
    data, _ = soundfile.read(path, dtype="int16")
    assert np.array_equal(data, np.concatenate((np.arange(1000), np.arange(600))).astype(np.int16))
    riff_size = struct.unpack("<I", path.read_bytes()[4:8])[0]
    assert riff_size == path.stat().st_size - 8
    assert not repair_wav(path).changed


def test_append_continues_a_take(tmp_path: Path) -> None:
    path = tmp_path / "take.wav"
    first = WavWriter.create(path, RATE)
    first.write(np.full(300, 5, np.int16))
    first.close()
    again = WavWriter.append_to(path)
    assert again.frames == 300
    again.write(np.full(200, 7, np.int16))
    again.close()
    data, _ = soundfile.read(path, dtype="int16")
    assert data.tolist() == [5] * 300 + [7] * 200


def test_streaming_resampler_matches_whole_signal_conversion() -> None:
    signal = np.random.default_rng(1).normal(0, 0.1, 44100).astype(np.float32)
    whole = resample(signal, 44100, RATE)
    converter = StreamResampler(44100, RATE)
    pieces = [converter.process(signal[i : i + 441]) for i in range(0, len(signal), 441)]
    streamed = np.concatenate([*pieces, converter.flush()])[: len(whole)]
    assert len(whole) == RATE
    assert np.allclose(streamed, whole, atol=1e-6)


def test_resampling_removes_what_the_lower_rate_cannot_carry() -> None:
    # 12 kHz is above the 8 kHz Nyquist limit of 16 kHz audio: it must not fold back in.
    alias = resample(tone(44100, 1.0, hz=12000), 44100, RATE)
    kept = resample(tone(44100, 1.0, hz=1000), 44100, RATE)
    assert np.sqrt(np.mean(alias[200:-200] ** 2)) < 0.01
    assert np.sqrt(np.mean(kept[200:-200] ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.02)
