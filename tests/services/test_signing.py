"""Signing, addenda, coding sign-off and verification through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.conftest import make_actor
from workbench.security import keys
from workbench.security.roles import SYSTEM, Actor, PermissionDenied
from workbench.services import encounters, notes, patients, signing, users
from workbench.services.errors import InvalidInput, LoginThrottled, NoteLocked
from workbench.store.database import Database
from workbench.store.models import AuditEvent, CodingDecision, NoteStatus, PublicKey, Role, User

PASSWORD = "correct horse battery"
TEXT = "SUBJECTIVE:\nCough for three days.\n\nASSESSMENT:\nAcute bronchitis.\n"


@pytest.fixture
def physician(db: Database) -> Actor:
    return make_actor(db, Role.PHYSICIAN, "drhouse")


@pytest.fixture
def note_id(db: Database, physician: Actor) -> int:
    patient = patients.create_patient(
        db,
        SYSTEM,
        mrn="M-0001",
        given_name="Ana",
        family_name="Ruiz",
        date_of_birth=dt.date(1970, 1, 2),
        sex="F",
    )
    encounter = encounters.start_encounter(db, physician, patient.id, "office visit", "cough")
    assert encounter.note_id is not None
    notes.save_note(db, physician, encounter.note_id, TEXT, 1)
    return encounter.note_id


def _actions(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_every_new_account_gets_a_sealed_signing_key(db: Database, physician: Actor) -> None:
    with db.session() as session:
        user = session.get(User, physician.user_id)
        assert user is not None and user.key_fingerprint and user.private_key_encrypted
        key = session.scalar(select(PublicKey).where(PublicKey.fingerprint == user.key_fingerprint))
        assert key is not None and key.user_id == user.id and key.retired_at is None
        assert PASSWORD.encode() not in user.private_key_encrypted
        private = keys.unlock(user, PASSWORD)
        assert keys.fingerprint(keys.public_bytes(private.public_key())) == user.key_fingerprint
        with pytest.raises(keys.WrongPassword):
            keys.unlock(user, "not the password")
    assert "key.created" in _actions(db)


def test_the_author_signs_and_the_note_locks(db: Database, physician: Actor, note_id: int) -> None:
    sig = signing.sign_note(db, physician, note_id, PASSWORD)
    assert sig.signer == "drhouse" and sig.entity_type == "note" and len(sig.digest) == 64
    note = notes.get_note(db, physician, note_id)
    assert note.status is NoteStatus.SIGNED and note.locked and note.signed_at == sig.signed_at
    with pytest.raises(NoteLocked):
        notes.save_note(db, physician, note_id, "changed", note.version)
    with pytest.raises(NoteLocked, match="already signed"):
        signing.sign_note(db, physician, note_id, PASSWORD)
    result = signing.verify_note(db, physician, note_id)
    assert result.ok, result.problems
    assert [c.entity_type for c in result.checks] == ["note"]
    assert "note.signed" in _actions(db)


def test_a_wrong_password_cannot_sign_and_is_audited(db: Database, physician: Actor, note_id: int) -> None:
    with pytest.raises(keys.WrongPassword):
        signing.sign_note(db, physician, note_id, "wrong password!")
    assert notes.get_note(db, physician, note_id).status is NoteStatus.DRAFT
    assert _actions(db)[-1] == "note.sign.refused"
    for _ in range(2):
        with pytest.raises(keys.WrongPassword):
            signing.sign_note(db, physician, note_id, "wrong password!")
    with pytest.raises(LoginThrottled):
        signing.sign_note(db, physician, note_id, PASSWORD)
    assert _actions(db)[-1] == "note.sign.refused"  # the throttled attempt is on record too
    with db.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert last.detail["reason"] == "throttled"


@pytest.mark.parametrize("role", [Role.CODER, Role.AUDITOR, Role.ADMIN])
def test_only_physicians_sign(db: Database, note_id: int, role: Role) -> None:
    other = make_actor(db, role)
    with pytest.raises(PermissionDenied):
        signing.sign_note(db, other, note_id, PASSWORD)
    with pytest.raises(PermissionDenied):
        signing.add_addendum(db, other, note_id, "more", PASSWORD)


def test_another_physician_cannot_sign_my_note(db: Database, note_id: int) -> None:
    colleague = make_actor(db, Role.PHYSICIAN, "drwilson")
    with pytest.raises(PermissionDenied):
        signing.sign_note(db, colleague, note_id, PASSWORD)
    assert _actions(db)[-1] == "note.sign.refused"


def test_addenda_are_signed_listed_in_order_and_amend_the_note(
    db: Database, physician: Actor, note_id: int
) -> None:
    with pytest.raises(InvalidInput, match="draft"):
        signing.add_addendum(db, physician, note_id, "too early", PASSWORD)
    signing.sign_note(db, physician, note_id, PASSWORD)
    first = signing.add_addendum(db, physician, note_id, "Allergy to penicillin noted.", PASSWORD)
    colleague = make_actor(db, Role.PHYSICIAN, "drwilson")
    second = signing.add_addendum(db, colleague, note_id, "Seen again: improving.", PASSWORD)
    listed = signing.list_addenda(db, physician, note_id)
    assert [a.id for a in listed] == [first.id, second.id]
    assert [a.author for a in listed] == ["drhouse", "drwilson"]
    assert notes.get_note(db, physician, note_id).status is NoteStatus.AMENDED
    result = signing.verify_note(db, physician, note_id)
    assert result.ok, result.problems
    assert [c.entity_type for c in result.checks] == ["note", "addendum", "addendum"]


def test_password_change_keeps_the_key_and_reset_replaces_it(
    db: Database, physician: Actor, note_id: int
) -> None:
    signing.sign_note(db, physician, note_id, PASSWORD)
    with db.session() as session:
        before = session.get(User, physician.user_id)
        assert before is not None
        first_key = before.key_fingerprint
    users.change_password(db, physician, PASSWORD, "a new long password")
    with db.session() as session:
        user = session.get(User, physician.user_id)
        assert user is not None and user.key_fingerprint == first_key
        keys.unlock(user, "a new long password")
        with pytest.raises(keys.WrongPassword):
            keys.unlock(user, PASSWORD)
    users.reset_password(db, SYSTEM, "drhouse", "reset by the admin")
    with db.session() as session:
        user = session.get(User, physician.user_id)
        assert user is not None and user.key_fingerprint != first_key
        keys.unlock(user, "reset by the admin")
        old = session.scalar(select(PublicKey).where(PublicKey.fingerprint == first_key))
        assert old is not None and old.retired_at is not None and old.retired_reason == "password reset"
    # The note signed with the retired key still verifies; new signatures use the new key.
    assert signing.verify_note(db, physician, note_id).ok
    signing.add_addendum(db, physician, note_id, "After the reset.", "reset by the admin")
    result = signing.verify_note(db, physician, note_id)
    assert result.ok, result.problems
    assert result.checks[0].key_fingerprint == first_key != result.checks[1].key_fingerprint


def test_rotation_keeps_old_signatures_valid(db: Database, physician: Actor, note_id: int) -> None:
    signing.sign_note(db, physician, note_id, PASSWORD)
    new_fp = signing.rotate_key(db, physician, PASSWORD)
    signing.add_addendum(db, physician, note_id, "After rotation.", PASSWORD)
    result = signing.verify_note(db, physician, note_id)
    assert result.ok, result.problems
    assert result.checks[-1].key_fingerprint == new_fp != result.checks[0].key_fingerprint


def _decide(db: Database, note_id: int, coder: Actor, code: str, action: str) -> None:
    with db.session() as session:
        session.add(
            CodingDecision(
                note_id=note_id,
                code=code,
                action=action,
                evidence=[{"start": 0, "end": 5, "text": "Cough", "score": 0.75}],
                coder_id=coder.user_id,
                seconds_spent=3.5,
            )
        )


def test_a_coder_finalises_coding_of_a_signed_note(db: Database, physician: Actor, note_id: int) -> None:
    coder = make_actor(db, Role.CODER)
    _decide(db, note_id, coder, "J20.9", "accept")
    with pytest.raises(InvalidInput, match="draft"):
        signing.finalise_coding(db, coder, note_id, PASSWORD)
    signing.sign_note(db, physician, note_id, PASSWORD)
    _decide(db, note_id, coder, "R05.9", "reject")
    _decide(db, note_id, coder, "J45.909", "add")
    with pytest.raises(PermissionDenied):
        signing.finalise_coding(db, physician, note_id, PASSWORD)
    sig = signing.finalise_coding(db, coder, note_id, PASSWORD)
    assert sig.entity_type == "coding" and sig.signer == coder.username
    result = signing.verify_note(db, coder, note_id)
    assert result.ok, result.problems
    assert [c.entity_type for c in result.checks] == ["note", "coding"]
    assert signing.final_codes(_decisions(db, note_id)) == ["J20.9", "J45.909"]
    # A decision slipped in after the sign-off is reported.
    _decide(db, note_id, coder, "Z99.9", "add")
    result = signing.verify_note(db, coder, note_id)
    assert not result.ok and "added after the sign-off" in result.problems[0]


def _decisions(db: Database, note_id: int) -> list[CodingDecision]:
    with db.session() as session:
        return list(session.scalars(select(CodingDecision).where(CodingDecision.note_id == note_id)))


def test_viewing_a_signed_note_is_audited(db: Database, physician: Actor, note_id: int) -> None:
    auditor = make_actor(db, Role.AUDITOR)
    with pytest.raises(InvalidInput):
        signing.view_signed_note(db, auditor, note_id)
    signing.sign_note(db, physician, note_id, PASSWORD)
    view = signing.view_signed_note(db, auditor, note_id)
    assert view.verification.ok and view.note.text == TEXT and view.author == "drhouse"
    with db.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (event.action, event.actor_name, event.detail["role"]) == (
        "note.viewed",
        auditor.username,
        "auditor",
    )


def test_an_auditor_cannot_change_anything(db: Database, physician: Actor, note_id: int) -> None:
    signing.sign_note(db, physician, note_id, PASSWORD)
    auditor = make_actor(db, Role.AUDITOR)
    attempts = [
        lambda: notes.save_note(db, auditor, note_id, "x", 1),
        lambda: signing.sign_note(db, auditor, note_id, PASSWORD),
        lambda: signing.add_addendum(db, auditor, note_id, "x", PASSWORD),
        lambda: signing.finalise_coding(db, auditor, note_id, PASSWORD),
        lambda: users.add_user(db, auditor, "mallory", "M", Role.ADMIN, PASSWORD),
        lambda: users.reset_password(db, auditor, "drhouse", "taken over!"),
        lambda: patients.create_patient(
            db, auditor, mrn="X", given_name="A", family_name="B", date_of_birth=dt.date(1990, 1, 1), sex="F"
        ),
        lambda: encounters.start_encounter(db, auditor, 1, "office visit", "x"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert signing.verify_note(db, auditor, note_id).ok


def test_the_demo_signs_most_notes_and_everything_verifies(db: Database) -> None:
    from workbench.security.audit import verify_chain
    from workbench.services import demo

    demo.seed_demo(db)
    results = signing.verify_all(db, SYSTEM)
    assert len(results) == demo.SIGNED_NOTES and all(r.ok for r in results)
    amended = [r for r in results if [c.entity_type for c in r.checks] == ["note", "addendum"]]
    assert len(amended) == 1
    auditor = users.authenticate(db, "auditor", "auditor-demo").actor()
    view = signing.view_signed_note(db, auditor, amended[0].note_id)
    assert view.note.status is NoteStatus.AMENDED and len(view.addenda) == 1 and view.verification.ok
    assert verify_chain(db).ok


def test_the_encounter_history_shows_what_happened_and_only_to_auditors(
    db: Database, physician: Actor, note_id: int
) -> None:
    from workbench.services import audit_trail

    signing.sign_note(db, physician, note_id, PASSWORD)
    addendum = signing.add_addendum(db, physician, note_id, "Called the patient.", PASSWORD)
    auditor = make_actor(db, Role.AUDITOR)
    signing.view_signed_note(db, auditor, note_id)
    encounter_id = notes.get_note(db, physician, note_id).encounter_id
    with pytest.raises(PermissionDenied):
        audit_trail.encounter_history(db, physician, encounter_id)
    history = audit_trail.encounter_history(db, auditor, encounter_id)
    assert [e.action for e in history][-4:] == ["note.saved", "note.signed", "addendum.signed", "note.viewed"]
    assert history[0].entity_type == "encounter"
    assert [e.entity_id for e in history if e.action == "addendum.signed"] == [str(addendum.id)]
    report = audit_trail.verify_audit_trail(db, auditor)
    assert report.ok and report.events > len(history)
