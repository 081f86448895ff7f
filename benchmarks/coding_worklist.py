"""The coder's worklist and note review over many waiting notes (issue 7).

.venv/bin/python benchmarks/coding_worklist.py [--notes 10000] [--suggestions 8] [--database URL]

Fills a fresh SQLite file (or the given empty database) with signed notes, each with stored
suggestions and some decisions, then times: the first worklist page (200 rows, with counts), a
page deep in the list, the "needs review" filter, one note's review (50 suggestions), one
decision, and the auditor's statistics over every coded note. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from workbench.security.roles import SYSTEM
from workbench.services import audit_stats, users
from workbench.services import coding_review as review
from workbench.store.database import Database
from workbench.store.models import CodeSuggestion, CodingDecision, Encounter, Note, Patient, Role

TEXT = "ASSESSMENT:\nType 2 diabetes mellitus. Essential hypertension. Hyperlipidemia.\n" * 3
CODES = ["E11.9", "I10", "E78.5", "R73.9", "J18.9", "Z79.4", "N18.3", "K21.9", "M54.5", "F41.1"]


def fill(db: Database, notes: int, per_note: int) -> tuple[int, int]:
    physician = users.add_user(db, SYSTEM, "drbench", "Dr Bench", Role.PHYSICIAN, "benchmark password")
    coder = users.add_user(db, SYSTEM, "coderbench", "Coder Bench", Role.CODER, "benchmark password")
    start = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
    with db.session() as session:
        session.execute(
            insert(Patient),
            [
                {
                    "id": i + 1,
                    "mrn": f"B{i:06d}",
                    "given_name": "Test",
                    "family_name": f"Patient{i}",
                    "date_of_birth": dt.date(1960, 1, 1),
                    "sex": "F",
                }
                for i in range(notes)
            ],
        )
        when = [start + dt.timedelta(minutes=20 * i) for i in range(notes)]
        session.execute(
            insert(Encounter),
            [
                {
                    "id": i + 1,
                    "patient_id": i + 1,
                    "clinician_id": physician.id,
                    "encounter_type": "office visit",
                    "started_at": when[i],
                }
                for i in range(notes)
            ],
        )
        session.execute(
            insert(Note),
            [
                {
                    "id": i + 1,
                    "encounter_id": i + 1,
                    "author_id": physician.id,
                    "status": "signed",
                    "text": TEXT,
                    "version": 2,
                    "created_at": when[i],
                    "updated_at": when[i],
                    "signed_at": when[i] + dt.timedelta(minutes=10),
                }
                for i in range(notes)
            ],
        )
        rows: list[dict[str, Any]] = []
        for i in range(notes):
            for rank in range(per_note):
                # One note in three has weak suggestions at the bottom of its list.
                spread = 0.9 if i % 3 == 0 else 0.4
                confidence = round(0.95 - spread * rank / max(per_note, 1), 3)
                rows.append(
                    {
                        "note_id": i + 1,
                        "note_version": 2,
                        "rank": rank,
                        "code": CODES[rank % len(CODES)],
                        "title": "title",
                        "score": confidence,
                        "confidence": confidence,
                        "evidence": [{"start": 12, "end": 36, "text": TEXT[12:36]}],
                        "flags": {"needs_review": True} if confidence < 0.5 else {},
                        "reason": "benchmark",
                        "model_version": "bench-1",
                    }
                )
        session.execute(insert(CodeSuggestion), rows)
        decided = [
            {
                "note_id": r["note_id"],
                "suggestion_id": k + 1,
                "code": r["code"],
                "action": "accept",
                "coder_id": coder.id,
                "seconds_spent": 4.0,
                "evidence": [],
            }
            for k, r in enumerate(rows)
            if r["note_id"] % 4 == 0 and r["rank"] < 2
        ]
        session.execute(insert(CodingDecision), decided)
    return physician.id, coder.id


def timed(label: str, fn: Callable[[], object], repeat: int = 5) -> None:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"{label:<48} median {statistics.median(times):8.1f} ms   worst {max(times):8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--suggestions", type=int, default=8)
    parser.add_argument("--database", help="an empty database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'bench.db'}"
        db = Database(url)
        db.upgrade()
        t0 = time.perf_counter()
        _, _ = fill(db, args.notes, args.suggestions)
        print(
            f"{db.url.split('://')[0]}: {args.notes} signed notes, {args.suggestions} suggestions each "
            f"(filled in {time.perf_counter() - t0:.1f} s)"
        )
        coder = users.authenticate(db, "coderbench", "benchmark password").actor()
        auditor = users.add_user(db, SYSTEM, "auditbench", "A", Role.AUDITOR, "benchmark password").actor()
        page = review.worklist(db, coder)
        print(f"worklist: {page.matching} waiting, {page.needs_review} need review")
        timed("worklist first page (200, with counts)", lambda: review.worklist(db, coder))
        timed(
            "worklist page at offset 9000",
            lambda: review.worklist(db, coder, offset=max(args.notes - 1000, 0)),
        )
        timed("worklist 'needs review' filter", lambda: review.worklist(db, coder, only_needs_review=True))
        big = 1
        with db.session() as session:
            session.execute(
                insert(CodeSuggestion),
                [
                    {"note_id": big, "note_version": 2, "rank": args.suggestions + k, "code": f"Z{k:02d}.0",
                     "title": "t", "score": 0.3, "confidence": 0.3, "evidence": [{"start": 0, "end": 10, "text": TEXT[:10]}],
                     "flags": {}, "reason": "b", "model_version": "bench-1"}
                    for k in range(50 - args.suggestions)
                ],
            )  # fmt: skip
        timed("review_note with 50 suggestions", lambda: review.review_note(db, coder, big))
        first = review.review_note(db, coder, 2).suggestions[0].id
        timed("decide (accept one suggestion)", lambda: review.decide(db, coder, 2, first, "accept"))
        timed("auditor statistics over every coded note", lambda: audit_stats.coding_stats(db, auditor), 3)
        db.dispose()


if __name__ == "__main__":
    main()
