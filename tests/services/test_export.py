"""Final codes as CSV and an encounter as a FHIR R4 bundle that validates and round-trips."""

from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.provenance import Provenance
from sqlalchemy import select

from tests.conftest import make_actor
from tests.services.coded_notes import PASSWORD, TEXT, signed_note
from workbench.cli import main
from workbench.security.roles import Actor, PermissionDenied
from workbench.services import coding_review as review
from workbench.services import export, signing
from workbench.services.errors import NotFound
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Note, Role


class Finalised:
    def __init__(self, physician: Actor, coder: Actor, note_id: int, encounter_id: int) -> None:
        self.physician, self.coder, self.note_id, self.encounter_id = physician, coder, note_id, encounter_id


@pytest.fixture
def finalised(db: Database) -> Finalised:
    """A signed, amended note coded E11.9 + I10 (accepted) + Z09 (added), the coding signed."""
    physician = make_actor(db, Role.PHYSICIAN, "drhouse")
    coder = make_actor(db, Role.CODER, "coder1")
    note_id, ids = signed_note(db, physician)
    signing.add_addendum(db, physician, note_id, '=HYPERLINK("x") BP recheck in 2 weeks.', PASSWORD)
    review.decide(db, coder, note_id, ids[0], "accept")
    review.decide(db, coder, note_id, ids[1], "accept")
    review.decide(db, coder, note_id, ids[2], "reject", "not_documented")
    review.dismiss_below(db, coder, note_id, 0.3)
    start = TEXT.index("Follow-up")
    review.add_code(db, coder, note_id, "Z09", [(start, start + 9)])
    review.finalise(db, coder, note_id, PASSWORD)
    with db.session() as session:
        note = session.get(Note, note_id)
        assert note is not None
        encounter_id = note.encounter_id
    return Finalised(physician, coder, note_id, encounter_id)


def test_final_codes_as_csv(db: Database, finalised: Finalised) -> None:
    out = io.StringIO()
    rows = export.final_codes_csv(db, finalised.coder, out)
    assert rows == 3
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["code"] for r in table] == ["E11.9", "I10", "Z09"]
    assert [r["source"] for r in table] == ["suggested", "suggested", "added"]
    assert {r["coding_status"] for r in table} == {"finalised"} and {r["coder"] for r in table} == {"coder1"}
    assert table[0]["title"] == "Type 2 diabetes mellitus without complications"
    assert table[2]["title"].startswith("Encounter for follow-up") and table[2]["evidence"] == "Follow-up"
    assert table[0]["patient_mrn"] == "M-0001" and table[0]["encounter_date"] == "2026-03-10"
    single = io.StringIO()
    assert export.final_codes_csv(db, finalised.coder, single, encounter_id=finalised.encounter_id) == 3
    with pytest.raises(NotFound):
        export.final_codes_csv(db, finalised.coder, io.StringIO(), encounter_id=999)
    with pytest.raises(PermissionDenied):
        export.final_codes_csv(db, finalised.physician, io.StringIO())
    with db.session() as session:
        actions = list(session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("export.%"))))
    assert actions == ["export.csv", "export.csv"]


def test_unfinalised_codes_only_when_asked(db: Database) -> None:
    physician = make_actor(db, Role.PHYSICIAN, "drhouse")
    coder = make_actor(db, Role.CODER, "coder1")
    note_id, ids = signed_note(db, physician)
    review.decide(db, coder, note_id, ids[1], "accept")
    assert export.final_codes_csv(db, coder, io.StringIO()) == 0
    out = io.StringIO()
    assert export.final_codes_csv(db, coder, out, include_unfinalised=True) == 1
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["code"], row["coding_status"], row["finalised_at"]) == ("I10", "in progress", "")


def test_csv_cells_never_start_a_formula() -> None:
    assert export._safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert export._safe_cell("-1") == "'-1" and export._safe_cell("E11.9") == "E11.9"


def test_the_fhir_bundle_validates_and_round_trips(db: Database, finalised: Finalised) -> None:
    data = export.encounter_bundle_json(db, finalised.coder, finalised.encounter_id)
    text = export.bundle_text(data)
    bundle = Bundle.model_validate_json(text)
    assert bundle.type == "collection"
    again = json.loads(bundle.model_dump_json(exclude_none=True))
    assert Bundle.model_validate(again).model_dump_json() == bundle.model_dump_json()
    # The parsed bundle says what the data says.
    kinds = [e["resource"]["resourceType"] for e in data["entry"]]
    assert kinds.count("Patient") == 1 and kinds.count("Encounter") == 1
    assert kinds.count("Practitioner") == 2  # the physician and the coder
    conditions = export.resources_of(again, "Condition")
    assert export.codes_in(conditions) == ["E11.9", "I10", "Z09"]
    for c in conditions:
        parsed = Condition.model_validate(c)
        assert parsed.verificationStatus is not None and parsed.verificationStatus.coding
        assert parsed.verificationStatus.coding[0].code == "confirmed"
    documents = [DocumentReference.model_validate(d) for d in export.resources_of(again, "DocumentReference")]
    assert len(documents) == 2  # the note and its addendum
    note_doc, addendum_doc = documents
    # fhir.resources holds base64Binary decoded; the JSON holds base64.
    assert note_doc.content[0].attachment.data == TEXT.encode("utf-8")
    raw = export.resources_of(data, "DocumentReference")[0]["content"][0]["attachment"]["data"]
    assert base64.b64decode(raw).decode("utf-8") == TEXT
    assert note_doc.docStatus == "amended"
    assert addendum_doc.relatesTo is not None and addendum_doc.relatesTo[0].code == "appends"
    assert addendum_doc.relatesTo[0].target.reference == f"urn:uuid:{note_doc.id}"
    provenances = [Provenance.model_validate(p) for p in export.resources_of(again, "Provenance")]
    # Note, addendum and coding sign-off, each with its Ed25519 signature.
    assert len(provenances) == 3
    assert [len(p.signature[0].data or b"") for p in provenances if p.signature] == [64, 64, 64]
    coding = provenances[-1]
    condition_urls = {f"urn:uuid:{c['id']}" for c in conditions}
    assert {t.reference for t in coding.target} == condition_urls
    # Every reference resolves inside the bundle.
    full_urls = {e["fullUrl"] for e in data["entry"]}
    references = {m for m in _references(data) if m.startswith("urn:uuid:")}
    assert references <= full_urls
    # Same ids the second time.
    second = export.encounter_bundle_json(db, finalised.coder, finalised.encounter_id)
    assert [e["fullUrl"] for e in second["entry"]] == [e["fullUrl"] for e in data["entry"]]
    assert isinstance(export.encounter_bundle(db, finalised.coder, finalised.encounter_id), Bundle)


def _references(value: object) -> list[str]:
    if isinstance(value, dict):
        found = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return found + [r for v in value.values() for r in _references(v)]
    if isinstance(value, list):
        return [r for v in value for r in _references(v)]
    return []


def test_export_command_writes_fhir_and_csv(
    db: Database, finalised: Finalised, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", db.url)
    fhir_file, csv_file = tmp_path / "enc.json", tmp_path / "codes.csv"
    code = main(
        [
            "export",
            "--encounter",
            str(finalised.encounter_id),
            "--fhir",
            str(fhir_file),
            "--csv",
            str(csv_file),
        ]
    )
    assert code == 0
    bundle = Bundle.model_validate_json(fhir_file.read_text(encoding="utf-8"))
    assert bundle.entry is not None and len(bundle.entry) > 5
    assert [r["code"] for r in csv.DictReader(csv_file.open(encoding="utf-8"))] == ["E11.9", "I10", "Z09"]
    assert main(["export", "--encounter", "999", "--fhir", str(tmp_path / "x.json")]) == 2
    assert main(["export", "--encounter", "1"]) == 2
    password = tmp_path / "pw"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    mine = tmp_path / "mine.csv"
    assert main(["export", "--csv", str(mine), "--user", "coder1", "--password-file", str(password)]) == 0
    assert len(mine.read_text(encoding="utf-8").splitlines()) == 4
    with db.session() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (last.action, last.actor_name) == ("export.csv", "coder1")
