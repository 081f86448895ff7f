"""The workbench's tables, as SQLAlchemy 2.0 typed models.

Timestamps are stored in UTC and always come back timezone-aware, on SQLite as on PostgreSQL.
Enumerations are stored as short strings (not native enum types) so that adding a value is a
plain migration on both databases.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from workbench.store.search_columns import folded_sql

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that is always written and read as an aware UTC datetime."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a timezone")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class Role(enum.StrEnum):
    PHYSICIAN = "physician"
    CODER = "coder"
    AUDITOR = "auditor"
    ADMIN = "admin"


class NoteStatus(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    AMENDED = "amended"


class DecisionAction(enum.StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    ADD = "add"
    DISMISS = "dismiss"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_login_at: Mapped[dt.datetime | None]
    # Per-person preferences (VAD settings, shortcuts, engine choice) as one JSON document.
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The current signing key (security.keys): its fingerprint (the public key itself is in
    # public_keys), and the private key sealed under a key derived from the password.
    key_fingerprint: Mapped[str | None] = mapped_column(String(64))
    private_key_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    private_key_kdf: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class PublicKey(Base):
    """Every signing public key a user ever had; retired keys stay so old signatures verify."""

    __tablename__ = "public_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    algorithm: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[dt.datetime | None]
    retired_reason: Mapped[str | None] = mapped_column(String(40))


PHONE_DIGITS_SQL = "replace(replace(replace(replace(replace(replace(phone, '-', ''), ' ', ''), '(', ''), ')', ''), '.', ''), '+', '')"


class Patient(Base):
    __tablename__ = "patients"
    __table_args__ = (
        Index("ix_patients_family_given", "family_name", "given_name"),
        Index("ix_patients_date_of_birth", "date_of_birth"),
        # Patient search (migrations 0003, 0004): byte-order indexes so prefix ranges work on PostgreSQL.
        Index(
            "ix_patients_family_folded",
            "family_folded",
            "given_folded",
            postgresql_ops={"family_folded": "text_pattern_ops", "given_folded": "text_pattern_ops"},
        ),
        Index(
            "ix_patients_given_folded", "given_folded", postgresql_ops={"given_folded": "text_pattern_ops"}
        ),
        Index(
            "ix_patients_phone_digits", "phone_digits", postgresql_ops={"phone_digits": "text_pattern_ops"}
        ),
        Index("ix_patients_mrn_lower", "mrn_lower", postgresql_ops={"mrn_lower": "text_pattern_ops"}),
        Index("ix_patients_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mrn: Mapped[str] = mapped_column(String(32), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Generated by the database (migrations 0003, 0004) for case- and accent-insensitive, indexed
    # search (store/search_columns.py).
    family_folded: Mapped[str | None] = mapped_column(String(100), Computed(folded_sql("family_name")))
    given_folded: Mapped[str | None] = mapped_column(String(100), Computed(folded_sql("given_name")))
    phone_digits: Mapped[str | None] = mapped_column(String(40), Computed(PHONE_DIGITS_SQL))
    mrn_lower: Mapped[str | None] = mapped_column(String(32), Computed("lower(mrn)"))

    encounters: Mapped[list[Encounter]] = relationship(back_populates="patient")


class Encounter(Base):
    __tablename__ = "encounters"
    __table_args__ = (Index("ix_encounters_clinician_started", "clinician_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    encounter_type: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(String(400))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[dt.datetime | None]

    patient: Mapped[Patient] = relationship(back_populates="encounters")
    clinician: Mapped[User] = relationship()
    note: Mapped[Note | None] = relationship(back_populates="encounter", uselist=False)


class Recording(Base):
    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    encounter_id: Mapped[int] = mapped_column(ForeignKey("encounters.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str | None] = mapped_column(String(64))
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    sample_rate: Mapped[int] = mapped_column(Integer)
    vad_settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="recording")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    encounter_id: Mapped[int] = mapped_column(ForeignKey("encounters.id"), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default=NoteStatus.DRAFT.value, index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    signed_at: Mapped[dt.datetime | None]

    encounter: Mapped[Encounter] = relationship(back_populates="note")
    author: Mapped[User] = relationship()
    versions: Mapped[list[NoteVersion]] = relationship(back_populates="note", order_by="NoteVersion.version")
    addenda: Mapped[list[Addendum]] = relationship(back_populates="note", order_by="Addendum.created_at")


class NoteVersion(Base):
    """One saved state of a note's text; the history a physician can diff against."""

    __tablename__ = "note_versions"
    __table_args__ = (UniqueConstraint("note_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))
    saved_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    saved_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    note: Mapped[Note] = relationship(back_populates="versions")


class Addendum(Base):
    __tablename__ = "addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    signed_at: Mapped[dt.datetime | None]

    note: Mapped[Note] = relationship(back_populates="addenda")


class CodeSuggestion(Base):
    __tablename__ = "code_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"), index=True)
    note_version: Mapped[int] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    system: Mapped[str] = mapped_column(String(16), default="ICD-10-CM")
    title: Mapped[str] = mapped_column(String(400))
    score: Mapped[float] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float)
    # [{"start": int, "end": int, "text": str}, ...] — 0-based [start, end) into the note text.
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # {"negated": bool, "family": bool, "historical": bool, "hypothetical": bool, "uncertain": bool}
    flags: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(String(200), default="")
    model_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CodingDecision(Base):
    __tablename__ = "coding_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"), index=True)
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("code_suggestions.id"))
    code: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(40))
    reason_text: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    coder_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    seconds_spent: Mapped[float | None] = mapped_column(Float)
    decided_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Signature(Base):
    """A signature over the canonical form of a note, an addendum or a coding sign-off."""

    __tablename__ = "signatures"
    __table_args__ = (Index("ix_signatures_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(Integer)
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    meaning: Mapped[str] = mapped_column(String(16))
    algorithm: Mapped[str] = mapped_column(String(16))
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    signed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Which canonical form was signed (security.signing), so the form can evolve.
    scheme: Mapped[str] = mapped_column(String(32), server_default="workbench-v1")
    # Rows the signature covers besides the entity itself (a coding sign-off's decision ids).
    covers: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AuditEvent(Base):
    """Something that happened: who, what, when, to which entity, and digests of before/after."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    before_digest: Mapped[str | None] = mapped_column(String(64))
    after_digest: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The hash chain (security.audit): hash = sha256(prev_hash + canonical content).
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))
