"""The patient search language: a lexer, a parser and the tree it produces.

Grammar (clauses are ANDed; an upper-case ``AND`` between clauses is allowed and means nothing
more)::

    query      := clause* ;                          separated by white space
    clause     := FIELD ":" value | WORD | PHRASE
    FIELD      := family | given | mrn | dob | age | sex | phone     (and a few aliases)
    value      := WORD | PHRASE
    name value := text ["*"]                          '*' at the end: prefix match
    dob value  := date | date ".." date | ".." date | date ".." | ("<"|">"|"<="|">=") date
    age value  := years | years ".." years | ("<"|">"|"<="|">=") years
    date       := 1950 | 1950-03 | 1950-03-02 | 3/2/1950 | 2.3.1950 | "2 Mar 1950" | 2-Mar-1950

An unquoted ``dob:2 Mar 1950`` is read as one date too. Bare words and phrases are fuzzy terms.
Errors are QuerySyntaxError: where (0-based character position) and what was expected.

Meaning (services.search compiles it): names and MRN compare case-insensitively, whole field or,
with ``*``, its start (``family:smith`` is not Smith-Jones; ``family:smith*`` is); accents count
(``family:garcía`` is not Garcia; fuzzy terms fold them). ``phone:555`` matches numbers whose
digits start with 555, whatever their punctuation. Ages are whole years on the day of the search.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from workbench.errors import WorkbenchError
from workbench.search.dates import DateTextError, DaySpan, looks_like_month, parse_day_span

MAX_QUERY_LENGTH = 1000
MAX_CLAUSES = 16
MAX_NAME_LENGTH = 100
MAX_MRN_LENGTH = 32
MAX_AGE = 150

FIELDS = ("family", "given", "mrn", "dob", "age", "sex", "phone")
ALIASES = {
    "last": "family",
    "surname": "family",
    "lastname": "family",
    "first": "given",
    "firstname": "given",
    "born": "dob",
    "birth": "dob",
    "birthdate": "dob",
    "gender": "sex",
    "tel": "phone",
    "telephone": "phone",
}
SEXES = {
    "f": "F",
    "female": "F",
    "w": "F",
    "m": "M",
    "male": "M",
    "x": "X",
    "u": "U",
    "unknown": "U",
}


class QuerySyntaxError(WorkbenchError):
    """The query cannot be read. ``position`` is 0-based; ``expected`` says what would fit there."""

    def __init__(self, query: str, position: int, problem: str, expected: str, hint: str = "") -> None:
        self.query = query
        self.position = position
        self.problem = problem
        self.expected = expected
        self.hint = hint
        message = f"Search not understood at character {position + 1}: {problem}; expected {expected}."
        if hint:
            message += f" {hint}"
        super().__init__(message)

    def pointer(self) -> str:
        """The query with a caret under the problem (for a terminal)."""
        shown = self.query if len(self.query) <= 120 else self.query[: self.position + 40]
        return f"{shown}\n{' ' * min(self.position, len(shown))}^"


# --- the tree -------------------------------------------------------------------------------

Span = tuple[int, int]


@dataclass(frozen=True)
class TextPredicate:
    """A name, MRN or phone field equal to a value, or starting with it (``prefix``)."""

    field: Literal["family", "given", "mrn", "phone"]
    value: str
    prefix: bool
    span: Span


@dataclass(frozen=True)
class DatePredicate:
    """Date of birth within [first, last] (either bound may be open)."""

    first: dt.date | None
    last: dt.date | None
    span: Span


@dataclass(frozen=True)
class AgePredicate:
    """Age in whole years within [minimum, maximum] (either bound may be open)."""

    minimum: int | None
    maximum: int | None
    span: Span


@dataclass(frozen=True)
class SexPredicate:
    value: str  # F, M, X or U, as stored
    span: Span


Predicate = TextPredicate | DatePredicate | AgePredicate | SexPredicate


@dataclass(frozen=True)
class Term:
    """A bare word or phrase for fuzzy matching."""

    text: str
    span: Span


@dataclass(frozen=True)
class Query:
    text: str
    predicates: tuple[Predicate, ...]
    terms: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        return not self.predicates and not self.terms


# --- the lexer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexeme:
    kind: Literal["word", "phrase", "field"]
    text: str  # the word, the phrase's inside, or the field name
    start: int  # of the whole lexeme (for a phrase: its opening quote)
    end: int
    value: Lexeme | None = None  # a field's value

    @property
    def inner_start(self) -> int:
        return self.start + 1 if self.kind == "phrase" else self.start


_FIELD = re.compile(r"([A-Za-z]+):")
_QUOTES = '"“”'


def _is_space(ch: str) -> bool:
    # Control characters (NUL included) separate words: no database ever sees them.
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _check_characters(query: str) -> None:
    for i, ch in enumerate(query):
        if "\ud800" <= ch <= "\udfff":
            raise QuerySyntaxError(query, i, "an invalid character", "text (this is half of a pair)")


def lex(query: str) -> Iterator[Lexeme]:
    i = 0
    n = len(query)
    while i < n:
        if _is_space(query[i]):
            i += 1
            continue
        field = _FIELD.match(query, i)
        if field:
            value_start = field.end()
            if value_start >= n or _is_space(query[value_start]):
                name = field[1]
                raise QuerySyntaxError(
                    query,
                    value_start,
                    f"nothing after '{name}:'",
                    "a value right after the colon",
                    f"For example {name}:{_EXAMPLES.get(_canonical(name) or '', 'smith')}",
                )
            value = _read_value(query, value_start)
            yield Lexeme("field", field[1], i, value.end, value)
            i = value.end
            continue
        lexeme = _read_value(query, i)
        yield lexeme
        i = lexeme.end


def _read_value(query: str, i: int) -> Lexeme:
    n = len(query)
    if query[i] in _QUOTES:
        close = next((j for j in range(i + 1, n) if query[j] in _QUOTES), -1)
        if close < 0:
            raise QuerySyntaxError(query, i, "this quote is never closed", 'a closing " after the phrase')
        return Lexeme("phrase", query[i + 1 : close], i, close + 1)
    j = i
    while j < n and not _is_space(query[j]) and query[j] not in _QUOTES:
        j += 1
    if j == i:  # cannot happen: callers stand on a non-space, non-quote character
        raise QuerySyntaxError(query, i, "an unexpected character", "a word")
    return Lexeme("word", query[i:j], i, j)


# --- the parser -----------------------------------------------------------------------------

_EXAMPLES = {
    "family": "smith",
    "given": "jo*",
    "mrn": "00123",
    "dob": "1950-03-02",
    "age": ">65",
    "sex": "f",
    "phone": "555",
}


def _canonical(name: str) -> str | None:
    name = name.lower()
    if name in FIELDS:
        return name
    return ALIASES.get(name)


def parse_query(query: str, *, day_first: bool = False) -> Query:
    """The query's tree; QuerySyntaxError when it cannot be read.

    ``day_first`` says how to read ``3/2/1950``: 3 February (True) or March 2 (False).
    """
    if len(query) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(
            query,
            MAX_QUERY_LENGTH,
            f"the search is {len(query)} characters long",
            f"at most {MAX_QUERY_LENGTH} characters",
        )
    _check_characters(query)
    lexemes = list(lex(query))
    predicates: list[Predicate] = []
    terms: list[Term] = []
    clauses = 0
    i = 0
    while i < len(lexemes):
        lexeme = lexemes[i]
        i += 1
        if lexeme.kind == "word" and lexeme.text == "AND":
            if (not predicates and not terms) or i >= len(lexemes):
                raise QuerySyntaxError(
                    query, lexeme.start, "AND must stand between two parts", "a search term"
                )
            continue
        clauses += 1
        if clauses > MAX_CLAUSES:
            raise QuerySyntaxError(query, lexeme.start, f"more than {MAX_CLAUSES} parts", "a shorter search")
        if lexeme.kind != "field":
            terms.append(Term(lexeme.text, (lexeme.inner_start, lexeme.inner_start + len(lexeme.text))))
            continue
        field = _canonical(lexeme.text)
        if field is None:
            guess = difflib.get_close_matches(lexeme.text.lower(), [*FIELDS, *ALIASES], n=1, cutoff=0.6)
            suggestion = _canonical(guess[0]) if guess else None
            raise QuerySyntaxError(
                query,
                lexeme.start,
                f"there is no field '{lexeme.text}'",
                "one of " + ", ".join(f + ":" for f in FIELDS),
                f"Did you mean {suggestion}:?" if suggestion else "",
            )
        value = lexeme.value
        assert value is not None
        if field == "dob":
            value, i = _extend_date(query, value, lexemes, i)
        predicates.append(_predicate(query, field, value, (lexeme.start, value.end), day_first))
    return Query(query, tuple(predicates), tuple(terms))


def _extend_date(query: str, value: Lexeme, lexemes: list[Lexeme], i: int) -> tuple[Lexeme, int]:
    """``dob:2 Mar 1950`` unquoted: take the month and year words that follow as part of the date."""
    if value.kind != "word" or i + 1 >= len(lexemes):
        return value, i
    second, third = lexemes[i], lexemes[i + 1]
    if second.kind != "word" or third.kind != "word" or not re.fullmatch(r"\d{4}", third.text):
        return value, i
    day_then_month = re.fullmatch(r"\d{1,2}", value.text) and looks_like_month(second.text)
    month_then_day = looks_like_month(value.text) and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?,?", second.text)
    if not (day_then_month or month_then_day):
        return value, i
    return Lexeme("word", query[value.start : third.end], value.start, third.end), i + 2


def _predicate(query: str, field: str, value: Lexeme, span: Span, day_first: bool) -> Predicate:
    text = value.text
    at = value.inner_start
    if field in ("family", "given", "mrn"):
        return _text_predicate(query, field, text, at, span)
    if field == "phone":
        digits = "".join(c for c in text if c.isdigit() and c.isascii())
        if not digits:
            raise QuerySyntaxError(
                query, at, f"'{text}' has no digits", "digits of a phone number, e.g. phone:555"
            )
        return TextPredicate("phone", digits, True, span)
    if field == "sex":
        sex = SEXES.get(text.strip().lower())
        if sex is None:
            raise QuerySyntaxError(query, at, f"'{text}' is not a sex", "f, m, x or u")
        return SexPredicate(sex, span)
    if field == "age":
        bounds = _split_range(query, text, at)
        minimum = maximum = None
        if bounds.low is not None:
            minimum = _age(query, *bounds.low) + (1 if bounds.strict_low else 0)
        if bounds.high is not None:
            maximum = _age(query, *bounds.high) - (1 if bounds.strict_high else 0)
        if minimum is not None and maximum is not None and minimum > maximum:
            raise QuerySyntaxError(query, at, f"no age is within '{text}'", "the smaller age first")
        return AgePredicate(minimum, maximum, span)
    bounds = _split_range(query, text, at)
    first = last = None
    if bounds.low is not None:
        low = _date(query, *bounds.low, day_first)
        first = low.last + dt.timedelta(days=1) if bounds.strict_low else low.first
    if bounds.high is not None:
        high = _date(query, *bounds.high, day_first)
        last = high.first - dt.timedelta(days=1) if bounds.strict_high else high.last
    if first is not None and last is not None and first > last:
        raise QuerySyntaxError(query, at, f"no date is within '{text}'", "the earlier date first")
    return DatePredicate(first, last, span)


def _text_predicate(query: str, field: str, text: str, at: int, span: Span) -> TextPredicate:
    stripped = text.strip()
    prefix = stripped.endswith("*")
    core = stripped.rstrip("*").strip() if prefix else stripped
    star = text.find("*")
    if star >= 0 and text[star:].strip("*").strip():
        raise QuerySyntaxError(
            query,
            at + star,
            "'*' in the middle",
            f"'*' only at the end, e.g. {field}:{'00123*' if field == 'mrn' else 'jo*'}",
        )
    if not core:
        raise QuerySyntaxError(
            query, at, f"an empty {field}", f"at least one character, e.g. {field}:{_EXAMPLES[field]}"
        )
    limit = MAX_MRN_LENGTH if field == "mrn" else MAX_NAME_LENGTH
    if len(core) > limit:
        raise QuerySyntaxError(query, at + limit, f"the {field} is too long", f"at most {limit} characters")
    kind: Literal["family", "given", "mrn"] = (
        "mrn" if field == "mrn" else "family" if field == "family" else "given"
    )
    return TextPredicate(kind, core, prefix, span)


@dataclass(frozen=True)
class _Range:
    low: tuple[str, int] | None  # (text, position)
    high: tuple[str, int] | None
    strict_low: bool = False
    strict_high: bool = False


_OPERATOR = re.compile(r"<=|>=|<|>|=")


def _split_range(query: str, text: str, at: int) -> _Range:
    """``x``, ``a..b``, ``..b``, ``a..``, ``<x``, ``<=x``, ``>x``, ``>=x``, ``=x``."""
    if ".." in text:
        left, _, right = text.partition("..")
        right_at = at + len(left) + 2
        if not left.strip() and not right.strip():
            raise QuerySyntaxError(query, at, "a range with no ends", "a value before or after '..'")
        if ".." in right:
            raise QuerySyntaxError(query, right_at + right.index(".."), "a second '..'", "a single range")
        return _Range((left, at) if left.strip() else None, (right, right_at) if right.strip() else None)
    m = _OPERATOR.match(text)
    op = m[0] if m else "="
    rest_at = at + (m.end() if m else 0)
    rest = text[m.end() :] if m else text
    if not rest.strip():
        raise QuerySyntaxError(query, rest_at, f"nothing after '{op}'", "a value")
    bound = (rest, rest_at)
    if op == "=":
        return _Range(bound, bound)
    if op == ">=":
        return _Range(bound, None)
    if op == ">":
        return _Range(bound, None, strict_low=True)
    if op == "<=":
        return _Range(None, bound)
    return _Range(None, bound, strict_high=True)


def _age(query: str, text: str, at: int) -> int:
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit():
        raise QuerySyntaxError(
            query, at, f"'{text}' is not an age", "whole years, e.g. age:>65 or age:18..30"
        )
    years = int(stripped)
    if years > MAX_AGE:
        raise QuerySyntaxError(query, at, f"{years} years is not a plausible age", f"at most {MAX_AGE}")
    return years


def _date(query: str, text: str, at: int, day_first: bool) -> DaySpan:
    try:
        return parse_day_span(text, day_first)
    except DateTextError as exc:
        leading = len(text) - len(text.lstrip())
        raise QuerySyntaxError(query, at + leading + exc.offset, str(exc), "a date of birth") from None
