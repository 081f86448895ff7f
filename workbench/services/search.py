"""Patient search: predicates compiled to SQL, fuzzy terms ranked by the in-memory index.

``PatientSearch`` is the one object the UI and the CLI use. Its fuzzy index is built from the
database by ``build()`` (meant for a background thread; the finished index is swapped in under a
lock, so searches keep running against the old one meanwhile) and kept in step by ``refresh()``,
which reads rows whose ``updated_at`` moved since the last look (with an overlap for clocks of
other desktops on a shared PostgreSQL and for transactions that committed late) and notices
deleted rows by count.

How a query runs:

* predicates only: one SQL query with bound parameters, ordered by name;
* fuzzy terms only: the index ranks, then the rows of the best hits are read;
* both (``dob:1950..1960 smyth``): when the predicates leave at most ``WITHIN_LIMIT`` patients,
  the index ranks exactly those; otherwise the index's best ``CANDIDATE_LIMIT`` candidates are
  filtered by the predicates in SQL and the survivors ranked.

Before the index is built, fuzzy terms fall back to SQL prefix matching of names and MRNs, ranked
by the same scorer (``SearchResults.index_ready`` is False then).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from workbench.search.fuzzy import FuzzyHit, FuzzyIndex, Record
from workbench.search.names import fold, located_parts
from workbench.search.query import (
    AgePredicate,
    DatePredicate,
    Predicate,
    Query,
    SexPredicate,
    TextPredicate,
    parse_query,
)
from workbench.security.roles import Actor, Permission
from workbench.services.patients import PatientInfo, patient_info
from workbench.store.database import Database
from workbench.store.models import Patient
from workbench.store.search_columns import folded_value

WITHIN_LIMIT = 5_000
CANDIDATE_LIMIT = 5_000
MAX_LIMIT = 500
REFRESH_OVERLAP = dt.timedelta(minutes=2)
READ_BATCH = 50_000
# Bound parameters per IN list: SQLite before 3.32 allowed 999, later ones 32766.
ID_CHUNK = 5_000 if sqlite3.sqlite_version_info >= (3, 32) else 900
SORT_IN_MEMORY = 5_000  # more predicate matches than this are read in name-index order (SQLite)

HighlightField = Literal["given_name", "family_name", "mrn", "date_of_birth", "sex", "phone"]


@dataclass(frozen=True)
class Highlight:
    """Characters [start, end) of a field as displayed that matched the query."""

    field: HighlightField
    start: int
    end: int


@dataclass(frozen=True)
class PatientMatch:
    patient: PatientInfo
    score: float  # 0–104 for fuzzy hits; 100 for predicate-only results
    kind: str  # exact, prefix, phonetic, fuzzy, initials or predicate
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True)
class SearchResults:
    query: str
    matches: tuple[PatientMatch, ...]
    more: bool  # there are more matches than were returned
    index_ready: bool
    elapsed_ms: float


@dataclass(frozen=True)
class RefreshReport:
    changed: int
    removed: int
    rebuilt: bool


# --- predicates → SQL -----------------------------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _upper_bound(prefix: str) -> str | None:
    """The smallest string greater than every string that starts with ``prefix`` (None: no bound)."""
    while prefix:
        code = ord(prefix[-1]) + 1
        if 0xD800 <= code <= 0xDFFF:
            code = 0xE000
        if code <= 0x10FFFF:
            return prefix[:-1] + chr(code)
        prefix = prefix[:-1]
    return None


def _text_condition(
    column: ColumnElement[Any] | InstrumentedAttribute[Any], value: str, prefix: bool, dialect: str
) -> ColumnElement[bool]:
    """Equality or a prefix range, written so that the column's index serves it.

    On PostgreSQL the search columns are indexed with ``text_pattern_ops``, whose operators
    compare bytes (``~>=~``, ``~<~``); the collation-aware ``>=`` would not use that index and
    would not mean "starts with" under a linguistic collation. SQLite's default collation is
    already byte order.
    """
    if not prefix:
        return column == value
    upper = _upper_bound(value)
    if dialect == "postgresql":
        low = column.op("~>=~", is_comparison=True)(value)
        return low if upper is None else and_(low, column.op("~<~", is_comparison=True)(upper))
    return column >= value if upper is None else and_(column >= value, column < upper)


def _column(attribute: InstrumentedAttribute[Any], dialect: str, indexed: bool) -> ColumnElement[Any]:
    """The column, or on SQLite ``+column``: the same value, but the planner will not use its index."""
    if indexed or dialect != "sqlite":
        return attribute.expression
    return UnaryExpression(attribute.expression, operator=custom_op("+"), type_=attribute.type)


def compile_predicate(
    predicate: Predicate, dialect: str, today: dt.date, *, indexes: bool = True
) -> ColumnElement[bool]:
    """One predicate as a SQLAlchemy condition; every value travels as a bound parameter.

    ``indexes=False`` (SQLite only) keeps all but the family-name index out of the plan, for a
    query with many matches that should walk the name index in order and stop early.
    """
    born = _column(Patient.date_of_birth, dialect, indexes)
    if isinstance(predicate, TextPredicate):
        if predicate.field == "family":
            value = folded_value(predicate.value, dialect)
            return _text_condition(Patient.family_folded, value, predicate.prefix, dialect)
        if predicate.field == "given":
            column = _column(Patient.given_folded, dialect, indexes)
            return _text_condition(column, folded_value(predicate.value, dialect), predicate.prefix, dialect)
        if predicate.field == "phone":
            return _text_condition(
                _column(Patient.phone_digits, dialect, indexes), predicate.value, True, dialect
            )
        column = _column(Patient.mrn_lower, dialect, indexes)
        return _text_condition(column, predicate.value.lower(), predicate.prefix, dialect)
    if isinstance(predicate, DatePredicate):
        parts = []
        if predicate.first is not None:
            parts.append(born >= predicate.first)
        if predicate.last is not None:
            parts.append(born <= predicate.last)
        return and_(*parts)
    if isinstance(predicate, AgePredicate):
        # age >= n  ⇔  born on or before today n years ago (PatientInfo.age's rule for 29 February).
        parts = []
        if predicate.minimum is not None:
            parts.append(born <= _years_before(today, predicate.minimum))
        if predicate.maximum is not None:
            parts.append(born > _years_before(today, predicate.maximum + 1))
        return and_(*parts)
    assert isinstance(predicate, SexPredicate)
    return Patient.sex == predicate.value


def _birth_span(predicates: Sequence[Predicate], today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The birth dates that date and age predicates allow together (inclusive; None: open)."""
    first: dt.date | None = None
    last: dt.date | None = None

    def narrow(low: dt.date | None, high: dt.date | None) -> None:
        nonlocal first, last
        if low is not None and (first is None or low > first):
            first = low
        if high is not None and (last is None or high < last):
            last = high

    for p in predicates:
        if isinstance(p, DatePredicate):
            narrow(p.first, p.last)
        elif isinstance(p, AgePredicate):
            oldest = (
                _years_before(today, p.maximum + 1) + dt.timedelta(days=1) if p.maximum is not None else None
            )
            youngest = _years_before(today, p.minimum) if p.minimum is not None else None
            narrow(oldest, youngest)
    if first is not None and last is not None and first > last:
        return (dt.date.max, dt.date.min)  # nothing is born within both
    return (first, last)


def compile_predicates(
    predicates: Sequence[Predicate], dialect: str, today: dt.date, *, indexes: bool = True
) -> list[ColumnElement[bool]]:
    return [compile_predicate(p, dialect, today, indexes=indexes) for p in predicates]


# --- highlighting -----------------------------------------------------------------------------


def _name_highlights(
    name_field: HighlightField, name: str, part: str, kind: str, term: str
) -> list[Highlight]:
    located = located_parts(name)
    for candidate in located:
        if candidate.folded == part:
            if kind == "prefix":
                start, end = candidate.span_of_prefix(len(term))
            else:
                start, end = candidate.start, candidate.end
            return [Highlight(name_field, start, end)]
    if located and "".join(p.folded for p in located) == part:  # the joined form: "delacruz"
        return [Highlight(name_field, located[0].start, located[-1].end)]
    return []


def _hit_highlights(hit: FuzzyHit, patient: PatientInfo) -> list[Highlight]:
    out: list[Highlight] = []
    for match in hit.matches:
        if match.field == "given":
            out += _name_highlights("given_name", patient.given_name, match.part, match.kind, match.term)
        elif match.field == "family":
            out += _name_highlights("family_name", patient.family_name, match.part, match.kind, match.term)
        elif match.field == "mrn":
            out.append(Highlight("mrn", 0, min(len(match.term), len(patient.mrn))))
        elif match.field == "dob":
            out.append(Highlight("date_of_birth", 0, 10))
        elif match.field == "initials":
            for name_field, name in (
                ("given_name", patient.given_name),
                ("family_name", patient.family_name),
            ):
                parts = located_parts(name)
                if parts:
                    out.append(Highlight(name_field, parts[0].start, parts[0].start + 1))  # type: ignore[arg-type]
    return out


def _digits_span(phone: str, digits: int) -> tuple[int, int]:
    seen = 0
    for i, ch in enumerate(phone):
        if ch.isdigit():
            seen += 1
            if seen == digits:
                return (0, i + 1)
    return (0, len(phone))


def _predicate_highlights(predicates: Sequence[Predicate], patient: PatientInfo) -> list[Highlight]:
    out: list[Highlight] = []
    for p in predicates:
        if isinstance(p, TextPredicate):
            if p.field == "phone":
                if patient.phone:
                    out.append(Highlight("phone", *_digits_span(patient.phone, len(p.value))))
                continue
            value = {"family": patient.family_name, "given": patient.given_name, "mrn": patient.mrn}[p.field]
            end = len(p.value) if p.prefix else len(value)
            field_name: HighlightField = (
                "family_name" if p.field == "family" else "given_name" if p.field == "given" else "mrn"
            )
            out.append(Highlight(field_name, 0, min(end, len(value))))
        elif isinstance(p, DatePredicate | AgePredicate):
            out.append(Highlight("date_of_birth", 0, 10))
        else:
            out.append(Highlight("sex", 0, 1))
    return out


# --- the service ------------------------------------------------------------------------------


def _records(rows: Sequence[Any]) -> Iterator[Record]:
    for row in rows:
        yield (row.id, row.given_name, row.family_name, row.date_of_birth, row.mrn)


_RECORD_COLUMNS = (
    Patient.id,
    Patient.given_name,
    Patient.family_name,
    Patient.date_of_birth,
    Patient.mrn,
    Patient.updated_at,
)


class PatientSearch:
    """Search over one database's patients. Thread-safe: build/refresh in a worker, search anywhere."""

    def __init__(self, db: Database, *, day_first: bool = False) -> None:
        self.db = db
        self.day_first = day_first
        self._lock = threading.Lock()  # guards _index and _watermark
        self._refreshing = threading.Lock()  # one build or refresh at a time
        self._index: FuzzyIndex | None = None
        self._watermark: dt.datetime | None = None

    @property
    def ready(self) -> bool:
        return self._index is not None

    @property
    def index(self) -> FuzzyIndex | None:
        return self._index

    def build(self) -> int:
        """Read every patient and swap in a fresh index; returns how many it holds."""
        with self._refreshing:
            with self.db.engine.connect() as connection:
                # The newest stamp before reading: a row changed while the rows stream in is
                # newer than this and is read again by the next refresh.
                watermark = connection.scalar(select(func.max(Patient.updated_at)))
                result = connection.execution_options(yield_per=READ_BATCH).execute(
                    select(
                        Patient.id,
                        Patient.given_name,
                        Patient.family_name,
                        Patient.date_of_birth,
                        Patient.mrn,
                    ).order_by(Patient.id)
                )
                index = FuzzyIndex.build(result)
            with self._lock:
                self._index = index
                self._watermark = watermark
            return len(index)

    def refresh(self) -> RefreshReport:
        """Bring the index up to date with the database (changes by anyone, deletions included)."""
        if self._index is None:
            self.build()
            return RefreshReport(0, 0, True)
        with self._refreshing:
            index = self._index
            since = self._watermark
            with self.db.session() as session:
                query = select(*_RECORD_COLUMNS)
                if since is not None:
                    # Newer rows, and rows a little older than the last look (a desktop whose clock
                    # is behind, a transaction that committed late) — but not the rows stamped
                    # exactly at the last look: after a bulk import those are all of them.
                    query = query.where(
                        or_(
                            Patient.updated_at > since,
                            and_(Patient.updated_at >= since - REFRESH_OVERLAP, Patient.updated_at < since),
                        )
                    )
                rows = session.execute(query).all()
                count, id_sum = session.execute(select(func.count(Patient.id), func.sum(Patient.id))).one()
                changed = index.upsert(_records(rows))
                removed = 0
                # Deleted rows leave no trace to query by time; the id count and sum differ when
                # any were deleted (inserts were just added, so they cancel out).
                if index.checksum() != (int(count or 0), int(id_sum or 0)):
                    known = index.ids()
                    present = np.fromiter(session.scalars(select(Patient.id)), dtype=np.int64)
                    removed = index.remove(known[~np.isin(known, present)].tolist())
            newest = max((r.updated_at for r in rows), default=since)
            with self._lock:
                if newest is not None and (self._watermark is None or newest > self._watermark):
                    self._watermark = newest
        if index.needs_rebuild:
            self.build()
            return RefreshReport(changed, removed, True)
        return RefreshReport(changed, removed, False)

    def search(self, actor: Actor, text: str, limit: int = 10, today: dt.date | None = None) -> SearchResults:
        """Parse and run a query (QuerySyntaxError when it cannot be read)."""
        actor.require(Permission.VIEW_PATIENTS)
        started = time.perf_counter()
        limit = max(1, min(limit, MAX_LIMIT))
        query = parse_query(text, day_first=self.day_first)
        index = self._index
        matches, more = self._run(query, limit, today or dt.date.today(), index)
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResults(text, tuple(matches), more, index is not None, round(elapsed, 2))

    def _run(
        self, query: Query, limit: int, today: dt.date, index: FuzzyIndex | None
    ) -> tuple[list[PatientMatch], bool]:
        words = [term.text for term in query.terms]
        has_words = any(fold(w) for w in words)
        conditions = compile_predicates(query.predicates, self.db.dialect, today)
        if query.is_empty or (not has_words and not conditions):
            return [], False
        if not has_words:
            return self._predicate_only(query, conditions, limit, today)
        if index is None:
            index = self._fallback_index(words, conditions)
            hits = index.search(words, limit + 1, day_first=self.day_first)
        elif not conditions:
            hits = index.search(words, limit + 1, day_first=self.day_first)
        elif all(isinstance(p, DatePredicate | AgePredicate) for p in query.predicates):
            # Birth-date limits are exact on the index's own dates: no database round trip.
            hits = index.search(
                words, limit + 1, day_first=self.day_first, born=_birth_span(query.predicates, today)
            )
        else:
            within = self._filtered_ids(index, words, conditions)
            hits = index.search(words, limit + 1, within=within, day_first=self.day_first) if within else []
        more = len(hits) > limit
        hits = hits[:limit]
        patients = self._patients([h.id for h in hits])
        matches = []
        for hit in hits:
            patient = patients.get(hit.id)
            if patient is None:  # deleted since the index last looked
                continue
            highlights = _hit_highlights(hit, patient) + _predicate_highlights(query.predicates, patient)
            matches.append(PatientMatch(patient, hit.score, hit.kind, tuple(highlights)))
        return matches, more

    def _predicate_only(
        self, query: Query, conditions: list[ColumnElement[bool]], limit: int, today: dt.date
    ) -> tuple[list[PatientMatch], bool]:
        # Results come in name order (lower-cased names). With few matches the database
        # fetches them through the predicates' indexes and sorts them. With many, sorting them
        # all would be slow (a ten-year birth range is a tenth of the register): SQLite is kept
        # from the other indexes and walks its (family, given) lower-cased index in order,
        # stopping at the first few that match. PostgreSQL's pattern indexes cannot give an
        # order, so there the plain (family, given) index is walked for many matches without a
        # family predicate (in the database's collation); with one, PostgreSQL sorts the
        # family's rows, since walking the whole name index to reach them would be slower.
        sqlite = self.db.dialect == "sqlite"
        family = any(isinstance(p, TextPredicate) and p.field == "family" for p in query.predicates)
        order = (Patient.family_folded, Patient.given_folded, Patient.id)
        with self.db.session() as session:
            if sqlite or not family:
                # Estimated from the indexed predicates alone (index-only counting); sex has no
                # index and at most halves a count. The estimate picks the plan, not the result.
                indexed = [
                    c
                    for p, c in zip(query.predicates, conditions, strict=True)
                    if not isinstance(p, SexPredicate)
                ]
                first = select(Patient.id).where(*indexed).limit(SORT_IN_MEMORY + 1).subquery()
                if (session.scalar(select(func.count()).select_from(first)) or 0) > SORT_IN_MEMORY:
                    if sqlite:
                        conditions = compile_predicates(
                            query.predicates, self.db.dialect, today, indexes=False
                        )
                    else:
                        order = (Patient.family_name, Patient.given_name, Patient.id)
            statement = select(Patient).where(and_(*conditions)).order_by(*order).limit(limit + 1)
            patients = [patient_info(p) for p in session.scalars(statement)]
        matches = [
            PatientMatch(p, 100.0, "predicate", tuple(_predicate_highlights(query.predicates, p)))
            for p in patients[:limit]
        ]
        return matches, len(patients) > limit

    def _filtered_ids(
        self, index: FuzzyIndex, words: list[str], conditions: list[ColumnElement[bool]]
    ) -> list[int]:
        """The patients that pass the predicates, among those the fuzzy terms could match."""
        with self.db.session() as session:
            ids = list(session.scalars(select(Patient.id).where(and_(*conditions)).limit(WITHIN_LIMIT + 1)))
            if len(ids) <= WITHIN_LIMIT:
                return ids
            candidates = index.candidate_ids(words, CANDIDATE_LIMIT, day_first=self.day_first)
            kept: list[int] = []
            for start in range(0, len(candidates), ID_CHUNK):
                chunk = candidates[start : start + ID_CHUNK]
                kept += session.scalars(select(Patient.id).where(Patient.id.in_(chunk), *conditions))
            return kept

    def _fallback_index(self, words: list[str], conditions: list[ColumnElement[bool]]) -> FuzzyIndex:
        """A small index of the rows whose names or MRN start with the terms (before build())."""
        dialect = self.db.dialect
        term_conditions = []
        for word in words:
            for part in fold(word).split():
                term_conditions.append(
                    or_(
                        _text_condition(Patient.family_folded, part, True, dialect),
                        _text_condition(Patient.given_folded, part, True, dialect),
                        _text_condition(Patient.mrn_lower, part, True, dialect),
                    )
                )
        statement = select(*_RECORD_COLUMNS).where(*(term_conditions or [false()]), *conditions)
        with self.db.session() as session:
            rows = session.execute(statement.limit(WITHIN_LIMIT)).all()
        return FuzzyIndex.build(_records(rows))

    def _patients(self, ids: list[int]) -> dict[int, PatientInfo]:
        found: dict[int, PatientInfo] = {}
        with self.db.session() as session:
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start : start + ID_CHUNK]
                for patient in session.scalars(select(Patient).where(Patient.id.in_(chunk))):
                    found[patient.id] = patient_info(patient)
        return found


def search_patients(
    db: Database, actor: Actor, text: str, limit: int = 10, *, day_first: bool = False
) -> SearchResults:
    """One search without a long-lived index (the CLI): builds the index, then searches."""
    searcher = PatientSearch(db, day_first=day_first)
    if parse_query(text, day_first=day_first).terms:
        searcher.build()
    return searcher.search(actor, text, limit)
