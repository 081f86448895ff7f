"""The encrypted database at rest: no plaintext on disk, a clear error with the wrong or no key."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text

from tests.conftest import make_actor
from tests.keyrings import MemoryKeyring
from workbench import config, installation
from workbench.security import installation_key
from workbench.services import encounters, notes, patients
from workbench.store.database import Database, DatabaseError
from workbench.store.models import Role

PHRASE = "crushing substernal chest pain radiating to the left arm"


def _write_a_note(db: Database) -> None:
    physician = make_actor(db, Role.PHYSICIAN, "drkey")
    patient = patients.create_patient(
        db,
        physician,
        mrn="K-1",
        given_name="Kira",
        family_name="Quillfeather",
        date_of_birth=dt.date(1971, 4, 2),
        sex="F",
    )
    encounter = encounters.start_encounter(db, physician, patient.id, "office visit", "chest pain")
    assert encounter.note_id is not None
    note = notes.get_note(db, physician, encounter.note_id)
    notes.save_note(db, physician, note.id, f"S: {PHRASE}.", note.version)


def _bytes_on_disk() -> bytes:
    home = config.data_dir()
    return b"".join(p.read_bytes() for p in home.glob("workbench.db*"))


def test_a_new_installation_is_encrypted_and_holds_no_plaintext(ring: MemoryKeyring) -> None:
    db = installation.create_database()
    assert db.encrypted
    db.upgrade()
    _write_a_note(db)
    assert PHRASE.encode() not in _bytes_on_disk()  # the WAL is encrypted too, before any checkpoint
    db.dispose()
    on_disk = _bytes_on_disk()
    assert PHRASE.encode() not in on_disk and b"Quillfeather" not in on_disk
    assert b"SQLite format 3" not in on_disk[:16]

    reopened = installation.open_database()
    reopened.require_current()
    with reopened.session() as session:
        found = session.execute(text("select count(*) from notes where text like :p"), {"p": f"%{PHRASE}%"})
        assert found.scalar_one() == 1
    reopened.dispose()


def test_the_wrong_key_or_no_key_is_a_clear_error_and_changes_nothing(ring: MemoryKeyring) -> None:
    db = installation.create_database()
    db.upgrade()
    _write_a_note(db)
    db.dispose()
    before = _bytes_on_disk()
    url = config.database_url()

    wrong = Database(url, installation_key.database_key(b"\x00" * 32))
    with pytest.raises(DatabaseError, match="another key"):
        wrong.require_current()
    wrong.dispose()
    unkeyed = Database(url)
    with pytest.raises(DatabaseError, match="encrypted"):
        unkeyed.require_current()
    unkeyed.dispose()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(config.data_dir() / "workbench.db").execute("select * from notes").fetchall()
    assert _bytes_on_disk() == before


def test_an_existing_unencrypted_database_stays_as_it_is(ring: MemoryKeyring) -> None:
    plain = Database(config.database_url())
    plain.upgrade()
    plain.dispose()
    db = installation.create_database()
    assert not db.encrypted and installation_key.read_keystore() is None
    db.require_current()
    db.dispose()


def test_postgresql_desktops_seal_their_recordings_with_their_own_key(ring: MemoryKeyring) -> None:
    url = "postgresql+psycopg://u@127.0.0.1:1/none"
    plain = installation.open_database(url)
    assert not plain.encrypted and plain.recordings_key is None
    plain.dispose()
    master = installation.create_key("keyring", url=url)
    db = installation.open_database(url)
    assert not db.encrypted  # the server keeps the database
    assert db.recordings_key == installation_key.recordings_key(master)
    db.dispose()


def test_a_key_cannot_be_made_for_an_existing_unencrypted_database(ring: MemoryKeyring) -> None:
    plain = Database(config.database_url())
    plain.upgrade()
    plain.dispose()
    with pytest.raises(installation_key.InstallationKeyError, match="not encrypted"):
        installation.create_key("keyring")
    assert installation_key.read_keystore() is None
    reopened = installation.open_database()
    reopened.require_current()  # still opens as it is
    reopened.dispose()
