"""`workbench record` and `workbench vad` in an encrypted installation, as separate processes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from tests.audio.conftest import RATE, Dictation, build_dictation
from tests.conftest import make_actor
from workbench import config, installation
from workbench.audio.take_file import open_take, part_paths
from workbench.audio.vad import VadSettings, find_segments
from workbench.security.roles import SYSTEM
from workbench.services import encounters, patients
from workbench.store.models import Recording, Role

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
PASSPHRASE = "a long administrator passphrase"


def _environment(tmp_path: Path) -> dict[str, str]:
    phrase = tmp_path / "key-passphrase.txt"
    phrase.write_text(PASSPHRASE + "\n")
    password = tmp_path / "password.txt"
    password.write_text(PASSWORD + "\n")
    return dict(os.environ, WORKBENCH_KEY_PASSPHRASE_FILE=str(phrase))


def _rows() -> list[Recording]:
    db = installation.open_database(passphrase=PASSPHRASE)
    try:
        with db.session() as session:
            return list(session.scalars(select(Recording).order_by(Recording.id)))
    finally:
        db.dispose()


@pytest.mark.slow
def test_record_into_an_encrypted_installation_survives_a_kill_and_seals_everything(
    tmp_path: Path, dictation: Dictation
) -> None:
    db = installation.create_database(encryption="passphrase", passphrase=PASSPHRASE)
    db.upgrade()
    physician = make_actor(db, Role.PHYSICIAN, "drone")
    patient = patients.create_patient(
        db, SYSTEM, mrn="P1", given_name="Ann", family_name="Lee", date_of_birth=dt.date(1960, 5, 1), sex="F"
    )
    encounter_id = encounters.start_encounter(db, physician, patient.id).id
    key = db.recordings_key
    db.dispose()
    env = _environment(tmp_path)
    source = dictation.write(tmp_path / "d.wav")
    command = [sys.executable, "-m", "workbench", "record", "--encounter", str(encounter_id)]
    password = ["--password-file", str(tmp_path / "password.txt")]

    process = subprocess.Popen(
        [*command, "--input", str(source), "--realtime", *password],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stdout is not None
    assert process.stdout.readline()  # the first segment closed
    time.sleep(0.5)
    process.kill()
    process.communicate(timeout=20)
    (killed,) = _rows()
    assert killed.status == "recording"
    take = Path(killed.path)
    assert take.name.endswith(".sealed")
    kept = len(open_take(take, key).samples)
    assert kept > 2 * RATE

    tail = build_dictation([], lead_s=0.5).write(tmp_path / "quiet.wav")
    result = subprocess.run(
        [*command, "--input", str(tail), *password],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert (
        f"Continuing recording {killed.id} ({kept / RATE:.1f} s so far, cut off by a crash" in result.stderr
    )
    (continued,) = _rows()
    assert continued.status == "stopped"
    assert continued.duration_s == pytest.approx(kept / RATE + 0.5, abs=0.01)
    assert len(part_paths(take)) == 2
    audio = open_take(take, key).samples
    assert np.array_equal(audio[:kept], dictation.samples[:kept])
    recorded = sorted(p.name for p in config.recordings_dir().iterdir())
    assert recorded == [take.name, f"{take.name}.1"]
    assert not list(config.data_dir().rglob("*.wav"))
    raw = dictation.samples.astype("<i2").tobytes()
    assert raw[:4096] not in b"".join(p.read_bytes() for p in part_paths(take))

    # `workbench vad` reads the sealed take with the installation's key.
    vad = subprocess.run(
        [sys.executable, "-m", "workbench", "vad", str(take)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert vad.returncode == 0, vad.stderr
    expected = [f"{s.start_s:.3f} {s.end_s:.3f}" for s in find_segments(audio, VadSettings())]
    assert vad.stdout.splitlines() == expected
