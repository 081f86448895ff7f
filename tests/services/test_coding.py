"""Stored code suggestions: computed once per note version and model, recomputed when text changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.conftest import make_actor
from workbench.coding.suggest import load_engine
from workbench.security.roles import SYSTEM, PermissionDenied
from workbench.services import coding, encounters, notes, patients
from workbench.store.database import Database
from workbench.store.models import AuditEvent, CodeSuggestion, Role


def test_suggestions_are_stored_and_recomputed_only_when_the_text_changes(sqlite_db: Database) -> None:
    db = sqlite_db
    physician = make_actor(db, Role.PHYSICIAN, "drone")
    coder = make_actor(db, Role.CODER, "cody")
    patient = patients.create_patient(
        db, SYSTEM, mrn="P1", given_name="Ann", family_name="Lee", date_of_birth=dt.date(1960, 5, 1), sex="F"
    )
    enc = encounters.start_encounter(db, physician, patient.id, "office visit", "follow-up")
    assert enc.note_id is not None
    note = notes.save_note(db, physician, enc.note_id, "Known HTN. Denies chest pain.", 1)
    engine = load_engine()

    first = coding.suggestions_for_note(db, coder, enc.note_id, engine)
    assert [s.code for s in first][:1] == ["I10"]
    assert first[0].evidence[0][2] == "HTN"
    assert first[0].model_version == engine.model_version
    again = coding.suggestions_for_note(db, coder, enc.note_id, engine)
    assert [s.id for s in again] == [s.id for s in first]

    notes.save_note(db, physician, enc.note_id, "Known HTN and T2DM.", note.version)
    changed = coding.suggestions_for_note(db, coder, enc.note_id, engine)
    assert {"I10", "E11.9"} <= {s.code for s in changed}
    assert all(s.note_version == note.version + 1 for s in changed)
    with db.session() as session:
        events = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "coding.suggestions_computed")
        )
        rows = session.scalar(select(func.count()).select_from(CodeSuggestion))
    assert events == 2
    assert rows == len(first) + len(changed)


def test_an_actor_without_note_access_is_refused(sqlite_db: Database) -> None:
    admin = make_actor(sqlite_db, Role.ADMIN, "root")  # administers accounts, does not read notes
    with pytest.raises(PermissionDenied):
        coding.suggestions_for_note(sqlite_db, admin, 1, load_engine())


class _Rendezvous:
    """The real engine, held until both callers have looked for stored suggestions and found none."""

    def __init__(self, engine: object, parties: int) -> None:
        import threading

        self._engine = engine
        self._barrier = threading.Barrier(parties, timeout=60)
        self.model_version = engine.model_version  # type: ignore[attr-defined]

    def suggest(self, text: str) -> object:
        self._barrier.wait()
        return self._engine.suggest(text)  # type: ignore[attr-defined]


def test_two_desktops_computing_at_once_store_one_set(db: Database) -> None:
    from concurrent.futures import ThreadPoolExecutor

    physician = make_actor(db, Role.PHYSICIAN, "drtwo")
    coder = make_actor(db, Role.CODER, "codytwo")
    patient = patients.create_patient(
        db, SYSTEM, mrn="P2", given_name="Bo", family_name="Kim", date_of_birth=dt.date(1955, 2, 3), sex="M"
    )
    enc = encounters.start_encounter(db, physician, patient.id, "office visit", "follow-up")
    assert enc.note_id is not None
    notes.save_note(db, physician, enc.note_id, "Known HTN and T2DM.", 1)
    engine = _Rendezvous(load_engine(), 2)
    note_id = enc.note_id
    with ThreadPoolExecutor(2) as pool:  # the physician's sign hook and the coder opening the note
        results = list(
            pool.map(lambda who: coding.suggestions_for_note(db, who, note_id, engine), [physician, coder])  # type: ignore[arg-type]
        )
    assert [s.id for s in results[0]] == [s.id for s in results[1]]
    with db.session() as session:
        rows = session.scalar(select(func.count()).select_from(CodeSuggestion))
        events = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "coding.suggestions_computed")
        )
    assert rows == len(results[0]) and events == 1
