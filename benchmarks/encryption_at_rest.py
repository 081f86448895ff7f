"""What SQLCipher costs on the path a physician feels: saving a note.

Two installations side by side, one plain and one encrypted with the installation key (raw
256-bit key, so no per-connection key derivation), the same physician, encounters and edits;
the timed part is ``notes.save_note`` (a version row, the audit event, the commit). Goal: under
10 % overhead.

  .venv/bin/python benchmarks/encryption_at_rest.py [--saves 400]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.security import installation_key
from workbench.security.roles import SYSTEM, Actor
from workbench.services import encounters, notes, patients, users
from workbench.store.database import Database
from workbench.store.models import Role

TEXT = "S: Follow-up of essential hypertension; denies chest pain. O: BP 142/88. A/P: increase lisinopril. "


def prepare(db: Database, count: int) -> tuple[Actor, list[int]]:
    db.upgrade()
    info = users.add_user(db, SYSTEM, "drbench", "Dr Bench", Role.PHYSICIAN, "benchmark password")
    actor = info.actor()
    ids = []
    for i in range(count):
        p = patients.create_patient(
            db,
            SYSTEM,
            mrn=f"B{i:05d}",
            given_name="Ana",
            family_name=f"Bench{i}",
            date_of_birth=dt.date(1960, 1, 1),
            sex="F",
        )
        note_id = encounters.start_encounter(db, actor, p.id, "office visit", "follow-up").note_id
        assert note_id is not None
        ids.append(note_id)
    return actor, ids


def timed_saves(
    db: Database, actor: Actor, note_ids: list[int], saves: int, versions: dict[int, int]
) -> tuple[list[float], float]:
    """Per-save wall times, and the CPU time of the whole round (what a busy machine cannot inflate)."""
    times = []
    cpu = time.process_time()
    for i in range(saves):
        note_id = note_ids[i % len(note_ids)]
        start = time.perf_counter()
        saved = notes.save_note(db, actor, note_id, TEXT * (1 + i % 20) + str(i), versions[note_id])
        times.append(time.perf_counter() - start)
        versions[note_id] = saved.version
    return times, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=800)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setups = {}
        for name, key in (("plain", None), ("encrypted", installation_key.database_key(os.urandom(32)))):
            db = Database(f"sqlite:///{Path(tmp) / name}.db", key)
            actor, ids = prepare(db, args.notes)
            versions = {n: notes.get_note(db, actor, n).version for n in ids}
            timed_saves(db, actor, ids, 20, versions)  # warm caches and connections
            setups[name] = (db, actor, ids, versions)
        wall: dict[str, list[float]] = {"plain": [], "encrypted": []}
        cpu: dict[str, list[float]] = {"plain": [], "encrypted": []}
        per_round = max(1, args.saves // args.rounds)
        # Rounds alternate, so a neighbour's burst of work lands on both sides alike.
        for _ in range(args.rounds):
            for name, (db, actor, ids, versions) in setups.items():
                times, spent = timed_saves(db, actor, ids, per_round, versions)
                wall[name].append(statistics.median(times))
                cpu[name].append(spent / per_round)
        for db, *_rest in setups.values():
            db.dispose()
    plain, encrypted = statistics.median(wall["plain"]), statistics.median(wall["encrypted"])
    cpu_plain, cpu_encrypted = statistics.median(cpu["plain"]), statistics.median(cpu["encrypted"])
    print(
        f"note save, {args.rounds} alternating rounds of {per_round} (SQLite, WAL; load average "
        f"{os.getloadavg()[0]:.1f}): wall median plain {plain * 1000:.2f} ms, SQLCipher "
        f"{encrypted * 1000:.2f} ms ({100 * (encrypted / plain - 1):+.1f} %); CPU per save plain "
        f"{cpu_plain * 1000:.2f} ms, SQLCipher {cpu_encrypted * 1000:.2f} ms ({100 * (cpu_encrypted / cpu_plain - 1):+.1f} %)"
    )


if __name__ == "__main__":
    main()
