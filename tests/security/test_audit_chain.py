"""The audit hash chain: every kind of tampering is found, and the report says where."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import Connection, Executable, insert, select, text
from sqlalchemy.exc import DBAPIError

from workbench.security.audit import GENESIS, chain_hash, event_content, record_event, utc_text, verify_chain
from workbench.security.roles import SYSTEM, Actor
from workbench.store.database import Database
from workbench.store.guards import create_guards, drop_guards
from workbench.store.models import AuditEvent, Role

ALICE = Actor(None, "alice", Role.PHYSICIAN)


def _events(db: Database, count: int) -> list[int]:
    ids = []
    for i in range(count):
        with db.session() as session:
            event = record_event(
                session,
                ALICE if i % 2 else SYSTEM,
                "test.happened",
                "note",
                i,
                before=f"text {i}",
                after={"n": i, "é": "ü"},
                detail={"i": i, "nested": {"b": [1, 2.5, None], "a": "Zoë"}},
            )
            ids.append(event.id)
    return ids


def _tamper(db: Database, *statements: str | Executable) -> None:
    """An attacker with database access: drops the guards, changes rows, puts the guards back."""
    with db.engine.begin() as connection:
        drop_guards(connection)
        for statement in statements:
            connection.execute(text(statement) if isinstance(statement, str) else statement)
        create_guards(connection)


def _copy_row(connection: Connection, event_id: int) -> dict[str, object]:
    return dict(
        connection.execute(select(AuditEvent.__table__).where(AuditEvent.id == event_id)).mappings().one()
    )


def test_an_untouched_chain_verifies(db: Database) -> None:
    ids = _events(db, 6)
    report = verify_chain(db)
    assert report.ok, report.problems
    assert report.events == 6
    with db.session() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert rows[0].prev_hash == GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    assert report.head == rows[-1].hash
    assert verify_chain(db, expected_head=rows[2].hash).ok  # an older recorded head is still in the trail
    assert [r.id for r in rows] == ids


def test_the_hash_covers_the_documented_content(db: Database) -> None:
    _events(db, 1)
    with db.session() as session:
        e = session.scalars(select(AuditEvent)).one()
    content = event_content(
        e.occurred_at,
        e.actor_id,
        e.actor_name,
        e.action,
        e.entity_type,
        e.entity_id,
        e.before_digest,
        e.after_digest,
        e.detail,
    )
    assert e.hash == chain_hash(GENESIS, content)
    assert json.loads(content)[1:5] == [utc_text(e.occurred_at), e.actor_id, e.actor_name, e.action]
    assert content == json.dumps(json.loads(content), sort_keys=True)


def test_the_database_refuses_edits_and_deletes(db: Database) -> None:
    _events(db, 2)
    for statement in ("UPDATE audit_events SET actor_name = 'mallory'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))
    if db.dialect == "postgresql":
        with pytest.raises(DBAPIError, match="never truncated"), db.engine.begin() as connection:
            connection.execute(text("TRUNCATE audit_events"))
    assert verify_chain(db).ok


def test_an_edited_event_is_found(db: Database) -> None:
    ids = _events(db, 5)
    _tamper(db, f"UPDATE audit_events SET actor_name = 'mallory' WHERE id = {ids[2]}")
    report = verify_chain(db)
    assert [(p.event_id, p.kind) for p in report.problems] == [(ids[2], "changed")]
    assert f"event #{ids[2]}" in report.problems[0].message


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(db: Database) -> None:
    ids = _events(db, 5)
    with db.engine.begin() as connection:
        row = _copy_row(connection, ids[2])
    content = event_content(
        row["occurred_at"],  # type: ignore[arg-type]
        row["actor_id"],  # type: ignore[arg-type]
        "mallory",
        row["action"],  # type: ignore[arg-type]
        row["entity_type"],  # type: ignore[arg-type]
        row["entity_id"],  # type: ignore[arg-type]
        row["before_digest"],  # type: ignore[arg-type]
        row["after_digest"],  # type: ignore[arg-type]
        row["detail"],  # type: ignore[arg-type]
    )
    forged = chain_hash(str(row["prev_hash"]), content)
    _tamper(db, f"UPDATE audit_events SET actor_name = 'mallory', hash = '{forged}' WHERE id = {ids[2]}")
    report = verify_chain(db)
    assert [(p.event_id, p.kind) for p in report.problems] == [(ids[3], "link")]


def test_a_deleted_event_is_found(db: Database) -> None:
    ids = _events(db, 5)
    _tamper(db, f"DELETE FROM audit_events WHERE id = {ids[2]}")
    report = verify_chain(db)
    assert [(p.event_id, p.kind) for p in report.problems] == [(ids[3], "link")]
    assert f"#{ids[2]}" in report.problems[0].message and "removed" in report.problems[0].message


def test_events_removed_from_the_end_are_found_against_a_recorded_head(db: Database) -> None:
    _events(db, 5)
    head = verify_chain(db).head
    with db.session() as session:
        last = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    _tamper(db, f"DELETE FROM audit_events WHERE id = {last}")
    assert verify_chain(db).ok  # a keyless chain alone cannot see a shortened end ...
    report = verify_chain(db, expected_head=head)  # ... a head recorded elsewhere can
    assert [p.kind for p in report.problems] == ["head"]


def test_an_appended_event_is_found(db: Database) -> None:
    ids = _events(db, 4)
    _tamper(
        db,
        insert(AuditEvent).values(
            id=ids[-1] + 10,
            occurred_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            actor_name="mallory",
            action="note.viewed",
            entity_type="note",
            detail={},
            prev_hash="1" * 64,
            hash="2" * 64,
        ),
    )
    report = verify_chain(db)
    assert {(p.event_id, p.kind) for p in report.problems} == {
        (ids[-1] + 10, "changed"),
        (ids[-1] + 10, "link"),
    }


def test_an_event_inserted_in_place_of_another_is_found(db: Database) -> None:
    """A forgery with a correct link and hash of its own still breaks its successor's link."""
    ids = _events(db, 5)
    with db.engine.begin() as connection:
        row = _copy_row(connection, ids[2])
    prev, occurred = str(row["prev_hash"]), row["occurred_at"]
    assert isinstance(occurred, dt.datetime)
    forged = chain_hash(
        prev, event_content(occurred, None, "mallory", "note.viewed", "note", None, None, None, {})
    )
    _tamper(
        db,
        f"DELETE FROM audit_events WHERE id = {ids[2]}",
        insert(AuditEvent).values(
            id=ids[2],
            occurred_at=occurred,
            actor_name="mallory",
            action="note.viewed",
            entity_type="note",
            detail={},
            prev_hash=prev,
            hash=forged,
        ),
    )
    report = verify_chain(db)
    assert [(p.event_id, p.kind) for p in report.problems] == [(ids[3], "link")]


def test_two_swapped_events_are_found(db: Database) -> None:
    ids = _events(db, 6)
    with db.engine.begin() as connection:
        a, b = _copy_row(connection, ids[1]), _copy_row(connection, ids[3])
    columns = [c for c in a if c != "id"]

    def assign(row: dict[str, object]) -> str:
        parts = []
        for c in columns:
            value = row[c]
            if value is None:
                parts.append(f"{c} = NULL")
            elif c == "occurred_at":
                parts.append(f"{c} = (SELECT occurred_at FROM audit_events WHERE id = {row['id']})")
            elif c == "detail":
                parts.append(f"{c} = (SELECT detail FROM audit_events WHERE id = {row['id']})")
            else:
                parts.append(f"{c} = '{value}'" if isinstance(value, str) else f"{c} = {value}")
        return ", ".join(parts)

    # Move the rows through a free id so that each UPDATE reads the other's original values.
    spare = ids[-1] + 100
    _tamper(
        db,
        f"INSERT INTO audit_events SELECT {spare}, occurred_at, actor_id, actor_name, action, entity_type, "
        f"entity_id, before_digest, after_digest, detail, prev_hash, hash FROM audit_events WHERE id = {ids[1]}",
        f"UPDATE audit_events SET {assign(b)} WHERE id = {ids[1]}",
        f"UPDATE audit_events SET {assign({**a, 'id': spare})} WHERE id = {ids[3]}",
        f"DELETE FROM audit_events WHERE id = {spare}",
    )
    report = verify_chain(db)
    broken = [p for p in report.problems if p.kind == "link"]
    assert {p.event_id for p in broken} >= {ids[1], ids[3]}
    assert any("reordered" in p.message for p in broken)
    assert not [p for p in report.problems if p.kind == "changed"]


def test_concurrent_appends_keep_one_chain(db: Database) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                with db.session() as session:
                    record_event(session, SYSTEM, "test.concurrent", "note", f"{n}-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = verify_chain(db)
    assert report.ok, report.problems
    assert report.events == 60
