"""Final codes as CSV, and an encounter as an HL7 FHIR R4 bundle.

The bundle (type "collection") holds the Patient, the Practitioners involved, the Encounter, one
Condition per final code, a DocumentReference per signed text (the note; each addendum appends
to it) with the text as a base64 attachment, and one Provenance per signature (note, addenda,
coding sign-off) carrying the Ed25519 signature. It is built as plain JSON and validated with
``fhir.resources``' R4B models (R4B shares R4's shape for these resources; the package's default
modules are R5). Ids are UUIDv5 of the local ids, so exporting twice gives the same ids.

Final codes of a finalised note are the ones its coding sign-off covers; decisions slipped in
after the sign-off (``verify`` reports them) are left out. Every export is audited.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.security.audit import record_event
from workbench.security.roles import Actor, Permission, PermissionDenied
from workbench.services.errors import NotFound
from workbench.services.signing import ADDENDUM, CODING, NOTE, final_codes
from workbench.store.database import Database
from workbench.store.models import (
    Addendum,
    CodeSuggestion,
    CodingDecision,
    DecisionAction,
    Encounter,
    Note,
    NoteStatus,
    Patient,
    Signature,
    User,
)

if TYPE_CHECKING:
    from fhir.resources.R4B.bundle import Bundle

ICD10CM_SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"
MRN_SYSTEM = "urn:workbench:mrn"
USERNAME_SYSTEM = "urn:workbench:username"
DIGEST_EXTENSION = "urn:workbench:fhir:signature-digest"
_NAMESPACE = uuid.UUID("6f1c2a4e-0b7d-5c1e-9a3f-2d8e4b6c7a10")
# ASTM E1762-95 signature types, as FHIR's Provenance.signature.type uses them.
_SIGNATURE_TYPES = {
    NOTE: ("1.2.840.10065.1.12.1.1", "Author's Signature"),
    ADDENDUM: ("1.2.840.10065.1.12.1.1", "Author's Signature"),
    CODING: ("1.2.840.10065.1.12.1.5", "Verification Signature"),
}
CSV_COLUMNS = (
    "encounter_id",
    "note_id",
    "patient_mrn",
    "encounter_date",
    "clinician",
    "code",
    "system",
    "title",
    "source",
    "coder",
    "coding_status",
    "finalised_at",
    "evidence",
)


@dataclass(frozen=True)
class FinalCode:
    note_id: int
    code: str
    title: str
    source: str  # "suggested" (an accepted suggestion) or "added"
    coder: str
    evidence: tuple[str, ...]
    decided_at: dt.datetime


def _require_export(actor: Actor) -> None:
    if not (
        actor.can(Permission.AUDIT) or actor.can(Permission.CODE_NOTES) or actor.can(Permission.ADMINISTER)
    ):
        raise PermissionDenied(actor, Permission.AUDIT)


def _catalog_title(code: str) -> str:
    from workbench.coding.catalog import CatalogMissing, load_catalog

    try:
        return load_catalog().title(code)
    except CatalogMissing:
        return ""


def _coding_signature(session: Session, note_id: int) -> Signature | None:
    return session.scalars(
        select(Signature)
        .where(Signature.entity_type == CODING, Signature.entity_id == note_id)
        .order_by(Signature.id.desc())
        .limit(1)
    ).first()


def final_codes_of(session: Session, note_id: int) -> tuple[list[FinalCode], Signature | None]:
    """The codes that stand for a note (those the latest sign-off covers, if any) and that sign-off."""
    signature = _coding_signature(session, note_id)
    decisions = list(
        session.scalars(
            select(CodingDecision)
            .where(CodingDecision.note_id == note_id)
            .order_by(CodingDecision.decided_at, CodingDecision.id)
        )
    )
    if signature is not None:
        covered = set((signature.covers or {}).get("decision_ids", []))
        decisions = [d for d in decisions if d.id in covered]
    codes = set(final_codes(decisions))
    latest: dict[str, CodingDecision] = {}
    for d in decisions:
        if d.code in codes:
            latest[d.code] = d
    titles = dict(
        session.execute(
            select(CodeSuggestion.code, CodeSuggestion.title).where(
                CodeSuggestion.id.in_(
                    [d.suggestion_id for d in latest.values() if d.suggestion_id is not None]
                )
            )
        ).all()
    )
    coders = dict(
        session.execute(
            select(User.id, User.username).where(User.id.in_({d.coder_id for d in latest.values()}))
        ).all()
    )
    out = [
        FinalCode(
            note_id=note_id,
            code=code,
            title=titles.get(code) or _catalog_title(code),
            source="added" if d.action == DecisionAction.ADD.value else "suggested",
            coder=coders.get(d.coder_id, "?"),
            evidence=tuple(str(e.get("text", "")) for e in d.evidence or [] if isinstance(e, dict)),
            decided_at=d.decided_at,
        )
        for code, d in sorted(latest.items())
    ]
    return out, signature


def _safe_cell(value: object) -> str:
    """A spreadsheet must not run a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def final_codes_csv(
    db: Database,
    actor: Actor,
    out: IO[str],
    *,
    encounter_id: int | None = None,
    include_unfinalised: bool = False,
) -> int:
    """Write one row per final code (finalised notes only, unless asked); returns the row count."""
    _require_export(actor)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = 0
    with db.session() as session:
        query = (
            select(Note, Encounter, Patient.mrn, User.display_name)
            .join(Encounter, Encounter.id == Note.encounter_id)
            .join(Patient, Patient.id == Encounter.patient_id)
            .join(User, User.id == Encounter.clinician_id)
            .where(Note.status != NoteStatus.DRAFT.value)
            .order_by(Encounter.started_at, Note.id)
        )
        if encounter_id is not None:
            if session.get(Encounter, encounter_id) is None:
                raise NotFound(f"No encounter with id {encounter_id}.")
            query = query.where(Encounter.id == encounter_id)
        notes_out: list[int] = []
        for note, encounter, mrn, clinician in session.execute(query).all():
            codes, signature = final_codes_of(session, note.id)
            if signature is None and not include_unfinalised:
                continue
            if codes:
                notes_out.append(note.id)
            for c in codes:
                writer.writerow(
                    [
                        _safe_cell(v)
                        for v in (
                            encounter.id,
                            note.id,
                            mrn,
                            encounter.started_at.date().isoformat(),
                            clinician,
                            c.code,
                            "ICD-10-CM",
                            c.title,
                            c.source,
                            c.coder,
                            "finalised" if signature is not None else "in progress",
                            signature.signed_at.isoformat() if signature is not None else "",
                            " | ".join(c.evidence),
                        )
                    ]
                )
                rows += 1
        record_event(
            session,
            actor,
            "export.csv",
            "encounter" if encounter_id is not None else "coding",
            encounter_id,
            detail={"rows": rows, "note_ids": notes_out, "include_unfinalised": include_unfinalised},
        )
    return rows


# ---- FHIR -------------------------------------------------------------------------------------


def _uid(kind: str, local_id: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}/{local_id}"))


def _ref(kind: str, local_id: object) -> dict[str, str]:
    return {"reference": f"urn:uuid:{_uid(kind, local_id)}"}


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_GENDER = {"F": "female", "M": "male", "O": "other", "U": "unknown"}


def _patient(p: Patient) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [{"system": MRN_SYSTEM, "value": p.mrn}],
        "name": [{"family": p.family_name, "given": [p.given_name]}],
        "gender": _GENDER.get(p.sex.upper(), "unknown"),
        "birthDate": p.date_of_birth.isoformat(),
    }
    telecom = [{"system": "phone", "value": p.phone}] if p.phone else []
    telecom += [{"system": "email", "value": p.email}] if p.email else []
    if telecom:
        resource["telecom"] = telecom
    if p.address:
        resource["address"] = [{"text": p.address}]
    return resource


def _practitioner(u: User) -> dict[str, Any]:
    return {
        "resourceType": "Practitioner",
        "identifier": [{"system": USERNAME_SYSTEM, "value": u.username}],
        "name": [{"text": u.display_name}],
    }


def _attachment(text: str, title: str, created: dt.datetime | None) -> dict[str, Any]:
    data = text.encode("utf-8")
    attachment: dict[str, Any] = {
        "contentType": "text/plain; charset=utf-8",
        "language": "en",
        "data": base64.b64encode(data).decode("ascii"),
        "size": len(data),
        # FHIR's Attachment.hash is the base64 of the SHA-1 of the data.
        "hash": base64.b64encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode("ascii"),
        "title": title,
    }
    if created is not None:
        attachment["creation"] = _instant(created)
    return attachment


def _entry(kind: str, local_id: object, resource: dict[str, Any]) -> dict[str, Any]:
    uid = _uid(kind, local_id)
    return {"fullUrl": f"urn:uuid:{uid}", "resource": {**resource, "id": uid}}


def encounter_bundle_json(db: Database, actor: Actor, encounter_id: int) -> dict[str, Any]:
    """The encounter as a FHIR R4 collection bundle, as JSON-ready data (validated; audited)."""
    from fhir.resources.R4B.bundle import Bundle

    _require_export(actor)
    with db.session() as session:
        encounter = session.get(Encounter, encounter_id)
        if encounter is None:
            raise NotFound(f"No encounter with id {encounter_id}.")
        patient = encounter.patient
        note = encounter.note
        entries: list[dict[str, Any]] = [_entry("patient", patient.id, _patient(patient))]
        people: dict[int, User] = {encounter.clinician_id: encounter.clinician}
        enc_resource: dict[str, Any] = {
            "resourceType": "Encounter",
            "status": "finished" if encounter.ended_at or (note and note.signed_at) else "in-progress",
            "class": {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "code": "VR" if encounter.encounter_type == "telehealth" else "AMB",
                "display": "virtual" if encounter.encounter_type == "telehealth" else "ambulatory",
            },
            "type": [{"text": encounter.encounter_type}],
            "subject": _ref("patient", patient.id),
            "participant": [{"individual": _ref("practitioner", encounter.clinician_id)}],
            "period": {"start": _instant(encounter.started_at)}
            | ({"end": _instant(encounter.ended_at)} if encounter.ended_at else {}),
        }
        if encounter.reason:
            enc_resource["reasonCode"] = [{"text": encounter.reason}]
        entries.append(_entry("encounter", encounter.id, enc_resource))
        codes: list[FinalCode] = []
        signatures: list[Signature] = []
        if note is not None and note.status != NoteStatus.DRAFT.value:
            people[note.author_id] = note.author
            doc: dict[str, Any] = {
                "resourceType": "DocumentReference",
                "status": "current",
                "docStatus": "amended" if note.status == NoteStatus.AMENDED.value else "final",
                "type": {
                    "coding": [{"system": "http://loinc.org", "code": "11506-3", "display": "Progress note"}],
                    "text": "Progress note",
                },
                "subject": _ref("patient", patient.id),
                "author": [_ref("practitioner", note.author_id)],
                "content": [{"attachment": _attachment(note.text, f"Note {note.id}", note.signed_at)}],
                "context": {"encounter": [_ref("encounter", encounter.id)]},
            }
            if note.signed_at:
                doc["date"] = _instant(note.signed_at)
            entries.append(_entry("note", note.id, doc))
            for addendum in session.scalars(
                select(Addendum).where(Addendum.note_id == note.id).order_by(Addendum.created_at, Addendum.id)
            ):
                author = session.get(User, addendum.author_id)
                assert author is not None
                people[author.id] = author
                entries.append(
                    _entry(
                        "addendum",
                        addendum.id,
                        {
                            "resourceType": "DocumentReference",
                            "status": "current",
                            "docStatus": "final",
                            "type": {"text": "Addendum"},
                            "subject": _ref("patient", patient.id),
                            "author": [_ref("practitioner", addendum.author_id)],
                            "relatesTo": [{"code": "appends", "target": _ref("note", note.id)}],
                            "content": [
                                {
                                    "attachment": _attachment(
                                        addendum.text, f"Addendum {addendum.id}", addendum.signed_at
                                    )
                                }
                            ],
                            "context": {"encounter": [_ref("encounter", encounter.id)]},
                        }
                        | ({"date": _instant(addendum.signed_at)} if addendum.signed_at else {}),
                    )
                )
            codes, coding_sig = final_codes_of(session, note.id)
            coder_names = {c.coder for c in codes}
            for u in session.scalars(select(User).where(User.username.in_(coder_names))):
                people[u.id] = u
            by_name = {u.username: u.id for u in people.values()}
            for c in codes:
                condition: dict[str, Any] = {
                    "resourceType": "Condition",
                    "clinicalStatus": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                "code": "active",
                            }
                        ]
                    },
                    "verificationStatus": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                "code": "confirmed" if coding_sig is not None else "provisional",
                            }
                        ]
                    },
                    "category": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                    "code": "encounter-diagnosis",
                                }
                            ]
                        }
                    ],
                    "code": {
                        "coding": [
                            {"system": ICD10CM_SYSTEM, "code": c.code}
                            | ({"display": c.title} if c.title else {})
                        ],
                        "text": c.title or c.code,
                    },
                    "subject": _ref("patient", patient.id),
                    "encounter": _ref("encounter", encounter.id),
                    "recordedDate": _instant(c.decided_at),
                    "evidence": [{"detail": [_ref("note", note.id)]}],
                }
                if c.coder in by_name:
                    condition["recorder"] = _ref("practitioner", by_name[c.coder])
                if c.evidence:
                    condition["note"] = [{"text": "Evidence: " + " | ".join(f'"{e}"' for e in c.evidence)}]
                entries.append(_entry("condition", f"{note.id}/{c.code}", condition))
            signatures = list(
                session.scalars(
                    select(Signature)
                    .where(
                        ((Signature.entity_type == NOTE) & (Signature.entity_id == note.id))
                        | ((Signature.entity_type == CODING) & (Signature.entity_id == note.id))
                        | (
                            (Signature.entity_type == ADDENDUM)
                            & Signature.entity_id.in_(select(Addendum.id).where(Addendum.note_id == note.id))
                        )
                    )
                    .order_by(Signature.id)
                )
            )
            for sig in signatures:
                signer = session.get(User, sig.signer_id)
                assert signer is not None
                people[signer.id] = signer
                if sig.entity_type == CODING:
                    targets = [_ref("condition", f"{note.id}/{c.code}") for c in codes] or [
                        _ref("note", note.id)
                    ]
                else:
                    targets = [_ref(sig.entity_type, sig.entity_id)]
                code, display = _SIGNATURE_TYPES.get(sig.entity_type, _SIGNATURE_TYPES[NOTE])
                who = _ref("practitioner", sig.signer_id)
                entries.append(
                    _entry(
                        "provenance",
                        sig.id,
                        {
                            "resourceType": "Provenance",
                            "target": targets,
                            "recorded": _instant(sig.signed_at),
                            "agent": [
                                {
                                    "type": {
                                        "coding": [
                                            {
                                                "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                                                "code": "verifier" if sig.entity_type == CODING else "author",
                                            }
                                        ]
                                    },
                                    "who": who,
                                }
                            ],
                            "signature": [
                                {
                                    "type": [
                                        {
                                            "system": "urn:iso-astm:E1762-95:2013",
                                            "code": code,
                                            "display": display,
                                        }
                                    ],
                                    "when": _instant(sig.signed_at),
                                    "who": who,
                                    "targetFormat": "application/json",
                                    "sigFormat": "application/octet-stream",
                                    "data": base64.b64encode(sig.signature).decode("ascii"),
                                }
                            ],
                            "extension": [
                                {
                                    "url": DIGEST_EXTENSION,
                                    "valueString": f"{sig.algorithm}:{sig.key_fingerprint}:sha256:{sig.digest}",
                                }
                            ],
                        },
                    )
                )
        practitioners = [_entry("practitioner", uid, _practitioner(u)) for uid, u in sorted(people.items())]
        bundle = {
            "resourceType": "Bundle",
            "id": _uid("bundle", encounter.id),
            "identifier": {"system": "urn:workbench:encounter", "value": str(encounter.id)},
            "type": "collection",
            "timestamp": _instant(dt.datetime.now(dt.UTC)),
            "entry": [entries[0], *practitioners, *entries[1:]],
        }
        Bundle.model_validate(bundle)  # refuse to hand out anything that is not valid FHIR
        record_event(
            session,
            actor,
            "export.fhir",
            "encounter",
            encounter.id,
            detail={
                "note_id": note.id if note else None,
                "codes": [c.code for c in codes],
                "signatures": [s.id for s in signatures],
            },
        )
    return bundle


def encounter_bundle(db: Database, actor: Actor, encounter_id: int) -> Bundle:
    """The encounter bundle as a ``fhir.resources`` R4B Bundle model."""
    from fhir.resources.R4B.bundle import Bundle

    return Bundle.model_validate(encounter_bundle_json(db, actor, encounter_id))


def bundle_text(bundle: dict[str, Any]) -> str:
    import json

    return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"


def resources_of(bundle: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle.get("entry", []) if e["resource"]["resourceType"] == resource_type]


def codes_in(resources: Iterable[dict[str, Any]]) -> list[str]:
    return sorted(c["code"] for r in resources for c in r["code"]["coding"] if c["system"] == ICD10CM_SYSTEM)
