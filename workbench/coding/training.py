"""`workbench train-coder`: trains the model on coded cases, then fits the fusion and calibration
on cases the model did not see (a held-out slice of the training split, never the dev split)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from workbench.coding.catalog import load_catalog
from workbench.coding.corpus import Case, load_cases, note_files, read_note
from workbench.coding.fusion import CodeEvidence, Fusion, fit_fusion
from workbench.coding.model import MODEL_PATH, TrainConfig, save_model, train_coder

HOLDOUT_EVERY = 5  # every 5th training case (sorted by id) is held out for fusion and calibration


def split_holdout(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    ordered = sorted(cases, key=lambda c: c.doc_id)
    fit = [c for i, c in enumerate(ordered) if i % HOLDOUT_EVERY != HOLDOUT_EVERY - 1]
    held = [c for i, c in enumerate(ordered) if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1]
    return fit, held


def train_model(
    notes_dir: Path,
    gold: Path,
    out: Path = MODEL_PATH,
    cfg: TrainConfig | None = None,
    progress: Callable[[str], None] = print,
    unlabelled_dir: Path | None = None,
) -> tuple[str, list[Case]]:
    """Trains on the fit part; returns (model version, held-out cases). Notes in unlabelled_dir
    only shape the word vectors."""
    cfg = cfg or TrainConfig()
    catalog = load_catalog()
    cases = load_cases(notes_dir, gold)
    fit, held = split_holdout(cases)
    extra = [read_note(f) for f in note_files([unlabelled_dir])] if unlabelled_dir else []
    net, vocab, labels, report = train_coder(fit, catalog, cfg, extra_texts=extra, progress=progress)
    meta = {
        "training": {
            "unlabelled_notes": len(extra),
            "cases": len(fit),
            "held_out_cases": len(held),
            "title_examples": report.n_title_examples,
            "labels": len(labels),
            "vocabulary": len(vocab),
            "seconds": round(report.seconds, 1),
            "final_loss": round(report.losses[-1], 5) if report.losses else None,
            "catalog": catalog.source,
            "data": str(notes_dir),
        }
    }
    version = save_model(out, net, vocab, labels, report, meta)
    progress(f"saved {out} ({version}) after {report.seconds:.0f} s: {json.dumps(asdict(cfg))}")
    return version, held


def fit_fusion_on(
    held: list[Case],
    fit_cases: list[Case],
    model_path: Path = MODEL_PATH,
    out: Path | None = None,
    progress: Callable[[str], None] = print,
) -> Fusion:
    """Fits fusion weights, calibration and threshold on held-out cases the model never saw."""
    from workbench.coding.corpus import fy2026_code
    from workbench.coding.model import CodeModel
    from workbench.coding.nlp import load_context
    from workbench.coding.rules import billable
    from workbench.coding.suggest import FUSION_PATH, SuggestionEngine, lexicon_key

    # Cases were coded with an older edition: compare in FY2026 billable codes.
    fit_cases = [replace(c, codes=frozenset(fy2026_code(x) for x in c.codes)) for c in fit_cases]
    held = [replace(c, codes=frozenset(fy2026_code(x) for x in c.codes)) for c in held]
    priors = dict(Counter(c for case in fit_cases for c in case.codes))
    catalog = load_catalog()
    engine = SuggestionEngine(catalog, load_context(), CodeModel(model_path), Fusion(priors=priors))
    # How often each phrase meant its code in the cases the model was trained on (not the held-out
    # ones, whose labels the fusion is fitted to).
    lexicon: dict[str, list[int]] = {}
    for case in fit_cases:
        keys = {
            lexicon_key(m, billable(catalog, m.codes[0].code).code) for m in engine.matcher.find(case.text)
        }
        for key in keys:
            entry = lexicon.setdefault(key, [0, 0])
            entry[0] += int(key.rsplit("|", 1)[1] in case.codes)
            entry[1] += 1
    engine.fusion.lexicon = lexicon
    rows: list[CodeEvidence] = []
    labels: list[int] = []
    total_gold = 0
    for case in held:
        support = engine.collect(case.text, assertions=True)
        total_gold += len(case.codes)
        for code, s in support.items():
            rows.append(engine.evidence_of(code, s))
            labels.append(int(code in case.codes))
    fusion = fit_fusion(rows, labels, total_gold, priors, lexicon, f"{len(held)} held-out training cases")
    fusion.save(out or FUSION_PATH)
    progress(
        f"fusion fitted on {len(rows)} candidate codes of {len(held)} held-out cases; "
        f"threshold {fusion.threshold}"
    )
    return fusion
