"""patient search: case-insensitive name columns, phone digits, indexes for search and refresh

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

The search predicates (services.search) compare ``lower(name)``, ``lower(mrn)`` and the phone's
digits. They are generated columns, so every writer (ORM, bulk insert, another program) keeps
them right without knowing about them, and plain indexes on them are usable by both databases:
SQLite compares with its binary collation, PostgreSQL through ``text_pattern_ops`` (byte order
whatever the database's collation, which is what a prefix range needs). SQLite can add only VIRTUAL generated
columns to an existing table; PostgreSQL 12-17 only STORED ones. ``updated_at`` is indexed for
the search index's incremental refresh.
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

PHONE_DIGITS = "replace(replace(replace(replace(replace(replace(phone, '-', ''), ' ', ''), '(', ''), ')', ''), '.', ''), '+', '')"
COLUMNS = (
    ("family_lower", "VARCHAR(100)", "lower(family_name)"),
    ("given_lower", "VARCHAR(100)", "lower(given_name)"),
    ("phone_digits", "VARCHAR(40)", PHONE_DIGITS),
    ("mrn_lower", "VARCHAR(32)", "lower(mrn)"),
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    kind = "STORED" if postgres else "VIRTUAL"
    ops = " text_pattern_ops" if postgres else ""
    for name, type_, expression in COLUMNS:
        op.execute(
            f"ALTER TABLE patients ADD COLUMN {name} {type_} GENERATED ALWAYS AS ({expression}) {kind}"
        )
    for name, _, _ in COLUMNS:
        # The family index carries the given name too: SQLite walks it for results in name order.
        also = f", given_lower{ops}" if name == "family_lower" else ""
        op.execute(f"CREATE INDEX ix_patients_{name} ON patients ({name}{ops}{also})")
    op.create_index("ix_patients_updated_at", "patients", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_patients_updated_at", table_name="patients")
    for name, _, _ in COLUMNS:
        op.execute(f"DROP INDEX ix_patients_{name}")
    for name, _, _ in reversed(COLUMNS):
        op.execute(f"ALTER TABLE patients DROP COLUMN {name}")
