"""Signing and verification throughput, and audit-chain verification.

Goals: verifying 100,000 signed notes in under 30 s; verifying a 1,000,000-event audit chain in
under 10 s; sealing recordings at rest costing little next to writing them. Data is generated with the real canonical form and real Ed25519 signatures, then
bulk-inserted; the timed parts are the services' own verify_all and verify_chain.

  .venv/bin/python benchmarks/signing.py [--notes 100000] [--events 1000000] [--postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from benchmarks.databases import bench_database
from workbench.security import keys
from workbench.security.audit import GENESIS, chain_hash, event_content, verify_chain
from workbench.security.roles import SYSTEM
from workbench.security.signing import ALGORITHM, SCHEME, content_digest, sign_digest
from workbench.services import encounters, notes, signing, users
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Encounter, Note, Patient, Role, Signature, User, utcnow

PASSWORD = "benchmark password"
TEXT = (
    "SUBJECTIVE:\nPatient returns for follow-up of essential hypertension. Reports good adherence to "
    "lisinopril 20 mg daily. Denies chest pain, shortness of breath or headaches.\n\nOBJECTIVE:\n"
    "BP 142/88, HR 76. Lungs clear. No edema.\n\nASSESSMENT:\nEssential hypertension, not at goal.\n\n"
    "PLAN:\nIncrease lisinopril to 40 mg daily. Recheck BP in 4 weeks. Low-salt diet reviewed. Note {i}.\n"
)
BATCH = 20_000


def bench_service_signing(db: Database, count: int) -> None:
    """The whole sign_note path, password included (Argon2id opens the key each time)."""
    physician = users.add_user(db, SYSTEM, "drsign", "Dr. Sign", Role.PHYSICIAN, PASSWORD).actor()
    with db.session() as session:
        session.execute(
            insert(Patient),
            [
                {
                    "mrn": f"S{i:07d}",
                    "given_name": "A",
                    "family_name": "B",
                    "date_of_birth": dt.date(1970, 1, 1),
                    "sex": "F",
                }
                | {"created_at": utcnow(), "updated_at": utcnow()}
                for i in range(count)
            ],
        )
        patient_ids = list(session.scalars(select(Patient.id).where(Patient.mrn.like("S%"))))
    ids = []
    for pid in patient_ids:
        enc = encounters.start_encounter(db, physician, pid, "office visit", "x")
        assert enc.note_id is not None
        notes.save_note(db, physician, enc.note_id, TEXT.format(i=pid), 1)
        ids.append(enc.note_id)
    t0 = time.perf_counter()
    for note_id in ids:
        signing.sign_note(db, physician, note_id, PASSWORD)
    elapsed = time.perf_counter() - t0
    print(
        f"sign_note (service, password each time): {count} notes in {elapsed:.2f} s = {elapsed / count * 1000:.0f} ms/note"
    )


def seed_signed_notes(db: Database, count: int) -> None:
    """Bulk: patients, encounters and notes already signed with a real key, plus signatures."""
    physician = users.add_user(db, SYSTEM, "drbulk", "Dr. Bulk", Role.PHYSICIAN, PASSWORD)
    with db.session() as session:
        user = session.get(User, physician.id)
        assert user is not None
        private_key = keys.unlock(user, PASSWORD)
        fingerprint = user.key_fingerprint
        first_patient = (session.scalar(select(Patient.id).order_by(Patient.id.desc()).limit(1)) or 0) + 1
        first_encounter = (
            session.scalar(select(Encounter.id).order_by(Encounter.id.desc()).limit(1)) or 0
        ) + 1
        first_note = (session.scalar(select(Note.id).order_by(Note.id.desc()).limit(1)) or 0) + 1
    now = utcnow()
    signing_time = 0.0
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        patients_rows, encounter_rows, note_rows, signature_rows = [], [], [], []
        t0 = time.perf_counter()
        for k in range(start, start + size):
            pid, eid, nid = first_patient + k, first_encounter + k, first_note + k
            mrn = f"B{k:08d}"
            text = TEXT.format(i=k)
            signed_at = now + dt.timedelta(microseconds=k)
            patients_rows.append(
                {"id": pid, "mrn": mrn, "given_name": "Ann", "family_name": "Lee", "sex": "F"}
                | {"date_of_birth": dt.date(1960, 1, 1), "created_at": now, "updated_at": now}
            )
            encounter_rows.append(
                {"id": eid, "patient_id": pid, "clinician_id": physician.id, "encounter_type": "office visit"}
                | {"started_at": now}
            )
            note_rows.append(
                {"id": nid, "encounter_id": eid, "author_id": physician.id, "status": "signed", "text": text}
                | {"version": 2, "created_at": now, "updated_at": now, "signed_at": signed_at}
            )
            digest = content_digest(
                signing.note_content(nid, eid, mrn, physician.id, physician.username, 2, signed_at, text)
            )
            signature_rows.append(
                {"entity_type": "note", "entity_id": nid, "signer_id": physician.id, "meaning": "author"}
                | {"algorithm": ALGORITHM, "key_fingerprint": fingerprint, "digest": digest, "scheme": SCHEME}
                | {"signature": sign_digest(private_key, digest), "signed_at": signed_at}
            )
        signing_time += time.perf_counter() - t0
        with db.session() as session:
            session.execute(insert(Patient), patients_rows)
            session.execute(insert(Encounter), encounter_rows)
            session.execute(insert(Note), note_rows)
            session.execute(insert(Signature), signature_rows)
    print(
        f"sign (canonical form + SHA-256 + Ed25519, key open): {count:,} notes in {signing_time:.1f} s "
        f"= {count / signing_time:,.0f} notes/s"
    )


def bench_verify_notes(db: Database, count: int) -> None:
    t0 = time.perf_counter()
    results = signing.verify_all(db, SYSTEM)
    elapsed = time.perf_counter() - t0
    failed = sum(not r.ok for r in results)
    print(
        f"verify_all: {len(results):,} signed notes in {elapsed:.1f} s = {len(results) / elapsed:,.0f} notes/s, "
        f"{failed} failed (goal: 100,000 in < 30 s)"
    )
    assert len(results) >= count and failed == 0


def seed_events(db: Database, count: int) -> None:
    start = utcnow()
    previous = GENESIS
    with db.session() as session:
        last = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
        previous = last or GENESIS
    t0 = time.perf_counter()
    for begin in range(0, count, BATCH):
        rows = []
        for k in range(begin, min(count, begin + BATCH)):
            occurred = start + dt.timedelta(microseconds=k)
            detail = {"origin": "autosave", "version": k % 7}  # stored as record_event stores it: sorted
            entity = str(k % 5000)
            digest = f"{k:064x}"
            content = event_content(
                occurred, None, "drgrey", "note.saved", "note", entity, digest, digest, detail
            )
            event_hash = chain_hash(previous, content)
            rows.append(
                {"occurred_at": occurred, "actor_id": None, "actor_name": "drgrey", "action": "note.saved"}
                | {
                    "entity_type": "note",
                    "entity_id": entity,
                    "before_digest": digest,
                    "after_digest": digest,
                }
                | {"detail": detail, "prev_hash": previous, "hash": event_hash}
            )
            previous = event_hash
        with db.session() as session:
            session.execute(insert(AuditEvent), rows)
    print(f"generated and inserted {count:,} chained events in {time.perf_counter() - t0:.1f} s")


def bench_verify_chain(db: Database) -> None:
    t0 = time.perf_counter()
    report = verify_chain(db)
    elapsed = time.perf_counter() - t0
    print(
        f"verify_chain: {report.events:,} events in {elapsed:.1f} s = {report.events / elapsed:,.0f} events/s, "
        f"{len(report.problems)} problems (goal: 1,000,000 in < 10 s)"
    )
    assert report.ok


def bench_sealed_recording(directory: Path, megabytes: int) -> None:
    """Recording at rest: sealed writes against plain writes of the same one-second chunks."""
    import os

    from workbench.security.sealed_file import CHUNK, SealedWriter, read_sealed

    second = os.urandom(CHUNK)
    seconds = megabytes * 1_000_000 // CHUNK
    t0 = time.perf_counter()
    with (directory / "plain.raw").open("wb") as handle:
        for _ in range(seconds):
            handle.write(second)
            handle.flush()
        os.fsync(handle.fileno())
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    with SealedWriter(directory / "sealed.wbs", bytes(32)) as writer:
        for _ in range(seconds):
            writer.write(second)
    sealed = time.perf_counter() - t0
    t0 = time.perf_counter()
    read_sealed(directory / "sealed.wbs", bytes(32))
    opened = time.perf_counter() - t0
    mb = seconds * CHUNK / 1e6
    print(
        f"recording at rest: {mb:.0f} MB ({seconds / 3600:.1f} h of 16 kHz audio) plain {plain:.2f} s, "
        f"sealed {sealed:.2f} s ({(sealed - plain) / seconds * 1e6:.0f} µs extra per second of audio), "
        f"read back {mb / opened:.0f} MB/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--service-signs", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--recording-mb", type=int, default=200)
    args = parser.parse_args()
    kind = "PostgreSQL" if args.postgres else "SQLite"
    print(f"database: {kind}")
    with tempfile.TemporaryDirectory() as tmp:
        with bench_database(args.postgres, Path(tmp), "notes.db") as db:
            bench_service_signing(db, args.service_signs)
            seed_signed_notes(db, args.notes)
            bench_verify_notes(db, args.notes)
        with bench_database(args.postgres, Path(tmp), "events.db") as db:
            seed_events(db, args.events)
            bench_verify_chain(db)
        bench_sealed_recording(Path(tmp), args.recording_mb)


if __name__ == "__main__":
    main()
