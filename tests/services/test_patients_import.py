from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import make_actor
from workbench.security.roles import SYSTEM, PermissionDenied
from workbench.services import patients
from workbench.services.errors import InvalidInput
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Patient, Role

HEADER = "mrn,given_name,family_name,date_of_birth,sex,phone\n"


def _count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(Patient.id))) or 0)


def _write(tmp_path: Path, body: str | bytes, name: str = "p.csv") -> Path:
    path = tmp_path / name
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    return path


def test_good_file_is_imported_in_one_go(db: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER + "A1,José,Núñez,1950-03-02,M,555-1234\n"
        "A2,Mary-Jane,O'Brien,1999-12-31,f,\n\n"
        'A3,"Ann, Jr",de la Cruz,2001-01-01,X,"+1 555 0000"\n',
    )
    assert patients.import_csv(db, SYSTEM, path) == 3
    found = {p.mrn: p for p in patients.find_patients(db, SYSTEM)}
    assert found["A1"].given_name == "José" and found["A1"].phone == "555-1234"
    assert found["A2"].sex == "F" and found["A2"].phone is None
    assert found["A3"].given_name == "Ann, Jr"
    with db.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "patients.imported")).one()
    assert event.detail == {"file": "p.csv", "rows": 3}


def test_a_bad_row_imports_nothing_and_names_its_line(db: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER + "A1,Ann,Smith,1950-03-02,F,\n"
        "A2,Bob,Jones,1950-02-30,M,\n"
        "A3,,Brown,1960-01-01,F,\n"
        "A1,Dup,Smith,1950-03-02,F,\n"
        "A5,Eve,Stone,1970-01-01,Q,\n"
        "A6,Too,Few\n",
    )
    with pytest.raises(patients.ImportRejected) as rejected:
        patients.import_csv(db, SYSTEM, path)
    message = str(rejected.value)
    assert "Nothing was imported" in message
    lines = {e.line: e.reason for e in rejected.value.errors}
    assert set(lines) == {3, 4, 5, 6, 7}
    assert "2" in lines[3] and "ISO date" in lines[3]
    assert "given_name is empty" in lines[4]
    assert "line 2" in lines[5]
    assert "F, M, X, U" in lines[6]
    assert "expected 6 fields" in lines[7]
    assert _count(db) == 0


def test_existing_mrn_rejects_the_whole_file(db: Database, tmp_path: Path) -> None:
    patients.import_csv(db, SYSTEM, _write(tmp_path, HEADER + "A1,Ann,Smith,1950-03-02,F,\n", "a.csv"))
    second = _write(tmp_path, HEADER + "B1,Bo,Lee,1950-03-02,M,\nA1,Ann,Smith,1950-03-02,F,\n", "b.csv")
    with pytest.raises(patients.ImportRejected, match="line 3: mrn A1 already exists"):
        patients.import_csv(db, SYSTEM, second)
    assert _count(db) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "is empty"),
        (HEADER, "no patients"),
        ("mrn,given,family\nA,B,C\n", "header .* is wrong .*missing given_name"),
        (
            b"mrn,given_name,family_name,date_of_birth,sex,phone\nA1,Jos\xe9,N\xfa\xf1ez,1950-03-02,M,\n",
            "not UTF-8 .*line 2",
        ),
        (b"\x00\x01\x02PK\x03\x04binary", "not UTF-8|header"),
    ],
)
def test_unusable_files_get_a_clear_message(
    db: Database, tmp_path: Path, body: str | bytes, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        patients.import_csv(db, SYSTEM, _write(tmp_path, body))
    assert _count(db) == 0


def test_missing_file(db: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="No such file"):
        patients.import_csv(db, SYSTEM, tmp_path / "nope.csv")


def test_utf8_with_bom_and_crlf_is_accepted(db: Database, tmp_path: Path) -> None:
    body = ("\ufeff" + HEADER + "A1,Zoë,Brontë,1950-03-02,F,\n").replace("\n", "\r\n")
    assert patients.import_csv(db, SYSTEM, _write(tmp_path, body)) == 1


@pytest.mark.parametrize("role", [Role.PHYSICIAN, Role.CODER, Role.AUDITOR])
def test_only_administrators_import(db: Database, tmp_path: Path, role: Role) -> None:
    actor = make_actor(db, role)
    with pytest.raises(PermissionDenied):
        patients.import_csv(db, actor, _write(tmp_path, HEADER + "A1,Ann,Smith,1950-03-02,F,\n"))
    assert _count(db) == 0


def test_hostile_text_is_stored_as_text(db: Database, tmp_path: Path) -> None:
    evil = "Robert'); DROP TABLE patients;--"
    patients.import_csv(db, SYSTEM, _write(tmp_path, HEADER + f'A1,"{evil}",Smith,1950-03-02,F,\n'))
    assert patients.find_patients(db, SYSTEM, "A1")[0].given_name == evil
    assert patients.find_patients(db, SYSTEM, "%") == []


def test_a_large_import_rebuilds_the_indexes_it_dropped(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import inspect

    def index_names() -> set[str]:
        return {ix["name"] for ix in inspect(db.engine).get_indexes("patients") if ix["name"]}

    before = index_names()
    assert "ix_patients_family_given" in before
    monkeypatch.setattr(patients, "REBUILD_INDEXES_ABOVE", 2)
    body = HEADER + "".join(f"A{i},Ann,Smith{i},1950-03-02,F,555-{i:04d}\n" for i in range(50))
    assert patients.import_csv(db, SYSTEM, _write(tmp_path, body)) == 50
    assert index_names() == before
    assert patients.find_patients(db, SYSTEM, "Smith4")[0].mrn == "A4"
    # A later, smaller import into the bigger table keeps the indexes in place.
    assert (
        patients.import_csv(db, SYSTEM, _write(tmp_path, HEADER + "B1,Bo,Lee,1950-03-02,M,\n", "b.csv")) == 1
    )
    assert index_names() == before
