"""Command-line handlers for `workbench suggest`, `workbench evaluate` and `workbench train-coder`.

Imported lazily by workbench.cli so that other commands never load spaCy or torch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from workbench.errors import WorkbenchError

DEFAULT_TRAIN = Path("../shared/data/codiesp/train")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("suggest", help="suggest ICD-10-CM codes for .txt notes (files or folders)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="JSON: suggestions with evidence spans and flags")
    out.add_argument("--tsv", action="store_true", help="document<TAB>code<TAB>score per line, in rank order")
    p.add_argument("--all", action="store_true", help="also list the ranked candidates below the threshold")
    p.set_defaults(handler=cmd_suggest)

    p = sub.add_parser("evaluate", help="score suggestions against gold codes (micro P/R/F1, MAP, P@k)")
    p.add_argument("--gold", required=True, type=Path, help="TSV: document<TAB>code per line")
    p.add_argument("--notes", required=True, type=Path, help="folder of <document>.txt notes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_evaluate)

    p = sub.add_parser("train-coder", help="train the code suggestion model and fit its calibration")
    p.add_argument("--notes", type=Path, default=DEFAULT_TRAIN / "text_files_en")
    p.add_argument("--gold", type=Path, default=DEFAULT_TRAIN / "trainD.tsv")
    p.add_argument(
        "--unlabelled",
        type=Path,
        default=DEFAULT_TRAIN.parent / "background" / "text_files_en",
        help="folder of unlabelled .txt notes for the word vectors (skipped if missing)",
    )
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--out", type=Path, default=None, help="model file (default models/coder.pt)")
    p.add_argument("--ensemble", type=int, default=None, help="networks in the ensemble (default 3)")
    p.add_argument(
        "--folds", type=int, default=5, help="cross-fitting folds for the fusion (default 5, at least 2)"
    )
    p.set_defaults(handler=cmd_train_coder)


def cmd_suggest(args: argparse.Namespace) -> int:
    from workbench.coding.corpus import note_files, read_note
    from workbench.coding.suggest import load_engine

    files = note_files([Path(p) for p in args.paths])
    if not files:
        raise WorkbenchError("No .txt notes found in the paths given.")
    engine = load_engine()
    documents = []
    for f in files:
        result = engine.suggest(read_note(f))
        if args.tsv:
            rows = result.ranked() if args.all else list(result.suggestions)
            for s in rows:
                print(f"{f.stem}\t{s.code}\t{s.confidence:.4f}")
        elif args.json:
            doc: dict[str, object] = {
                "document": f.stem,
                "model_version": result.model_version,
                "suggestions": [asdict(s) for s in result.suggestions],
                "ruled_out": [asdict(s) for s in result.ruled_out],
                "notices": list(result.notices),
            }
            if args.all:
                doc["candidates"] = [asdict(s) for s in result.candidates]
            documents.append(doc)
        else:
            print(f"== {f.stem}")
            for notice in result.notices:
                print(f"   ! {notice}")
            for s in result.suggestions:
                review = "  (needs review)" if s.needs_review else ""
                print(f"   {s.code:<9} {s.confidence:.2f}  {s.title}{review}")
                for start, end, words in s.evidence:
                    print(f"             evidence [{start}:{end}] {words!r}")
                for hint in s.hints:
                    print(f"             hint: {hint}")
            if args.all:
                for s in result.candidates:
                    print(f"   ({s.code:<9} {s.confidence:.2f}  {s.title})")
            for s in result.ruled_out:
                print(f"   ruled out [{', '.join(s.flags)}] {s.code} {s.title}")
    if args.json:
        json.dump(documents, sys.stdout, indent=1)
        print()
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from workbench.coding.corpus import fy2026_code, load_cases
    from workbench.coding.evaluate import predict_cases, score_predictions
    from workbench.coding.suggest import load_engine

    cases = load_cases(args.notes, args.gold)
    t0 = time.perf_counter()
    engine = load_engine()
    warm = time.perf_counter() - t0
    report: dict[str, object] = {
        "model_version": engine.model_version,
        "documents": len(cases),
        "warm_up_seconds": round(warm, 2),
    }
    lines = [f"{len(cases)} notes, model {engine.model_version}, warm-up {warm:.1f} s"]
    for key, label, assertions in (
        ("with_assertion_filter", "with negation/context filter   ", True),
        ("without_negation_filter", "without negation/context filter", False),
    ):
        predictions = predict_cases(cases, engine.suggest, assertions=assertions)
        strict = score_predictions(cases, predictions)
        fy2026 = score_predictions(cases, predictions, fy2026_code)
        report[key] = strict.as_dict()
        report[key + "_fy2026_gold"] = fy2026.as_dict()
        lines.append(f"{label}  gold as given: {strict.line()}")
        lines.append(f"{label}  gold in FY2026: {fy2026.line()}")
    print(json.dumps(report, indent=1) if args.json else "\n".join(lines))
    return 0


def cmd_train_coder(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from workbench.coding.model import MODEL_PATH, TrainConfig
    from workbench.coding.training import train_coder_pipeline

    for p in (args.notes, args.gold):
        if not p.exists():
            raise WorkbenchError(f"{p} does not exist; pass --notes DIR and --gold TSV of coded cases.")
    cfg = TrainConfig()
    if args.epochs:
        cfg = replace(cfg, epochs=args.epochs)
    if args.seed is not None:
        cfg = replace(cfg, seed=args.seed)
    out = args.out or MODEL_PATH
    unlabelled = args.unlabelled if args.unlabelled and args.unlabelled.is_dir() else None
    if args.ensemble is not None:
        if args.ensemble < 1:
            raise WorkbenchError("--ensemble must be at least 1.")
        cfg = replace(cfg, ensemble=args.ensemble)
    if args.folds < 2:
        raise WorkbenchError("--folds must be at least 2: the fusion is fitted on unseen cases.")
    train_coder_pipeline(args.notes, args.gold, out, cfg, unlabelled_dir=unlabelled, folds=args.folds)
    return 0
