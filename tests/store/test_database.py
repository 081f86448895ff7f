"""The store on SQLite and on a real PostgreSQL server: round trips, constraints, pragmas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from workbench.store.database import Database, DatabaseError
from workbench.store.models import (
    AuditEvent,
    CodeSuggestion,
    CodingDecision,
    Encounter,
    Note,
    NoteVersion,
    Patient,
    Recording,
    Role,
    User,
)


def _user(session, name: str = "u1") -> User:
    user = User(
        username=name, display_name=name, role=Role.PHYSICIAN.value, password_hash="x", preferences={}
    )
    session.add(user)
    session.flush()
    return user


def _patient(session, mrn: str = "M1") -> Patient:
    patient = Patient(
        mrn=mrn, given_name="José", family_name="O'Brien-Núñez", date_of_birth=dt.date(1950, 3, 2), sex="M"
    )
    session.add(patient)
    session.flush()
    return patient


def test_round_trip_of_every_table(db: Database) -> None:
    with db.session() as s:
        user = _user(s)
        patient = _patient(s)
        start = dt.datetime(2026, 1, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        enc = Encounter(
            patient_id=patient.id, clinician_id=user.id, encounter_type="office visit", started_at=start
        )
        s.add(enc)
        s.flush()
        note = Note(encounter_id=enc.id, author_id=user.id, text="Chest pain 😀 ñ", version=1)
        s.add(note)
        s.flush()
        s.add(NoteVersion(note_id=note.id, version=1, text=note.text, origin="manual", saved_by_id=user.id))
        s.add(
            Recording(
                encounter_id=enc.id,
                created_by_id=user.id,
                path="/x.wav",
                sample_rate=16000,
                vad_settings={"aggressiveness": 2},
            )
        )
        sug = CodeSuggestion(
            note_id=note.id,
            note_version=1,
            rank=1,
            code="R07.9",
            title="Chest pain, unspecified",
            score=0.9,
            confidence=0.8,
            evidence=[{"start": 0, "end": 10, "text": "Chest pain"}],
            flags={"negated": False},
            model_version="test",
        )
        s.add(sug)
        s.flush()
        s.add(
            CodingDecision(
                note_id=note.id, suggestion_id=sug.id, code="R07.9", action="accept", coder_id=user.id
            )
        )
        ids = (user.id, patient.id, enc.id, note.id)
    with db.session() as s:
        loaded = s.get(Encounter, ids[2])
        assert loaded is not None
        # Stored in UTC, returned aware, the same instant.
        assert loaded.started_at == start
        assert loaded.started_at.tzinfo is not None
        assert loaded.patient.family_name == "O'Brien-Núñez"
        stored = s.get(Note, ids[3])
        assert stored is not None
        assert stored.text == "Chest pain 😀 ñ"
        assert stored.versions[0].origin == "manual"
        sug = s.scalars(select(CodeSuggestion)).one()
        assert sug.evidence == [{"start": 0, "end": 10, "text": "Chest pain"}]
        assert s.scalars(select(Recording)).one().vad_settings == {"aggressiveness": 2}
        assert s.scalars(select(CodingDecision)).one().action == "accept"


def test_mrn_is_unique(db: Database) -> None:
    with db.session() as s:
        _patient(s, "DUP")
    with pytest.raises(IntegrityError), db.session() as s:
        _patient(s, "DUP")


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Encounter(patient_id=999, clinician_id=999, encounter_type="office visit"))
        s.flush()


def test_a_failed_unit_of_work_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        _patient(s, "GONE")
        s.add(AuditEvent(actor_name="t", action="x", entity_type="patient", detail={}))
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalars(select(Patient)).all() == []
        assert s.scalars(select(AuditEvent)).all() == []


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), db.session() as s:
        user = _user(s)
        patient = _patient(s)
        s.add(
            Encounter(
                patient_id=patient.id,
                clinician_id=user.id,
                encounter_type="x",
                started_at=dt.datetime(2026, 1, 1, 9, 0),
            )
        )
        s.flush()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_missing_database_says_what_to_run(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'new.db'}")
    with pytest.raises(DatabaseError, match="workbench init"):
        db.require_current()


def test_outdated_database_says_to_upgrade(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    db.upgrade("0001")
    if db.head_revision() == "0001":
        db.require_current()  # only one revision so far: the database is current
        return
    with pytest.raises(DatabaseError, match="workbench db upgrade"):
        db.require_current()


def test_safe_url_hides_the_password() -> None:
    db = Database("postgresql+psycopg://clinic:s3cret@127.0.0.1:1/wb")
    assert "s3cret" not in db.safe_url()
    db.dispose()
