"""Migrations: one head, models equal to the migrated schema, down and up again, guards present."""

from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table, insert, select

from workbench.store.database import Database
from workbench.store.guards import TRIGGER_NAMES, installed_guards
from workbench.store.models import AuditEvent, Base


def _differences(db: Database) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_there_is_exactly_one_head(sqlite_db: Database) -> None:
    heads = ScriptDirectory.from_config(sqlite_db._alembic_config()).get_heads()
    assert len(heads) == 1, f"several Alembic heads {heads}: merge them"


def test_models_match_the_migrated_schema(db: Database) -> None:
    assert db.is_current()
    assert _differences(db) == []


def test_head_has_every_guard_trigger(db: Database) -> None:
    with db.engine.connect() as connection:
        assert installed_guards(connection) == set(TRIGGER_NAMES)


def test_downgrade_to_base_and_upgrade_again(db: Database) -> None:
    db.downgrade("base")
    assert db.current_revision() is None
    db.upgrade()
    assert db.is_current()
    assert _differences(db) == []
    with db.engine.connect() as connection:
        assert installed_guards(connection) == set(TRIGGER_NAMES)


def test_events_written_before_the_chain_are_chained_on_upgrade(db: Database) -> None:
    from workbench.security.audit import verify_chain

    db.downgrade("0001")
    when = dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)
    # Written through a table limited to revision 0001's columns.
    old = Table(
        "audit_events",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("occurred_at", DateTime(timezone=True)),
        Column("actor_id", Integer),
        Column("actor_name", String),
        Column("action", String),
        Column("entity_type", String),
        Column("entity_id", String),
        Column("before_digest", String),
        Column("after_digest", String),
        Column("detail", JSON),
    )
    with db.engine.begin() as connection:
        connection.execute(
            insert(old),
            [
                {
                    "occurred_at": when + dt.timedelta(seconds=i),
                    "actor_id": None,
                    "actor_name": "system",
                    "action": "demo.seeded",
                    "entity_type": "patient",
                    "entity_id": str(i) if i else None,
                    "before_digest": None,
                    "after_digest": "ab" * 32 if i == 1 else None,
                    "detail": {"patients": i, "ñame": "Zoë"},
                }
                for i in range(3)
            ],
        )
    db.upgrade()
    with db.session() as session:
        assert all(h is not None for h in session.scalars(select(AuditEvent.hash)))
    report = verify_chain(db)
    assert report.ok, report.problems
    assert report.events == 3


def test_names_stored_before_0004_are_found_without_accents(db: Database) -> None:
    from sqlalchemy import text

    from workbench.store.models import Patient

    db.downgrade("0003")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO patients (mrn, given_name, family_name, date_of_birth, sex, created_at, "
                "updated_at) VALUES ('M1', 'ÍÑIGO', 'Núñez García', '1980-01-02', 'M', :now, :now)"
            ),
            {"now": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
        )
    db.upgrade()
    with db.session() as session:
        row = session.execute(select(Patient.given_folded, Patient.family_folded)).one()
    assert tuple(row) == ("inigo", "nunez garcia")
    db.downgrade("0003")  # and back: lower case only, as revision 0003 made it
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT family_lower FROM patients")).scalar() == "núñez garcía"


def test_revision_0004_builds_the_columns_the_models_describe() -> None:
    import importlib.util
    from pathlib import Path

    import workbench.store
    from workbench.store.search_columns import ACCENTS, folded_sql

    path = Path(workbench.store.__file__).parent / "migrations" / "versions" / "0004_accent_folded_names.py"
    spec = importlib.util.spec_from_file_location("revision_0004", path)
    assert spec is not None and spec.loader is not None
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    assert dict(revision.ACCENTS) == ACCENTS
    assert revision._folded("family_name") == folded_sql("family_name")
