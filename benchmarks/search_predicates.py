"""Patient search through the service on 1,000,000 generated patients in SQLite (and PostgreSQL
with --postgres): predicate query latency p50/p95 by kind, mixed queries, and the time to build
the fuzzy index from the database.

Goal (issue 8): predicate query p95 ≤ 20 ms.

.venv/bin/python benchmarks/search_predicates.py [--patients 1000000] [--queries 300] [--postgres]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from benchmarks.search_population import Population, generate, percentiles, rss_mb
from workbench.security.roles import SYSTEM
from workbench.services.search import PatientSearch
from workbench.store.bulk import insert_rows
from workbench.store.database import Database
from workbench.store.models import Patient, utcnow

TODAY = dt.date(2026, 11, 23)


@contextlib.contextmanager
def databases(postgres: bool, directory: Path) -> Iterator[list[tuple[str, Database]]]:
    sqlite = Database(f"sqlite:///{directory / 'search.db'}")
    sqlite.upgrade()  # an older file from --keep is migrated first
    if not postgres:
        yield [("SQLite", sqlite)]
        sqlite.dispose()
        return
    from tests.postgres import running_server

    with running_server() as url:
        pg = Database(url)
        pg.upgrade()
        yield [("SQLite", sqlite), ("PostgreSQL", pg)]
        pg.dispose()
        sqlite.dispose()


def load(db: Database, people: Population) -> bool:
    """Insert the population unless the database already holds it (--keep); True if loaded."""
    with db.engine.connect() as connection:
        if connection.scalar(select(func.count(Patient.id))) == len(people):
            return False
    now = utcnow()
    rows = [
        {
            "mrn": m,
            "given_name": g,
            "family_name": f,
            "date_of_birth": d,
            "sex": s,
            "phone": p,
            "created_at": now,
            "updated_at": now,
        }
        for g, f, d, s, m, p in zip(
            people.given, people.family, people.dob, people.sex, people.mrn, people.phone, strict=True
        )
    ]
    if db.dialect == "postgresql":
        columns = (
            "mrn",
            "given_name",
            "family_name",
            "date_of_birth",
            "sex",
            "phone",
            "created_at",
            "updated_at",
        )
        raw = db.engine.raw_connection()
        try:
            cursor: Any = raw.cursor()  # psycopg's cursor, whose COPY is the fast way in
            with cursor.copy(f"COPY patients ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[c] for c in columns])
            raw.commit()
        finally:
            raw.close()
    else:
        with db.engine.begin() as connection:
            insert_rows(connection, Patient.__table__, rows, batch=50_000)  # type: ignore[arg-type]
    if db.dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE patients")
    else:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return True


def queries(people: Population, count: int) -> list[tuple[str, str]]:
    rng = random.Random(9)
    out: list[tuple[str, str]] = []
    for _ in range(count):
        i = rng.randrange(len(people))
        family, given, born = people.family[i], people.given[i], people.dob[i]
        year = born.year
        out += [
            ("family", f'family:"{family}"'),
            ("family prefix", f'family:"{family[:3]}*"'),
            ("given prefix + family", f'given:"{given[:2]}*" family:"{family}"'),
            ("mrn", f"mrn:{people.mrn[i]}"),
            ("mrn prefix", f"mrn:{people.mrn[i][:6]}*"),
            ("dob day", f"dob:{born.isoformat()}"),
            ("dob 10 years", f"dob:{year}..{year + 9}"),
            ("age + sex", f"age:>{rng.randrange(20, 90)} sex:{people.sex[i].lower()}"),
            ("phone prefix", f"phone:{people.phone[i].replace('-', '')[:7]}"),
            ("dob range + fuzzy", f"dob:{year - 5}..{year + 5} {family.split()[0][:-1] or family}"),
            ("dob day + fuzzy", f"dob:{born.isoformat()} {given}"),
        ]
    rng.shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--keep", type=Path, help="keep the SQLite file in this folder and reuse it next time"
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    people = generate(args.patients)
    print(f"generated {len(people):,} patients in {time.perf_counter() - t0:.1f} s")
    workload = queries(people, args.queries)
    with contextlib.ExitStack() as stack:
        folder = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        folder.mkdir(parents=True, exist_ok=True)
        dbs = stack.enter_context(databases(args.postgres, folder))
        for name, db in dbs:
            t0 = time.perf_counter()
            if load(db, people):
                print(f"{name}: loaded in {time.perf_counter() - t0:.1f} s")
            searcher = PatientSearch(db)
            gc.collect()
            before = rss_mb()
            t0 = time.perf_counter()
            searcher.build()
            print(
                f"{name}: fuzzy index built from the database in {time.perf_counter() - t0:.1f} s "
                f"(resident memory +{rss_mb() - before:.0f} MB)"
            )
            for _, text in workload[:30]:
                searcher.search(SYSTEM, text, 10, today=TODAY)
            timings: dict[str, list[float]] = defaultdict(list)
            for kind, text in workload:
                t0 = time.perf_counter()
                searcher.search(SYSTEM, text, 10, today=TODAY)
                timings[kind].append(time.perf_counter() - t0)
            print(f"{name}: queries through PatientSearch.search (limit 10, rows read and converted):")
            predicate_only = []
            for kind in sorted(timings):
                print(f"  {kind:<22} {percentiles(timings[kind])}")
                if "fuzzy" not in kind:
                    predicate_only += timings[kind]
            print(f"  {'all predicate-only':<22} {percentiles(predicate_only)}")
            t0 = time.perf_counter()
            report = searcher.refresh()
            print(
                f"{name}: refresh with nothing changed: {(time.perf_counter() - t0) * 1000:.0f} ms ({report})"
            )


if __name__ == "__main__":
    main()
