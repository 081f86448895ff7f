"""Coded cases like this note: the codes coders gave the most similar training cases.

The nearest coded cases (TF-IDF over content words and word pairs, cosine similarity) vote for
their codes, weighted by how similar they are. It is one more kind of evidence for the fusion,
the only one that knows which codes tend to be coded together in cases that read alike; it never
brings evidence spans, so a code it alone supports is ranked but not shown.

The index keeps weighted term vectors and codes of the cases, not their text.
"""

from __future__ import annotations

import json
import math
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from workbench.coding.corpus import Case
from workbench.coding.text import phrase_key
from workbench.errors import WorkbenchError

NEIGHBOURS = 20  # cases that vote; CodiEsp cases carry about 10 codes each
MIN_DOCUMENT_FREQUENCY = 2  # a term of one case only cannot make two cases alike


class SimilarCasesError(WorkbenchError):
    pass


def _terms(text: str) -> Counter[str]:
    words = phrase_key(text)
    return Counter([*words, *(f"{a} {b}" for a, b in pairwise(words))])


@dataclass(frozen=True)
class SimilarCases:
    vocabulary: dict[str, int]
    idf: np.ndarray  # per term
    # Per term, the cases it occurs in and its weight there (a column-compressed case × term matrix).
    term_start: np.ndarray
    term_cases: np.ndarray
    term_weights: np.ndarray
    case_codes: tuple[tuple[str, ...], ...]

    @classmethod
    def build(cls, cases: Sequence[Case]) -> SimilarCases:
        if not cases:
            raise SimilarCasesError("No coded cases to build the similar-case index from.")
        counts = [_terms(c.text) for c in cases]
        df = Counter(t for c in counts for t in c)
        vocabulary = {
            t: i for i, t in enumerate(sorted(t for t, n in df.items() if n >= MIN_DOCUMENT_FREQUENCY))
        }
        n = len(cases)
        idf = np.zeros(len(vocabulary), dtype=np.float32)
        for t, i in vocabulary.items():
            idf[i] = math.log((1 + n) / (1 + df[t])) + 1.0
        columns: list[list[tuple[int, float]]] = [[] for _ in vocabulary]
        for case_index, c in enumerate(counts):
            indices, values = _weights(c, vocabulary, idf)
            for i, v in zip(indices, values, strict=True):
                columns[i].append((case_index, v))
        start = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        start[1:] = np.cumsum([len(col) for col in columns])
        flat = [entry for col in columns for entry in col]
        return cls(
            vocabulary,
            idf,
            start,
            np.array([c for c, _ in flat], dtype=np.int32),
            np.array([v for _, v in flat], dtype=np.float32),
            tuple(tuple(sorted(c.codes)) for c in cases),
        )

    def votes(self, text: str, neighbours: int = NEIGHBOURS) -> dict[str, float]:
        """code → similarity-weighted share of the nearest cases coded with it (0 … 1)."""
        indices, values = _weights(_terms(text), self.vocabulary, self.idf)
        if not indices:
            return {}
        similarity = np.zeros(len(self.case_codes), dtype=np.float32)
        for i, q in zip(indices, values, strict=True):
            lo, hi = self.term_start[i], self.term_start[i + 1]
            similarity[self.term_cases[lo:hi]] += q * self.term_weights[lo:hi]
        nearest = np.argsort(-similarity, kind="stable")[:neighbours]
        total = float(similarity[nearest].sum())
        if total <= 0.0:
            return {}
        votes: dict[str, float] = {}
        for case_index in nearest:
            for code in self.case_codes[case_index]:
                votes[code] = votes.get(code, 0.0) + float(similarity[case_index]) / total
        return votes

    def save(self, path: Path) -> None:
        vocabulary = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        meta = json.dumps({"vocabulary": vocabulary, "case_codes": self.case_codes})
        with path.open("wb") as handle:  # a file object: numpy would otherwise append ".npz"
            np.savez_compressed(
                handle,
                meta=np.frombuffer(meta.encode("utf-8"), dtype=np.uint8),
                idf=self.idf,
                term_start=self.term_start,
                term_cases=self.term_cases,
                term_weights=self.term_weights.astype(np.float16),
            )

    @classmethod
    def load(cls, path: Path) -> SimilarCases:
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(data["meta"].tobytes().decode("utf-8"))
                return cls(
                    {t: i for i, t in enumerate(meta["vocabulary"])},
                    data["idf"].astype(np.float32),
                    data["term_start"].astype(np.int64),
                    data["term_cases"].astype(np.int32),
                    data["term_weights"].astype(np.float32),
                    tuple(tuple(codes) for codes in meta["case_codes"]),
                )
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            raise SimilarCasesError(
                f"The similar-case index {path} cannot be read ({exc}); run `workbench train-coder` "
                "to rebuild it, or delete it to suggest codes without it."
            ) from None


def _weights(
    counts: Counter[str], vocabulary: dict[str, int], idf: np.ndarray
) -> tuple[list[int], list[float]]:
    """Sublinear TF-IDF of the known terms, L2-normalised."""
    indices = [vocabulary[t] for t in counts if t in vocabulary]
    if not indices:
        return [], []
    values = np.array(
        [(1.0 + math.log(counts[t])) * idf[vocabulary[t]] for t in counts if t in vocabulary],
        dtype=np.float32,
    )
    values /= float(np.linalg.norm(values)) or 1.0
    return indices, values.tolist()
