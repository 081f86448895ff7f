"""Lexical candidates: where the note names an ICD-10-CM title, inclusion term or synonym.

Three passes over the note's normalised words, each giving character spans:
exact (normalised) phrase lookup, any-order lookup for two- or three-word phrases ("femur
fracture" ~ "fracture of femur"), and fuzzy lookup (rapidfuzz) that repairs misspelt or
mistranscribed words against the catalog vocabulary ("pnuemonia", "hypertenshun").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from workbench.coding.catalog import Catalog, PhraseCode
from workbench.coding.text import MATCH_STOPWORDS, phrase_key, words

MAX_WORDS = 8
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 85.0
FUZZY_CUTOFF_LONG = 80.0  # words of 8+ letters survive two slips ("hypertenshun")
# A full stop after a lone letter is an initial ("E. coli", "H. pylori"), not a clause break.
_CLAUSE_BREAK = re.compile(r"[;:!?\n\r()\[\]]|(?<!\b[A-Za-z])\.")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    codes: tuple[PhraseCode, ...]  # best first
    method: str  # "exact", "reordered" or "fuzzy"
    similarity: float  # 1.0 for exact, the fuzzy ratio / 100 otherwise


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    norm: str
    clause: int


class PhraseMatcher:
    """Normalised phrase lookup over the catalog's phrase index (titles, inclusion terms, curated
    synonyms). A dictionary keyed by word tuples, so building it costs nothing at start-up."""

    def __init__(self, catalog: Catalog, known_words: Iterable[str] = ()) -> None:
        self._phrases = catalog.phrases
        self._reordered: dict[tuple[str, ...], tuple[str, ...]] = {}
        vocab: set[str] = set()
        for key in self._phrases:
            vocab.update(key)
            if 2 <= len(key) <= 3:
                self._reordered.setdefault(tuple(sorted(key)), key)
        self._vocab = vocab
        # "MS", "PE", "AF": abbreviations count only when written in capitals ("5 ms" is not MS).
        self._abbreviations: dict[str, int] = {}
        for term, _ in catalog.synonyms:
            key = phrase_key(term)
            if len(key) == 1 and any(ch.isupper() for ch in term[1:]):
                capitals = sum(ch.isupper() for ch in term)
                self._abbreviations[key[0]] = min(capitals, self._abbreviations.get(key[0], capitals))
        self._known = vocab | set(known_words)
        # Fuzzy candidates by (first letter, length): slips rarely hit the first letter, and this
        # keeps a cold lookup to well under a millisecond.
        by_length: dict[tuple[str, int], list[str]] = {}
        for w in vocab:
            if len(w) >= FUZZY_MIN_LENGTH - 1 and w.isalpha():
                by_length.setdefault((w[0], len(w)), []).append(w)
        self._by_length = {k: sorted(v) for k, v in by_length.items()}
        self._fixes: dict[str, tuple[str, float] | None] = {}

    def _tokens(self, text: str) -> list[_Word]:
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        out: list[_Word] = []
        clause = 0
        b = 0
        for start, end, norm in words(text):
            while b < len(breaks) and breaks[b] < start:
                b += 1
                clause += 1
            if norm in MATCH_STOPWORDS:
                continue
            out.append(_Word(start, end, norm, clause))
        return out

    def _correct(self, word: str) -> tuple[str, float] | None:
        if len(word) < FUZZY_MIN_LENGTH or word in self._known or not word.isalpha():
            return None
        if word not in self._fixes:
            hit = process.extractOne(
                word,
                self._candidates_for(word),
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF_LONG if len(word) >= 8 else FUZZY_CUTOFF,
            )
            fix = None if hit is None else (str(hit[0]), float(hit[1]))
            # "afebrile" is not a misspelt "febrile": a correction must not drop a prefix.
            if fix is not None and word.endswith(fix[0]):
                fix = None
            self._fixes[word] = fix
        return self._fixes[word]

    def _candidates_for(self, word: str) -> list[str]:
        out: list[str] = []
        for n in range(len(word) - 2, len(word) + 3):
            out.extend(self._by_length.get((word[0], n), []))
        return out

    def find(self, text: str) -> list[Mention]:
        toks = self._tokens(text)
        norms = [t.norm for t in toks]
        corrected: dict[int, tuple[str, float]] = {}
        for i, t in enumerate(toks):
            fix = self._correct(t.norm)
            if fix is not None:
                corrected[i] = fix
                norms[i] = fix[0]
        found: list[Mention] = []
        covered_until = -1
        i = 0
        while i < len(toks):
            best: Mention | None = None
            limit = min(MAX_WORDS, len(toks) - i)
            for n in range(limit, 0, -1):
                if toks[i + n - 1].clause != toks[i].clause:
                    continue
                key = tuple(norms[i : i + n])
                codes = self._phrases.get(key)
                method = "exact"
                if codes is None and 2 <= n <= 3:
                    original = self._reordered.get(tuple(sorted(key)))
                    if original is not None:
                        codes, method = self._phrases[original], "reordered"
                if codes is None:
                    continue
                if n == 1 and key[0] in self._abbreviations:
                    written = text[toks[i].start : toks[i].end]
                    if sum(ch.isupper() for ch in written) < self._abbreviations[key[0]]:
                        continue
                fixes = [corrected[j][1] for j in range(i, i + n) if j in corrected]
                similarity = 1.0 if method == "exact" else 0.9
                if fixes:
                    method, similarity = "fuzzy", min(fixes) / 100.0
                start, end = toks[i].start, toks[i + n - 1].end
                best = Mention(start, end, text[start:end], tuple(codes), method, similarity)
                break
            if best is not None and best.end > covered_until:
                found.append(best)
                covered_until = max(covered_until, best.end)
            i += 1
        return found
