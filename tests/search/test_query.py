"""The query language: table-driven parses, error positions, and generated queries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import WorkbenchError
from workbench.search.query import (
    MAX_QUERY_LENGTH,
    AgePredicate,
    DatePredicate,
    Predicate,
    Query,
    QuerySyntaxError,
    SexPredicate,
    TextPredicate,
    parse_query,
)

D = dt.date


def _predicates(text: str, day_first: bool = False) -> list[Predicate]:
    return list(parse_query(text, day_first=day_first).predicates)


def _without_spans(predicates: list[Predicate]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for p in predicates:
        if isinstance(p, TextPredicate):
            out.append(("text", p.field, p.value, p.prefix))
        elif isinstance(p, DatePredicate):
            out.append(("dob", p.first, p.last))
        elif isinstance(p, AgePredicate):
            out.append(("age", p.minimum, p.maximum))
        else:
            out.append(("sex", p.value))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("family:smith", [("text", "family", "smith", False)]),
        ("FAMILY:Smith", [("text", "family", "Smith", False)]),
        ("surname:smith", [("text", "family", "smith", False)]),
        ("given:jo*", [("text", "given", "jo", True)]),
        ('family:"de la cruz"', [("text", "family", "de la cruz", False)]),
        ('family:"de la*"', [("text", "family", "de la", True)]),
        ("mrn:00123", [("text", "mrn", "00123", False)]),
        ("mrn:00123*", [("text", "mrn", "00123", True)]),
        ("phone:(555) ", [("text", "phone", "555", True)]),
        ("phone:555-12", [("text", "phone", "55512", True)]),
        ("sex:f", [("sex", "F")]),
        ("sex:Male", [("sex", "M")]),
        ("dob:1950-03-02", [("dob", D(1950, 3, 2), D(1950, 3, 2))]),
        ("dob:1950", [("dob", D(1950, 1, 1), D(1950, 12, 31))]),
        ("dob:1950-02", [("dob", D(1950, 2, 1), D(1950, 2, 28))]),
        ("dob:1950..1960", [("dob", D(1950, 1, 1), D(1960, 12, 31))]),
        ("dob:1950-03-02..1950-04", [("dob", D(1950, 3, 2), D(1950, 4, 30))]),
        ("dob:..1950", [("dob", None, D(1950, 12, 31))]),
        ("dob:1950..", [("dob", D(1950, 1, 1), None)]),
        ("dob:>1950", [("dob", D(1951, 1, 1), None)]),
        ("dob:>=1950", [("dob", D(1950, 1, 1), None)]),
        ("dob:<1950-03-02", [("dob", None, D(1950, 3, 1))]),
        ("dob:<=1950-03", [("dob", None, D(1950, 3, 31))]),
        ("dob:3/2/1950", [("dob", D(1950, 3, 2), D(1950, 3, 2))]),
        ("dob:13/2/1950", [("dob", D(1950, 2, 13), D(1950, 2, 13))]),
        ("dob:2.3.1950", [("dob", D(1950, 2, 3), D(1950, 2, 3))]),
        ('dob:"2 Mar 1950"', [("dob", D(1950, 3, 2), D(1950, 3, 2))]),
        ("dob:2 Mar 1950", [("dob", D(1950, 3, 2), D(1950, 3, 2))]),
        ("dob:March 2, 1950", [("dob", D(1950, 3, 2), D(1950, 3, 2))]),
        ("dob:2-mar-1950", [("dob", D(1950, 3, 2), D(1950, 3, 2))]),
        ("dob:2 marzo 1950", [("dob", D(1950, 3, 2), D(1950, 3, 2))]),
        ("dob:1952-02-29", [("dob", D(1952, 2, 29), D(1952, 2, 29))]),
        ("age:65", [("age", 65, 65)]),
        ("age:>65", [("age", 66, None)]),
        ("age:>=65", [("age", 65, None)]),
        ("age:<18", [("age", None, 17)]),
        ("age:<=18", [("age", None, 18)]),
        ("age:18..30", [("age", 18, 30)]),
        ("age:..30", [("age", None, 30)]),
        (
            "family:smith AND given:jo* sex:f",
            [("text", "family", "smith", False), ("text", "given", "jo", True), ("sex", "F")],
        ),
    ],
)
def test_predicates(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _without_spans(_predicates(text)) == expected


def test_day_first_reads_the_day_first() -> None:
    assert _without_spans(_predicates("dob:3/2/1950", day_first=True)) == [
        ("dob", D(1950, 2, 3), D(1950, 2, 3))
    ]
    # Only one reading is a real date: it is taken whatever the order.
    assert _without_spans(_predicates("dob:2/13/1950", day_first=True)) == [
        ("dob", D(1950, 2, 13), D(1950, 2, 13))
    ]


def test_terms_and_spans() -> None:
    query = parse_query('dob:1950..1960  smyth "de la" jo*')
    assert [t.text for t in query.terms] == ["smyth", "de la", "jo*"]
    assert [query.text[slice(*t.span)] for t in query.terms] == ["smyth", "de la", "jo*"]
    assert query.predicates[0].span == (0, 14)


def test_an_empty_query_is_empty() -> None:
    assert parse_query("").is_empty
    assert parse_query("   \t ").is_empty


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("famly:smith", 0, "Did you mean family:"),
        ("bday:1950", 0, "no field 'bday'"),
        ("nme:x", 0, "no field"),
        ('family:"de la cruz', 7, "never closed"),
        ('jones "smith', 6, "never closed"),
        ("family:", 7, "nothing after 'family:'"),
        ("family: smith", 7, "a value right after the colon"),
        ("given:*", 6, "empty given"),
        ("given:j*n", 7, "'*' in the middle"),
        ("dob:1950-02-30", 9, "no day 30"),
        ("dob:1951-02-29", 9, "no day 29"),
        ("dob:1950-13-01", 9, "13 is not a month"),
        ("dob:1950-13", 9, "13 is not a month"),
        ("dob:31/31/1950", 4, "not a month"),
        ("dob:3/2/50", 8, "four digits"),
        ("dob:1700", 4, "not a plausible year"),
        ("dob:yesterday", 4, "is not a date"),
        ('dob:"2 Foo 1950"', 7, "not a month name"),
        ("dob:2 Foo 1950", 4, "'2' is not a date"),
        ("dob:1960..1950", 4, "no date is within"),
        ("dob:..", 4, "no ends"),
        ("dob:1950..1960..1970", 14, "a second '..'"),
        ("dob:>", 5, "nothing after '>'"),
        ("age:old", 4, "not an age"),
        ("age:>200", 5, "not a plausible age"),
        ("age:70..60", 4, "no age is within"),
        ("sex:q", 4, "not a sex"),
        ("phone:abc", 6, "has no digits"),
        ("AND smith", 0, "AND must stand between"),
        ("smith AND", 6, "AND must stand between"),
        ("x" * 1001, MAX_QUERY_LENGTH, "characters long"),
        ("a\ud800b", 1, "invalid character"),
    ],
)
def test_errors_say_where_and_what(text: str, position: int, fragment: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(text)
    error = caught.value
    assert isinstance(error, WorkbenchError)
    assert error.position == position, str(error)
    assert fragment in str(error)
    assert error.expected
    assert f"character {position + 1}" in str(error)
    assert error.pointer().splitlines()[-1] == " " * min(position, len(error.pointer().splitlines()[0])) + "^"


def test_too_many_parts() -> None:
    with pytest.raises(QuerySyntaxError, match="more than 16 parts"):
        parse_query(" ".join(f"w{i}" for i in range(17)))


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE patients; --",
        'family:"x\'; DROP TABLE patients; --"',
        "family:smith' OR '1'='1",
        "mrn:1%",
        "given:_*",
        "😀 🏥",
        "שלום עליכם",
        "مرحبا family:العربي",
        "a\x00b",
        "\u202etxet\u202c",
        "ｆａｍｉｌｙ",
    ],
)
def test_hostile_input_parses_to_plain_values(text: str) -> None:
    query = parse_query(text)
    for p in query.predicates:
        assert isinstance(p, TextPredicate | DatePredicate | AgePredicate | SexPredicate)


def test_null_characters_separate_words() -> None:
    assert [t.text for t in parse_query("a\x00b").terms] == ["a", "b"]


FIELD = st.sampled_from(["family", "given", "mrn", "dob", "age", "sex", "phone", "famly", "x", "DOB"])
VALUE = st.one_of(
    st.text(max_size=12),
    st.from_regex(
        r"[<>]=?\d{1,4}|\d{1,4}\.\.\d{0,4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}-\d{1,2}", fullmatch=True
    ),
    st.sampled_from(["*", '"', '"a b"', "..", "2 Mar 1950", "f", "jo*"]),
)
CLAUSE = st.one_of(st.builds(lambda f, v: f"{f}:{v}", FIELD, VALUE), st.text(max_size=10))


@settings(max_examples=400, deadline=None)
@given(st.lists(CLAUSE, max_size=6).map(" ".join), st.booleans())
def test_generated_queries_parse_or_raise_the_documented_error(text: str, day_first: bool) -> None:
    query = _parse_or_error(text, day_first)
    if isinstance(query, QuerySyntaxError):
        assert 0 <= query.position <= len(text)
        assert query.expected
        return
    for term in query.terms:
        assert term.text == text[term.span[0] : term.span[1]]
    for p in query.predicates:
        if isinstance(p, DatePredicate) and p.first and p.last:
            assert p.first <= p.last
        if isinstance(p, AgePredicate) and p.minimum is not None and p.maximum is not None:
            assert p.minimum <= p.maximum


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_the_documented_error(text: str) -> None:
    query = _parse_or_error(text)
    if isinstance(query, QuerySyntaxError):
        assert 0 <= query.position <= len(text)


def _parse_or_error(text: str, day_first: bool = False) -> Query | QuerySyntaxError:
    """The tree, or the documented error (anything else propagates and fails the test)."""
    try:
        return parse_query(text, day_first=day_first)
    except QuerySyntaxError as error:
        return error
