from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pytest
import soundfile
from sqlalchemy import select, update

from tests.audio.conftest import RATE, SENTENCES, Dictation, build_dictation, speak
from tests.conftest import make_actor
from workbench.audio.capture import ArraySource
from workbench.audio.errors import InvalidVadSettings
from workbench.audio.recorder import RecorderState
from workbench.audio.vad import SpeechSegment, VadEvent, VadSettings
from workbench.audio.wavfile import WavWriter, inspect_wav, load_speech
from workbench.security.roles import SYSTEM, Actor, PermissionDenied
from workbench.services import dictation, encounters, patients
from workbench.services.dictation import Dictation as Take
from workbench.services.errors import Conflict
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Recording, Role, User


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Dictation:
    directory = tmp_path_factory.mktemp("speech")
    utterances = [load_speech(speak(text, directory, f"s{i}")).samples for i, text in enumerate(SENTENCES)]
    return build_dictation(utterances)


@pytest.fixture
def physician(db: Database) -> Actor:
    return make_actor(db, Role.PHYSICIAN, "drone")


@pytest.fixture
def encounter(db: Database, physician: Actor) -> encounters.EncounterInfo:
    patient = patients.create_patient(
        db, SYSTEM, mrn="P1", given_name="Ann", family_name="Lee", date_of_birth=dt.date(1960, 5, 1), sex="F"
    )
    return encounters.start_encounter(db, physician, patient.id, "office visit", "cough")


@pytest.fixture
def recordings(tmp_path: Path) -> Path:
    return tmp_path / "recordings"


def actions(db: Database, entity_type: str = "recording") -> list[str]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditEvent.action).where(AuditEvent.entity_type == entity_type).order_by(AuditEvent.id)
            )
        )


def test_vad_settings_are_per_physician_and_audited(db: Database, physician: Actor) -> None:
    other = make_actor(db, Role.PHYSICIAN, "drtwo")
    assert dictation.get_vad_settings(db, physician) == VadSettings()
    mine = VadSettings(aggressiveness=3, frame_ms=20, end_ms=900, autostop_s=8)
    dictation.set_vad_settings(db, physician, mine)
    assert dictation.get_vad_settings(db, physician) == mine
    assert dictation.get_vad_settings(db, other) == VadSettings()
    assert actions(db, "user")[-1] == "vad_settings.changed"
    with db.session() as session:
        user = session.get(User, physician.user_id)
        assert user is not None
        assert user.preferences["vad"]["aggressiveness"] == 3


def test_only_physicians_dictate(db: Database, encounter: encounters.EncounterInfo, recordings: Path) -> None:
    for role in (Role.CODER, Role.AUDITOR, Role.ADMIN):
        actor = make_actor(db, role, f"some{role.value}")
        with pytest.raises(PermissionDenied):
            dictation.get_vad_settings(db, actor)
        with pytest.raises(PermissionDenied):
            dictation.set_vad_settings(db, actor, VadSettings())
        with pytest.raises(PermissionDenied):
            Take.start(db, actor, encounter.id, recordings)
    assert not recordings.exists()


def test_damaged_stored_settings_fall_back_to_defaults(db: Database, physician: Actor) -> None:
    with db.session() as session:
        session.execute(
            update(User)
            .where(User.id == physician.user_id)
            .values(preferences={"vad": {"aggressiveness": 9}})
        )
    assert dictation.get_vad_settings(db, physician) == VadSettings()
    with pytest.raises(InvalidVadSettings):
        VadSettings.from_dict({"aggressiveness": 9})


def test_a_take_is_recorded_and_stored_with_digest_duration_and_settings(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo, recordings: Path, speech: Dictation
) -> None:
    settings = VadSettings(aggressiveness=3)
    dictation.set_vad_settings(db, physician, settings)
    segments: list[VadEvent] = []
    take = Take.start(db, physician, encounter.id, recordings, listener=segments.append)
    assert take.recording.status == "recording"
    assert take.recording.path.parent == recordings
    info = take.run(ArraySource(speech.samples))
    assert info.status == "stopped"
    assert info.duration_s == pytest.approx(len(speech.samples) / RATE)
    assert info.sha256 is not None
    assert info.vad_settings == settings
    assert info.finished_at is not None
    assert len([e for e in segments if isinstance(e, SpeechSegment)]) == 3
    assert dictation.verify_recording(db, physician, info.id)
    assert actions(db) == ["recording.started", "recording.stopped"]
    assert dictation.list_recordings(db, physician, encounter.id) == [info]
    # Tampering with the file is detected.
    with info.path.open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x7f\x7f")
    assert not dictation.verify_recording(db, physician, info.id)


def test_pause_restart_resume_stop_is_one_recording(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo, recordings: Path, speech: Dictation
) -> None:
    cut = (speech.speech[0][1] + speech.speech[1][0]) // 2
    take = Take.start(db, physician, encounter.id, recordings)
    take.recorder.feed(speech.samples[:cut])
    paused = take.pause()
    assert paused.status == "paused"
    assert paused.duration_s == pytest.approx(cut / RATE)
    del take  # the application is closed

    waiting = dictation.interrupted_takes(db, physician)
    assert [(t.recording.id, t.crashed, t.repaired) for t in waiting] == [(paused.id, False, False)]
    again = Take.reopen(db, physician, paused.id)
    assert again.state is RecorderState.PAUSED
    again.resume()
    info = again.run(ArraySource(speech.samples[cut:]))

    assert info.id == paused.id
    assert info.duration_s == pytest.approx(len(speech.samples) / RATE)
    data, _ = soundfile.read(info.path, dtype="int16")
    assert np.array_equal(data, speech.samples)
    with db.session() as session:
        assert session.scalar(select(Recording.id).where(Recording.encounter_id == encounter.id)) == info.id
        assert len(list(session.scalars(select(Recording)))) == 1
    assert actions(db) == [
        "recording.started",
        "recording.paused",
        "recording.paused",
        "recording.resumed",
        "recording.stopped",
    ]
    assert dictation.interrupted_takes(db, physician) == []
    with pytest.raises(Conflict, match="finished"):
        Take.reopen(db, physician, info.id)


def test_a_crashed_take_is_found_repaired_and_resumed(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo, recordings: Path, speech: Dictation
) -> None:
    # (A real SIGKILL through `workbench record` is in tests/audio/test_cli.py.)
    take = Take.start(db, physician, encounter.id, recordings)
    path = take.recording.path
    take.recorder.feed(speech.samples[: 2 * RATE])
    # What a killed process leaves: the samples, a header from the last flush, and no lock
    # (the kernel closes the file).
    with path.open("r+b") as handle:
        handle.seek(40)
        handle.write((RATE * 2).to_bytes(4, "little"))  # one second declared, two on disk
    writer = take.recorder._writer
    assert isinstance(writer, WavWriter)
    assert writer._fd is not None
    os.close(writer._fd)
    del take

    other = make_actor(db, Role.PHYSICIAN, "drtwo")
    assert dictation.interrupted_takes(db, other) == []
    (found,) = dictation.interrupted_takes(db, physician, encounter.id)
    assert (found.crashed, found.repaired) == (True, True)
    assert found.recording.status == "paused"
    assert found.recording.duration_s == pytest.approx(2.0)
    assert inspect_wav(path).declared_frames == 2 * RATE
    assert actions(db)[-1] == "recording.recovered"
    with pytest.raises(PermissionDenied):
        Take.reopen(db, other, found.recording.id)

    again = Take.reopen(db, physician, found.recording.id)
    again.resume()
    info = again.run(ArraySource(speech.samples[2 * RATE :]))
    data, _ = soundfile.read(info.path, dtype="int16")
    assert np.array_equal(data, speech.samples)


def test_autostop_finishes_the_row_with_the_reason(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo, recordings: Path, speech: Dictation
) -> None:
    silence = np.random.default_rng(2).normal(0, 30, 5 * RATE).astype(np.int16)
    take = Take.start(db, physician, encounter.id, recordings, settings=VadSettings(autostop_s=2))
    info = take.run(ArraySource(np.concatenate((speech.samples, silence))))
    assert info.status == "stopped"
    assert info.vad_settings.autostop_s == 2
    assert take.stop_reason is not None
    assert take.stop_reason.startswith("auto-stop after 2.0 s")
    assert take.stop() == info  # stopping again changes nothing
    with db.session() as session:
        detail = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "recording.stopped")
        ).one()
    assert detail["reason"].startswith("auto-stop")


def test_only_the_encounters_clinician_dictates_into_it(
    db: Database, encounter: encounters.EncounterInfo, recordings: Path
) -> None:
    other = make_actor(db, Role.PHYSICIAN, "drtwo")
    with pytest.raises(PermissionDenied):
        Take.start(db, other, encounter.id, recordings)
    assert not recordings.exists() or not list(recordings.iterdir())


def test_an_unwritable_recordings_folder_leaves_no_row(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(Exception, match="Cannot create the recording"):
        Take.start(db, physician, encounter.id, blocker)
    with db.session() as session:
        assert session.scalar(select(Recording.id)) is None


def test_a_take_being_recorded_elsewhere_is_not_offered_or_touched(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo, recordings: Path, speech: Dictation
) -> None:
    take = Take.start(db, physician, encounter.id, recordings)  # another window, still recording
    take.recorder.feed(speech.samples[:RATE])
    assert dictation.interrupted_takes(db, physician) == []
    assert dictation.get_recording(db, physician, take.recording.id).status == "recording"
    take.pause()
    (offered,) = dictation.interrupted_takes(db, physician)
    assert (offered.recording.id, offered.crashed) == (take.recording.id, False)
