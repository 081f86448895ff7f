"""The patients' search columns: names folded by the database itself, so that every writer keeps
them right and both databases can index them.

``García``, ``GARCÍA`` and ``Garcia`` must meet in one indexed value. SQLite has no ``unaccent``
and its ``lower()`` folds ASCII only; PostgreSQL's ``unaccent`` is an extension a site may not be
allowed to install. So the column is ``lower(name)`` with the accented letters of Spanish names
(the workbench's second language), both cases, plus ç, à and è replaced by their base letter:
plain ``replace()`` calls, which both databases have and accept in generated columns. SQLite's
parser refuses much deeper nesting (29 calls in a column definition already overflow its stack),
so the list stays short; exact predicates compare other accented letters as written, while the
fuzzy search folds every letter (search/names.py). ``folded_value`` computes in Python what the
column holds, for the value a search compares with.
"""

from __future__ import annotations

ACCENTS = {
    "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n",
    "Á": "a", "É": "e", "Í": "i", "Ó": "o", "Ú": "u", "Ü": "u", "Ñ": "n",
    "ç": "c", "Ç": "c", "à": "a", "è": "e",
}  # fmt: skip
_TRANSLATION = str.maketrans(ACCENTS)


def folded_sql(column: str) -> str:
    """SQL for ``column`` lower-cased and without accents (the generated column's expression)."""
    expression = f"lower({column})"
    for accented, base in ACCENTS.items():
        expression = f"replace({expression}, '{accented}', '{base}')"
    return expression


def folded_value(text: str, dialect: str) -> str:
    """What ``folded_sql`` makes of ``text`` on ``dialect``.

    Letters outside the list are lower-cased as the database does it: PostgreSQL lower-cases
    every letter, SQLite's ``lower()`` only ASCII ones.
    """
    if dialect == "postgresql":
        return text.lower().translate(_TRANSLATION)
    return "".join(c.lower() if c.isascii() else c for c in text).translate(_TRANSLATION)
