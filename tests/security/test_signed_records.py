"""Attacks on signed notes through the database itself: refused by the guards, or found by verify."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import DBAPIError

from tests.conftest import make_actor
from workbench import cli
from workbench.security import keys
from workbench.security.audit import verify_chain
from workbench.security.roles import SYSTEM, Actor
from workbench.security.signing import content_digest, sign_digest
from workbench.services import encounters, notes, patients, signing
from workbench.store.database import Database
from workbench.store.guards import create_guards, drop_guards
from workbench.store.models import Note, NoteStatus, Patient, PublicKey, Role, Signature, User

PASSWORD = "correct horse battery"


@pytest.fixture
def physician(db: Database) -> Actor:
    return make_actor(db, Role.PHYSICIAN, "drgrey")


def _note(db: Database, physician: Actor, mrn: str = "M-1", text_: str = "Chest pain, atypical.\n") -> int:
    patient = patients.create_patient(
        db, SYSTEM, mrn=mrn, given_name="Ana", family_name="Ruiz", date_of_birth=dt.date(1970, 1, 2), sex="F"
    )
    encounter = encounters.start_encounter(db, physician, patient.id, "office visit", "pain")
    assert encounter.note_id is not None
    notes.save_note(db, physician, encounter.note_id, text_, 1)
    return encounter.note_id


@pytest.fixture
def signed(db: Database, physician: Actor) -> int:
    note_id = _note(db, physician)
    signing.sign_note(db, physician, note_id, PASSWORD)
    signing.add_addendum(db, physician, note_id, "Troponin negative.", PASSWORD)
    return note_id


def _sql(db: Database, statement: str, *, unguarded: bool = False) -> None:
    with db.engine.begin() as connection:
        if unguarded:
            drop_guards(connection)
        connection.execute(text(statement))
        if unguarded:
            create_guards(connection)


REFUSED = [
    ("UPDATE notes SET text = 'forged' WHERE id = {id}", "read-only"),
    ("UPDATE notes SET version = version + 1 WHERE id = {id}", "read-only"),
    ("UPDATE notes SET status = 'draft' WHERE id = {id}", "read-only"),
    ("UPDATE notes SET author_id = author_id + 1 WHERE id = {id}", "read-only"),
    ("DELETE FROM notes WHERE id = {id}", "never deleted"),
    ("UPDATE signatures SET digest = 'x'", "read-only"),
    ("DELETE FROM signatures", "never deleted"),
    ("UPDATE addenda SET text = 'forged'", "read-only"),
    ("DELETE FROM addenda", "never deleted"),
    ("UPDATE public_keys SET public_key = public_key || public_key", "read-only"),
    ("DELETE FROM public_keys", "never deleted"),
]


def test_the_database_refuses_changes_to_signed_records(db: Database, signed: int) -> None:
    for statement, message in REFUSED:
        with pytest.raises(DBAPIError, match=message):
            _sql(db, statement.format(id=signed))
    result = signing.verify_note(db, SYSTEM, signed)
    assert result.ok, result.problems


def test_postgresql_refuses_truncate(db: Database, signed: int) -> None:
    if db.dialect != "postgresql":
        return  # SQLite has no TRUNCATE; its DELETE is guarded above
    for table in ("notes", "signatures", "addenda", "public_keys"):
        with pytest.raises(DBAPIError, match="never truncated"):
            _sql(db, f"TRUNCATE {table} CASCADE")


def test_drafts_stay_editable_and_signing_status_may_advance(
    db: Database, physician: Actor, signed: int
) -> None:
    draft = _note(db, physician, mrn="M-2")
    _sql(db, f"UPDATE notes SET text = 'still a draft' WHERE id = {draft}")
    _sql(db, f"UPDATE notes SET updated_at = updated_at WHERE id = {signed}")
    assert notes.get_note(db, physician, draft).text == "still a draft"


def test_text_changed_with_triggers_dropped_is_reported(db: Database, signed: int, physician: Actor) -> None:
    other = _note(db, physician, mrn="M-2")
    signing.sign_note(db, physician, other, PASSWORD)
    _sql(db, f"UPDATE notes SET text = 'Chest pain, typical.\n' WHERE id = {signed}", unguarded=True)
    result = signing.verify_note(db, SYSTEM, signed)
    assert not result.ok
    assert result.problems == [f"note {signed}: the signed content was changed after signing"]
    every = signing.verify_all(db, SYSTEM)
    assert [(r.note_id, r.ok) for r in every] == [(signed, False), (other, True)]


def test_addendum_text_changed_is_reported(db: Database, signed: int) -> None:
    _sql(db, "UPDATE addenda SET text = 'Troponin positive.'", unguarded=True)
    result = signing.verify_note(db, SYSTEM, signed)
    assert [c.ok for c in result.checks] == [True, False]


def test_a_changed_mrn_is_reported(db: Database, signed: int) -> None:
    with db.session() as session:
        session.execute(update(Patient).values(mrn="M-999"))
    assert not signing.verify_note(db, SYSTEM, signed).ok


def test_a_replaced_signature_is_reported(db: Database, signed: int) -> None:
    _sql(db, "UPDATE signatures SET signature = signature WHERE 1 = 0")  # allowed: touches nothing
    with db.session() as session:
        sig = session.scalars(select(Signature).where(Signature.entity_type == "note")).one()
        forged = bytes([sig.signature[0] ^ 1]) + sig.signature[1:]
    with db.engine.begin() as connection:
        drop_guards(connection)
        connection.execute(update(Signature).where(Signature.id == sig.id).values(signature=forged))
        create_guards(connection)
    result = signing.verify_note(db, SYSTEM, signed)
    assert result.problems == [f"note {signed}: the signature does not verify"]


def test_a_note_resigned_with_a_planted_key_is_reported(db: Database, signed: int, physician: Actor) -> None:
    """Change the text, then re-sign with a key the attacker slipped into public_keys."""
    private, sealed = keys.new_key("attacker's password")
    with db.session() as session:
        note = session.get(Note, signed)
        sig = session.scalars(select(Signature).where(Signature.entity_type == "note")).one()
        assert note is not None and note.signed_at is not None
        content = signing.note_content(
            note.id,
            note.encounter_id,
            "M-1",
            note.author_id,
            "drgrey",
            note.version,
            note.signed_at,
            "forged",
        )
        digest = content_digest(content)
        signature = sign_digest(private, digest)
        sig_id = sig.id
        created = sig.signed_at - dt.timedelta(days=1)
    with db.engine.begin() as connection:
        drop_guards(connection)
        connection.execute(update(Note).where(Note.id == signed).values(text="forged"))
        connection.execute(
            insert(PublicKey).values(
                user_id=physician.user_id,
                algorithm="Ed25519",
                public_key=sealed.public_key,
                fingerprint=sealed.fingerprint,
                created_at=created,
            )
        )
        connection.execute(
            update(Signature)
            .where(Signature.id == sig_id)
            .values(digest=digest, signature=signature, key_fingerprint=sealed.fingerprint)
        )
        create_guards(connection)
    result = signing.verify_note(db, SYSTEM, signed)
    assert result.checks[0].problems == ("the signing key's creation is not in the audit trail",)


def test_a_signed_note_set_back_to_draft_is_reported(db: Database, signed: int) -> None:
    _sql(db, f"UPDATE notes SET status = 'draft' WHERE id = {signed}", unguarded=True)
    assert not signing.verify_note(db, SYSTEM, signed).ok


def test_a_signature_deleted_is_reported(db: Database, signed: int) -> None:
    _sql(db, "DELETE FROM signatures WHERE entity_type = 'note'", unguarded=True)
    result = signing.verify_note(db, SYSTEM, signed)
    assert "has no signature" in result.problems[0]


def test_a_coding_sign_off_locks_the_decisions(db: Database, signed: int) -> None:
    from workbench.store.models import CodingDecision

    coder = make_actor(db, Role.CODER)
    with db.session() as session:
        session.add(
            CodingDecision(note_id=signed, code="R07.9", action="accept", evidence=[], coder_id=coder.user_id)
        )
    signing.finalise_coding(db, coder, signed, PASSWORD)
    with pytest.raises(DBAPIError, match="coding of this note is signed"):
        _sql(db, "UPDATE coding_decisions SET action = 'reject'")
    with pytest.raises(DBAPIError, match="coding of this note is signed"):
        _sql(db, "DELETE FROM coding_decisions")
    _sql(db, "UPDATE coding_decisions SET action = 'reject'", unguarded=True)
    result = signing.verify_note(db, SYSTEM, signed)
    assert [c.entity_type for c in result.checks if not c.ok] == ["coding"]


def test_workbench_verify_lists_failures_and_exits_non_zero(
    db: Database, signed: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", db.url)
    assert cli.main(["verify", "--all"]) == 0
    assert cli.main(["verify", "--note", str(signed)]) == 0
    assert cli.main(["audit", "verify"]) == 0
    head = capsys.readouterr().out.split("Head: ")[1].split()[0]
    _sql(db, f"UPDATE notes SET text = 'forged' WHERE id = {signed}", unguarded=True)
    assert cli.main(["verify"]) == 1
    out = capsys.readouterr().out
    assert f"FAILED note {signed} note {signed}" in out and "changed after signing" in out
    with db.engine.begin() as connection:
        drop_guards(connection)
        connection.execute(text("DELETE FROM audit_events WHERE id = 3"))
    assert cli.main(["verify"]) == 1
    assert "guards missing" in capsys.readouterr().out
    assert cli.main(["audit", "verify", "--expect-head", head]) == 1
    assert "FAILED at event #4" in capsys.readouterr().out


def test_workbench_sign_reads_the_password_file(
    db: Database, physician: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", db.url)
    note_id = _note(db, physician)
    wrong = tmp_path / "wrong"
    wrong.write_text("not my password\n")
    assert cli.main(["sign", "--note", str(note_id), "--password-file", str(wrong)]) == 2
    right = tmp_path / "right"
    right.write_text(PASSWORD + "\n")
    assert cli.main(["sign", "--note", str(note_id), "--password-file", str(right)]) == 0
    assert notes.get_note(db, physician, note_id).status is NoteStatus.SIGNED
    assert verify_chain(db).ok
    with db.session() as session:
        assert session.scalar(select(User.failed_logins).where(User.username == "drgrey")) == 0
