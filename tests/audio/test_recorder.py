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
import soundfile

from tests.audio.conftest import RATE, Dictation
from workbench.audio.capture import ArraySource
from workbench.audio.errors import IllegalTransition
from workbench.audio.recorder import Recorder, RecorderState, TakeProgress, record
from workbench.audio.vad import SpeechSegment, VadEvent, VadSettings, find_segments
from workbench.audio.wavfile import TakeInUse, inspect_wav

ROOT = Path(__file__).resolve().parents[2]


def state(recorder: Recorder) -> RecorderState:
    """Read afresh (mypy would otherwise keep the state narrowed across transitions)."""
    return recorder.state


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_legal_path_and_what_each_state_allows(tmp_path: Path) -> None:
    recorder = Recorder()
    assert state(recorder) is RecorderState.IDLE
    for action in (recorder.pause, recorder.resume, recorder.stop):
        with pytest.raises(IllegalTransition, match="the recorder is idle; start a recording first"):
            action()
    with pytest.raises(IllegalTransition, match="idle"):
        recorder.feed(np.zeros(480, np.int16))

    recorder.start(tmp_path / "a.wav")
    assert state(recorder) is RecorderState.RECORDING
    with pytest.raises(IllegalTransition, match="Cannot resume: the recorder is recording"):
        recorder.resume()
    with pytest.raises(IllegalTransition, match="Cannot start"):
        recorder.start(tmp_path / "b.wav")

    recorder.pause()
    assert state(recorder) is RecorderState.PAUSED
    with pytest.raises(IllegalTransition, match="Cannot pause: the recorder is paused; resume or stop it"):
        recorder.pause()
    assert recorder.feed(np.ones(480, np.int16)) == []  # late microphone blocks are dropped
    assert recorder.frames == 0

    recorder.resume()
    recorder.feed(np.ones(480, np.int16))
    summary = recorder.stop()
    assert state(recorder) is RecorderState.STOPPED
    assert summary.frames == 480
    for action in (recorder.pause, recorder.resume, recorder.stop):
        with pytest.raises(IllegalTransition, match="this take is finished; start a new one"):
            action()
    with pytest.raises(IllegalTransition, match="stopped"):
        recorder.feed(np.zeros(480, np.int16))


def test_stop_from_paused_and_never_overwriting_a_take(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    recorder = Recorder()
    recorder.start(path)
    recorder.pause()
    assert recorder.stop().frames == 0
    with pytest.raises(IllegalTransition, match="already exists"):
        Recorder().start(path)


def test_pause_restart_resume_stop_gives_one_valid_recording(tmp_path: Path, dictation: Dictation) -> None:
    path = tmp_path / "take.wav"
    cut = (dictation.speech[0][1] + dictation.speech[1][0]) // 2  # in the pause after sentence one
    seen: list[VadEvent] = []

    first = Recorder(VadSettings(), listener=seen.append)
    first.start(path)
    for begin in range(0, cut, 480):
        first.feed(dictation.samples[begin : min(begin + 480, cut)])
    first.pause()
    del first  # the application closes without stopping the take

    second = Recorder(VadSettings(), listener=seen.append)
    second.reopen(path, first_segment_index=1)
    assert state(second) is RecorderState.PAUSED
    assert second.frames == cut
    second.resume()
    for begin in range(cut, len(dictation.samples), 480):
        second.feed(dictation.samples[begin : begin + 480])
    summary = second.stop()

    assert summary.frames == len(dictation.samples)
    assert summary.duration_s == pytest.approx(len(dictation.samples) / RATE)
    assert summary.sha256 == sha256(path)
    data, rate = soundfile.read(path, dtype="int16")
    assert rate == RATE
    assert np.array_equal(data, dictation.samples)
    segments = [e for e in seen if isinstance(e, SpeechSegment)]
    assert [s.index for s in segments] == [0, 1, 2]
    reference = find_segments(dictation.samples, VadSettings())
    assert len(reference) == 3
    # Offsets point into the one file, across the restart.
    for segment in segments:
        assert np.array_equal(segment.samples, data[segment.start : segment.end])
    # After the resume the frame grid starts at the end of the file, so within one frame.
    for segment, expected in zip(segments, reference, strict=True):
        assert abs(segment.start - expected.start) < 480
        assert abs(segment.end - expected.end) < 480


def test_a_take_is_held_by_one_recorder_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "take.wav"
    first = Recorder()
    first.start(path)
    first.feed(np.ones(480, np.int16))
    with pytest.raises(TakeInUse):
        Recorder().reopen(path)  # another window cannot take it up while it records
    first.pause()
    second = Recorder()
    second.reopen(path)  # paused: the file is free
    first.resume()
    with pytest.raises(TakeInUse):
        second.resume()
    assert state(second) is RecorderState.PAUSED
    first.stop()
    second.resume()
    second.feed(np.ones(480, np.int16))
    assert second.stop().frames == 960


def test_record_pumps_a_source_until_it_ends_and_reports_progress(
    tmp_path: Path, dictation: Dictation
) -> None:
    progress: list[TakeProgress] = []
    recorder = Recorder()
    recorder.start(tmp_path / "take.wav")
    summary = record(ArraySource(dictation.samples), recorder, on_progress=progress.append)
    assert summary.stop_reason == "the end of samples was reached"
    assert summary.frames == len(dictation.samples)
    assert summary.segments == 3
    assert any(p.in_speech for p in progress)
    assert max(p.levels.peak for p in progress) > 0.1
    assert progress[-1].elapsed_s == pytest.approx(summary.duration_s)


def test_record_stops_on_autostop_with_the_reason(tmp_path: Path, dictation: Dictation) -> None:
    silence = np.random.default_rng(1).normal(0, 30, 6 * RATE).astype(np.int16)
    recorder = Recorder(VadSettings(autostop_s=3))
    recorder.start(tmp_path / "take.wav")
    summary = record(ArraySource(np.concatenate((dictation.samples, silence))), recorder)
    assert summary.stop_reason.startswith("auto-stop after 3.0 s of silence")
    last_speech = dictation.speech[-1][1]
    assert last_speech + 3 * RATE <= summary.frames <= last_speech + 3 * RATE + RATE // 2
    assert summary.segments == 3


def test_record_honours_a_stop_request(tmp_path: Path, dictation: Dictation) -> None:
    recorder = Recorder()
    recorder.start(tmp_path / "take.wav")
    source = ArraySource(dictation.samples)
    summary = record(source, recorder, should_stop=lambda: source.position >= 2 * RATE)
    assert summary.stop_reason == "stopped"
    assert summary.frames == source.position


def _child(take: Path, source: Path, *extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.audio.record_child", str(take), str(source), *extra],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_a_killed_recording_is_repaired_and_continues(tmp_path: Path, dictation: Dictation) -> None:
    source = dictation.write(tmp_path / "dictation.wav")
    take = tmp_path / "take.wav"
    child = _child(take, source)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "recording\n"
        # Wait for the first sentence to be segmented, then a little more, and kill mid-take.
        first = child.stdout.readline().split()
        assert first[0] == "segment"
        time.sleep(0.7)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        child.kill()
    present = (take.stat().st_size - 44) // 2
    declared = inspect_wav(take).declared_frames
    assert declared <= present
    assert present - declared <= 1.1 * RATE  # the header lags by at most about a second

    recorder = Recorder()
    recorder.reopen(take)  # found after the crash: repaired and offered as a paused take
    assert inspect_wav(take).declared_frames == present
    data, rate = soundfile.read(take, dtype="int16")
    assert (len(data), rate) == (present, RATE)
    assert np.array_equal(data, dictation.samples[:present])  # nothing written was lost
    recovered = find_segments(data, VadSettings())
    assert (recovered[0].start, recovered[0].end) == (int(first[1]), int(first[2]))

    recorder.resume()
    recorder.feed(dictation.samples[present:])
    summary = recorder.stop()
    assert summary.frames == len(dictation.samples)
    final, _ = soundfile.read(take, dtype="int16")
    assert np.array_equal(final, dictation.samples)


def test_a_full_disk_stops_the_take_and_keeps_what_was_written(tmp_path: Path, dictation: Dictation) -> None:
    source = dictation.write(tmp_path / "dictation.wav")
    take = tmp_path / "take.wav"
    limit = 44 + 3 * RATE * 2 + 100  # room for three seconds (and a partial block)
    child = _child(take, source, "--fsize-limit", str(limit))
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 3, out
    assert "Recording stopped: writing" in out
    assert "were kept; free some space" in out
    kept = next(line for line in out.splitlines() if line.startswith("kept")).split()
    data, _ = soundfile.read(take, dtype="int16")
    assert len(data) == int(kept[1])
    assert 2.9 * RATE <= len(data) <= 3 * RATE + 50
    assert kept[2] == sha256(take)
    assert np.array_equal(data, dictation.samples[: len(data)])


def test_a_pause_can_release_the_source_and_a_new_one_continues(tmp_path: Path, dictation: Dictation) -> None:
    recorder = Recorder()
    recorder.start(tmp_path / "take.wav")
    first = ArraySource(dictation.samples[: 3 * RATE])

    def pause_after_a_second() -> bool:
        if recorder.state is RecorderState.RECORDING and recorder.frames >= RATE:
            recorder.pause()  # as the UI thread would
        return False

    assert record(first, recorder, pause_after_a_second, release_on_pause=True) is None
    assert first.ended  # closed: the microphone is free while paused
    kept = recorder.frames
    recorder.resume()
    summary = record(ArraySource(dictation.samples[kept:]), recorder, release_on_pause=True)
    assert summary is not None
    data, _ = soundfile.read(summary.path, dtype="int16")
    assert np.array_equal(data, dictation.samples)
