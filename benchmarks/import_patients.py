"""Import of generated patients from CSV: rows per second (goal: 1,000,000 in under 30 s).

.venv/bin/python benchmarks/import_patients.py [--rows 1000000] [--postgres]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faker import Faker

from benchmarks.databases import bench_database
from workbench.security.roles import SYSTEM
from workbench.services.patients import CSV_COLUMNS, import_csv


def write_population(path: Path, rows: int, seed: int = 7) -> None:
    """Synthetic names drawn from Faker's lists (calling Faker per row is too slow for a million)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    given = [fake.first_name() for _ in range(3000)]
    family = [fake.last_name() for _ in range(5000)]
    rng = random.Random(seed)
    start = dt.date(1925, 1, 1).toordinal()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for i in range(rows):
            writer.writerow(
                (
                    f"B{i:09d}",
                    rng.choice(given),
                    rng.choice(family),
                    dt.date.fromordinal(start + rng.randrange(36000)).isoformat(),
                    rng.choice("FM"),
                    f"555-{rng.randrange(10000):04d}",
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        source = directory / "patients.csv"
        t0 = time.perf_counter()
        write_population(source, args.rows)
        print(
            f"generated {args.rows:,} rows ({source.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s"
        )
        with bench_database(args.postgres, directory) as db:
            t0 = time.perf_counter()
            count = import_csv(db, SYSTEM, source)
            elapsed = time.perf_counter() - t0
        kind = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"import {kind}: {count:,} patients in {elapsed:.1f} s = {count / elapsed:,.0f} rows/s (goal: 1,000,000 in < 30 s)"
        )


if __name__ == "__main__":
    main()
