"""End to end through a real audio stack: PulseAudio, PortAudio's "pulse" device, sounddevice."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from tests.audio.conftest import RATE, build_dictation
from tests.audio.pulse import play, running_pulse, stop_pulse
from workbench.audio import capture
from workbench.audio.errors import NoInputDevice
from workbench.audio.recorder import Recorder, TakeSummary, record, wait_until
from workbench.audio.vad import SpeechSegment, VadEvent, VadSettings

pytestmark = [pytest.mark.audio, pytest.mark.slow]


@pytest.fixture(scope="module")
def pulse_env() -> Iterator[dict[str, str]]:
    with running_pulse() as env:
        yield env


def use_server(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Point PortAudio at this server: the variables must be set when it (re)initialises."""
    for name in ("XDG_RUNTIME_DIR", "HOME", "PULSE_SERVER"):
        monkeypatch.setenv(name, env[name])
    capture.rescan_devices()


class Take:
    """A recording running in a worker thread, as the UI and the CLI run it."""

    def __init__(self, path: Path, source: capture.MicrophoneSource) -> None:
        self.events: list[VadEvent] = []
        self.recorder = Recorder(VadSettings(), listener=self.events.append)
        self.recorder.start(path)
        self.stop = threading.Event()
        self.summary: TakeSummary | None = None
        self.thread = threading.Thread(target=self._run, args=(source,))
        self.thread.start()

    def _run(self, source: capture.MicrophoneSource) -> None:
        self.summary = record(source, self.recorder, should_stop=self.stop.is_set)

    def finish(self) -> TakeSummary:
        self.stop.set()
        self.thread.join(20)
        assert self.summary is not None
        return self.summary

    @property
    def segments(self) -> list[SpeechSegment]:
        return [e for e in self.events if isinstance(e, SpeechSegment)]


def test_the_pulse_device_is_listed_and_unknown_names_are_explained(
    pulse_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    use_server(pulse_env, monkeypatch)
    names = [d.name for d in capture.list_input_devices()]
    assert "pulse" in names
    assert capture.find_input_device("pulse").name == "pulse"
    with pytest.raises(
        NoInputDevice, match=r"'no such mic' matches no input device\. Devices that can record: "
    ):
        capture.find_input_device("no such mic")


@pytest.mark.parametrize("capture_rate", [None, 48000], ids=["16k", "48k-resampled"])
def test_speech_played_into_pulse_is_recorded_and_segmented(
    pulse_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    utterances: list[npt.NDArray[np.int16]],
    capture_rate: int | None,
) -> None:
    use_server(pulse_env, monkeypatch)
    # The null sink gives digital zeros until playback starts; the room noise that then
    # begins must settle before the speech, as it would on a real microphone.
    dictation = build_dictation(utterances, gap_s=1.2, lead_s=1.2, tail_s=0.3)
    speech_file = dictation.write(tmp_path / "dictation.wav")
    source = capture.MicrophoneSource("pulse", capture_rate=capture_rate)
    take = Take(tmp_path / "take.wav", source)
    # Wait until audio flows (the first stream of a process starts late), then speak.
    assert wait_until(lambda: take.recorder.frames > RATE // 2, 10)
    player = play(speech_file, pulse_env)
    assert player.wait(30) == 0
    # Long enough for the last segment to close by itself, before any stop.
    assert wait_until(lambda: len(take.segments) == 3, 3)
    summary = take.finish()

    assert source.device_rate == (capture_rate or RATE)
    assert summary.stop_reason == "stopped"
    assert summary.segments == 3
    data, rate = soundfile.read(summary.path, dtype="int16")
    assert (len(data), rate) == (summary.frames, RATE)
    segments = take.segments
    # Where playback began in the take is unknown (audio-stack latency); the spacing is not.
    shift = segments[0].speech_start - dictation.speech[0][0]
    frame = RATE * 30 // 1000
    for segment, (first, last) in zip(segments, dictation.speech, strict=True):
        assert abs(segment.speech_start - shift - first) <= 3 * frame
        assert segment.start <= first + shift <= last + shift < segment.end
        assert np.array_equal(segment.samples, data[segment.start : segment.end])


def test_a_vanishing_audio_server_ends_the_take_cleanly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with running_pulse() as env:
        use_server(env, monkeypatch)
        source = capture.MicrophoneSource("pulse", stall_timeout_s=1.0)
        take = Take(tmp_path / "take.wav", source)
        assert wait_until(lambda: take.recorder.frames > RATE // 2, 10)
        stop_pulse(env)  # like pulling out a USB headset
        take.thread.join(15)
        assert not take.thread.is_alive()
    summary = take.summary
    assert summary is not None
    assert "stopped delivering audio" in summary.stop_reason
    assert "Everything recorded until then was kept" in summary.stop_reason
    data, _ = soundfile.read(summary.path, dtype="int16")
    assert len(data) == summary.frames >= RATE // 2


def test_workbench_record_from_the_pulse_device_until_autostop(
    pulse_env: dict[str, str], tmp_path: Path, utterances: list[npt.NDArray[np.int16]]
) -> None:
    import datetime as dt
    import subprocess
    import sys

    from sqlalchemy import select

    from tests.conftest import make_actor
    from workbench import config
    from workbench.security.roles import SYSTEM
    from workbench.services import encounters, patients
    from workbench.store.database import Database
    from workbench.store.models import Recording, Role

    db = Database(config.database_url())
    db.upgrade()
    physician = make_actor(db, Role.PHYSICIAN, "drone")
    patient = patients.create_patient(
        db, SYSTEM, mrn="P1", given_name="Ann", family_name="Lee", date_of_birth=dt.date(1960, 5, 1), sex="F"
    )
    encounter = encounters.start_encounter(db, physician, patient.id)
    speech = build_dictation(utterances[:2], gap_s=1.2, lead_s=1.2, tail_s=0.2).write(tmp_path / "d.wav")
    password = tmp_path / "password"
    password.write_text("correct horse battery\n")
    # This test's WORKBENCH_HOME, with the audio server's address.
    env = dict(os.environ, **{k: pulse_env[k] for k in ("XDG_RUNTIME_DIR", "HOME", "PULSE_SERVER")})

    def recorded_bytes() -> int:
        return sum(p.stat().st_size for p in config.recordings_dir().glob("*.wav"))

    listing = subprocess.run(
        [sys.executable, "-m", "workbench", "record", "--list-devices"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "\tpulse\t" in listing.stdout
    recorder = subprocess.Popen(
        [
            *(sys.executable, "-m", "workbench", "record", "--encounter", str(encounter.id)),
            *("--device", "pulse", "--autostop", "2.5", "--password-file", str(password)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        # Speak once audio flows (the first stream of a process starts late).
        assert wait_until(lambda: recorded_bytes() > 44 + RATE, 30)
        player = play(speech, pulse_env)
        assert player.wait(30) == 0
        out, err = recorder.communicate(timeout=30)
    finally:
        recorder.kill()
    assert recorder.returncode == 0, err
    assert len(out.splitlines()) == 2
    assert "Stopped (auto-stop after 2.5 s of silence)" in err
    with db.session() as session:
        row = session.scalars(select(Recording)).one()
    assert row.status == "stopped"
    assert row.vad_settings["autostop_s"] == 2.5
    db.dispose()
