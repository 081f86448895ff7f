"""`workbench train-coder`: the model, the similar-case index and the fusion, from coded cases.

With 500 coded cases, holding a fifth of them out for the fusion would cost the network a fifth of
its data and leave the fusion only a hundred cases. So the cases are cross-fitted: the network
recipe is trained once per fold on the other folds and reads that fold's cases as unseen notes;
the fusion (weights, calibration, threshold) is fitted on all those out-of-fold readings. The
network that ships is then trained with the same recipe on every case. The dev split is never
read here.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from workbench.coding.catalog import Catalog, load_catalog
from workbench.coding.corpus import Case, load_cases, note_files, read_note
from workbench.coding.fusion import CodeEvidence, Fusion, fit_fusion
from workbench.coding.model import MODEL_PATH, CodeModel, TrainConfig, save_model, train_coder
from workbench.coding.nlp import load_context
from workbench.coding.rules import billable
from workbench.coding.similar_cases import SimilarCases
from workbench.coding.suggest import SuggestionEngine, lexicon_key

FOLDS = 5


def cross_folds(cases: Sequence[Case], folds: int = FOLDS) -> list[tuple[list[Case], list[Case]]]:
    """(training part, held-out part) per fold; case k (sorted by id) is held out in fold k % folds."""
    ordered = sorted(cases, key=lambda c: c.doc_id)
    return [
        (
            [c for i, c in enumerate(ordered) if i % folds != k],
            [c for i, c in enumerate(ordered) if i % folds == k],
        )
        for k in range(folds)
    ]


def train_coder_pipeline(
    notes_dir: Path,
    gold: Path,
    out: Path = MODEL_PATH,
    cfg: TrainConfig | None = None,
    progress: Callable[[str], None] = print,
    unlabelled_dir: Path | None = None,
    folds: int = FOLDS,
) -> str:
    """Writes the model to ``out`` and fusion.json and similar_cases.npz beside it; returns the
    model's version."""
    started = time.perf_counter()
    cfg = cfg or TrainConfig()
    catalog = load_catalog()
    cases = load_cases(notes_dir, gold)
    extra = [read_note(f) for f in note_files([unlabelled_dir])] if unlabelled_dir else []
    readings: list[Reading] = []
    with tempfile.TemporaryDirectory(prefix="train-coder-") as tmp:
        for k, (part, held) in enumerate(cross_folds(cases, folds), start=1):
            progress(f"fold {k}/{folds}: training on {len(part)} cases, reading {len(held)} unseen")
            path = Path(tmp) / f"fold{k}.pt"
            train_model(part, notes_dir, path, cfg, progress, extra, catalog)
            readings += held_out_evidence(held, part, CodeModel(path), catalog)
    fy_cases = _fy2026_cases(cases)
    engine = _engine(catalog, None, fy_cases)
    fusion = fit_fusion(
        [row for r in readings for row in r.rows],
        [label for r in readings for label in r.labels],
        sum(r.gold for r in readings),
        engine.fusion.priors,
        engine.fusion.lexicon,
        f"out-of-fold readings of {len(cases)} training cases ({folds} folds)",
    )
    average_precision, f1 = out_of_fold_scores(fusion, readings)
    progress(
        f"fusion fitted on {sum(len(r.rows) for r in readings)} candidate codes; threshold "
        f"{fusion.threshold}; out-of-fold ranking by the fusion alone (FY2026 codes, no context "
        f"rules): MAP {average_precision:.3f}, micro-F1 {f1:.3f}"
    )
    progress(f"training the shipped model on all {len(cases)} cases")
    version = train_model(cases, notes_dir, out, cfg, progress, extra, catalog)
    fusion.save(out.with_name("fusion.json"))
    SimilarCases.build(fy_cases).save(out.with_name("similar_cases.npz"))
    progress(f"train-coder finished in {time.perf_counter() - started:.0f} s")
    return version


def _fy2026_cases(cases: Sequence[Case]) -> list[Case]:
    """Cases were coded with an older edition: their codes as the FY2026 billable codes."""
    from workbench.coding.corpus import fy2026_code

    return [replace(c, codes=frozenset(fy2026_code(x) for x in c.codes)) for c in cases]


def train_model(
    cases: Sequence[Case],
    notes_dir: Path,
    out: Path = MODEL_PATH,
    cfg: TrainConfig | None = None,
    progress: Callable[[str], None] = print,
    extra: Sequence[str] = (),
    catalog: Catalog | None = None,
) -> str:
    """Trains ``cfg.ensemble`` networks (seeds seed, seed+1, …) on ``cases`` and saves them as one
    model; returns its version. ``extra`` notes only shape the word vectors."""
    cfg = cfg or TrainConfig()
    catalog = catalog or load_catalog()
    nets = []
    seconds = 0.0
    for member in range(cfg.ensemble):
        net, vocab, labels, report = train_coder(
            cases, catalog, replace(cfg, seed=cfg.seed + member), extra_texts=extra, progress=progress
        )
        nets.append(net)
        seconds += report.seconds
    report = replace(report, config=cfg, seconds=seconds)
    meta = {
        "training": {
            "unlabelled_notes": len(extra),
            "cases": len(cases),
            "title_examples": report.n_title_examples,
            "labels": len(labels),
            "vocabulary": len(vocab),
            "ensemble": cfg.ensemble,
            "seconds": round(seconds, 1),
            "final_loss": round(report.losses[-1], 5) if report.losses else None,
            "catalog": catalog.source,
            "data": str(notes_dir),
        }
    }
    version = save_model(out, nets, vocab, labels, report, meta)
    progress(f"saved {out} ({version}) after {seconds:.0f} s: {json.dumps(asdict(cfg))}")
    return version


def _engine(catalog: Catalog, model: CodeModel | None, known: Sequence[Case]) -> SuggestionEngine:
    """An engine that knows only ``known`` (FY2026 codes): their code frequencies, how often each
    phrase meant its code in them, and them as similar cases."""
    priors = dict(Counter(c for case in known for c in case.codes))
    engine = SuggestionEngine(
        catalog, load_context(), model, Fusion(priors=priors), SimilarCases.build(known)
    )
    lexicon: dict[str, list[int]] = {}
    for case in known:
        keys = {
            lexicon_key(m, billable(catalog, m.codes[0].code).code) for m in engine.matcher.find(case.text)
        }
        for key in keys:
            entry = lexicon.setdefault(key, [0, 0])
            entry[0] += int(key.rsplit("|", 1)[1] in case.codes)
            entry[1] += 1
    engine.fusion.lexicon = lexicon
    return engine


@dataclass(frozen=True)
class Reading:
    """One held-out case as the engine read it: each candidate code's evidence, whether the code
    is gold, and how many gold codes the case has (found or not)."""

    rows: list[CodeEvidence]
    labels: list[int]
    gold: int


def held_out_evidence(
    held: Sequence[Case], known: Sequence[Case], model: CodeModel, catalog: Catalog
) -> list[Reading]:
    """The engine knows only ``known``, as it knows only its training cases when it reads a new
    note."""
    engine = _engine(catalog, model, _fy2026_cases(known))
    readings: list[Reading] = []
    for case in _fy2026_cases(held):
        support = engine.collect(case.text, assertions=True)
        readings.append(
            Reading(
                [engine.evidence_of(code, s) for code, s in support.items()],
                [int(code in case.codes) for code in support],
                len(case.codes),
            )
        )
    return readings


def out_of_fold_scores(fusion: Fusion, readings: Sequence[Reading]) -> tuple[float, float]:
    """(MAP, micro-F1 at the threshold) of the fusion's own ranking of the out-of-fold readings:
    a cross-validated figure from the training split alone (the fusion itself was fitted on these
    rows, a dozen weights)."""
    precisions: list[float] = []
    tp = shown = gold = 0
    for reading in readings:
        confidence = [fusion.confidence(row) for row in reading.rows]
        order = sorted(range(len(confidence)), key=lambda i: -confidence[i])
        hits, total = 0, 0.0
        for rank, i in enumerate(order, start=1):
            if reading.labels[i]:
                hits += 1
                total += hits / rank
        precisions.append(total / reading.gold if reading.gold else 0.0)
        chosen = [i for i, c in enumerate(confidence) if c >= fusion.threshold]
        tp += sum(reading.labels[i] for i in chosen)
        shown += len(chosen)
        gold += reading.gold
    p, r = tp / max(shown, 1), tp / max(gold, 1)
    return sum(precisions) / max(len(precisions), 1), (2 * p * r / (p + r) if p + r else 0.0)
