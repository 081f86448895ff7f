"""Quality figures for code suggestions against gold codes: micro precision, recall and F1 on full
codes and on 3-character categories, mean average precision, P@5, P@10 and throughput."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

from workbench.coding.catalog import normalise_code
from workbench.coding.corpus import Case


@dataclass(frozen=True)
class Scores:
    documents: int
    precision: float
    recall: float
    f1: float
    category_precision: float
    category_recall: float
    category_f1: float
    map: float
    p_at_5: float
    p_at_10: float
    docs_per_second: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in asdict(self).items()}

    def line(self) -> str:
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} | category P {self.category_precision:.3f} "
            f"R {self.category_recall:.3f} F1 {self.category_f1:.3f} | MAP {self.map:.3f} P@5 {self.p_at_5:.3f} "
            f"P@10 {self.p_at_10:.3f} | {self.docs_per_second:.1f} docs/s"
        )


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def average_precision(ranked: Sequence[str], gold: set[str]) -> float:
    if not gold:
        return 0.0
    hits, total = 0, 0.0
    seen: set[str] = set()
    for k, code in enumerate(ranked, start=1):
        if code in seen:
            continue
        seen.add(code)
        if code in gold:
            hits += 1
            total += hits / k
    return total / len(gold)


def precision_at(ranked: Sequence[str], gold: set[str], k: int) -> float:
    return sum(1 for c in list(dict.fromkeys(ranked))[:k] if c in gold) / k


def score(
    gold: Mapping[str, set[str]],
    shown: Mapping[str, Sequence[str]],
    ranked: Mapping[str, Sequence[str]],
    seconds: float = 0.0,
) -> Scores:
    """gold/shown/ranked: doc id → codes (any spelling; compared undotted, upper case)."""
    docs = sorted(gold)
    tp = pred = gp = ctp = cpred = cgp = 0
    aps: list[float] = []
    p5: list[float] = []
    p10: list[float] = []
    for d in docs:
        g = {normalise_code(c) for c in gold[d]}
        s = {normalise_code(c) for c in shown.get(d, [])}
        r = [normalise_code(c) for c in ranked.get(d, [])]
        tp += len(g & s)
        pred += len(s)
        gp += len(g)
        gc, sc = {c[:3] for c in g}, {c[:3] for c in s}
        ctp += len(gc & sc)
        cpred += len(sc)
        cgp += len(gc)
        aps.append(average_precision(r, g))
        p5.append(precision_at(r, g, 5))
        p10.append(precision_at(r, g, 10))
    p, rc, f = _prf(tp, pred, gp)
    cp, cr, cf = _prf(ctp, cpred, cgp)
    n = max(len(docs), 1)
    return Scores(
        len(docs), p, rc, f, cp, cr, cf, sum(aps) / n, sum(p5) / n, sum(p10) / n,
        len(docs) / seconds if seconds else 0.0,
    )  # fmt: skip


@dataclass(frozen=True)
class Predictions:
    shown: dict[str, list[str]]
    ranked: dict[str, list[str]]
    seconds: float


def predict_cases(
    cases: Sequence[Case], suggest: Callable[..., object], *, assertions: bool = True
) -> Predictions:
    """Runs suggest(text, assertions=...) (a CodingResult) over the cases."""
    shown: dict[str, list[str]] = {}
    ranked: dict[str, list[str]] = {}
    start = time.perf_counter()
    for case in cases:
        result = suggest(case.text, assertions=assertions)
        shown[case.doc_id] = [s.code for s in result.suggestions]  # type: ignore[attr-defined]
        ranked[case.doc_id] = [s.code for s in result.ranked()]  # type: ignore[attr-defined]
    return Predictions(shown, ranked, time.perf_counter() - start)


def evaluate_cases(
    cases: Sequence[Case],
    suggest: Callable[..., object],
    *,
    assertions: bool = True,
    gold_map: Callable[[str], str] | None = None,
) -> Scores:
    """Scores suggest() over the cases. gold_map rewrites gold codes first (e.g. to the FY2026
    billable code that replaced a code of an older edition)."""
    predictions = predict_cases(cases, suggest, assertions=assertions)
    return score_predictions(cases, predictions, gold_map)


def score_predictions(
    cases: Sequence[Case], predictions: Predictions, gold_map: Callable[[str], str] | None = None
) -> Scores:
    gold = {c.doc_id: {gold_map(x) if gold_map else x for x in c.codes} for c in cases}
    return score(gold, predictions.shown, predictions.ranked, predictions.seconds)
