"""One ranking from two kinds of evidence: a logistic model over per-code features (lexical match
strength, model probability, mentions, prior frequency), fitted on held-out training cases. Its
output is the calibrated confidence; a threshold fitted on the same cases decides what is shown."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.errors import WorkbenchError

FEATURES = (
    "model_probability",
    "model_logit",
    "lexical_strength",
    "lexical_synonym",
    "lexical_title",
    "lexical_fuzzy",
    "mentions",
    "prior",
    "in_model_labels",
    "lexical_and_model",
    "lexical_precision",
    "lexical_seen",
    "similar_cases",
    "similar_cases_sqrt",
)


class FusionError(WorkbenchError):
    pass


@dataclass(frozen=True)
class CodeEvidence:
    """What the note offers for one code, before any decision."""

    model_probability: float = 0.0
    lexical_strength: float = 0.0  # 0 none … 1 curated synonym, exact
    lexical_synonym: bool = False
    lexical_title: bool = False
    lexical_fuzzy: bool = False
    mentions: int = 0
    prior: int = 0  # cases coded with it in training
    in_model_labels: bool = False
    lexical_precision: float = 0.5  # how often this phrase meant this code in coded training cases
    lexical_seen: int = 0  # training cases where the phrase was seen
    similar_cases: float = 0.0  # share of the most similar coded cases that carry the code

    def vector(self) -> list[float]:
        p = min(max(self.model_probability, 1e-4), 1 - 1e-4)
        return [
            self.model_probability,
            math.log(p / (1 - p)),
            self.lexical_strength,
            float(self.lexical_synonym),
            float(self.lexical_title),
            float(self.lexical_fuzzy),
            math.log1p(self.mentions),
            math.log1p(self.prior),
            float(self.in_model_labels),
            self.model_probability * self.lexical_strength,
            self.lexical_precision if self.lexical_strength > 0 else 0.0,
            math.log1p(self.lexical_seen),
            self.similar_cases,
            math.sqrt(self.similar_cases),
        ]


@dataclass
class Fusion:
    weights: list[float] = field(
        default_factory=lambda: [4.0, 0.0, 2.0, 0.5, 0.3, -0.3, 0.3, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    )
    bias: float = -3.0
    mean: list[float] = field(default_factory=lambda: [0.0] * len(FEATURES))
    scale: list[float] = field(default_factory=lambda: [1.0] * len(FEATURES))
    threshold: float = 0.4  # confidence at or above which a suggestion is shown
    review_below: float = 0.6  # shown suggestions under this confidence say "needs review"
    priors: dict[str, int] = field(default_factory=dict)
    # "phrase key|code" → [cases where the phrase was read as the code and the code was gold, cases]
    lexicon: dict[str, list[int]] = field(default_factory=dict)
    fitted_on: str = "defaults"

    def confidence(self, evidence: CodeEvidence) -> float:
        x = (np.array(evidence.vector()) - np.array(self.mean)) / np.array(self.scale)
        z = float(np.dot(x, self.weights) + self.bias)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Fusion:
        if not path.exists():
            return cls()
        fusion = cls(**json.loads(path.read_text(encoding="utf-8")))
        if len(fusion.weights) != len(FEATURES):
            raise FusionError(
                f"{path} was fitted for {len(fusion.weights)} features, this version uses "
                f"{len(FEATURES)}: run `workbench train-coder` to fit it again."
            )
        return fusion


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50
) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (a few features, thousands of rows)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def fit_fusion(
    rows: list[CodeEvidence],
    labels: list[int],
    total_gold: int,
    priors: dict[str, int],
    lexicon: dict[str, list[int]],
    note: str,
) -> Fusion:
    """Fits weights on held-out rows, then the threshold that maximises micro-F1 there (recall
    counted against every gold code, found or not)."""
    x = np.array([r.vector() for r in rows], dtype=float)
    y = np.array(labels, dtype=float)
    mean = x.mean(0)
    scale = x.std(0) + 1e-6
    w, b = fit_logistic((x - mean) / scale, y)
    fusion = Fusion(
        list(map(float, w)), b, list(map(float, mean)), list(map(float, scale)), priors=priors,
        lexicon=lexicon, fitted_on=note,
    )  # fmt: skip
    conf = np.array([fusion.confidence(r) for r in rows])
    best = (0.0, 0.5)
    for t in np.arange(0.1, 0.9, 0.02):
        chosen = conf >= t
        tp = float((chosen & (y == 1)).sum())
        if chosen.sum() == 0:
            continue
        p, r = tp / chosen.sum(), tp / max(total_gold, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[0]:
            best = (f1, float(t))
    fusion.threshold = round(best[1], 2)
    fusion.review_below = round(max(0.5, fusion.threshold + 0.15), 2)
    return fusion
