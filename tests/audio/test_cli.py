"""`workbench vad` and `workbench record`, run as a person runs them (a separate process)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import soundfile
from sqlalchemy import select

from tests.audio.conftest import RATE, Dictation, build_dictation
from tests.conftest import make_actor
from workbench import config
from workbench.cli_dictation import add_commands
from workbench.security.roles import SYSTEM
from workbench.services import encounters, patients
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Recording, Role

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def workbench(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=dict(os.environ),
    )


def lines(text: str) -> list[tuple[float, float]]:
    return [(float(a), float(b)) for a, b in (line.split() for line in text.splitlines())]


def test_vad_prints_start_end_seconds(tmp_path: Path, dictation: Dictation) -> None:
    path = dictation.write(tmp_path / "d.wav")
    result = workbench("vad", str(path))
    assert result.returncode == 0, result.stderr
    segments = lines(result.stdout)
    assert len(segments) == 3
    for (start, end), (first, last) in zip(segments, dictation.speech, strict=True):
        assert start <= first / RATE < last / RATE < end
    assert result.stderr == ""
    strict = workbench("vad", str(path), "--aggressiveness", "3", "--frame-ms", "10", "--end-ms", "500")
    assert len(lines(strict.stdout)) == 3


def test_vad_converts_stereo_44k_and_says_so(tmp_path: Path, dictation: Dictation) -> None:
    mono = dictation.write(tmp_path / "d.wav")
    stereo = tmp_path / "stereo.wav"
    subprocess.run(["sox", str(mono), "-r", "44100", "-c", "2", "-b", "8", str(stereo)], check=True)
    result = workbench("vad", str(stereo))
    assert result.returncode == 0, result.stderr
    assert len(lines(result.stdout)) == 3
    assert "mixed 2 channels down to mono" in result.stderr
    assert "resampled 44100 Hz to 16000 Hz" in result.stderr
    assert "converted 8-bit samples to 16-bit" in result.stderr


def test_vad_explains_bad_files_and_settings(tmp_path: Path, dictation: Dictation) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all")
    result = workbench("vad", str(text))
    assert result.returncode == 2
    assert "is not a WAV file" in result.stderr
    assert "sox INPUT -r 16000 -c 1 -b 16 OUTPUT.wav" in result.stderr
    assert "Traceback" not in result.stderr

    truncated = tmp_path / "cut.wav"
    whole = dictation.write(tmp_path / "d.wav").read_bytes()
    truncated.write_bytes(whole[: len(whole) // 2])
    result = workbench("vad", str(truncated))
    assert result.returncode == 0
    assert "truncated: the header declares" in result.stderr
    assert len(lines(result.stdout)) >= 1

    result = workbench("vad", str(truncated), "--padding-ms", "900")
    assert result.returncode == 2
    assert "padding_ms (900) cannot exceed end_ms (700)" in result.stderr


def test_the_cli_defaults_are_the_settings_defaults() -> None:
    import argparse

    from workbench.audio.vad import VadSettings

    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    args = parser.parse_args(["vad", "x.wav"])
    defaults = VadSettings()
    for name in ("aggressiveness", "frame_ms", "start_ms", "end_ms", "padding_ms", "min_segment_ms"):
        assert getattr(args, name) == getattr(defaults, name)


@pytest.fixture
def encounter_id() -> Iterator[int]:
    """A database in this test's WORKBENCH_HOME with a physician and an encounter."""
    db = Database(config.database_url())
    db.upgrade()
    physician = make_actor(db, Role.PHYSICIAN, "drone")
    patient = patients.create_patient(
        db, SYSTEM, mrn="P1", given_name="Ann", family_name="Lee", date_of_birth=dt.date(1960, 5, 1), sex="F"
    )
    yield encounters.start_encounter(db, physician, patient.id).id
    db.dispose()


def rows() -> list[Recording]:
    db = Database(config.database_url())
    try:
        with db.session() as session:
            return list(session.scalars(select(Recording).order_by(Recording.id)))
    finally:
        db.dispose()


def test_record_from_a_file_prints_segments_and_stores_the_take(
    tmp_path: Path, dictation: Dictation, encounter_id: int
) -> None:
    source = dictation.write(tmp_path / "d.wav")
    result = workbench(
        "record", "--encounter", str(encounter_id), "--input", str(source), "--password-stdin", stdin=PASSWORD
    )
    assert result.returncode == 0, result.stderr
    assert len(lines(result.stdout)) == 3
    assert "Stopped (the end of" in result.stderr
    (row,) = rows()
    assert row.status == "stopped"
    assert row.duration_s == pytest.approx(len(dictation.samples) / RATE)
    assert row.vad_settings["aggressiveness"] == 2
    assert f"sha256 {row.sha256}" in result.stderr


def test_record_refuses_a_wrong_password_and_unknown_encounter(encounter_id: int) -> None:
    result = workbench("record", "--encounter", str(encounter_id), "--password-stdin", stdin="wrong")
    assert result.returncode == 2
    assert "Unknown username or wrong password" in result.stderr
    result = workbench("record", "--encounter", "999", "--password-stdin", stdin=PASSWORD)
    assert result.returncode == 2
    assert "No encounter with id 999" in result.stderr
    assert rows() == []


def test_record_autostops_after_silence(tmp_path: Path, utterances: list, encounter_id: int) -> None:
    take = build_dictation(utterances[:1], tail_s=4.0)
    source = take.write(tmp_path / "d.wav")
    result = workbench(
        "record",
        *("--encounter", str(encounter_id), "--input", str(source), "--autostop", "2", "--password-stdin"),
        stdin=PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    assert "Stopped (auto-stop after 2.0 s of silence)" in result.stderr
    (row,) = rows()
    assert row.vad_settings["autostop_s"] == 2
    # Silence counts from the last voiced frame, which webrtcvad's hangover puts up to ~0.2 s late.
    end_of_speech = take.speech[0][1] / RATE
    assert end_of_speech + 2.0 <= row.duration_s <= end_of_speech + 2.0 + 0.25


def _start_realtime(source: Path, encounter_id: int) -> subprocess.Popen[str]:
    password = source.with_name("password.txt")
    password.write_text(PASSWORD + "\n")
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "workbench", "record", "--encounter", str(encounter_id)),
            *("--input", str(source), "--realtime", "--password-file", str(password)),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_then_a_crash_is_continued_on_the_next_run(
    tmp_path: Path, dictation: Dictation, encounter_id: int
) -> None:
    source = dictation.write(tmp_path / "d.wav")
    # Ctrl+C: a clean stop, a finished row.
    process = _start_realtime(source, encounter_id)
    assert process.stdout is not None
    assert process.stdout.readline()  # the first segment closed
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Stopped (stopped)" in err
    (first,) = rows()
    assert first.status == "stopped"
    assert soundfile.info(first.path).frames == round(first.duration_s * RATE)

    # SIGKILL mid-take: the next run finds the take, repairs it and continues the same file.
    process = _start_realtime(source, encounter_id)
    assert process.stdout is not None
    assert process.stdout.readline()
    time.sleep(0.5)
    process.kill()
    process.communicate(timeout=20)
    killed = rows()[1]
    assert killed.status == "recording"
    kept = (Path(killed.path).stat().st_size - 44) / 2 / RATE
    assert kept > 3.0

    tail = build_dictation([], lead_s=0.5).write(tmp_path / "quiet.wav")
    result = workbench(
        "record", "--encounter", str(encounter_id), "--input", str(tail), "--password-stdin", stdin=PASSWORD
    )
    assert result.returncode == 0, result.stderr
    assert (
        f"Continuing recording {killed.id} ({kept:.1f} s so far, cut off by a crash and repaired)"
        in result.stderr
    )
    continued = rows()[1]
    assert len(rows()) == 2
    assert continued.status == "stopped"
    assert continued.duration_s == pytest.approx(kept + 0.5, abs=0.01)
    assert soundfile.info(continued.path).frames == round(continued.duration_s * RATE)
    db = Database(config.database_url())
    with db.session() as session:
        actions = list(
            session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == str(killed.id)))
        )
    db.dispose()
    assert "recording.recovered" in actions


def test_record_without_any_microphone_says_so_and_leaves_nothing(tmp_path: Path, encounter_id: int) -> None:
    runtime = tmp_path / "no-audio-server"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE")}
    env.update(XDG_RUNTIME_DIR=str(runtime), HOME=str(runtime))
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "record", "--encounter", str(encounter_id), "--password-stdin"],
        input=PASSWORD,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 2
    assert "No microphone was found. Connect one (or check its permissions) and try again." in result.stderr
    assert rows() == []
