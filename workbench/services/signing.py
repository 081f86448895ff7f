"""Signing notes, addenda and coding sign-offs, and verifying every signature later.

What is signed (security.signing describes the canonical form):

- a note: its id, encounter id, the patient's MRN, the author (id and username), the version,
  the signing time and the text;
- an addendum: its id, the note id, the digest of the note's signature (so it belongs to that
  signed note and no other), the author, the signing time and the text;
- a coding sign-off: the note id and note digest, the coder, the time, every coding decision of
  the note at that moment (id, code, action, reasons, evidence, time) and the resulting codes.

Only a note's author signs it, re-entering the password (it opens their private key). Any
physician may add a signed addendum to a signed note (a covering colleague's correction is
theirs to sign). A wrong password is audited and counts towards sign-in throttling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, and_, or_, select
from sqlalchemy.orm import Session

from workbench.security import keys
from workbench.security.audit import lock_chain, record_event, utc_text
from workbench.security.roles import Actor, Permission
from workbench.security.signing import (
    ALGORITHM,
    SCHEME,
    content_digest,
    sign_digest,
    signature_valid,
)
from workbench.services.errors import (
    AuthenticationFailed,
    InvalidInput,
    LoginThrottled,
    NoteLocked,
    NotFound,
    PermissionDenied,
)
from workbench.services.notes import NoteInfo, get_note
from workbench.services.users import login_delay
from workbench.store.database import Database
from workbench.store.models import (
    Addendum,
    AuditEvent,
    CodingDecision,
    DecisionAction,
    Encounter,
    Note,
    NoteStatus,
    Patient,
    PublicKey,
    Signature,
    User,
    utcnow,
)

NOTE = "note"
ADDENDUM = "addendum"
CODING = "coding"
MAX_ADDENDUM_CHARS = 100_000


@dataclass(frozen=True)
class SignatureInfo:
    id: int
    entity_type: str
    entity_id: int
    signer_id: int
    signer: str
    signed_at: dt.datetime
    key_fingerprint: str
    digest: str


@dataclass(frozen=True)
class AddendumInfo:
    id: int
    note_id: int
    author_id: int
    author: str
    text: str
    signed_at: dt.datetime | None


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signed thing: a note, an addendum or a coding sign-off."""

    entity_type: str
    entity_id: int
    note_id: int
    signer: str
    signed_at: dt.datetime | None
    key_fingerprint: str | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class NoteVerification:
    note_id: int
    checks: tuple[SignatureCheck, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def problems(self) -> list[str]:
        return [f"{c.entity_type} {c.entity_id}: {p}" for c in self.checks for p in c.problems]


@dataclass(frozen=True)
class SignedNoteView:
    note: NoteInfo
    author: str
    addenda: tuple[AddendumInfo, ...]
    verification: NoteVerification


# ---- what is signed ---------------------------------------------------------------------------


def note_content(
    note_id: int,
    encounter_id: int,
    patient_mrn: str,
    author_id: int,
    author_username: str,
    version: int,
    signed_at: dt.datetime,
    text: str,
) -> dict[str, Any]:
    return {
        "kind": NOTE,
        "scheme": SCHEME,
        "note_id": note_id,
        "encounter_id": encounter_id,
        "patient_mrn": patient_mrn,
        "author": {"id": author_id, "username": author_username},
        "version": version,
        "signed_at": utc_text(signed_at),
        "text": text,
    }


def addendum_content(
    addendum_id: int,
    note_id: int,
    note_digest: str,
    author_id: int,
    author_username: str,
    signed_at: dt.datetime,
    text: str,
) -> dict[str, Any]:
    return {
        "kind": ADDENDUM,
        "scheme": SCHEME,
        "addendum_id": addendum_id,
        "note_id": note_id,
        "note_digest": note_digest,
        "author": {"id": author_id, "username": author_username},
        "signed_at": utc_text(signed_at),
        "text": text,
    }


def _portable(value: Any) -> Any:
    """Evidence may carry floats (scores); their repr is exact in Python and signed as text."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping):
        return {str(k): _portable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_portable(v) for v in value]
    return value


def final_codes(decisions: Iterable[CodingDecision]) -> list[str]:
    """The codes that stand: for each code, its latest decision accepts or adds it."""
    latest: dict[str, str] = {}
    for d in sorted(decisions, key=lambda d: (d.decided_at, d.id)):
        latest[d.code] = d.action
    keep = {DecisionAction.ACCEPT.value, DecisionAction.ADD.value}
    return sorted(code for code, action in latest.items() if action in keep)


def coding_content(
    note_id: int,
    note_digest: str,
    coder_id: int,
    coder_username: str,
    signed_at: dt.datetime,
    decisions: Sequence[CodingDecision],
) -> dict[str, Any]:
    return {
        "kind": CODING,
        "scheme": SCHEME,
        "note_id": note_id,
        "note_digest": note_digest,
        "coder": {"id": coder_id, "username": coder_username},
        "signed_at": utc_text(signed_at),
        "decisions": [
            {
                "id": d.id,
                "suggestion_id": d.suggestion_id,
                "code": d.code,
                "action": d.action,
                "reason": d.reason,
                "reason_text": d.reason_text,
                "evidence": _portable(d.evidence or []),
                "coder_id": d.coder_id,
                "decided_at": utc_text(d.decided_at),
            }
            for d in sorted(decisions, key=lambda d: d.id)
        ],
        "codes": final_codes(decisions),
    }


# ---- signing ----------------------------------------------------------------------------------


def _signature_info(sig: Signature, signer: str) -> SignatureInfo:
    return SignatureInfo(
        sig.id,
        sig.entity_type,
        sig.entity_id,
        sig.signer_id,
        signer,
        sig.signed_at,
        sig.key_fingerprint,
        sig.digest,
    )


def _open_key(
    db: Database, actor: Actor, password: str, purpose: str, entity_type: str, entity_id: int
) -> tuple[str, Ed25519PrivateKey]:
    """Open the signer's private key with their password; audit and count a wrong password.

    Returns the key and its fingerprint; the caller checks inside its own transaction that the
    key is still the user's current one (a rotation may have happened in between).
    """
    if actor.user_id is None:
        raise PermissionDenied(actor, Permission.SIGN_NOTE)
    refusal: Exception | None = None
    private_key: Ed25519PrivateKey | None = None
    with db.session() as session:
        # Serialise password checks (as sign-in does): parallel guesses must each see the
        # failures before them, or the throttle could be outrun.
        lock_chain(session)
        user = session.get(User, actor.user_id, with_for_update=True)
        if user is None or not user.active:
            raise AuthenticationFailed("This account is no longer active; nothing was signed.")
        wait = login_delay(user.failed_logins)
        now = utcnow()
        remaining = 0.0
        if wait and user.last_failed_login_at is not None:
            remaining = (user.last_failed_login_at + dt.timedelta(seconds=wait) - now).total_seconds()
        if remaining > 0:
            # Refused without trying the password, and recorded (committed before raising).
            record_event(
                session,
                actor,
                f"{purpose}.refused",
                entity_type,
                entity_id,
                detail={"reason": "throttled", "wait_s": int(remaining) + 1},
            )
            refusal = LoginThrottled(int(remaining) + 1)
        else:
            try:
                private_key = keys.unlock(user, password)
            except keys.WrongPassword as exc:
                user.failed_logins += 1
                user.last_failed_login_at = now
                record_event(
                    session,
                    actor,
                    f"{purpose}.refused",
                    entity_type,
                    entity_id,
                    detail={"reason": "wrong password", "failed_logins": user.failed_logins},
                )
                refusal = exc
            else:
                if user.failed_logins:
                    user.failed_logins = 0
                    user.last_failed_login_at = None
        fingerprint = user.key_fingerprint or ""
    if refusal is not None or private_key is None:
        raise refusal or keys.NoSigningKey("No signing key.")
    return fingerprint, private_key


def _current_signer(session: Session, actor: Actor, fingerprint: str) -> User:
    user = session.get(User, actor.user_id)
    if user is None or user.key_fingerprint != fingerprint:
        raise keys.WrongPassword("Your signing key changed while signing; nothing was signed. Sign again.")
    return user


def _signature(
    entity_type: str,
    entity_id: int,
    signer: User,
    meaning: str,
    fingerprint: str,
    private_key: Ed25519PrivateKey,
    digest: str,
    signed_at: dt.datetime,
    covers: dict[str, Any] | None = None,
) -> Signature:
    """A signature row over ``digest`` by the signer's current key, in this scheme."""
    return Signature(
        entity_type=entity_type,
        entity_id=entity_id,
        signer_id=signer.id,
        meaning=meaning,
        algorithm=ALGORITHM,
        key_fingerprint=fingerprint,
        digest=digest,
        signature=sign_digest(private_key, digest),
        signed_at=signed_at,
        scheme=SCHEME,
        covers=covers,
    )


def sign_note(db: Database, actor: Actor, note_id: int, password: str) -> SignatureInfo:
    """Sign and lock a draft note. Only its author may, with their password."""
    actor.require(Permission.SIGN_NOTE)
    with db.session() as session:
        note = session.get(Note, note_id)
        if note is None:
            raise NotFound(f"No note with id {note_id}.")
        not_author = note.author_id != actor.user_id
        if not_author:
            # Recorded, and committed before the refusal is raised.
            record_event(
                session, actor, "note.sign.refused", NOTE, note_id, detail={"reason": "not the author"}
            )
    if not_author:
        raise PermissionDenied(actor, Permission.SIGN_NOTE)
    fingerprint, private_key = _open_key(db, actor, password, "note.sign", NOTE, note_id)
    with db.session() as session:
        lock_chain(session)
        note = session.get(Note, note_id, with_for_update=True)
        assert note is not None
        if note.status != NoteStatus.DRAFT.value:
            raise NoteLocked("This note is already signed. Corrections go in an addendum.")
        if not note.text.strip():
            raise InvalidInput("The note is empty; write it before signing.")
        user = _current_signer(session, actor, fingerprint)
        mrn = session.scalar(
            select(Patient.mrn)
            .join(Encounter, Encounter.patient_id == Patient.id)
            .where(Encounter.id == note.encounter_id)
        )
        assert mrn is not None
        signed_at = utcnow()
        content = note_content(
            note.id, note.encounter_id, mrn, user.id, user.username, note.version, signed_at, note.text
        )
        digest = content_digest(content)
        sig = _signature(NOTE, note.id, user, "author", fingerprint, private_key, digest, signed_at)
        session.add(sig)
        note.status = NoteStatus.SIGNED.value
        note.signed_at = signed_at
        session.flush()
        record_event(
            session,
            actor,
            "note.signed",
            NOTE,
            note.id,
            after=content,
            detail={"signature_id": sig.id, "version": note.version, "digest": digest, "key": fingerprint},
        )
        return _signature_info(sig, user.username)


def _note_digest(session: Session, note_id: int) -> str | None:
    return session.scalar(
        select(Signature.digest)
        .where(Signature.entity_type == NOTE, Signature.entity_id == note_id)
        .order_by(Signature.id)
        .limit(1)
    )


def _locked_signed_note(session: Session, note_id: int, if_draft: str, if_unsigned: str) -> tuple[Note, str]:
    """The note, locked for this transaction, and its signed digest; refused if not signed."""
    note = session.get(Note, note_id, with_for_update=True)
    assert note is not None
    if note.status == NoteStatus.DRAFT.value:
        raise InvalidInput(if_draft)
    note_digest = _note_digest(session, note_id)
    if note_digest is None:
        raise NoteLocked(if_unsigned)
    return note, note_digest


def add_addendum(db: Database, actor: Actor, note_id: int, text: str, password: str) -> AddendumInfo:
    """Add a signed addendum beneath a signed note; the note becomes 'amended'."""
    actor.require(Permission.SIGN_NOTE)
    if not text.strip():
        raise InvalidInput("The addendum is empty; write the correction first.")
    if len(text) > MAX_ADDENDUM_CHARS or "\x00" in text:
        raise InvalidInput(
            f"An addendum holds at most {MAX_ADDENDUM_CHARS:,} characters and no NUL characters; nothing was saved."
        )
    with db.session() as session:
        if session.get(Note, note_id) is None:
            raise NotFound(f"No note with id {note_id}.")
    fingerprint, private_key = _open_key(db, actor, password, "addendum.sign", NOTE, note_id)
    with db.session() as session:
        lock_chain(session)
        note, note_digest = _locked_signed_note(
            session,
            note_id,
            "This note is still a draft: edit it directly; addenda are for signed notes.",
            "This note has no signature to attach an addendum to; run 'workbench verify'.",
        )
        user = _current_signer(session, actor, fingerprint)
        signed_at = utcnow()
        addendum = Addendum(
            note_id=note_id, author_id=user.id, text=text, created_at=signed_at, signed_at=signed_at
        )
        session.add(addendum)
        session.flush()
        content = addendum_content(addendum.id, note_id, note_digest, user.id, user.username, signed_at, text)
        digest = content_digest(content)
        sig = _signature(ADDENDUM, addendum.id, user, "addendum", fingerprint, private_key, digest, signed_at)
        session.add(sig)
        note.status = NoteStatus.AMENDED.value
        session.flush()
        record_event(
            session,
            actor,
            "addendum.signed",
            ADDENDUM,
            addendum.id,
            after=content,
            detail={"note_id": note_id, "signature_id": sig.id, "digest": digest, "key": fingerprint},
        )
        return AddendumInfo(addendum.id, note_id, user.id, user.username, text, signed_at)


def list_addenda(db: Database, actor: Actor, note_id: int) -> list[AddendumInfo]:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        rows = session.execute(
            select(Addendum, User.username)
            .join(User, User.id == Addendum.author_id)
            .where(Addendum.note_id == note_id)
            .order_by(Addendum.created_at, Addendum.id)
        ).all()
        return [AddendumInfo(a.id, a.note_id, a.author_id, name, a.text, a.signed_at) for a, name in rows]


def finalise_coding(db: Database, actor: Actor, note_id: int, password: str) -> SignatureInfo:
    """A coder signs the coding of a signed note: every decision so far and the resulting codes."""
    actor.require(Permission.CODE_NOTES)
    with db.session() as session:
        if session.get(Note, note_id) is None:
            raise NotFound(f"No note with id {note_id}.")
    fingerprint, private_key = _open_key(db, actor, password, "coding.sign", NOTE, note_id)
    with db.session() as session:
        lock_chain(session)
        _, note_digest = _locked_signed_note(
            session,
            note_id,
            "Only a signed note's coding can be finalised; this note is a draft.",
            "This note has no signature; run 'workbench verify'.",
        )
        decisions = list(session.scalars(select(CodingDecision).where(CodingDecision.note_id == note_id)))
        if not decisions:
            raise InvalidInput("There are no coding decisions to sign; accept, reject or add codes first.")
        user = _current_signer(session, actor, fingerprint)
        signed_at = utcnow()
        content = coding_content(note_id, note_digest, user.id, user.username, signed_at, decisions)
        digest = content_digest(content)
        sig = _signature(
            CODING,
            note_id,
            user,
            "coding",
            fingerprint,
            private_key,
            digest,
            signed_at,
            covers={"decision_ids": sorted(d.id for d in decisions)},
        )
        session.add(sig)
        session.flush()
        record_event(
            session,
            actor,
            "coding.finalised",
            NOTE,
            note_id,
            after=content,
            detail={"signature_id": sig.id, "codes": content["codes"], "digest": digest, "key": fingerprint},
        )
        return _signature_info(sig, user.username)


def coding_signatures(db: Database, actor: Actor, note_id: int) -> list[SignatureInfo]:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        rows = session.execute(
            select(Signature, User.username)
            .join(User, User.id == Signature.signer_id)
            .where(Signature.entity_type == CODING, Signature.entity_id == note_id)
            .order_by(Signature.id)
        ).all()
        return [_signature_info(s, name) for s, name in rows]


def rotate_key(db: Database, actor: Actor, password: str) -> str:
    """A new key pair for the acting user; the old public key is kept for verification."""
    if actor.user_id is None:
        raise NotFound("The system account has no signing key.")
    _open_key(db, actor, password, "key.rotate", "user", actor.user_id)  # proves the password
    with db.session() as session:
        user = session.get(User, actor.user_id)
        assert user is not None
        return keys.issue_key(session, actor, user, password, "rotation").fingerprint


# ---- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _TrustedKey:
    user_id: int
    public: Ed25519PublicKey
    created_at: dt.datetime
    retired_at: dt.datetime | None
    recorded: bool


class _KeyRing:
    """Every public key, loaded once, with whether its creation is in the audit trail."""

    def __init__(self, connection: Connection) -> None:
        recorded = set(
            connection.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.entity_type == "public_key", AuditEvent.action == "key.created"
                )
            )
        )
        self.keys: dict[str, _TrustedKey] = {}
        for row in connection.execute(select(PublicKey.__table__)).mappings():
            self.keys[row["fingerprint"]] = _TrustedKey(
                row["user_id"],
                keys.load_public_key(row["public_key"]),
                _aware(row["created_at"]),
                _aware(row["retired_at"]) if row["retired_at"] is not None else None,
                row["fingerprint"] in recorded,
            )
        self.usernames: dict[int, str] = {
            row.id: row.username for row in connection.execute(select(User.id, User.username))
        }

    def check(
        self, sig: Mapping[str, Any], expected_signer: int | None, digest: str, signed_at: dt.datetime | None
    ) -> list[str]:
        problems: list[str] = []
        if digest != sig["digest"]:
            problems.append("the signed content was changed after signing")
        if sig["scheme"] != SCHEME or sig["algorithm"] != ALGORITHM:
            problems.append(f"unknown signature scheme {sig['scheme']}/{sig['algorithm']}")
        if expected_signer is not None and sig["signer_id"] != expected_signer:
            problems.append("the signer is not the author")
        sig_time = _aware(sig["signed_at"])
        if signed_at is not None and sig_time != signed_at:
            problems.append("the signing time was changed")
        key = self.keys.get(sig["key_fingerprint"])
        if key is None:
            problems.append("signed with an unknown key")
            return problems
        if key.user_id != sig["signer_id"]:
            problems.append("signed with another person's key")
        if not key.recorded:
            problems.append("the signing key's creation is not in the audit trail")
        if sig_time < key.created_at or (key.retired_at is not None and sig_time > key.retired_at):
            problems.append("signed with a key that was not valid at that time")
        if not signature_valid(key.public, sig["digest"], sig["signature"]):
            problems.append("the signature does not verify")
        return problems


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


_SIG = Signature.__table__.c


def _sig_columns() -> list[Any]:
    return [
        _SIG.id.label("sig_id"),
        _SIG.signer_id,
        _SIG.algorithm,
        _SIG.key_fingerprint,
        _SIG.digest,
        _SIG.signature,
        _SIG.signed_at.label("sig_signed_at"),
        _SIG.scheme,
        _SIG.covers,
    ]


def _sig_of(row: Any) -> dict[str, Any]:
    return {
        "id": row["sig_id"],
        "signer_id": row["signer_id"],
        "algorithm": row["algorithm"],
        "key_fingerprint": row["key_fingerprint"],
        "digest": row["digest"],
        "signature": row["signature"],
        "signed_at": row["sig_signed_at"],
        "scheme": row["scheme"],
        "covers": row["covers"],
    }


def _note_checks(
    connection: Connection, ring: _KeyRing, note_id: int | None, digests: dict[int, str]
) -> Iterator[SignatureCheck]:
    notes = Note.__table__.c
    query = (
        select(
            notes.id,
            notes.encounter_id,
            notes.author_id,
            notes.status,
            notes.text,
            notes.version,
            notes.signed_at,
            Patient.__table__.c.mrn,
            *_sig_columns(),
        )
        .join(Encounter.__table__, Encounter.__table__.c.id == notes.encounter_id)
        .join(Patient.__table__, Patient.__table__.c.id == Encounter.__table__.c.patient_id)
        .outerjoin(Signature.__table__, and_(_SIG.entity_type == NOTE, _SIG.entity_id == notes.id))
        .where(or_(notes.status != NoteStatus.DRAFT.value, _SIG.id.is_not(None)))
        .order_by(notes.id, _SIG.id)
    )
    if note_id is not None:
        query = query.where(notes.id == note_id)
    seen: set[int] = set()
    for row in connection.execution_options(stream_results=True, yield_per=5000).execute(query).mappings():
        nid = row["id"]
        author = ring.usernames.get(row["author_id"], "?")
        if row["sig_id"] is None:
            yield SignatureCheck(
                NOTE, nid, nid, author, row["signed_at"], None, ("the note is signed but has no signature",)
            )
            continue
        problems: list[str] = []
        if nid in seen:
            problems.append("the note has more than one signature")
        seen.add(nid)
        if row["status"] == NoteStatus.DRAFT.value:
            problems.append("the note has a signature but was set back to draft")
        signed_at = _aware(row["signed_at"]) if row["signed_at"] is not None else None
        sig = _sig_of(row)
        if signed_at is None:
            problems.append("the note's signing time was removed")
            digest = ""
        else:
            digest = content_digest(
                note_content(
                    nid,
                    row["encounter_id"],
                    row["mrn"],
                    row["author_id"],
                    author,
                    row["version"],
                    signed_at,
                    row["text"],
                )
            )
        problems += ring.check(sig, row["author_id"], digest, signed_at)
        digests.setdefault(nid, sig["digest"])
        yield SignatureCheck(NOTE, nid, nid, author, signed_at, sig["key_fingerprint"], tuple(problems))


def _addendum_checks(
    connection: Connection, ring: _KeyRing, note_id: int | None, digests: dict[int, str]
) -> Iterator[SignatureCheck]:
    addenda = Addendum.__table__.c
    query = (
        select(
            addenda.id, addenda.note_id, addenda.author_id, addenda.text, addenda.signed_at, *_sig_columns()
        )
        .outerjoin(Signature.__table__, and_(_SIG.entity_type == ADDENDUM, _SIG.entity_id == addenda.id))
        .order_by(addenda.note_id, addenda.id, _SIG.id)
    )
    if note_id is not None:
        query = query.where(addenda.note_id == note_id)
    for row in connection.execution_options(stream_results=True, yield_per=5000).execute(query).mappings():
        aid, nid = row["id"], row["note_id"]
        author = ring.usernames.get(row["author_id"], "?")
        signed_at = _aware(row["signed_at"]) if row["signed_at"] is not None else None
        if row["sig_id"] is None or signed_at is None:
            yield SignatureCheck(ADDENDUM, aid, nid, author, signed_at, None, ("the addendum is not signed",))
            continue
        note_digest = digests.get(nid, "")
        digest = content_digest(
            addendum_content(aid, nid, note_digest, row["author_id"], author, signed_at, row["text"])
        )
        problems = ring.check(_sig_of(row), row["author_id"], digest, signed_at)
        yield SignatureCheck(ADDENDUM, aid, nid, author, signed_at, row["key_fingerprint"], tuple(problems))


def _coding_checks(
    connection: Connection, ring: _KeyRing, note_id: int | None, digests: dict[int, str]
) -> Iterator[SignatureCheck]:
    query = (
        select(*_sig_columns(), _SIG.entity_id)
        .where(_SIG.entity_type == CODING)
        .order_by(_SIG.entity_id, _SIG.id)
    )
    if note_id is not None:
        query = query.where(_SIG.entity_id == note_id)
    rows = list(connection.execute(query).mappings())
    last_of_note = {row["entity_id"]: row["sig_id"] for row in rows}
    with Session(bind=connection) as session:
        for row in rows:
            nid = row["entity_id"]
            sig = _sig_of(row)
            signer = ring.usernames.get(sig["signer_id"], "?")
            signed_at = _aware(sig["signed_at"])
            covered = list((sig["covers"] or {}).get("decision_ids", []))
            decisions = list(session.scalars(select(CodingDecision).where(CodingDecision.note_id == nid)))
            problems: list[str] = []
            by_id = {d.id: d for d in decisions}
            missing = [i for i in covered if i not in by_id]
            if missing:
                problems.append(f"signed coding decisions {missing} are missing")
            if last_of_note[nid] == sig["id"]:
                extra = sorted(set(by_id) - set(covered))
                if extra:
                    problems.append(f"coding decisions {extra} were added after the sign-off")
            digest = content_digest(
                coding_content(
                    nid,
                    digests.get(nid, ""),
                    sig["signer_id"],
                    signer,
                    signed_at,
                    [by_id[i] for i in covered if i in by_id],
                )
            )
            problems += ring.check(sig, None, digest, None)
            yield SignatureCheck(CODING, nid, nid, signer, signed_at, sig["key_fingerprint"], tuple(problems))


def _require_verify(actor: Actor) -> None:
    if not (
        actor.can(Permission.VIEW_NOTES) or actor.can(Permission.AUDIT) or actor.can(Permission.ADMINISTER)
    ):
        raise PermissionDenied(actor, Permission.AUDIT)


def _verify(db: Database, note_id: int | None) -> list[SignatureCheck]:
    with db.engine.connect() as connection:
        ring = _KeyRing(connection)
        digests: dict[int, str] = {}
        checks = list(_note_checks(connection, ring, note_id, digests))
        checks += _addendum_checks(connection, ring, note_id, digests)
        checks += _coding_checks(connection, ring, note_id, digests)
    return checks


def verify_note(db: Database, actor: Actor, note_id: int) -> NoteVerification:
    """Recompute every digest and signature of one note, its addenda and its coding sign-offs."""
    _require_verify(actor)
    with db.session() as session:
        if session.get(Note, note_id) is None:
            raise NotFound(f"No note with id {note_id}.")
    return NoteVerification(note_id, tuple(_verify(db, note_id)))


def verify_all(db: Database, actor: Actor) -> list[NoteVerification]:
    """Every signed note, addendum and coding sign-off, grouped by note, in note order."""
    _require_verify(actor)
    grouped: dict[int, list[SignatureCheck]] = {}
    for check in _verify(db, None):
        grouped.setdefault(check.note_id, []).append(check)
    return [NoteVerification(nid, tuple(grouped[nid])) for nid in sorted(grouped)]


def view_signed_note(db: Database, actor: Actor, note_id: int) -> SignedNoteView:
    """A signed note with its addenda and their verification; the view itself is audited."""
    note = get_note(db, actor, note_id)
    if note.status is NoteStatus.DRAFT:
        raise InvalidInput("This note is a draft; open it in the editor.")
    addenda = tuple(list_addenda(db, actor, note_id))
    verification = NoteVerification(note_id, tuple(_verify(db, note_id)))
    with db.session() as session:
        author = session.scalar(select(User.username).where(User.id == note.author_id)) or "?"
        record_event(
            session,
            actor,
            "note.viewed",
            NOTE,
            note_id,
            detail={"role": actor.role.value, "verified": verification.ok},
        )
    return SignedNoteView(note, author, addenda, verification)
