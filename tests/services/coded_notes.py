"""Signed notes with stored suggestions, for the coding review, statistics and export tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbench.security.roles import SYSTEM, Actor
from workbench.services import encounters, notes, patients, signing
from workbench.store.database import Database
from workbench.store.models import CodeSuggestion

PASSWORD = "correct horse battery"
TEXT = (
    "SUBJECTIVE:\nFollow-up of type 2 diabetes mellitus and essential hypertension.\n\n"
    "ASSESSMENT:\nType 2 diabetes mellitus. Essential hypertension. Hyperlipidemia. No pneumonia.\n"
)


@dataclass(frozen=True)
class Planned:
    code: str
    title: str
    confidence: float
    phrase: str
    flags: tuple[str, ...] = ()


PLAN = (
    Planned("E11.9", "Type 2 diabetes mellitus without complications", 0.92, "Type 2 diabetes mellitus"),
    Planned("I10", "Essential (primary) hypertension", 0.85, "Essential hypertension"),
    Planned("E78.5", "Hyperlipidemia, unspecified", 0.41, "Hyperlipidemia", ("needs_review",)),
    Planned("R73.9", "Hyperglycemia, unspecified", 0.2, "diabetes"),
    Planned("J18.9", "Pneumonia, unspecified organism", 0.6, "pneumonia", ("negated",)),
)


def signed_note(
    db: Database,
    physician: Actor,
    mrn: str = "M-0001",
    started_at: dt.datetime | None = None,
    text: str = TEXT,
    plan: tuple[Planned, ...] = PLAN,
) -> tuple[int, list[int]]:
    """A signed note with the planned suggestions stored; returns its id and the suggestion ids."""
    patient = patients.create_patient(
        db,
        SYSTEM,
        mrn=mrn,
        given_name="Ana",
        family_name="Ruiz",
        date_of_birth=dt.date(1970, 1, 2),
        sex="F",
    )
    encounter = encounters.start_encounter(
        db,
        physician,
        patient.id,
        "office visit",
        "follow-up",
        started_at=started_at or dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC),
    )
    assert encounter.note_id is not None
    note_id = encounter.note_id
    notes.save_note(db, physician, note_id, text, 1)
    signing.sign_note(db, physician, note_id, PASSWORD)
    version = notes.get_note(db, physician, note_id).version
    ids: list[int] = []
    with db.session() as session:
        for rank, p in enumerate(plan):
            start = text.rindex(p.phrase)
            row = CodeSuggestion(
                note_id=note_id,
                note_version=version,
                rank=rank,
                code=p.code,
                title=p.title,
                score=p.confidence,
                confidence=p.confidence,
                evidence=[{"start": start, "end": start + len(p.phrase), "text": p.phrase}],
                flags={f: True for f in p.flags},
                reason="test",
                model_version="test-1",
            )
            session.add(row)
            session.flush()
            ids.append(row.id)
    return note_id, ids
