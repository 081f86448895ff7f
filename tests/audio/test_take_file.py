"""Sealed takes (recordings encrypted at rest) written by the real recorder, read the one way."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tests.audio.conftest import RATE, Dictation
from workbench.audio.capture import ArraySource
from workbench.audio.playback import AudioSpan, read_span
from workbench.audio.recorder import Recorder, RecorderState, record
from workbench.audio.take_file import (
    SealedTakeError,
    inspect_take,
    open_take,
    part_paths,
    take_duration,
    take_sha256,
)
from workbench.audio.vad import SpeechSegment, VadEvent, VadSettings, find_segments
from workbench.audio.wavfile import TakeInUse
from workbench.errors import WorkbenchError
from workbench.security.sealed_file import CHUNK

ROOT = Path(__file__).resolve().parents[2]
KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
PART_HEADER = 34  # the take header at the start of every part's plaintext


def state(recorder: Recorder) -> RecorderState:
    return recorder.state


def pcm_runs(samples: np.ndarray) -> list[bytes]:
    """Known stretches of the input as they would sit in a plain file: the start and some speech."""
    raw = samples.astype("<i2").tobytes()
    middle = len(raw) // 2
    return [raw[:4096], raw[middle : middle + 4096]]


def on_disk(take: Path) -> bytes:
    return b"".join(part.read_bytes() for part in part_paths(take))


def test_a_sealed_take_holds_no_plaintext_and_reads_back_exactly(
    tmp_path: Path, dictation: Dictation
) -> None:
    take = tmp_path / "take.sealed"
    recorder = Recorder(key=KEY)
    recorder.start(take)
    summary = record(ArraySource(dictation.samples), recorder)
    assert summary.frames == len(dictation.samples)
    assert summary.segments == 3

    assert sorted(p.name for p in tmp_path.iterdir()) == ["take.sealed"]
    blob = on_disk(take)
    for run in pcm_runs(dictation.samples):
        assert run not in blob
        assert run in dictation.samples.astype("<i2").tobytes()  # the search itself can succeed
    assert b"RIFF" not in blob and b"WAVE" not in blob

    audio = open_take(take, KEY)
    assert audio.sample_rate == RATE and audio.conversions == ()
    assert np.array_equal(audio.samples, dictation.samples)
    assert summary.sha256 == hashlib.sha256(dictation.samples.astype("<i2").tobytes()).hexdigest()
    assert take_sha256(take, KEY) == summary.sha256
    assert take_duration(take, KEY) == pytest.approx(len(dictation.samples) / RATE)


def test_the_wrong_key_or_none_does_not_open_it_and_says_why(tmp_path: Path) -> None:
    take = tmp_path / "take.sealed"
    recorder = Recorder(key=KEY)
    recorder.start(take)
    recorder.feed(np.arange(3 * RATE, dtype=np.int16))
    recorder.stop()
    with pytest.raises(SealedTakeError, match=r"cannot be opened.*wrong key.*restore the original") as caught:
        open_take(take, OTHER_KEY)
    assert isinstance(caught.value, WorkbenchError)
    with pytest.raises(SealedTakeError, match="encrypted"):
        open_take(take, None)
    with pytest.raises(SealedTakeError):
        read_span(AudioSpan(take, 0.0, 1.0, OTHER_KEY))
    with pytest.raises(SealedTakeError):
        Recorder(key=OTHER_KEY).reopen(take)
    # A sealed take needs a key to be written, and a WAV take none.
    with pytest.raises(ValueError, match="sealed takes"):
        Recorder().start(tmp_path / "plain.sealed")
    with pytest.raises(ValueError, match="sealed takes"):
        Recorder(key=KEY).start(tmp_path / "plain.wav")


def test_pause_restart_resume_is_one_continuous_take_in_new_parts(
    tmp_path: Path, dictation: Dictation
) -> None:
    take = tmp_path / "take.sealed"
    cut = (dictation.speech[0][1] + dictation.speech[1][0]) // 2
    seen: list[VadEvent] = []
    first = Recorder(VadSettings(), listener=seen.append, key=KEY)
    first.start(take)
    for begin in range(0, cut, 480):
        first.feed(dictation.samples[begin : min(begin + 480, cut)])
    first.pause()
    salt_of_first = take.read_bytes()[8:24]
    del first  # the application closes without stopping the take

    second = Recorder(VadSettings(), listener=seen.append, key=KEY)
    second.reopen(take, first_segment_index=1)
    assert state(second) is RecorderState.PAUSED
    assert second.frames == cut
    second.resume()
    for begin in range(cut, len(dictation.samples), 480):
        second.feed(dictation.samples[begin : begin + 480])
    summary = second.stop()

    parts = part_paths(take)
    assert [p.name for p in parts] == ["take.sealed", "take.sealed.1"]
    assert parts[1].read_bytes()[8:24] != salt_of_first  # a new part, under its own file key
    assert take.read_bytes()[8:24] == salt_of_first  # the first part was not rewritten
    assert summary.frames == len(dictation.samples)
    audio = open_take(take, KEY)
    assert np.array_equal(audio.samples, dictation.samples)
    assert inspect_take(take, KEY).parts == 2
    # A sentence across the pause reads from both parts.
    across = read_span(AudioSpan(take, cut / RATE - 0.5, cut / RATE + 0.5, KEY))
    assert np.array_equal(across, dictation.samples[cut - RATE // 2 : cut + RATE // 2])
    segments = [e for e in seen if isinstance(e, SpeechSegment)]
    assert [s.index for s in segments] == [0, 1, 2]
    for segment in segments:
        assert np.array_equal(segment.samples, audio.samples[segment.start : segment.end])


def test_spans_read_the_same_samples_as_from_a_plain_take(tmp_path: Path, dictation: Dictation) -> None:
    plain, sealed = tmp_path / "take.wav", tmp_path / "take.sealed"
    for path, key in ((plain, None), (sealed, KEY)):
        recorder = Recorder(key=key)
        recorder.start(path)
        record(ArraySource(dictation.samples), recorder)
    for start, end in ((0.0, 1.0), (1.25, 2.5), (3.3, 99.0), (99.0, 100.0)):
        expected = read_span(AudioSpan(plain, start, end))
        assert np.array_equal(read_span(AudioSpan(sealed, start, end, KEY)), expected)
    assert np.array_equal(open_take(plain).samples, open_take(sealed, KEY).samples)

    # The segments a transcription of the whole take would see are the same too.
    def bounds(samples: np.ndarray) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in find_segments(samples, VadSettings())]

    assert bounds(open_take(sealed, KEY).samples) == bounds(open_take(plain).samples)


def test_a_growing_sealed_take_is_readable_up_to_its_last_sealed_chunk(tmp_path: Path) -> None:
    take = tmp_path / "take.sealed"
    recorder = Recorder(key=KEY)
    recorder.start(take)
    samples = (np.arange(3 * RATE) % 2000).astype(np.int16)
    recorder.feed(samples)
    sealed_frames = (3 * RATE * 2 + PART_HEADER) // CHUNK * CHUNK // 2 - PART_HEADER // 2
    assert inspect_take(take, KEY).frames == sealed_frames
    span = read_span(AudioSpan(take, 0.0, 3.0, KEY))
    assert np.array_equal(span, samples[:sealed_frames])
    recorder.stop()
    assert inspect_take(take, KEY).frames == 3 * RATE


def test_parts_moved_or_swapped_do_not_open(tmp_path: Path) -> None:
    take = tmp_path / "take.sealed"
    recorder = Recorder(key=KEY)
    recorder.start(take)
    for _ in range(3):
        recorder.feed(np.full(RATE, 100, np.int16))
        recorder.pause()
        recorder.resume()
    recorder.stop()
    parts = part_paths(take)
    assert len(parts) == 4
    parts[1].rename(tmp_path / "aside")
    parts[2].rename(parts[1])
    (tmp_path / "aside").rename(parts[2])
    with pytest.raises(SealedTakeError, match=r"not part 1 of the recording take\.sealed"):
        open_take(take, KEY)

    other = tmp_path / "other.sealed"
    recorder = Recorder(key=KEY)
    recorder.start(other)
    recorder.feed(np.full(RATE, 100, np.int16))
    recorder.stop()
    take.unlink()
    other.rename(take)  # another take's part put in this one's place
    with pytest.raises(SealedTakeError, match="parts were moved or renamed"):
        open_take(take, KEY)


def test_a_sealed_take_is_held_by_one_recorder_at_a_time(tmp_path: Path) -> None:
    take = tmp_path / "take.sealed"
    first = Recorder(key=KEY)
    first.start(take)
    first.feed(np.ones(480, np.int16))
    with pytest.raises(TakeInUse):
        Recorder(key=KEY).reopen(take)
    first.pause()
    second = Recorder(key=KEY)
    second.reopen(take)
    first.resume()
    with pytest.raises(TakeInUse):
        second.resume()
    assert state(second) is RecorderState.PAUSED
    first.stop()
    second.resume()
    second.feed(np.ones(480, np.int16))
    assert second.stop().frames == 960
    assert np.array_equal(open_take(take, KEY).samples, np.ones(960, np.int16))


@pytest.mark.slow
def test_a_killed_sealed_recording_keeps_its_sealed_chunks_and_continues(
    tmp_path: Path, dictation: Dictation
) -> None:
    source = dictation.write(tmp_path / "dictation.wav")
    take = tmp_path / "take.sealed"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.audio.record_child", str(take), str(source), "--key-hex", KEY.hex()],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "recording\n"
        first = child.stdout.readline().split()
        assert first[0] == "segment"
        time.sleep(0.7)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        child.kill()

    for run in pcm_runs(dictation.samples):
        assert run not in on_disk(take)
    kept = inspect_take(take, KEY).frames
    # Whole sealed chunks survive; only the one being filled (at most a second) was lost.
    assert (2 * kept + PART_HEADER) % CHUNK == 0
    assert kept >= int(first[2]) - RATE // 3  # the first sentence was fed 0.7 s before the kill
    recovered = open_take(take, KEY).samples
    assert np.array_equal(recovered, dictation.samples[:kept])

    recorder = Recorder(key=KEY)
    recorder.reopen(take)  # no repair needed: the crashed part stays as it was
    assert recorder.frames == kept
    recorder.resume()
    recorder.feed(dictation.samples[kept:])
    summary = recorder.stop()
    assert summary.frames == len(dictation.samples)
    assert len(part_paths(take)) == 2
    assert np.array_equal(open_take(take, KEY).samples, dictation.samples)
    assert summary.sha256 == take_sha256(take, KEY)


def test_a_full_disk_stops_a_sealed_take_and_keeps_its_sealed_chunks(
    tmp_path: Path, dictation: Dictation
) -> None:
    source = dictation.write(tmp_path / "dictation.wav")
    take = tmp_path / "take.sealed"
    chunk_on_disk = 4 + CHUNK + 16  # length, sealed chunk, GCM tag
    limit = 28 + 3 * chunk_on_disk + 100  # room for three chunks and the start of a fourth
    child = subprocess.run(
        [
            *(sys.executable, "-m", "tests.audio.record_child", str(take), str(source)),
            *("--fsize-limit", str(limit), "--key-hex", KEY.hex()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
    )
    assert child.returncode == 3, child.stdout + child.stderr
    assert "Recording stopped: writing" in child.stdout
    kept = next(line for line in child.stdout.splitlines() if line.startswith("kept")).split()
    frames = (3 * CHUNK - PART_HEADER) // 2
    assert int(kept[1]) == frames  # what is sealed on disk, not what was fed
    assert kept[2] == take_sha256(take, KEY)
    assert np.array_equal(open_take(take, KEY).samples, dictation.samples[:frames])
