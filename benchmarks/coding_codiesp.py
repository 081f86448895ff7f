"""Code suggestion quality on the CodiEsp dev split (English) and latency / memory on 2 threads.

Run: .venv/bin/python benchmarks/coding_codiesp.py [--data ../shared/data/codiesp] [--limit N]
Prints: warm-up seconds, per-note latency (400-word notes, after warm-up), peak RSS, and micro
P/R/F1 (codes and categories), MAP, P@5, P@10, docs/s — with and without the context filter, on
gold codes as given and mapped to FY2026 billable codes.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def four_hundred_words(texts: list[str], n: int) -> list[str]:
    notes: list[str] = []
    pool = " ".join(texts).split()
    for i in range(n):
        start = (i * 997) % max(len(pool) - 400, 1)
        notes.append(" ".join(pool[start : start + 400]))
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/codiesp"))
    parser.add_argument("--limit", type=int, default=0, help="score only the first N dev notes")
    parser.add_argument("--latency-notes", type=int, default=40)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(2)
    t0 = time.perf_counter()
    from workbench.coding.suggest import load_engine

    engine = load_engine()
    warm = time.perf_counter() - t0
    print(f"model: {engine.model_version}")
    print(f"warm-up (imports + catalog + medspaCy + model + fusion): {warm:.2f} s; RSS {rss_mb():.0f} MB")

    from workbench.coding.corpus import fy2026_code, load_cases
    from workbench.coding.evaluate import predict_cases, score_predictions

    dev = load_cases(args.data / "dev" / "text_files_en", args.data / "dev" / "devD.tsv")
    if args.limit:
        dev = dev[: args.limit]

    notes = four_hundred_words([c.text for c in dev], args.latency_notes + 5)
    for text in notes[:5]:
        engine.suggest(text)
    times = []
    for text in notes[5:]:
        t = time.perf_counter()
        engine.suggest(text)
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"latency, 400-word notes after warm-up ({len(times)} notes): median {statistics.median(times):.0f} ms, "
        f"p90 {sorted(times)[int(len(times) * 0.9) - 1]:.0f} ms, max {max(times):.0f} ms"
    )

    for assertions in (True, False):
        name = "with context filter   " if assertions else "without context filter"
        predictions = predict_cases(dev, engine.suggest, assertions=assertions)
        print(f"{name} | gold as given  | {score_predictions(dev, predictions).line()}")
        print(f"{name} | gold in FY2026 | {score_predictions(dev, predictions, fy2026_code).line()}")
    print(f"peak RSS: {rss_mb():.0f} MB ({len(dev)} dev notes)")


if __name__ == "__main__":
    main()
