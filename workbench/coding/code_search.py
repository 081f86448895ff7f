"""Finding an ICD-10-CM code by what a coder types: a code ("E11.9", "e119", "E11") or words in any
order, abbreviated or slightly misspelt ("diab type 2 kidney", "hypertensoin").

Words are matched by prefix against the words of titles, inclusion terms and the curated synonyms,
so "diab" finds "diabetes" and "diabetic". A word that prefixes nothing is repaired with rapidfuzz
against the vocabulary. Rare words weigh more than common ones (an idf weight), so a selection of
note text such as "poorly controlled type 2 diabetes with CKD" still ranks the codes that share its
telling words first, even when some of its words appear in no title. Only billable codes are
offered: they are what a coder can add.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from workbench.coding.catalog import Catalog, normalise_code
from workbench.coding.text import MATCH_STOPWORDS, words

_CODE_QUERY = re.compile(r"^\s*[A-Za-z][0-9][0-9A-Za-z]?(\.?[0-9A-Za-z]{0,4})?\s*$")
# Words every title shares carry no information for a search (beyond the matcher's stop words).
_SEARCH_STOPWORDS = MATCH_STOPWORDS | {"and", "or", "with", "without", "pt", "patient", "history"}
_FUZZY_CUTOFF = 80.0
_FUZZY_MIN_LENGTH = 4


@dataclass(frozen=True)
class CodeMatch:
    code: str
    title: str
    matched: str  # the title, inclusion term or synonym the query matched
    score: float  # 1.0: every query word found; less: the weighted share found


@dataclass(frozen=True)
class _Entry:
    code: str
    text: str


class CodeSearch:
    """An in-memory index of code texts; build once (from_catalog), search many times."""

    def __init__(self, titles: dict[str, str], texts: Iterable[tuple[str, str]]) -> None:
        self._titles = dict(titles)
        self._codes_by_key = sorted((normalise_code(c), c) for c in self._titles)
        self._entries: list[_Entry] = []
        postings: dict[str, set[int]] = {}
        for code, text in texts:
            if code not in self._titles:
                continue
            index = len(self._entries)
            self._entries.append(_Entry(code, text))
            for _, _, word in words(text):
                postings.setdefault(word, set()).add(index)
        self._vocabulary = sorted(postings)
        self._postings = postings

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> CodeSearch:
        titles = {code: catalog.title(code) for code in catalog.all_codes() if catalog.is_billable(code)}
        texts: list[tuple[str, str]] = [(code, title) for code, title in titles.items()]
        for code in titles:
            texts.extend((code, term) for term in catalog.inclusion_terms(code))
        texts.extend((code, term) for term, code in catalog.synonyms if code in titles)
        return cls(titles, texts)

    def __len__(self) -> int:
        return len(self._titles)

    def title(self, code: str) -> str:
        return self._titles.get(code, "")

    def search(self, query: str, limit: int = 20) -> list[CodeMatch]:
        """The best codes for the query, best first; empty for a query with nothing to match."""
        if limit <= 0 or not query.strip():
            return []
        if _CODE_QUERY.match(query):
            by_code = self._by_code(query, limit)
            if by_code:
                return by_code
        return self._by_words(query, limit)

    def _by_code(self, query: str, limit: int) -> list[CodeMatch]:
        key = normalise_code(query)
        start = bisect.bisect_left(self._codes_by_key, (key, ""))
        found: list[str] = []
        for k, code in self._codes_by_key[start:]:
            if not k.startswith(key):
                break
            found.append(code)
        found.sort(key=lambda c: (normalise_code(c) != key, len(c), c))
        return [CodeMatch(c, self._titles[c], self._titles[c], 1.0) for c in found[:limit]]

    def _vocabulary_for(self, word: str) -> list[str]:
        """The vocabulary words the query word stands for: by prefix, else by a fuzzy repair."""
        if word.isdigit():  # "2" means type 2, not 20 or 21
            return [word] if word in self._postings else []
        start = bisect.bisect_left(self._vocabulary, word)
        out: list[str] = []
        for candidate in self._vocabulary[start:]:
            if not candidate.startswith(word):
                break
            out.append(candidate)
        if out or len(word) < _FUZZY_MIN_LENGTH:
            return out
        repaired = process.extract(
            word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=3
        )
        return [str(choice) for choice, _, _ in repaired]

    def _by_words(self, query: str, limit: int) -> list[CodeMatch]:
        query_words = list(dict.fromkeys(w for _, _, w in words(query) if w not in _SEARCH_STOPWORDS))
        if not query_words:
            return []
        total = len(self._entries) or 1
        weights: list[float] = []
        hits: list[set[int]] = []
        for word in query_words:
            matched: set[int] = set()
            for vocabulary_word in self._vocabulary_for(word):
                matched |= self._postings[vocabulary_word]
            hits.append(matched)
            weights.append(1.0 + math.log(total / (len(matched) + 1)))
        full = sum(weights)
        scores: dict[int, float] = {}
        for weight, matched in zip(weights, hits, strict=True):
            for index in matched:
                scores[index] = scores.get(index, 0.0) + weight
        if not scores:
            return []
        best_by_code: dict[str, tuple[float, int]] = {}
        for index, score in scores.items():
            entry = self._entries[index]
            previous = best_by_code.get(entry.code)
            if previous is None or (score, -len(entry.text)) > (
                previous[0],
                -len(self._entries[previous[1]].text),
            ):
                best_by_code[entry.code] = (score, index)
        ranked = sorted(
            best_by_code.items(),
            key=lambda item: (-item[1][0], len(self._entries[item[1][1]].text), len(item[0]), item[0]),
        )
        return [
            CodeMatch(code, self._titles[code], self._entries[index].text, round(score / full, 4))
            for code, (score, index) in ranked[:limit]
        ]


_lock = threading.Lock()
_search: CodeSearch | None = None


def code_search(catalog: Catalog | None = None) -> CodeSearch:
    """The process-wide index over the ICD-10-CM catalog (built on first use: call off the UI thread)."""
    global _search
    with _lock:
        if _search is None:
            if catalog is None:
                from workbench.coding.catalog import load_catalog

                catalog = load_catalog()
            _search = CodeSearch.from_catalog(catalog)
        return _search


def best_codes(queries: Sequence[str], limit: int = 10) -> list[CodeMatch]:
    """Codes for several queries at once (one per selected phrase), best first, each code once."""
    seen: dict[str, CodeMatch] = {}
    for query in queries:
        for match in code_search().search(query, limit):
            if match.code not in seen or seen[match.code].score < match.score:
                seen[match.code] = match
    return sorted(seen.values(), key=lambda m: -m.score)[:limit]
