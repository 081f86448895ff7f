"""Fuzzy patient search over 1,000,000 generated patients: index build time and memory, query
latency (p50/p95) by kind of query, and recall@5.

Goals (issue 8): p95 ≤ 100 ms on 2 cores; build ≤ 20 s; index memory ≤ 500 MB.

.venv/bin/python benchmarks/search_fuzzy.py [--patients 1000000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import gc
import random
import string
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.search_population import generate, percentiles, rss_mb
from workbench.search.fuzzy import FuzzyIndex
from workbench.search.names import fold


def typo(word: str, rng: random.Random) -> str:
    letters = fold(word).replace(" ", "")
    if len(letters) < 4:
        return letters
    i = rng.randrange(1, len(letters) - 1)
    kind = rng.choice(["replace", "drop", "add", "swap"])
    if kind == "replace":
        return letters[:i] + rng.choice(string.ascii_lowercase) + letters[i + 1 :]
    if kind == "drop":
        return letters[:i] + letters[i + 1 :]
    if kind == "add":
        return letters[:i] + rng.choice(string.ascii_lowercase) + letters[i:]
    return letters[:i] + letters[i + 1] + letters[i] + letters[i + 2 :]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--tracemalloc", action="store_true", help="also measure the build with tracemalloc")
    args = parser.parse_args()

    t0 = time.perf_counter()
    people = generate(args.patients)
    records = people.records()
    print(f"generated {len(records):,} patients in {time.perf_counter() - t0:.1f} s")

    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    index = FuzzyIndex.build(records)
    build_s = time.perf_counter() - t0
    gc.collect()
    after = rss_mb()
    print(
        f"index build: {build_s:.1f} s; resident memory +{after - before:.0f} MB "
        f"({len(index._vocab):,} distinct name parts, {len(index._family_names):,} family names, "
        f"{len(index._given_names):,} given names)"
    )
    if args.tracemalloc:
        del index
        gc.collect()
        tracemalloc.start()
        index = FuzzyIndex.build(records)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"index memory (tracemalloc): {current / 1e6:.0f} MB held, {peak / 1e6:.0f} MB peak during build"
        )

    rng = random.Random(5)
    targets = rng.sample(records, args.queries)
    queries: list[tuple[str, str, int]] = []
    for pid, given, family, _, mrn in targets:
        queries.append(("exact", f"{given} {family}", pid))
        queries.append(("swapped", f"{family} {given}", pid))
        queries.append(
            (
                "typo",
                f"{typo(given, rng)} {family}" if rng.random() < 0.5 else f"{given} {typo(family, rng)}",
                pid,
            )
        )
        queries.append(("initial + prefix", f"{fold(given)[0]} {fold(family)[:2]}", pid))
        queries.append(("initials", f"{fold(given)[0]}{fold(family)[0]}", pid))
        queries.append(("family only", family, pid))
        queries.append(("mrn prefix", mrn[:6], pid))
    rng.shuffle(queries)
    names = {pid: (fold(g), fold(f)) for pid, g, f, _, _ in records}

    for _, text, _ in queries[:50]:  # warm caches (lru caches of folding and keys)
        index.search(text.split(), limit=10)
    timings: dict[str, list[float]] = defaultdict(list)
    found: dict[str, int] = defaultdict(int)
    for kind, text, target in queries:
        t0 = time.perf_counter()
        hits = index.search(text.split(), limit=10)
        timings[kind].append(time.perf_counter() - t0)
        if any(names[h.id] == names[target] for h in hits[:5]):
            found[kind] += 1
    print(f"fuzzy queries over {len(records):,} patients (limit 10):")
    for kind, values in timings.items():
        recall = f"  recall@5 {found[kind] / len(values):.3f}" if kind in ("exact", "swapped", "typo") else ""
        print(f"  {kind:<17} {percentiles(values)}{recall}")
    print(f"  {'all':<17} {percentiles([v for values in timings.values() for v in values])}")


if __name__ == "__main__":
    main()
