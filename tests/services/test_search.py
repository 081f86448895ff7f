"""Patient search on a real database: predicates compiled to SQL (SQLite and PostgreSQL), mixed
queries, refresh from changes made by another desktop, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, inspect, select, update
from sqlalchemy.dialects.postgresql import dialect as postgresql_dialect
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect

from tests.conftest import make_actor
from workbench.search.query import QuerySyntaxError, parse_query
from workbench.security.roles import GRANTS, SYSTEM, Permission, PermissionDenied
from workbench.services import search as search_module
from workbench.services.demo import generate_patients
from workbench.services.search import PatientSearch, compile_predicates
from workbench.store.database import Database
from workbench.store.models import Patient, Role, utcnow
from workbench.store.search_columns import folded_value

TODAY = dt.date(2026, 11, 23)

PEOPLE = {
    "P01": ("John", "Smith", dt.date(1950, 3, 2), "M", "555-123-4567"),
    "P02": ("Jane", "Smith", dt.date(1960, 7, 15), "F", "(555) 987-6543"),
    "P03": ("Johnny", "Smithers", dt.date(1955, 1, 1), "M", "555.111.2222"),
    "P04": ("José", "García", dt.date(1949, 12, 31), "M", None),
    "P05": ("Seán", "O'Brien", dt.date(1980, 2, 29), "M", "+1 555 123 0000"),
    "P06": ("Mary-Jane", "Smith-Jones", dt.date(1990, 6, 30), "F", None),
    "P07": ("Juan", "de la Cruz", dt.date(2000, 1, 1), "M", None),
    "P08": ("ANN", "SMITH", dt.date(1961, 11, 23), "F", None),
    "P09": ("Ann", "Smyth", dt.date(1961, 11, 24), "F", None),
    "P10": ("Zoë", "Ångström", dt.date(2010, 5, 5), "X", None),
    "P11": ("Bob", "Jones", dt.date(1930, 1, 1), "U", None),
    "P12": ("Joan", "Smith", dt.date(2026, 1, 1), "F", None),
    "P13": ("Jo", "Li", dt.date(1952, 2, 29), "F", None),
    "P14": ("JOSÉ", "GARCIA", dt.date(1979, 4, 1), "M", None),
    "P15": ("Íñigo", "Núñez", dt.date(1985, 8, 9), "M", None),
}


def _insert(db: Database, people: dict[str, tuple[Any, ...]]) -> None:
    now = utcnow()
    rows = [
        {
            "mrn": mrn,
            "given_name": g,
            "family_name": f,
            "date_of_birth": born,
            "sex": sex,
            "phone": phone,
            "created_at": now,
            "updated_at": now,
        }
        for mrn, (g, f, born, sex, phone) in people.items()
    ]
    with db.session() as session:
        session.execute(insert(Patient), rows)


@pytest.fixture
def people(db: Database) -> Database:
    _insert(db, PEOPLE)
    return db


def _mrns(searcher: PatientSearch, text: str, limit: int = 100) -> set[str]:
    return {m.patient.mrn for m in searcher.search(SYSTEM, text, limit, today=TODAY).matches}


PREDICATE_CASES = [
    ("family:smith", {"P01", "P02", "P08", "P12"}),
    ("family:SMITH*", {"P01", "P02", "P03", "P06", "P08", "P12"}),
    ("given:jo*", {"P01", "P03", "P04", "P12", "P13", "P14"}),
    ("given:jo* family:smith", {"P01", "P12"}),
    ("given:jo* AND family:smith", {"P01", "P12"}),
    ('family:"de la cruz"', {"P07"}),
    ('family:"De La*"', {"P07"}),
    ("family:o'brien", {"P05"}),
    ("family:garcía", {"P04", "P14"}),
    # Accents of Spanish names are folded in the indexed columns too: typed with or without them.
    ("family:garcia", {"P04", "P14"}),
    ("family:GARCÍA", {"P04", "P14"}),
    ("given:jose", {"P04", "P14"}),
    ("given:josé family:garc*", {"P04", "P14"}),
    ("family:nunez", {"P15"}),
    ("family:NÚÑ*", {"P15"}),
    ("given:sean", {"P05"}),
    ("family:smith-jones", {"P06"}),
    ("mrn:P01", {"P01"}),
    ("mrn:P0*", {f"P0{i}" for i in range(1, 10)}),
    ("mrn:p01", {"P01"}),
    ("phone:555", {"P01", "P02", "P03"}),
    ("phone:555-123", {"P01"}),
    ("phone:1555", {"P05"}),
    ("dob:1950-03-02", {"P01"}),
    ("dob:3/2/1950", {"P01"}),
    ("dob:2 Mar 1950", {"P01"}),
    ("dob:1950..1960", {"P01", "P02", "P03", "P13"}),
    ("dob:<1950", {"P04", "P11"}),
    ("dob:>=2010", {"P10", "P12"}),
    ("dob:1952-02", {"P13"}),
    ("age:65", {"P08"}),
    ("age:64", {"P09"}),
    ("age:>=65", {"P01", "P02", "P03", "P04", "P08", "P11", "P13"}),
    ("age:<1", {"P12"}),
    ("age:90..100", {"P11"}),
    ("sex:f", {"P02", "P06", "P08", "P09", "P12", "P13"}),
    ("sex:x", {"P10"}),
    ("sex:f family:smith age:>60", {"P02", "P08"}),
    # Hostile values are values: nothing matches, nothing else happens.
    ('family:"x\'; DROP TABLE patients; --"', set()),
    ("family:smith' OR '1'='1", set()),
    ("given:%", set()),
    ("given:_*", set()),
    ("given:%*", set()),
    ("family:😀", set()),
    ("family:שלום", set()),
]


def test_predicates(people: Database) -> None:
    # One database for the whole table (a fresh PostgreSQL database per case costs a second each).
    searcher = PatientSearch(people)
    wrong = {}
    for text, expected in PREDICATE_CASES:
        found = _mrns(searcher, text)
        if found != expected:
            wrong[text] = (found, expected)
    assert not wrong
    with people.session() as session:
        assert session.scalar(select(func.count(Patient.id))) == len(PEOPLE)


def test_predicate_results_are_ordered_by_name_and_highlighted(people: Database) -> None:
    results = PatientSearch(people).search(SYSTEM, "given:jo* family:smith", today=TODAY)
    assert [m.patient.mrn for m in results.matches] == ["P12", "P01"]  # Joan, John
    assert not results.more
    match = results.matches[0]
    assert match.kind == "predicate"
    assert {(h.field, h.start, h.end) for h in match.highlights} == {
        ("given_name", 0, 2),
        ("family_name", 0, 5),
    }
    phone = PatientSearch(people).search(SYSTEM, "phone:555-98", today=TODAY).matches[0]
    assert phone.patient.phone == "(555) 987-6543"
    assert [(h.field, phone.patient.phone[h.start : h.end]) for h in phone.highlights] == [
        ("phone", "(555) 98")
    ]


def test_many_matches_are_ordered_by_the_name_index(
    people: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = [
        "dob:1900..2030",
        "age:>=18 sex:f",
        "given:j*",
        "phone:555",
        "mrn:p*",
        "family:s*",
        "family:smith sex:f",
    ]
    searcher = PatientSearch(people)

    def run(limit: int = 8) -> dict[str, list[str]]:
        return {
            q: [m.patient.mrn for m in searcher.search(SYSTEM, q, limit, today=TODAY).matches]
            for q in queries
        }

    sorted_here = run()
    # de la Cruz, then García and GARCIA (one folded name; the older record first)
    assert sorted_here["dob:1900..2030"][:3] == ["P07", "P04", "P14"]
    monkeypatch.setattr(search_module, "SORT_IN_MEMORY", 1)
    by_index = run()
    if people.dialect == "sqlite":
        assert by_index == sorted_here
    else:
        # PostgreSQL walks the plain name index for many matches: the same patients, in the
        # collation's order of the names as written (C here: GARCIA, García, Jones, ...).
        assert by_index["dob:1900..2030"][:3] == ["P14", "P04", "P11"]
        everyone = run(limit=50)
        monkeypatch.setattr(search_module, "SORT_IN_MEMORY", 5_000)
        assert {q: sorted(v) for q, v in everyone.items()} == {q: sorted(v) for q, v in run(limit=50).items()}


def test_limit_and_more(people: Database) -> None:
    results = PatientSearch(people).search(SYSTEM, "sex:f", limit=2, today=TODAY)
    assert len(results.matches) == 2
    assert results.more


def test_age_agrees_with_patient_age_around_leap_days(db: Database) -> None:
    births = [dt.date(1960, 2, 28), dt.date(1960, 2, 29), dt.date(1960, 3, 1), dt.date(1961, 2, 28)]
    _insert(db, {f"L{i}": ("Leap", "Day", born, "F", None) for i, born in enumerate(births)})
    searcher = PatientSearch(db)
    for today in (dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2024, 2, 29), dt.date(2024, 2, 28)):
        for match in searcher.search(SYSTEM, "family:day", 10, today=today).matches:
            age = match.patient.age(today)
            mrns = {m.patient.mrn for m in searcher.search(SYSTEM, f"age:{age}", 10, today=today).matches}
            assert match.patient.mrn in mrns, (today, match.patient)
            for m in searcher.search(SYSTEM, f"age:{age}", 10, today=today).matches:
                assert m.patient.age(today) == age


def test_fuzzy_and_mixed_queries(people: Database) -> None:
    searcher = PatientSearch(people)
    searcher.build()
    top = searcher.search(SYSTEM, "jon smyth", 5, today=TODAY).matches
    # "jon" is one letter from John and from Joan, and sounds like both: equal, alphabetical.
    assert [m.patient.mrn for m in top[:2]] == ["P12", "P01"]
    assert {(h.field, h.start, h.end) for h in top[1].highlights} == {
        ("given_name", 0, 4),
        ("family_name", 0, 5),
    }
    assert searcher.search(SYSTEM, "jhon smith", 1, today=TODAY).matches[0].patient.mrn == "P01"
    mixed = searcher.search(SYSTEM, "dob:1950..1960 smyth", 10, today=TODAY).matches
    assert [m.patient.mrn for m in mixed] == ["P02", "P01"]  # equal scores: Jane before John
    assert searcher.search(SYSTEM, "jose garcia", 1, today=TODAY).matches[0].patient.mrn == "P04"
    assert searcher.search(SYSTEM, "obrien", 1, today=TODAY).matches[0].patient.mrn == "P05"
    assert searcher.search(SYSTEM, "cruz juan", 1, today=TODAY).matches[0].patient.mrn == "P07"
    assert searcher.search(SYSTEM, "angstrom", 1, today=TODAY).matches[0].patient.mrn == "P10"
    assert searcher.search(SYSTEM, "sex:f jo", 5, today=TODAY).matches[0].patient.mrn in {"P12", "P13"}
    highlight = searcher.search(SYSTEM, "o'bri", 1, today=TODAY).matches[0]
    h = highlight.highlights[0]
    assert highlight.patient.family_name[h.start : h.end] == "O'Bri"


def test_mixed_queries_with_many_predicate_rows_filter_the_index_candidates(
    people: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    searcher = PatientSearch(people)
    searcher.build()
    text = "dob:1900..2030 mrn:p* smyth"
    expected = [m.patient.mrn for m in searcher.search(SYSTEM, text, 10, today=TODAY).matches]
    monkeypatch.setattr(search_module, "WITHIN_LIMIT", 2)
    got = [m.patient.mrn for m in searcher.search(SYSTEM, text, 10, today=TODAY).matches]
    assert got == expected
    assert got[0] == "P09"  # Ann Smyth, exact


def test_birth_limits_filter_in_memory_exactly_like_sql(people: Database) -> None:
    searcher = PatientSearch(people)
    searcher.build()
    for words in ("smith", "jo", "ann smyth", "jones"):
        for limits in (
            "age:>=65",
            "age:<65",
            "age:64",
            "dob:1950..1961",
            "dob:<1950 age:>80",
            "age:>90 age:<50",
        ):
            in_memory = searcher.search(SYSTEM, f"{limits} {words}", 20, today=TODAY).matches
            # mrn:p* holds for everyone here; it sends the query through the SQL filter.
            through_sql = searcher.search(SYSTEM, f"{limits} mrn:p* {words}", 20, today=TODAY).matches
            assert [m.patient.mrn for m in in_memory] == [m.patient.mrn for m in through_sql], (limits, words)
    assert searcher.search(SYSTEM, "age:>90 age:<50 smith", 5, today=TODAY).matches == ()


def test_before_the_index_is_built_names_match_by_prefix(people: Database) -> None:
    searcher = PatientSearch(people)
    results = searcher.search(SYSTEM, "smi jo", 10, today=TODAY)
    assert not results.index_ready
    assert {m.patient.mrn for m in results.matches} >= {"P01", "P03", "P12"}
    assert searcher.search(SYSTEM, "P0", 20, today=TODAY).matches  # MRN prefix
    assert searcher.search(SYSTEM, "zzzz", 10, today=TODAY).matches == ()


def test_refresh_sees_changes_from_another_desktop(people: Database) -> None:
    searcher = PatientSearch(people)
    searcher.build()
    other = Database(people.url)  # another desktop on the same database
    try:
        later = utcnow() + dt.timedelta(seconds=1)
        with other.session() as session:
            session.execute(
                update(Patient).where(Patient.mrn == "P11").values(family_name="Jonas", updated_at=later)
            )
            session.execute(delete(Patient).where(Patient.mrn == "P07"))
        _insert(other, {"N01": ("Nadia", "Quispe", dt.date(1970, 1, 1), "F", None)})
        assert not searcher.search(SYSTEM, "quispe", 5, today=TODAY).matches
        report = searcher.refresh()
        assert report.changed == 2
        assert report.removed == 1
        assert [m.patient.mrn for m in searcher.search(SYSTEM, "quispe", 5, today=TODAY).matches] == ["N01"]
        assert searcher.search(SYSTEM, "jonas bob", 1, today=TODAY).matches[0].patient.mrn == "P11"
        assert "P07" not in _mrns(searcher, "cruz juan")
        again = searcher.refresh()
        assert (again.changed, again.removed) == (0, 0)
    finally:
        other.dispose()


def test_refresh_sees_a_change_stamped_by_a_clock_that_is_behind(people: Database) -> None:
    searcher = PatientSearch(people)
    searcher.build()
    with people.session() as session:
        newest = session.scalar(select(func.max(Patient.updated_at)))
    assert newest is not None
    behind = newest - dt.timedelta(seconds=30)
    with people.session() as session:
        session.execute(
            update(Patient).where(Patient.mrn == "P11").values(given_name="Roberta", updated_at=behind)
        )
    assert searcher.refresh().changed == 1
    assert searcher.search(SYSTEM, "roberta jones", 1, today=TODAY).matches[0].patient.mrn == "P11"


def test_build_in_a_background_thread_while_searching(people: Database) -> None:
    searcher = PatientSearch(people)
    errors: list[BaseException] = []

    def build() -> None:
        try:
            searcher.build()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=build)
    worker.start()
    while worker.is_alive():
        searcher.search(SYSTEM, "smith", 5, today=TODAY)
    worker.join()
    assert not errors
    assert searcher.ready
    assert searcher.search(SYSTEM, "jhon smith", 1, today=TODAY).matches[0].patient.mrn == "P01"


def test_every_role_that_views_patients_can_search(db: Database) -> None:
    for role in (Role.PHYSICIAN, Role.CODER, Role.AUDITOR):
        actor = make_actor(db, role)
        assert actor.can(Permission.VIEW_PATIENTS)
        assert PatientSearch(db).search(actor, "smith").matches == ()


def test_searching_without_the_permission_is_refused(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    actor = make_actor(db, Role.CODER)
    monkeypatch.setitem(GRANTS, Role.CODER, frozenset())
    with pytest.raises(PermissionDenied):
        PatientSearch(db).search(actor, "smith")


def test_bad_queries_raise_the_documented_error(people: Database) -> None:
    searcher = PatientSearch(people)
    for text in ("famly:smith", 'family:"open', "dob:1950-02-30", "x" * 10_000):
        with pytest.raises(QuerySyntaxError):
            searcher.search(SYSTEM, text)
    assert searcher.search(SYSTEM, "").matches == ()
    assert searcher.search(SYSTEM, "😀 !!").matches == ()


@settings(max_examples=200, deadline=None)
@given(
    field=st.sampled_from(["family", "given", "mrn", "phone"]),
    value=st.text(alphabet=st.characters(exclude_characters='"“”*', exclude_categories=["Cs"]), max_size=20),
    prefix=st.booleans(),
)
def test_values_travel_only_as_bound_parameters(field: str, value: str, prefix: bool) -> None:
    marker = "Qz9" + value.replace(" ", "")[:20] + "7"
    if field == "phone":
        marker = "98765" + "".join(c for c in value if c.isascii() and c.isdigit())
    text = f'{field}:"{marker}{"*" if prefix else ""}"'
    query = parse_query(text)
    for dialect in (sqlite_dialect(), postgresql_dialect()):
        statement = select(Patient.id).where(*compile_predicates(query.predicates, dialect.name, TODAY))
        compiled = statement.compile(dialect=dialect)
        assert marker.lower()[:8] not in str(compiled).lower()
        if field in ("family", "given"):
            sent = folded_value(marker, dialect.name)
            assert any(sent[:8] in str(v) for v in compiled.params.values())
        else:
            assert any(marker.lower()[:8] in str(v).lower() for v in compiled.params.values())


def _plan(db: Database, text: str) -> str:
    condition = compile_predicates(parse_query(text).predicates, db.dialect, TODAY)
    statement = select(Patient.id).where(*condition)
    with db.engine.connect() as connection:
        compiled = statement.compile(connection)
        if db.dialect == "sqlite":
            params = tuple(compiled.params[name] for name in compiled.positiontup or ())
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), params).all()
        else:
            connection.exec_driver_sql("SET enable_seqscan = off")
            rows = connection.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).all()
    return "\n".join(str(r) for r in rows)


def test_predicates_use_indexes(people: Database) -> None:
    for text, index in [
        ("family:smith", "ix_patients_family_folded"),
        ("family:smi*", "ix_patients_family_folded"),
        ("given:jo*", "ix_patients_given_folded"),
        ("given:john", "ix_patients_given_folded"),
        ("phone:555", "ix_patients_phone_digits"),
        ("dob:1950..1960", "ix_patients_date_of_birth"),
    ]:
        plan = _plan(people, text)
        assert index in plan, (text, plan)


def test_search_columns_are_generated_by_the_database(db: Database) -> None:
    columns = {c["name"]: c for c in inspect(db.engine).get_columns("patients")}
    for name in ("family_folded", "given_folded", "phone_digits"):
        assert "computed" in columns[name], name


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_the_same_results(sqlite_db: Database, postgres_url: str) -> None:
    postgres = Database(postgres_url)
    postgres.upgrade()
    try:
        rows = generate_patients(1500, seed=11)
        now = utcnow()
        for row in rows:
            row["created_at"] = now
            row["updated_at"] = now
        for database in (sqlite_db, postgres):
            with database.session() as session:
                session.execute(insert(Patient), rows)
        queries = [text for text, _ in PREDICATE_CASES] + [
            "family:gar*",
            "given:mar* sex:f",
            "dob:1960..1970 family:r*",
            "age:30..40 sex:m",
            "phone:5551",
            "mrn:0000012*",
            "family:núñez",
            "given:josé",
            "dob:1950..1960 smyth",
            "garcia maria",
            "jon smyth",
        ]
        lite, pg = PatientSearch(sqlite_db), PatientSearch(postgres)
        lite.build()
        pg.build()
        for text in queries:
            a, b = (s.search(SYSTEM, text, 500, today=TODAY) for s in (lite, pg))
            assert a.more == b.more, text
            if not a.more:  # with more, each shows its first 500 in its own name order
                assert sorted((m.patient.mrn, m.score) for m in a.matches) == sorted(
                    (m.patient.mrn, m.score) for m in b.matches
                ), text
    finally:
        postgres.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_any_text_gives_results_or_the_documented_error(sqlite_db: Database, text: str) -> None:
    searcher = _searcher_for(sqlite_db)
    try:
        results = searcher.search(SYSTEM, text, 5, today=TODAY)
    except QuerySyntaxError:
        return  # the documented error; anything else fails the test
    assert len(results.matches) <= 5


_SEARCHERS: dict[str, PatientSearch] = {}


def _searcher_for(db: Database) -> PatientSearch:
    if db.url not in _SEARCHERS:
        _insert(db, PEOPLE)
        searcher = PatientSearch(db)
        searcher.build()
        _SEARCHERS.clear()
        _SEARCHERS[db.url] = searcher
    return _SEARCHERS[db.url]


def test_cli_search(capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.cli import main

    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["patients", "search", "family:garcia", "--limit", "3", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert 1 <= len(results["matches"]) <= 3
    assert all(m["patient"]["family_name"].lower() == "garcia" for m in results["matches"])
    assert main(["patients", "search", "dob:1950..1960", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and all("\tpredicate\t" in line for line in lines)
    assert main(["patients", "search", "famly:x"]) == 2
    assert "Did you mean family:?" in capsys.readouterr().err
