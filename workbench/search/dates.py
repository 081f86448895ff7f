"""Dates as people type them into a search box, read into an inclusive range of days.

``1950`` is the whole year, ``1950-03`` the whole month, ``1950-03-02``, ``3/2/1950``,
``2.3.1950``, ``2 Mar 1950``, ``Mar 2 1950`` and ``2-mar-1950`` one day. Numeric dates with the
year last are read in the stated order (day first or month first); when only the other order
makes a real date (``13/2/1950``), that one is taken, since nobody means a 13th month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MIN_YEAR = 1800
MAX_YEAR = 2999

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "ene", "enero"),
            ("feb", "february", "febrero"),
            ("mar", "march", "marzo"),
            ("apr", "april", "abr", "abril"),
            ("may", "mayo"),
            ("jun", "june", "junio"),
            ("jul", "july", "julio"),
            ("aug", "august", "ago", "agosto"),
            ("sep", "sept", "september", "septiembre", "setiembre"),
            ("oct", "october", "octubre"),
            ("nov", "november", "noviembre"),
            ("dec", "december", "dic", "diciembre"),
        ),
        start=1,
    )
    for name in names
}


class DateTextError(ValueError):
    """The text is not a date; ``offset`` is where in it the problem starts."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class DaySpan:
    """An inclusive range of days."""

    first: dt.date
    last: dt.date


_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_YEAR_LAST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d+)")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[\s\-/.]*([^\W\d_]+)\.?[\s\-/.,]*(\d+)")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*(\d+)")


def _year(text: str, offset: int) -> int:
    if len(text) != 4:
        raise DateTextError(f"write the year with four digits, not {text!r}", offset)
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateTextError(f"{year} is not a plausible year ({MIN_YEAR}–{MAX_YEAR})", offset)
    return year


def _day(year: int, month: int, day: int, offset: int) -> dt.date:
    if not 1 <= month <= 12:
        raise DateTextError(f"{month} is not a month (1–12)", offset)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateTextError(
            f"{calendar.month_name[month]} {year} has no day {day} (it has {last} days)", offset
        )
    return dt.date(year, month, day)


def _month(name: str, offset: int) -> int:
    month = MONTHS.get(name.casefold())
    if month is None:
        raise DateTextError(f"{name!r} is not a month name", offset)
    return month


def parse_day_span(text: str, day_first: bool = False) -> DaySpan:
    """The days that ``text`` names; DateTextError saying why when it names none."""
    text = text.strip()
    if not text:
        raise DateTextError("expected a date", 0)
    if m := _ISO.fullmatch(text):
        year = _year(m[1], m.start(1))
        if m[2] is None:
            return DaySpan(dt.date(year, 1, 1), dt.date(year, 12, 31))
        month = int(m[2])
        if m[3] is None:
            if not 1 <= month <= 12:
                raise DateTextError(f"{month} is not a month (1–12)", m.start(2))
            return DaySpan(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))
        day = _day(year, month, int(m[3]), m.start(2))
        return DaySpan(day, day)
    if m := _YEAR_LAST.fullmatch(text):
        year = _year(m[4], m.start(4))
        a, b = int(m[1]), int(m[3])
        day_n, month_n = (a, b) if day_first else (b, a)
        if not 1 <= month_n <= 12 and 1 <= day_n <= 12 and 1 <= month_n <= 31:
            day_n, month_n = month_n, day_n  # only the other order is a date
        day = _day(year, month_n, day_n, 0)
        return DaySpan(day, day)
    if m := _DAY_MONTH_YEAR.fullmatch(text):
        month = _month(m[2], m.start(2))
        day = _day(_year(m[3], m.start(3)), month, int(m[1]), m.start(1))
        return DaySpan(day, day)
    if m := _MONTH_DAY_YEAR.fullmatch(text):
        month = _month(m[1], m.start(1))
        day = _day(_year(m[3], m.start(3)), month, int(m[2]), m.start(2))
        return DaySpan(day, day)
    raise DateTextError(
        f"{text!r} is not a date; write it like 1950-03-02, "
        + ("2/3/1950" if day_first else "3/2/1950")
        + ", 2 Mar 1950, 1950-03 or 1950",
        0,
    )


def looks_like_month(word: str) -> bool:
    return word.casefold().rstrip(".,") in MONTHS
