"""Forgiving patient-name search over an in-memory index, fast on a million patients.

The index is built from plain tuples ``(id, given, family, dob, mrn)``. A query is a few words;
each word becomes a *term* and every term must match some part of a patient (the terms are
ANDed; when no patient matches them all, patients matching any are ranked instead).

How a term matches a name part (folded: ``José`` → ``jose``; see names.py), best first:

========  ========================================================  ===========
exact     the part equals the term                                  100
prefix    the part starts with the term (``jo`` → ``john``)          70 + 25·share
phonetic  same NYSIIS key (``jon`` ~ ``john``, ``smyth`` ~ ``smith``)  75–85
fuzzy     OSA edits ≤ 1 (3–5 letters), 2 (6–8), 3 (9+)               90·Indel ratio
initials  ``js`` → given starting with j and family with s           60
========  ========================================================  ===========

(share: the term's length over the part's; a sound-alike that is also a near spelling gains up
to 10 points.)

A term with digits also matches the MRN (exact 100, prefix 90) and a term that is a full date
(``1950-03-02``, ``3/2/1950``) matches the date of birth (100). A patient's score is the mean
of its terms' scores plus up to 4 points for how much of the name the terms cover, so an exact
full-name match always ranks first.

Speed comes from never scanning patients in Python: terms are matched against the vocabulary of
distinct name parts (rapidfuzz over the parts sharing enough letter pairs, a sorted list for
prefixes, a dict for phonetic keys), part scores spread to distinct names and then to patients
through CSR arrays, and only the best few dozen candidates are re-scored one by one.

The core arrays are immutable; ``upsert``/``remove`` tombstone core rows and keep changed
patients in a small overlay that is scored directly. Each change swaps in a new state object, so
a search running in another thread always sees one consistent state. When the overlay grows
past ``OVERLAY_LIMIT``, rebuild the index (``needs_rebuild``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA, Indel
from rapidfuzz.process import cdist

from workbench.search.dates import DateTextError, parse_day_span
from workbench.search.names import fold, phonetic_key

Record = tuple[int, str, str, dt.date | None, str]
MatchKind = Literal["exact", "prefix", "phonetic", "fuzzy", "initials"]
MatchField = Literal["given", "family", "mrn", "dob", "initials"]

EXACT = 100.0
PREFIX_BASE = 70.0
PREFIX_SPAN = 25.0
PHONETIC = 75.0
PHONETIC_FUZZY_SHARE = 1 / 9  # a sound-alike that is also a near spelling gains up to 10 points
FUZZY_SCALE = 90.0
INITIALS = 60.0
MRN_EXACT = 100.0
MRN_PREFIX = 90.0
DOB_EXACT = 100.0
COVERAGE_BONUS = 4.0
MAX_TERMS = 8
MRN_PREFIX_LIMIT = 10_000
OVERLAY_LIMIT = 2_000
NO_DOB = np.iinfo(np.int32).min

_KIND_CODES: tuple[MatchKind, ...] = ("exact", "exact", "prefix", "phonetic", "fuzzy")  # index 0 unused
_EXACT, _PREFIX, _PHONETIC, _FUZZY = 1, 2, 3, 4
_EPOCH = dt.date(1970, 1, 1).toordinal()

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def max_edits(length: int) -> int:
    if length <= 2:
        return 0
    if length <= 5:
        return 1
    if length <= 8:
        return 2
    return 3


def bigrams(text: str) -> list[str]:
    """Letter pairs of the text padded at both ends (``jon`` → ^j jo on n$)."""
    padded = f"\x02{text}\x03"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


def bigrams_needed(length: int, edits: int) -> int:
    """How many padded letter pairs a word within ``edits`` of a ``length``-letter term shares with it.

    Each edit breaks at most two pairs, a transposition three (the q-gram lemma; the bound for
    two or more edits allows one transposition). It lets the index compare a term with the few
    thousand parts that could be near instead of all of them.
    """
    if edits == 1:
        return max(1, length + 1 - 3)
    return max(1, length + 1 - 2 * edits - 1)


def token_score(term: str, token: str, term_key: str = "") -> tuple[float, MatchKind | None]:
    """How well one folded term matches one folded name part (0 = not at all)."""
    if token == term:
        return EXACT, "exact"
    if token.startswith(term):
        return PREFIX_BASE + PREFIX_SPAN * len(term) / len(token), "prefix"
    similar = 0.0
    edits = max_edits(len(term))
    if (
        edits
        and abs(len(token) - len(term)) <= edits
        and len(set(bigrams(term)) & set(bigrams(token))) >= bigrams_needed(len(term), edits)
        and OSA.distance(term, token, score_cutoff=edits) <= edits
    ):
        similar = FUZZY_SCALE * Indel.normalized_similarity(term, token)
    if len(term) >= 3 and term_key and phonetic_key(token) == term_key:
        return PHONETIC + similar * PHONETIC_FUZZY_SHARE, "phonetic"
    if similar > 0:
        return similar, "fuzzy"
    return 0.0, None


@dataclass(frozen=True)
class TermMatch:
    """What one query term matched: which field, which folded part, how, and how well."""

    term: str
    field: MatchField
    part: str
    kind: MatchKind
    score: float


@dataclass(frozen=True)
class FuzzyHit:
    id: int
    score: float
    matches: tuple[TermMatch, ...]

    @property
    def kind(self) -> MatchKind:
        """The weakest way any term matched (a hit is only as exact as its loosest term)."""
        order: tuple[MatchKind, ...] = ("initials", "fuzzy", "phonetic", "prefix", "exact")
        return min((m.kind for m in self.matches), key=order.index, default="exact")


@dataclass(frozen=True)
class _Term:
    text: str  # folded
    key: str  # phonetic key
    has_letters: bool
    has_digits: bool
    initials: tuple[str, str] | None
    dob: int | None  # days since 1970 when the term is a full date


def prepare_terms(words: Sequence[str], day_first: bool = False) -> list[_Term]:
    """Query words → terms: folded, split at separators, de-duplicated, at most MAX_TERMS."""
    terms: list[_Term] = []
    seen: set[str] = set()
    for word in words:
        dob = _date_term(word, day_first)
        if dob is not None:
            key = f"dob:{dob}"
            if key not in seen:
                seen.add(key)
                terms.append(_Term(word, "", False, False, None, dob))
            continue
        for part in fold(word).split():
            if part in seen:
                continue
            seen.add(part)
            letters = any(c.isalpha() for c in part)
            initials = (part[0], part[-1]) if 2 <= len(part) <= 3 and part.isalpha() else None
            terms.append(
                _Term(part, phonetic_key(part), letters, any(c.isdigit() for c in part), initials, None)
            )
    return terms[:MAX_TERMS]


def _day_span(born: tuple[dt.date | None, dt.date | None] | None) -> tuple[int, int] | None:
    """Inclusive dates → inclusive day numbers as the index stores them (open ends stay open)."""
    if born is None:
        return None
    first, last = born
    low = first.toordinal() - _EPOCH if first is not None else int(NO_DOB) + 1
    high = last.toordinal() - _EPOCH if last is not None else int(np.iinfo(np.int32).max)
    return (low, high)


def _date_term(word: str, day_first: bool) -> int | None:
    if not any(c in word for c in "-/.") or not any(c.isdigit() for c in word):
        return None
    try:
        span = parse_day_span(word, day_first)
    except DateTextError:
        return None
    if span.first != span.last:
        return None
    return span.first.toordinal() - _EPOCH


def _ranges(starts: IntArray, lengths: IntArray) -> IntArray:
    """The concatenation of range(s, s + n) for each start s and length n, vectorised."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    shifts: IntArray = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    out: IntArray = shifts + np.arange(total, dtype=np.int64)
    return out


def _csr(keys: npt.NDArray[np.int64], size: int) -> tuple[IntArray, IntArray]:
    """Offsets and values grouping positions 0..len(keys)-1 by key."""
    order = np.argsort(keys, kind="stable").astype(np.int64)
    counts = np.bincount(keys, minlength=size)
    offsets = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets, order


@dataclass
class _Entry:
    """A patient in the overlay (added or changed since the core was built)."""

    id: int
    given: tuple[str, ...]  # folded parts
    family: tuple[str, ...]
    dob: int
    mrn: str
    fingerprint: int


@dataclass(frozen=True)
class _State:
    alive: npt.NDArray[np.bool_]
    overlay: dict[int, _Entry]
    count: int


@dataclass
class _TermScores:
    """One term scored against the vocabulary, the distinct names and the MRNs."""

    term: _Term
    token_score: FloatArray | None = None  # per vocabulary token
    token_kind: npt.NDArray[np.uint8] | None = None
    given: FloatArray | None = None  # per distinct given name
    family: FloatArray | None = None
    extra_pos: IntArray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    extra_score: FloatArray = field(default_factory=lambda: np.empty(0, dtype=np.float64))
    size: int = 0  # how many core rows it could match (for choosing the driving term)


def _fingerprint(given: str, family: str, dob: dt.date | None, mrn: str) -> int:
    return hash((given, family, dob, mrn))


def _parts_and_tokens(folded: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    parts = tuple(folded.split())
    tokens = (*parts, "".join(parts)) if len(parts) > 1 else parts
    return parts, tokens


class FuzzyIndex:
    """The in-memory index. Build it with ``FuzzyIndex.build(records)``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # The core: rows sorted by id.
        self._ids: IntArray = np.empty(0, dtype=np.int64)
        self._gcode = np.empty(0, dtype=np.int32)
        self._fcode = np.empty(0, dtype=np.int32)
        self._ginit = np.empty(0, dtype=np.uint32)
        self._finit = np.empty(0, dtype=np.uint32)
        self._dob = np.empty(0, dtype=np.int32)
        self._fingerprints = np.empty(0, dtype=np.int64)
        self._mrn_sorted = np.empty(0, dtype="S1")
        self._mrn_rows: IntArray = np.empty(0, dtype=np.int64)
        # Distinct folded names (sorted, so code order is alphabetical order) and their parts.
        self._given_names: list[str] = []
        self._family_names: list[str] = []
        self._given_tokens: list[tuple[int, ...]] = []
        self._family_tokens: list[tuple[int, ...]] = []
        self._given_parts: list[int] = []  # how many parts (without the joined form)
        self._family_parts: list[int] = []
        self._given_rows: tuple[IntArray, IntArray] = (
            np.zeros(1, dtype=np.int64),
            np.empty(0, dtype=np.int64),
        )
        self._family_rows: tuple[IntArray, IntArray] = (
            np.zeros(1, dtype=np.int64),
            np.empty(0, dtype=np.int64),
        )
        # The vocabulary of distinct name parts, sorted.
        self._vocab: list[str] = []
        self._vocab_ids: dict[str, int] = {}
        self._vocab_objects: npt.NDArray[np.object_] = np.empty(0, dtype=object)
        self._vocab_len = np.empty(0, dtype=np.float64)
        self._phonetic: dict[str, IntArray] = {}
        self._bigram_ids: dict[str, int] = {}
        self._bigram_tokens: tuple[IntArray, IntArray] = (
            np.zeros(1, dtype=np.int64),
            np.empty(0, dtype=np.int64),
        )
        self._token_given: tuple[IntArray, IntArray] = (
            np.zeros(1, dtype=np.int64),
            np.empty(0, dtype=np.int64),
        )
        self._token_family: tuple[IntArray, IntArray] = (
            np.zeros(1, dtype=np.int64),
            np.empty(0, dtype=np.int64),
        )
        self._state = _State(np.empty(0, dtype=np.bool_), {}, 0)

    # --- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, records: Iterable[Record]) -> FuzzyIndex:
        index = cls()
        ids: list[int] = []
        given_codes: list[int] = []
        family_codes: list[int] = []
        dobs: list[int] = []
        mrns: list[bytes] = []
        fingerprints: list[int] = []
        folded: dict[str, str] = {}
        given_tmp: dict[str, int] = {}
        family_tmp: dict[str, int] = {}
        for pid, given, family, dob, mrn in records:
            g = folded.get(given)
            if g is None:
                g = folded[given] = fold(given)
            f = folded.get(family)
            if f is None:
                f = folded[family] = fold(family)
            ids.append(pid)
            given_codes.append(given_tmp.setdefault(g, len(given_tmp)))
            family_codes.append(family_tmp.setdefault(f, len(family_tmp)))
            dobs.append(dob.toordinal() - _EPOCH if dob is not None else NO_DOB)
            mrns.append(mrn.casefold().encode("utf-8"))
            fingerprints.append(_fingerprint(given, family, dob, mrn))
        del folded
        index._load(ids, given_codes, family_codes, given_tmp, family_tmp, dobs, mrns, fingerprints)
        return index

    def _load(
        self,
        ids: list[int],
        given_codes: list[int],
        family_codes: list[int],
        given_tmp: dict[str, int],
        family_tmp: dict[str, int],
        dobs: list[int],
        mrns: list[bytes],
        fingerprints: list[int],
    ) -> None:
        id_array = np.asarray(ids, dtype=np.int64)
        order = np.argsort(id_array, kind="stable")
        if len(order) and np.any(np.diff(id_array[order]) == 0):
            raise ValueError("duplicate patient ids in the records")
        self._ids = id_array[order]
        n = len(ids)

        def remap(tmp: dict[str, int], codes: list[int]) -> tuple[list[str], npt.NDArray[np.int32]]:
            names = sorted(tmp)
            new_code = np.empty(len(tmp), dtype=np.int32)
            for rank, name in enumerate(names):
                new_code[tmp[name]] = rank
            return names, new_code[np.asarray(codes, dtype=np.int64)[order]] if n else np.empty(0, np.int32)

        self._given_names, self._gcode = remap(given_tmp, given_codes)
        self._family_names, self._fcode = remap(family_tmp, family_codes)
        self._dob = np.asarray(dobs, dtype=np.int32)[order] if n else np.empty(0, dtype=np.int32)
        self._fingerprints = np.asarray(fingerprints, dtype=np.int64)[order] if n else np.empty(0, np.int64)
        mrn_array = np.asarray(mrns, dtype=np.bytes_) if n else np.empty(0, dtype="S1")
        mrn_array = mrn_array[order]
        self._mrn_rows = np.argsort(mrn_array, kind="stable").astype(np.int64)
        self._mrn_sorted = mrn_array[self._mrn_rows]

        vocab: set[str] = set()
        given_split = [_parts_and_tokens(name) for name in self._given_names]
        family_split = [_parts_and_tokens(name) for name in self._family_names]
        for _, tokens in given_split:
            vocab.update(tokens)
        for _, tokens in family_split:
            vocab.update(tokens)
        self._vocab = sorted(vocab)
        self._vocab_ids = {token: i for i, token in enumerate(self._vocab)}
        self._vocab_objects = np.asarray(self._vocab, dtype=object)  # gathers without a Python loop
        lengths = np.asarray([len(t) for t in self._vocab], dtype=np.int64)
        self._vocab_len = lengths.astype(np.float64)
        phonetic: dict[str, list[int]] = {}
        for i, token in enumerate(self._vocab):
            key = phonetic_key(token)
            if key and len(token) >= 3:
                phonetic.setdefault(key, []).append(i)
        self._phonetic = {k: np.asarray(v, dtype=np.int64) for k, v in phonetic.items()}
        bigram_ids: dict[str, int] = {}
        pair_token: list[int] = []
        pair_bigram: list[int] = []
        for i, token in enumerate(self._vocab):
            for gram in set(bigrams(token)):
                pair_token.append(i)
                pair_bigram.append(bigram_ids.setdefault(gram, len(bigram_ids)))
        self._bigram_ids = bigram_ids
        offsets, order = _csr(np.asarray(pair_bigram, dtype=np.int64), len(bigram_ids))
        self._bigram_tokens = (offsets, np.asarray(pair_token, dtype=np.int64)[order])

        self._given_tokens = [tuple(self._vocab_ids[t] for t in tokens) for _, tokens in given_split]
        self._family_tokens = [tuple(self._vocab_ids[t] for t in tokens) for _, tokens in family_split]
        self._given_parts = [len(parts) for parts, _ in given_split]
        self._family_parts = [len(parts) for parts, _ in family_split]
        self._token_given = self._token_to_names(self._given_tokens)
        self._token_family = self._token_to_names(self._family_tokens)
        self._given_rows = _csr(self._gcode.astype(np.int64), len(self._given_names))
        self._family_rows = _csr(self._fcode.astype(np.int64), len(self._family_names))

        def initials(names: list[str], codes: npt.NDArray[np.int32]) -> npt.NDArray[np.uint32]:
            first = np.asarray([ord(name[0]) if name else 0 for name in names], dtype=np.uint32)
            return first[codes] if len(names) else np.empty(0, dtype=np.uint32)

        self._ginit = initials(self._given_names, self._gcode)
        self._finit = initials(self._family_names, self._fcode)
        self._state = _State(np.ones(n, dtype=np.bool_), {}, n)

    def _token_to_names(self, name_tokens: list[tuple[int, ...]]) -> tuple[IntArray, IntArray]:
        pairs_token = np.fromiter(
            (t for tokens in name_tokens for t in tokens), dtype=np.int64, count=sum(map(len, name_tokens))
        )
        pairs_name = np.repeat(
            np.arange(len(name_tokens), dtype=np.int64), [len(tokens) for tokens in name_tokens]
        )
        offsets, order = _csr(pairs_token, len(self._vocab))
        return offsets, pairs_name[order]

    # --- keeping in step with the database ------------------------------------------------

    def __len__(self) -> int:
        return self._state.count

    @property
    def overlay_size(self) -> int:
        return len(self._state.overlay)

    @property
    def needs_rebuild(self) -> bool:
        return self.overlay_size > OVERLAY_LIMIT

    def checksum(self) -> tuple[int, int]:
        """How many patients, and the sum of their ids: cheap to compare with the database's."""
        state = self._state
        return state.count, int(self._ids[state.alive].sum()) + sum(state.overlay)

    def ids(self) -> IntArray:
        state = self._state
        overlay = np.fromiter(state.overlay, dtype=np.int64, count=len(state.overlay))
        return np.sort(np.concatenate([self._ids[state.alive], overlay]))

    def _row(self, pid: int) -> int:
        i = int(np.searchsorted(self._ids, pid))
        return i if i < len(self._ids) and self._ids[i] == pid else -1

    def upsert(self, records: Iterable[Record]) -> int:
        """Add or change patients; returns how many were new or different."""
        with self._lock:
            state = self._state
            alive = state.alive
            overlay = dict(state.overlay)
            count = state.count
            changed = 0
            copied = False
            for pid, given, family, dob, mrn in records:
                fingerprint = _fingerprint(given, family, dob, mrn)
                row = self._row(pid)
                entry = overlay.get(pid)
                if entry is not None:
                    if entry.fingerprint == fingerprint:
                        continue
                elif row >= 0 and alive[row]:
                    if self._fingerprints[row] == fingerprint:
                        continue
                    if not copied:
                        alive, copied = alive.copy(), True
                    alive[row] = False
                else:
                    count += 1
                overlay[pid] = _Entry(
                    pid,
                    tuple(fold(given).split()),
                    tuple(fold(family).split()),
                    dob.toordinal() - _EPOCH if dob is not None else int(NO_DOB),
                    mrn.casefold(),
                    fingerprint,
                )
                changed += 1
            if changed:
                self._state = _State(alive, overlay, count)
            return changed

    def remove(self, ids: Iterable[int]) -> int:
        """Forget patients; returns how many were known."""
        with self._lock:
            state = self._state
            alive = state.alive.copy()
            overlay = dict(state.overlay)
            removed = 0
            for pid in ids:
                if overlay.pop(pid, None) is not None:
                    removed += 1
                    continue
                row = self._row(pid)
                if row >= 0 and alive[row]:
                    alive[row] = False
                    removed += 1
            if removed:
                self._state = _State(alive, overlay, state.count - removed)
            return removed

    # --- searching ------------------------------------------------------------------------

    def search(
        self,
        words: Sequence[str],
        limit: int = 10,
        within: Collection[int] | None = None,
        day_first: bool = False,
        born: tuple[dt.date | None, dt.date | None] | None = None,
    ) -> list[FuzzyHit]:
        """The best ``limit`` patients for the query words, best first.

        ``within``: only these patient ids (the rows a predicate filter let through).
        ``born``: only patients born within these dates (inclusive; None: open).
        """
        terms = prepare_terms(words, day_first)
        if not terms or limit <= 0:
            return []
        state = self._state
        scores = [self._score_term(t) for t in terms]
        within_rows = self._rows_of(within, state) if within is not None else None
        within_set = set(within) if within is not None else None
        span = _day_span(born)
        rows, totals = self._candidates(scores, state, within_rows, require_all=True, born=span)
        overlay = self._overlay_hits(terms, state, within_set, require_all=True, born=span)
        if len(rows) == 0 and not overlay:
            rows, totals = self._candidates(scores, state, within_rows, require_all=False, born=span)
            overlay = self._overlay_hits(terms, state, within_set, require_all=False, born=span)
        refine = max(limit * 3, 30)
        ranked: list[tuple[FuzzyHit, str, str]] = []
        for row in self._top_rows(rows, totals, refine):
            hit = self._core_hit(int(row), terms, scores)
            ranked.append((hit, self._family_names[self._fcode[row]], self._given_names[self._gcode[row]]))
        for hit in overlay:
            entry = state.overlay[hit.id]
            ranked.append((hit, " ".join(entry.family), " ".join(entry.given)))
        # Equal scores: alphabetically by family, then given name, then id (stable across runs).
        ranked.sort(key=lambda r: (-r[0].score, r[1], r[2], r[0].id))
        return [hit for hit, _, _ in ranked[:limit]]

    def candidate_ids(self, words: Sequence[str], limit: int, day_first: bool = False) -> list[int]:
        """Up to ``limit`` ids in rough score order, for filtering by predicates before ranking."""
        terms = prepare_terms(words, day_first)
        if not terms or limit <= 0:
            return []
        state = self._state
        scores = [self._score_term(t) for t in terms]
        rows, totals = self._candidates(scores, state, None, require_all=True)
        overlay = self._overlay_hits(terms, state, None, require_all=True)
        if len(rows) == 0 and not overlay:
            rows, totals = self._candidates(scores, state, None, require_all=False)
            overlay = self._overlay_hits(terms, state, None, require_all=False)
        ids = [h.id for h in overlay]
        ids.extend(int(self._ids[r]) for r in self._top_rows(rows, totals, limit))
        return ids[:limit]

    def _rows_of(self, ids: Collection[int], state: _State) -> IntArray:
        wanted = np.fromiter(ids, dtype=np.int64, count=len(ids))
        positions = np.searchsorted(self._ids, wanted)
        positions = positions[positions < len(self._ids)]
        positions = positions[np.isin(self._ids[positions], wanted)]
        return np.unique(positions[state.alive[positions]])

    def _score_term(self, term: _Term) -> _TermScores:
        result = _TermScores(term)
        if term.has_letters and self._vocab:
            token_score, token_kind = self._vocab_scores(term)
            result.token_score, result.token_kind = token_score, token_kind
            matched = np.flatnonzero(token_score > 0)
            if len(matched):
                result.given = self._spread(self._token_given, matched, token_score, len(self._given_names))
                result.family = self._spread(
                    self._token_family, matched, token_score, len(self._family_names)
                )
                result.size += self._group_size(self._given_rows[0], result.given)
                result.size += self._group_size(self._family_rows[0], result.family)
        extra: list[tuple[IntArray, float]] = []
        if term.has_digits:
            key = term.text.encode("utf-8")
            lo = int(np.searchsorted(self._mrn_sorted, key, side="left"))
            hi = int(np.searchsorted(self._mrn_sorted, key + b"\xff", side="left"))
            hi = min(hi, lo + MRN_PREFIX_LIMIT)
            if hi > lo:
                rows = self._mrn_rows[lo:hi]
                exact = self._mrn_sorted[lo:hi] == key
                extra.append((rows[exact], MRN_EXACT))
                extra.append((rows[~exact], MRN_PREFIX))
        if term.initials is not None and len(self._ids):
            a, b = (ord(c) for c in term.initials)
            extra.append((np.flatnonzero((self._ginit == a) & (self._finit == b)).astype(np.int64), INITIALS))
        if term.dob is not None:
            extra.append((np.flatnonzero(self._dob == term.dob).astype(np.int64), DOB_EXACT))
        if extra:
            rows = np.concatenate([r for r, _ in extra])
            values = np.concatenate([np.full(len(r), s, dtype=np.float64) for r, s in extra])
            order = np.lexsort((-values, rows))  # by row, best score first
            rows, values = rows[order], values[order]
            first = np.ones(len(rows), dtype=np.bool_)
            first[1:] = rows[1:] != rows[:-1]
            result.extra_pos, result.extra_score = rows[first], values[first]
            result.size += len(result.extra_pos)
        return result

    def _vocab_scores(self, term: _Term) -> tuple[FloatArray, npt.NDArray[np.uint8]]:
        """The term's score and match kind for every vocabulary token (0 where it does not match)."""
        size = len(self._vocab)
        score = np.zeros(size, dtype=np.float64)
        kind = np.zeros(size, dtype=np.uint8)
        text = term.text
        length = len(text)
        edits = max_edits(length)
        similar = np.zeros(0, dtype=np.float64)
        near_ids = np.empty(0, dtype=np.int64)
        if edits:
            candidates = self._near_candidates(text, edits)
            if len(candidates):
                window = self._vocab_objects[candidates].tolist()
                distances = cdist([text], window, scorer=OSA.distance, score_cutoff=edits)[0]
                near = np.flatnonzero(distances <= edits)
                near_ids = candidates[near]
                similar = FUZZY_SCALE * cdist(
                    [text], [window[i] for i in near], scorer=Indel.normalized_similarity, dtype=np.float64
                )[0].astype(np.float64)
                score[near_ids] = similar
                kind[near_ids] = _FUZZY
        if length >= 3 and term.key:
            same = self._phonetic.get(term.key)
            if same is not None:
                score[same] = PHONETIC + score[same] * np.float64(PHONETIC_FUZZY_SHARE)
                kind[same] = _PHONETIC
        lo = bisect.bisect_left(self._vocab, text)
        hi = bisect.bisect_left(self._vocab, text + "\U0010ffff")
        if hi > lo:
            score[lo:hi] = PREFIX_BASE + PREFIX_SPAN * length / self._vocab_len[lo:hi]
            kind[lo:hi] = _PREFIX
        exact = self._vocab_ids.get(text)
        if exact is not None:
            score[exact] = EXACT
            kind[exact] = _EXACT
        return score, kind

    def _near_candidates(self, text: str, edits: int) -> IntArray:
        """Vocabulary tokens of a near length sharing enough letter pairs with the term."""
        grams = [g for g in (self._bigram_ids.get(b) for b in set(bigrams(text))) if g is not None]
        if not grams:
            return np.empty(0, dtype=np.int64)
        offsets, tokens = self._bigram_tokens
        ids = np.asarray(grams, dtype=np.int64)
        starts = offsets[ids]
        shared = np.bincount(tokens[_ranges(starts, offsets[ids + 1] - starts)], minlength=len(self._vocab))
        candidates = np.flatnonzero(shared >= bigrams_needed(len(text), edits)).astype(np.int64)
        close = np.abs(self._vocab_len[candidates] - len(text)) <= edits
        out: IntArray = candidates[close]
        return out

    @staticmethod
    def _spread(
        csr: tuple[IntArray, IntArray], tokens: IntArray, token_score: FloatArray, size: int
    ) -> FloatArray:
        """Token scores → the best score of each distinct name containing the tokens."""
        offsets, names = csr
        starts = offsets[tokens]
        lengths = offsets[tokens + 1] - starts
        which = names[_ranges(starts, lengths)]
        out = np.zeros(size, dtype=np.float64)
        np.maximum.at(out, which, np.repeat(token_score[tokens], lengths))
        return out

    @staticmethod
    def _group_size(offsets: IntArray, name_score: FloatArray | None) -> int:
        if name_score is None:
            return 0
        codes = np.flatnonzero(name_score > 0)
        return int((offsets[codes + 1] - offsets[codes]).sum())

    def _rows_matching(self, scores: _TermScores) -> IntArray:
        mask = np.zeros(len(self._ids), dtype=np.bool_)
        for name_score, (offsets, rows) in (
            (scores.given, self._given_rows),
            (scores.family, self._family_rows),
        ):
            if name_score is None:
                continue
            codes = np.flatnonzero(name_score > 0)
            starts = offsets[codes]
            mask[rows[_ranges(starts, offsets[codes + 1] - starts)]] = True
        mask[scores.extra_pos] = True
        return np.flatnonzero(mask).astype(np.int64)

    def _row_scores(self, scores: _TermScores, rows: IntArray) -> FloatArray:
        out = np.zeros(len(rows), dtype=np.float64)
        if scores.given is not None:
            out = scores.given[self._gcode[rows]]
        if scores.family is not None:
            out = np.maximum(out, scores.family[self._fcode[rows]])
        if len(scores.extra_pos):
            at = np.searchsorted(scores.extra_pos, rows)
            at[at >= len(scores.extra_pos)] = 0
            hit = scores.extra_pos[at] == rows
            out = np.where(hit, np.maximum(out, scores.extra_score[at]), out)
        return out

    def _candidates(
        self,
        scores: list[_TermScores],
        state: _State,
        within: IntArray | None,
        require_all: bool,
        born: tuple[int, int] | None = None,
    ) -> tuple[IntArray, FloatArray]:
        if within is not None:
            rows = within
        elif require_all:
            driver = min(scores, key=lambda s: s.size)
            rows = self._rows_matching(driver)
        else:
            rows = np.unique(np.concatenate([self._rows_matching(s) for s in scores]))
        rows = rows[state.alive[rows]]
        if born is not None:
            rows = rows[(self._dob[rows] >= born[0]) & (self._dob[rows] <= born[1])]
        if len(rows) == 0:
            return rows, np.empty(0, dtype=np.float64)
        total = np.zeros(len(rows), dtype=np.float64)
        keep = np.ones(len(rows), dtype=np.bool_) if require_all else np.zeros(len(rows), dtype=np.bool_)
        for term_scores in scores:
            row_score = self._row_scores(term_scores, rows)
            total += row_score
            keep = keep & (row_score > 0) if require_all else keep | (row_score > 0)
        return rows[keep], total[keep] / len(scores)

    def _top_rows(self, rows: IntArray, totals: FloatArray, count: int) -> IntArray:
        """The ``count`` best rows; ties go alphabetically by family, then given name, then id."""
        if len(rows) > count:
            threshold = np.partition(totals, len(totals) - count)[len(totals) - count]
            keep = totals >= threshold
            rows, totals = rows[keep], totals[keep]
        order = np.lexsort((rows, self._gcode[rows], self._fcode[rows], -totals))
        return rows[order[:count]]

    def _core_hit(self, row: int, terms: list[_Term], scores: list[_TermScores]) -> FuzzyHit:
        given_tokens = self._given_tokens[self._gcode[row]]
        family_tokens = self._family_tokens[self._fcode[row]]
        parts = self._given_parts[self._gcode[row]] + self._family_parts[self._fcode[row]]
        primary = set(given_tokens[: self._given_parts[self._gcode[row]]]) | set(
            family_tokens[: self._family_parts[self._fcode[row]]]
        )
        covered: set[int] = set()
        matches: list[TermMatch] = []
        for term, term_scores in zip(terms, scores, strict=True):
            best: TermMatch | None = None
            best_token = -1
            if term_scores.token_score is not None and term_scores.token_kind is not None:
                for name_field, tokens in (("given", given_tokens), ("family", family_tokens)):
                    for token in tokens:
                        value = float(term_scores.token_score[token])
                        if value > 0 and (best is None or value > best.score):
                            kind = _KIND_CODES[int(term_scores.token_kind[token])]
                            best = TermMatch(term.text, name_field, self._vocab[token], kind, value)  # type: ignore[arg-type]
                            best_token = token
            extra = self._extra_match(term, term_scores, row)
            if extra is not None and (best is None or extra.score > best.score):
                best, best_token = extra, -1
            if best is not None:
                matches.append(best)
                if best_token >= 0:
                    covered.add(best_token)
        return _hit(int(self._ids[row]), matches, len(terms), len(covered & primary), parts)

    def _extra_match(self, term: _Term, scores: _TermScores, row: int) -> TermMatch | None:
        if not len(scores.extra_pos):
            return None
        at = int(np.searchsorted(scores.extra_pos, row))
        if at >= len(scores.extra_pos) or scores.extra_pos[at] != row:
            return None
        value = float(scores.extra_score[at])
        if term.dob is not None:
            return TermMatch(term.text, "dob", term.text, "exact", value)
        if value == INITIALS and term.initials is not None and not term.has_digits:
            return TermMatch(term.text, "initials", term.text, "initials", value)
        return TermMatch(term.text, "mrn", term.text, "exact" if value == MRN_EXACT else "prefix", value)

    def _overlay_hits(
        self,
        terms: list[_Term],
        state: _State,
        within: set[int] | None,
        require_all: bool,
        born: tuple[int, int] | None = None,
    ) -> list[FuzzyHit]:
        hits: list[FuzzyHit] = []
        for entry in state.overlay.values():
            if within is not None and entry.id not in within:
                continue
            if born is not None and not born[0] <= entry.dob <= born[1]:
                continue
            hit = _score_entry(entry, terms)
            if hit is not None and (len(hit.matches) == len(terms) or not require_all):
                hits.append(hit)
        return hits


def _score_entry(entry: _Entry, terms: list[_Term]) -> FuzzyHit | None:
    """Score one overlay patient with the scalar rules (the same numbers as the arrays give)."""
    given_tokens = (*entry.given, "".join(entry.given)) if len(entry.given) > 1 else entry.given
    family_tokens = (*entry.family, "".join(entry.family)) if len(entry.family) > 1 else entry.family
    primary = set(entry.given) | set(entry.family)
    covered: set[str] = set()
    matches: list[TermMatch] = []
    for term in terms:
        best: TermMatch | None = None
        if term.has_letters:
            for name_field, tokens in (("given", given_tokens), ("family", family_tokens)):
                for token in tokens:
                    value, kind = token_score(term.text, token, term.key)
                    if kind is not None and (best is None or value > best.score):
                        best = TermMatch(term.text, name_field, token, kind, value)  # type: ignore[arg-type]
        candidates: list[TermMatch] = []
        if term.has_digits and entry.mrn.startswith(term.text):
            exact = entry.mrn == term.text
            candidates.append(
                TermMatch(
                    term.text,
                    "mrn",
                    term.text,
                    "exact" if exact else "prefix",
                    MRN_EXACT if exact else MRN_PREFIX,
                )
            )
        if (
            term.initials is not None
            and entry.given
            and entry.family
            and entry.given[0][0] == term.initials[0]
            and entry.family[0][0] == term.initials[1]
        ):
            candidates.append(TermMatch(term.text, "initials", term.text, "initials", INITIALS))
        if term.dob is not None and entry.dob == term.dob:
            candidates.append(TermMatch(term.text, "dob", term.text, "exact", DOB_EXACT))
        for candidate in candidates:
            if best is None or candidate.score > best.score:
                best = candidate
        if best is not None:
            matches.append(best)
            if best.field in ("given", "family"):
                covered.add(best.part)
    if not matches:
        return None
    parts = len(entry.given) + len(entry.family)
    return _hit(entry.id, matches, len(terms), len(covered & primary), parts)


def _hit(pid: int, matches: list[TermMatch], terms: int, covered_parts: int, parts: int) -> FuzzyHit:
    base = sum(m.score for m in matches) / terms
    coverage = covered_parts / parts if parts else 0.0
    return FuzzyHit(pid, round(base + COVERAGE_BONUS * coverage, 3), tuple(matches))
