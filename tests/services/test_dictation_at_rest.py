"""Dictation in an encrypted installation: takes are sealed on disk, and read back the one way."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from tests.audio.conftest import RATE, SENTENCES, Dictation, build_dictation, speak
from tests.conftest import make_actor
from tests.keyrings import MemoryKeyring
from workbench import config, installation
from workbench.audio.capture import ArraySource
from workbench.audio.playback import AudioSpan, read_span
from workbench.audio.take_file import SealedTakeError, SealedTakeWriter, open_take, part_paths
from workbench.audio.wavfile import load_speech
from workbench.security import installation_key
from workbench.security.roles import SYSTEM, Actor
from workbench.services import dictation, encounters, patients
from workbench.services.dictation import Dictation as Take
from workbench.services.errors import InvalidInput
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Role


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Dictation:
    directory = tmp_path_factory.mktemp("speech")
    utterances = [load_speech(speak(text, directory, f"s{i}")).samples for i, text in enumerate(SENTENCES)]
    return build_dictation(utterances)


@pytest.fixture
def encrypted(ring: MemoryKeyring) -> Database:
    db = installation.create_database()  # a new installation: encrypted, key in the keyring
    db.upgrade()
    return db


@pytest.fixture
def physician(encrypted: Database) -> Actor:
    return make_actor(encrypted, Role.PHYSICIAN, "drseal")


@pytest.fixture
def encounter_id(encrypted: Database, physician: Actor) -> int:
    patient = patients.create_patient(
        encrypted,
        SYSTEM,
        mrn="S1",
        given_name="Ann",
        family_name="Lee",
        date_of_birth=dt.date(1960, 5, 1),
        sex="F",
    )
    return encounters.start_encounter(encrypted, physician, patient.id, "office visit", "cough").id


def plaintext_runs(samples: np.ndarray) -> list[bytes]:
    raw = samples.astype("<i2").tobytes()
    return [raw[:4096], raw[len(raw) // 2 : len(raw) // 2 + 4096]]


def everything_recorded() -> list[Path]:
    return sorted(p for p in config.recordings_dir().rglob("*") if p.is_file())


def test_the_recordings_key_is_derived_apart_from_the_database_key(ring: MemoryKeyring) -> None:
    master = installation_key.create("keyring")
    key = installation_key.recordings_key(master)
    assert len(key) == 32
    assert key not in (master, installation_key.database_key(master))
    assert installation.open_database().recordings_key == key
    assert Database(config.database_url()).recordings_key is None


def test_an_encrypted_installation_dictates_into_sealed_files_only(
    encrypted: Database, physician: Actor, encounter_id: int, speech: Dictation
) -> None:
    assert encrypted.recordings_key is not None
    cut = (speech.speech[0][1] + speech.speech[1][0]) // 2
    take = Take.start(encrypted, physician, encounter_id, config.recordings_dir())
    take.recorder.feed(speech.samples[:cut])
    paused = take.pause()
    del take  # the application closes

    (waiting,) = dictation.interrupted_takes(encrypted, physician, encounter_id)
    assert (waiting.recording.id, waiting.crashed, waiting.repaired) == (paused.id, False, False)
    assert waiting.recording.duration_s == pytest.approx(cut / RATE)
    again = Take.reopen(encrypted, physician, paused.id)
    again.resume()
    info = again.run(ArraySource(speech.samples[cut:]))

    assert info.status == "stopped"
    assert info.duration_s == pytest.approx(len(speech.samples) / RATE)
    files = everything_recorded()
    assert [p.name for p in files] == [info.path.name, f"{info.path.name}.1"]
    assert info.path.name.endswith(".sealed")
    assert not list(config.data_dir().rglob("*.wav"))
    on_disk = b"".join(p.read_bytes() for p in files)
    for run in plaintext_runs(speech.samples):
        assert run not in on_disk

    key = dictation.recordings_key(encrypted)
    assert np.array_equal(open_take(info.path, key).samples, speech.samples)
    assert info.sha256 == hashlib.sha256(speech.samples.astype("<i2").tobytes()).hexdigest()
    assert dictation.verify_recording(encrypted, physician, info.id)
    span = read_span(AudioSpan(info.path, 1.0, 2.0, key))
    assert np.array_equal(span, speech.samples[RATE : 2 * RATE])

    # The same installation opened again (next start) reads it; a changed byte does not verify.
    encrypted.dispose()
    reopened = installation.open_database()
    assert np.array_equal(open_take(info.path, reopened.recordings_key).samples, speech.samples)
    with files[1].open("r+b") as handle:
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 1]))
    assert not dictation.verify_recording(reopened, physician, info.id)
    with pytest.raises(SealedTakeError):
        open_take(info.path, reopened.recordings_key)
    reopened.dispose()


def test_a_crashed_sealed_take_is_found_and_resumed(
    encrypted: Database, physician: Actor, encounter_id: int, speech: Dictation
) -> None:
    take = Take.start(encrypted, physician, encounter_id, config.recordings_dir())
    take.recorder.feed(speech.samples[: round(2.5 * RATE)])
    # What a killed process leaves: the sealed chunks, the chunk being filled lost, no lock.
    writer = take.recorder._writer
    assert isinstance(writer, SealedTakeWriter)
    writer._writer._file.close()
    del take

    (found,) = dictation.interrupted_takes(encrypted, physician, encounter_id)
    assert found.crashed and not found.repaired
    kept = (2 * 32_000 - 34) // 2  # two whole chunks, less the part's header
    assert found.recording.status == "paused"
    assert found.recording.duration_s == pytest.approx(kept / RATE)
    with encrypted.session() as session:
        assert session.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first() == (
            "recording.recovered"
        )

    again = Take.reopen(encrypted, physician, found.recording.id)
    again.resume()
    info = again.run(ArraySource(speech.samples[kept:]))
    assert info.duration_s == pytest.approx(len(speech.samples) / RATE)
    assert len(part_paths(info.path)) == 2
    assert np.array_equal(open_take(info.path, encrypted.recordings_key).samples, speech.samples)
    assert dictation.verify_recording(encrypted, physician, info.id)


def test_a_sealed_take_without_the_key_is_left_alone(
    encrypted: Database, physician: Actor, encounter_id: int
) -> None:
    take = Take.start(encrypted, physician, encounter_id, config.recordings_dir())
    take.recorder.feed(np.full(RATE, 50, np.int16))
    paused = take.pause()
    encrypted.recordings_key = None  # a database opened without the installation key
    assert dictation.interrupted_takes(encrypted, physician, encounter_id) == []
    with pytest.raises(InvalidInput, match="encrypted"):
        Take.reopen(encrypted, physician, paused.id)
    assert not dictation.verify_recording(encrypted, physician, paused.id)


def test_an_installation_without_a_key_keeps_wav_takes(db: Database, tmp_path: Path) -> None:
    physician = make_actor(db, Role.PHYSICIAN, "drplain")
    patient = patients.create_patient(
        db, SYSTEM, mrn="W1", given_name="Bo", family_name="Ng", date_of_birth=dt.date(1970, 1, 1), sex="M"
    )
    encounter = encounters.start_encounter(db, physician, patient.id, "office visit", "cough")
    take = Take.start(db, physician, encounter.id, tmp_path)
    info = take.run(ArraySource(build_dictation([], lead_s=1.0).samples))
    assert info.path.suffix == ".wav"
    assert load_speech(info.path).samples.size == len(build_dictation([], lead_s=1.0).samples)


@pytest.mark.postgres
def test_a_postgresql_desktop_with_its_own_key_dictates_into_sealed_files(
    ring: MemoryKeyring, postgres_url: str, speech: Dictation
) -> None:
    installation.create_key("keyring", url=postgres_url)
    db = installation.open_database(postgres_url)
    try:
        db.upgrade()
        assert not db.encrypted and db.recordings_key is not None
        physician = make_actor(db, Role.PHYSICIAN, "drpg")
        patient = patients.create_patient(
            db,
            SYSTEM,
            mrn="PG1",
            given_name="Ann",
            family_name="Lee",
            date_of_birth=dt.date(1960, 5, 1),
            sex="F",
        )
        encounter = encounters.start_encounter(db, physician, patient.id, "office visit", "cough")
        info = Take.start(db, physician, encounter.id, config.recordings_dir()).run(
            ArraySource(speech.samples)
        )
        assert info.path.name.endswith(".sealed") and not list(config.data_dir().rglob("*.wav"))
        on_disk = b"".join(p.read_bytes() for p in everything_recorded())
        assert all(run not in on_disk for run in plaintext_runs(speech.samples))
        assert dictation.verify_recording(db, physician, info.id)
    finally:
        db.dispose()
