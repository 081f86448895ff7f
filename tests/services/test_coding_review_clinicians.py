from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import make_actor
from tests.services.coded_notes import signed_note
from workbench.security.roles import SYSTEM, PermissionDenied
from workbench.services import coding_review, encounters, patients
from workbench.store.database import Database
from workbench.store.models import Role


def test_worklist_clinicians_are_those_with_notes_waiting(db: Database) -> None:
    first = make_actor(db, Role.PHYSICIAN, "drone")
    second = make_actor(db, Role.PHYSICIAN, "drtwo")
    coder = make_actor(db, Role.CODER, "coder1")
    assert coding_review.worklist_clinicians(db, coder) == []
    signed_note(db, first, mrn="C-1")
    # A draft of another physician does not put them on the list.
    patient = patients.create_patient(
        db, SYSTEM, mrn="C-2", given_name="B", family_name="C", date_of_birth=dt.date(1980, 1, 1), sex="M"
    )
    encounters.start_encounter(db, second, patient.id, "office visit", "draft")
    assert coding_review.worklist_clinicians(db, coder) == [(first.user_id, "Test physician")]
    with pytest.raises(PermissionDenied):
        coding_review.worklist_clinicians(db, second)
