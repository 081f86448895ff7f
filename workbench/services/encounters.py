"""Encounters: a patient seen by a clinician, and the lists each workspace shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from workbench.security.audit import record_event
from workbench.security.roles import Actor, Permission
from workbench.services.errors import InvalidInput, NotFound
from workbench.services.patients import PatientInfo, patient_info
from workbench.store.database import Database
from workbench.store.models import Encounter, Note, NoteStatus, NoteVersion, Patient, User, utcnow

ENCOUNTER_TYPES = ("office visit", "follow-up", "new patient", "telehealth", "urgent care", "consultation")

SOAP_TEMPLATE = "SUBJECTIVE:\n\n\nOBJECTIVE:\n\n\nASSESSMENT:\n\n\nPLAN:\n"


@dataclass(frozen=True)
class EncounterInfo:
    id: int
    patient: PatientInfo
    clinician: str
    encounter_type: str
    reason: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    note_id: int | None
    note_status: str | None


def _encounter_info(encounter: Encounter) -> EncounterInfo:
    note = encounter.note
    return EncounterInfo(
        id=encounter.id,
        patient=patient_info(encounter.patient),
        clinician=encounter.clinician.display_name,
        encounter_type=encounter.encounter_type,
        reason=encounter.reason or "",
        started_at=encounter.started_at,
        ended_at=encounter.ended_at,
        note_id=note.id if note else None,
        note_status=note.status if note else None,
    )


# Everything an EncounterInfo needs, loaded in the same query.
DETAILS = (joinedload(Encounter.patient), joinedload(Encounter.clinician), joinedload(Encounter.note))


def start_encounter(
    db: Database,
    actor: Actor,
    patient_id: int,
    encounter_type: str = "office visit",
    reason: str = "",
    started_at: dt.datetime | None = None,
    note_text: str = SOAP_TEMPLATE,
) -> EncounterInfo:
    """Open an encounter with an empty SOAP note for the acting physician."""
    actor.require(Permission.START_ENCOUNTER)
    if encounter_type not in ENCOUNTER_TYPES:
        raise InvalidInput(
            f"Unknown encounter type {encounter_type!r}; choose one of {', '.join(ENCOUNTER_TYPES)}."
        )
    if actor.user_id is None:
        raise InvalidInput("An encounter needs a clinician; sign in as a physician.")
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"No patient with id {patient_id}.")
        when = started_at or utcnow()
        encounter = Encounter(
            patient_id=patient_id,
            clinician_id=actor.user_id,
            encounter_type=encounter_type,
            reason=reason.strip()[:400] or None,
            started_at=when,
        )
        session.add(encounter)
        session.flush()
        note = Note(
            encounter_id=encounter.id,
            author_id=actor.user_id,
            status=NoteStatus.DRAFT.value,
            text=note_text,
            version=1,
            created_at=when,
            updated_at=when,
        )
        session.add(note)
        session.flush()
        session.add(
            NoteVersion(
                note_id=note.id,
                version=1,
                text=note_text,
                origin="template",
                saved_by_id=actor.user_id,
                saved_at=when,
            )
        )
        record_event(
            session,
            actor,
            "encounter.started",
            "encounter",
            encounter.id,
            detail={"patient_id": patient_id, "type": encounter_type},
        )
        encounter_id = encounter.id
    return get_encounter(db, actor, encounter_id)


def get_encounter(db: Database, actor: Actor, encounter_id: int) -> EncounterInfo:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        encounter = session.scalar(select(Encounter).options(*DETAILS).where(Encounter.id == encounter_id))
        if encounter is None:
            raise NotFound(f"No encounter with id {encounter_id}.")
        return _encounter_info(encounter)


def encounters_for_clinician(
    db: Database, actor: Actor, day: dt.date | None = None, limit: int = 500
) -> list[EncounterInfo]:
    """The acting clinician's encounters on one local day (today by default), newest first."""
    actor.require(Permission.START_ENCOUNTER)
    day = day or dt.date.today()
    # Local midnight to local midnight: 23 or 25 hours on the days clocks change.
    start = dt.datetime.combine(day, dt.time.min).astimezone().astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min).astimezone().astimezone(dt.UTC)
    with db.session() as session:
        query = (
            select(Encounter)
            .options(*DETAILS)
            .where(
                Encounter.clinician_id == actor.user_id,
                Encounter.started_at >= start,
                Encounter.started_at < end,
            )
            .order_by(Encounter.started_at.desc())
            .limit(limit)
        )
        return [_encounter_info(e) for e in session.scalars(query).unique()]


def encounters_for_patient(db: Database, actor: Actor, patient_id: int) -> list[EncounterInfo]:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        query = (
            select(Encounter)
            .options(*DETAILS)
            .where(Encounter.patient_id == patient_id)
            .order_by(Encounter.started_at.desc())
        )
        return [_encounter_info(e) for e in session.scalars(query).unique()]


def notes_with_status(
    db: Database, actor: Actor, statuses: tuple[NoteStatus, ...], limit: int = 1000
) -> list[EncounterInfo]:
    """Encounters whose note is in one of these states, newest first (coder and auditor lists)."""
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        query = (
            select(Encounter)
            .join(Note, Note.encounter_id == Encounter.id)
            .join(User, User.id == Encounter.clinician_id)
            .options(*DETAILS)
            .where(Note.status.in_([s.value for s in statuses]))
            .order_by(Encounter.started_at.desc())
            .limit(limit)
        )
        return [_encounter_info(e) for e in session.scalars(query).unique()]
