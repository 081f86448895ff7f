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


def timed_saves(db: Database, actor: Actor, note_ids: list[int], saves: int) -> list[float]:
    versions = {n: notes.get_note(db, actor, n).version for n in note_ids}
    times = []
    for i in range(saves):
        note_id = note_ids[i % len(note_ids)]
        start = time.perf_counter()
        saved = notes.save_note(db, actor, note_id, TEXT * (1 + i % 20) + str(i), versions[note_id])
        times.append(time.perf_counter() - start)
        versions[note_id] = saved.version
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=400)
    parser.add_argument("--notes", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for name, key in (("plain", None), ("encrypted", installation_key.database_key(os.urandom(32)))):
            db = Database(f"sqlite:///{Path(tmp) / name}.db", key)
            actor, ids = prepare(db, args.notes)
            timed_saves(db, actor, ids, 20)  # warm caches and connections
            rounds = [statistics.median(timed_saves(db, actor, ids, args.saves // 4)) for _ in range(4)]
            results[name] = statistics.median(rounds)
            db.dispose()
        plain, encrypted = results["plain"], results["encrypted"]
        print(
            f"note save, median of {args.saves} (SQLite, WAL): plain {plain * 1000:.2f} ms, "
            f"SQLCipher {encrypted * 1000:.2f} ms, overhead {100 * (encrypted / plain - 1):+.1f} %"
        )


if __name__ == "__main__":
    main()
