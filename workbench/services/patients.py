"""Patients: create, look up, and import from CSV (all or nothing)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session

from workbench.security.audit import record_event
from workbench.security.roles import Actor, Permission
from workbench.services.errors import InvalidInput, NotFound
from workbench.store.bulk import insert_rows
from workbench.store.database import Database
from workbench.store.models import Patient, utcnow

CSV_COLUMNS = ("mrn", "given_name", "family_name", "date_of_birth", "sex", "phone")
SEXES = {"f": "F", "m": "M", "x": "X", "u": "U"}
MAX_FIELD = {"mrn": 32, "given_name": 100, "family_name": 100, "phone": 40}
PATIENTS_TABLE = cast(Table, Patient.__table__)
_CONTROL = re.compile(r"[\x00-\x1f]")
MAX_REPORTED_ERRORS = 20
# Imports at least this large (and at least as large as the table, see import_csv) drop and
# rebuild the secondary indexes instead of maintaining them row by row.
REBUILD_INDEXES_ABOVE = 50_000


@dataclass(frozen=True)
class PatientInfo:
    id: int
    mrn: str
    given_name: str
    family_name: str
    date_of_birth: dt.date
    sex: str
    phone: str | None

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    def age(self, today: dt.date | None = None) -> int:
        today = today or dt.date.today()
        before_birthday = (today.month, today.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return today.year - self.date_of_birth.year - int(before_birthday)


def patient_info(p: Patient) -> PatientInfo:
    return PatientInfo(p.id, p.mrn, p.given_name, p.family_name, p.date_of_birth, p.sex, p.phone)


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ImportRejected(InvalidInput):
    """The file was not imported at all; ``errors`` says which lines are wrong and why."""

    def __init__(self, path: str, errors: list[RowError], total_errors: int) -> None:
        shown = "\n".join(f"  {e}" for e in errors)
        more = f"\n  … and {total_errors - len(errors)} more" if total_errors > len(errors) else ""
        super().__init__(f"Nothing was imported from {path}: {total_errors} problem(s).\n{shown}{more}")
        self.errors = errors
        self.total_errors = total_errors


def validate_row(values: dict[str, str], today: dt.date) -> dict[str, object]:
    """One CSV row → column values, or ValueError with the reason."""
    row: dict[str, object] = {}
    for name in ("mrn", "given_name", "family_name"):
        value = values.get(name, "").strip()
        if not value:
            raise ValueError(f"{name} is empty")
        if len(value) > MAX_FIELD[name]:
            raise ValueError(f"{name} is longer than {MAX_FIELD[name]} characters")
        if _CONTROL.search(value):
            raise ValueError(f"{name} contains control characters")
        row[name] = value
    raw_date = values.get("date_of_birth", "").strip()
    try:
        born = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise ValueError(f"date_of_birth {raw_date!r} is not an ISO date (YYYY-MM-DD)") from None
    if born > today or born.year < 1880:
        raise ValueError(f"date_of_birth {raw_date} is not a plausible birth date")
    row["date_of_birth"] = born
    sex = SEXES.get(values.get("sex", "").strip().lower())
    if sex is None:
        raise ValueError(f"sex {values.get('sex', '')!r} is not one of F, M, X, U")
    row["sex"] = sex
    phone = values.get("phone", "").strip()
    if len(phone) > MAX_FIELD["phone"]:
        raise ValueError(f"phone is longer than {MAX_FIELD['phone']} characters")
    row["phone"] = phone or None
    return row


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"No such file: {path}") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"Nothing was imported: {path} is not UTF-8 text (first bad byte on line {line}). "
            "Save the file as UTF-8 CSV and try again."
        ) from None


def _rows(text: str, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(
            f"Nothing was imported: {path} is empty. Expected the header {','.join(CSV_COLUMNS)}."
        ) from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in CSV_COLUMNS if c not in names]
    unknown = [n for n in names if n not in CSV_COLUMNS]
    if missing or unknown or len(set(names)) != len(names):
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if unknown:
            parts.append("unknown " + ", ".join(repr(u) for u in unknown))
        if len(set(names)) != len(names):
            parts.append("repeated column names")
        raise InvalidInput(
            f"Nothing was imported: the header of {path} is wrong ({'; '.join(parts)}). "
            f"Expected: {','.join(CSV_COLUMNS)}"
        )
    for values in reader:
        line = reader.line_num
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(names):
            yield line, {"__error__": f"expected {len(names)} fields, found {len(values)}"}
            continue
        yield line, dict(zip(names, values, strict=True))


def import_csv(db: Database, actor: Actor, path: Path) -> int:
    """Import every row of the file in one transaction, or none if any row is bad."""
    actor.require(Permission.IMPORT_PATIENTS)
    text = _read_text(path)
    today = dt.date.today()
    errors: list[RowError] = []
    total_errors = 0
    rows: list[dict[str, object]] = []
    first_line_of: dict[str, int] = {}
    try:
        parsed = list(_rows(text, path))
    except csv.Error as exc:
        raise InvalidInput(f"Nothing was imported: {path} is not valid CSV ({exc}).") from None

    def fail(line: int, reason: str) -> None:
        nonlocal total_errors
        total_errors += 1
        if len(errors) < MAX_REPORTED_ERRORS:
            errors.append(RowError(line, reason))

    for line, values in parsed:
        if "__error__" in values:
            fail(line, values["__error__"])
            continue
        try:
            row = validate_row(values, today)
        except ValueError as exc:
            fail(line, str(exc))
            continue
        mrn = str(row["mrn"])
        if mrn in first_line_of:
            fail(line, f"mrn {mrn} already appears on line {first_line_of[mrn]}")
            continue
        first_line_of[mrn] = line
        rows.append(row)
    if not rows and not total_errors:
        raise InvalidInput(f"Nothing was imported: {path} has a header but no patients.")
    with db.session() as session:
        existing = _existing_mrns(session, list(first_line_of))
        for mrn in sorted(existing, key=first_line_of.__getitem__):
            fail(first_line_of[mrn], f"mrn {mrn} already exists in the database")
        if total_errors:
            raise ImportRejected(
                str(path), sorted(errors, key=lambda e: e.line)[:MAX_REPORTED_ERRORS], total_errors
            )
        now = utcnow()
        for row in rows:
            row["created_at"] = now
            row["updated_at"] = now
        connection = session.connection()
        existing_rows = int(session.scalar(select(func.count(Patient.id))) or 0)
        # On a shared PostgreSQL server dropping indexes would lock every desktop out of the
        # patients table for the whole import: there, only a first import into an empty table does it.
        rebuild_allowed = connection.dialect.name == "sqlite" or existing_rows == 0
        if rebuild_allowed and len(rows) >= max(REBUILD_INDEXES_ABOVE, existing_rows):
            # Building an index once over sorted data is several times faster than updating it
            # row by row; DDL is transactional on SQLite and PostgreSQL, so this stays all or nothing.
            indexes = [index for index in PATIENTS_TABLE.indexes if not index.unique]
            for index in indexes:
                index.drop(connection)
            insert_rows(connection, PATIENTS_TABLE, rows)
            for index in indexes:
                index.create(connection)
        else:
            insert_rows(connection, PATIENTS_TABLE, rows)
        record_event(
            session,
            actor,
            "patients.imported",
            "patient",
            None,
            detail={"file": path.name, "rows": len(rows)},
        )
    return len(rows)


def _existing_mrns(session: Session, mrns: list[str]) -> set[str]:
    found: set[str] = set()
    # Chunked IN lists stay within every database's bound-parameter limit.
    for start in range(0, len(mrns), 5_000):
        chunk = mrns[start : start + 5_000]
        found.update(session.scalars(select(Patient.mrn).where(Patient.mrn.in_(chunk))))
    return found


def create_patient(
    db: Database,
    actor: Actor,
    *,
    mrn: str,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    sex: str,
    phone: str | None = None,
) -> PatientInfo:
    actor.require(Permission.EDIT_PATIENTS)
    values = {
        "mrn": mrn,
        "given_name": given_name,
        "family_name": family_name,
        "date_of_birth": date_of_birth.isoformat(),
        "sex": sex,
        "phone": phone or "",
    }
    try:
        row = validate_row(values, dt.date.today())
    except ValueError as exc:
        raise InvalidInput(f"The patient was not saved: {exc}.") from None
    with db.session() as session:
        if session.scalar(select(Patient.id).where(Patient.mrn == row["mrn"])) is not None:
            raise InvalidInput(f"The patient was not saved: MRN {row['mrn']} already exists.")
        patient = Patient(**row)
        session.add(patient)
        session.flush()
        record_event(session, actor, "patient.created", "patient", patient.id, after=values)
        return patient_info(patient)


def get_patient(db: Database, actor: Actor, patient_id: int) -> PatientInfo:
    actor.require(Permission.VIEW_PATIENTS)
    with db.session() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise NotFound(f"No patient with id {patient_id}.")
        return patient_info(patient)


def find_patients(db: Database, actor: Actor, text: str = "", limit: int = 200) -> list[PatientInfo]:
    """A simple lookup by MRN or name prefix for lists; the search issue brings the real search."""
    actor.require(Permission.VIEW_PATIENTS)
    query = select(Patient).order_by(Patient.family_name, Patient.given_name, Patient.id).limit(limit)
    text = text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                Patient.mrn.like(escaped, escape="\\"),
                Patient.family_name.ilike(escaped, escape="\\"),
                Patient.given_name.ilike(escaped, escape="\\"),
            )
        )
    with db.session() as session:
        return [patient_info(p) for p in session.scalars(query)]
