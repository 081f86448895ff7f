from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from tests.conftest import make_actor
from workbench.security.roles import SYSTEM, Actor, PermissionDenied
from workbench.services import encounters, notes, patients
from workbench.services.errors import Conflict, InvalidInput, NoteLocked
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Note, NoteStatus, Role


@pytest.fixture
def physician(db: Database) -> Actor:
    return make_actor(db, Role.PHYSICIAN, "drone")


@pytest.fixture
def encounter(db: Database, physician: Actor) -> encounters.EncounterInfo:
    patient = patients.create_patient(
        db, SYSTEM, mrn="P1", given_name="Ann", family_name="Lee", date_of_birth=dt.date(1960, 5, 1), sex="F"
    )
    return encounters.start_encounter(db, physician, patient.id, "office visit", "cough")


def test_new_encounter_has_a_soap_draft(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo
) -> None:
    assert encounter.note_id is not None and encounter.note_status == "draft"
    note = notes.get_note(db, physician, encounter.note_id)
    assert note.text == encounters.SOAP_TEMPLATE and note.version == 1 and not note.locked
    assert [e.id for e in encounters.encounters_for_clinician(db, physician)] == [encounter.id]


def test_saves_make_versions_and_autosaves_coalesce(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo
) -> None:
    note_id = encounter.note_id
    assert note_id is not None
    n = notes.save_note(db, physician, note_id, "first", 1, "autosave")
    n = notes.save_note(db, physician, note_id, "first, more", n.version, "autosave")
    assert n.version == 3  # every save moves the version on ...
    n = notes.save_note(db, physician, note_id, "first, more. Done.", n.version, "manual")
    assert n.version == 4
    unchanged = notes.save_note(db, physician, note_id, "first, more. Done.", n.version, "manual")
    assert unchanged.version == 4
    history = notes.note_versions(db, physician, note_id)
    # ... but the second autosave took over the first one's history row.
    assert [(v.version, v.origin, v.text) for v in history] == [
        (1, "template", encounters.SOAP_TEMPLATE),
        (3, "autosave", "first, more"),
        (4, "manual", "first, more. Done."),
    ]
    with db.session() as s:
        saves = s.scalars(select(AuditEvent).where(AuditEvent.action == "note.saved")).all()
    assert len(saves) == 3 and all(e.before_digest and e.after_digest for e in saves)


def test_two_windows_autosaving_from_the_same_base_cannot_overwrite(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo
) -> None:
    assert encounter.note_id is not None
    base = notes.save_note(db, physician, encounter.note_id, "shared start", 1, "autosave").version
    notes.save_note(db, physician, encounter.note_id, "WINDOW A text", base, "autosave")
    with pytest.raises(Conflict):
        notes.save_note(db, physician, encounter.note_id, "WINDOW B text", base, "autosave")
    assert notes.get_note(db, physician, encounter.note_id).text == "WINDOW A text"


def test_a_stale_editor_cannot_overwrite(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo
) -> None:
    assert encounter.note_id is not None
    notes.save_note(db, physician, encounter.note_id, "from window A", 1)
    with pytest.raises(Conflict, match="changed elsewhere"):
        notes.save_note(db, physician, encounter.note_id, "from window B", 1)
    assert notes.get_note(db, physician, encounter.note_id).text == "from window A"


def test_signed_notes_are_locked(db: Database, physician: Actor, encounter: encounters.EncounterInfo) -> None:
    assert encounter.note_id is not None
    with db.session() as s:
        s.execute(update(Note).where(Note.id == encounter.note_id).values(status=NoteStatus.SIGNED.value))
    with pytest.raises(NoteLocked, match="addendum"):
        notes.save_note(db, physician, encounter.note_id, "changed", 1)


@pytest.mark.parametrize("role", [Role.CODER, Role.AUDITOR, Role.ADMIN])
def test_only_physicians_edit_notes(db: Database, encounter: encounters.EncounterInfo, role: Role) -> None:
    assert encounter.note_id is not None
    other = make_actor(db, role)
    with pytest.raises(PermissionDenied):
        notes.save_note(db, other, encounter.note_id, "tampered", 1)
    if role is Role.ADMIN:
        with pytest.raises(PermissionDenied):
            notes.get_note(db, other, encounter.note_id)
    else:
        assert notes.get_note(db, other, encounter.note_id).text == encounters.SOAP_TEMPLATE


def test_another_physician_cannot_edit_my_note(db: Database, encounter: encounters.EncounterInfo) -> None:
    assert encounter.note_id is not None
    colleague = make_actor(db, Role.PHYSICIAN, "drtwo")
    with pytest.raises(PermissionDenied):
        notes.save_note(db, colleague, encounter.note_id, "mine now", 1)


@pytest.mark.parametrize("text", ["x" * (notes.MAX_NOTE_CHARS + 1), "nul \x00 inside"])
def test_unsaveable_text_is_refused_and_nothing_changes(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo, text: str
) -> None:
    assert encounter.note_id is not None
    with pytest.raises(InvalidInput):
        notes.save_note(db, physician, encounter.note_id, text, 1)
    assert notes.get_note(db, physician, encounter.note_id).version == 1


def test_diff_and_word_count() -> None:
    diff = notes.diff_text("a\nb\n", "a\nc\n")
    assert "-b\n" in diff and "+c\n" in diff
    assert notes.word_count("  Chest pain,  denies\nfever ") == 4
    assert notes.word_count("") == 0


def test_coders_see_signed_notes_only(
    db: Database, physician: Actor, encounter: encounters.EncounterInfo
) -> None:
    coder = make_actor(db, Role.CODER)
    assert encounters.notes_with_status(db, coder, (NoteStatus.SIGNED,)) == []
    with db.session() as s:
        s.execute(update(Note).where(Note.id == encounter.note_id).values(status=NoteStatus.SIGNED.value))
    listed = encounters.notes_with_status(db, coder, (NoteStatus.SIGNED,))
    assert [e.id for e in listed] == [encounter.id]
    assert listed[0].patient.mrn == "P1" and listed[0].clinician == "Test physician"


def test_encounter_validation(db: Database, physician: Actor) -> None:
    with pytest.raises(InvalidInput, match="Unknown encounter type"):
        encounters.start_encounter(db, physician, 1, "séance")
    with pytest.raises(Exception, match="No patient"):
        encounters.start_encounter(db, physician, 12345)
    coder = make_actor(db, Role.CODER)
    with pytest.raises(PermissionDenied):
        encounters.start_encounter(db, coder, 1)


def test_todays_list_covers_a_whole_local_day_when_clocks_change(
    db: Database, physician: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        patient = patients.create_patient(
            db,
            SYSTEM,
            mrn="D1",
            given_name="Dee",
            family_name="Ess",
            date_of_birth=dt.date(1970, 1, 1),
            sex="F",
        )
        # 8 March 2026 has 23 hours in New York; 1 November 2026 has 25.
        for day in (dt.date(2026, 3, 8), dt.date(2026, 11, 1)):
            late = dt.datetime.combine(day, dt.time(23, 30)).astimezone()
            early_next = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 30)).astimezone()
            inside = encounters.start_encounter(db, physician, patient.id, started_at=late.astimezone(dt.UTC))
            encounters.start_encounter(db, physician, patient.id, started_at=early_next.astimezone(dt.UTC))
            listed = [e.id for e in encounters.encounters_for_clinician(db, physician, day)]
            assert listed == [inside.id]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
