"""Database triggers that keep signed records and the audit trail read-only.

They refuse, inside the database itself, what the services never do: change a signed note's
content or identity, delete a note, an addendum, a signature, a public key or an audit event,
change an audit event or a signature, or change the coding of a note once the coder signed it.
They are defence in depth against a stray SQL statement or another program: someone who drops
the triggers first is still caught by signature and audit-chain verification.

SQLite caveat for later migrations: ``op.batch_alter_table`` rebuilds a table (copy, drop,
rename), which loses that table's triggers and fails on triggers of other tables that name it.
A migration that batch-alters one of the guarded tables must call ``drop_guards`` first and
``create_guards`` after; ``tests/store/test_migrations.py`` checks that head has every guard.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_NOTE_LOCKED = "a signed note is read-only; corrections are signed addenda"
_SIGNED_NOTE_CHANGED = (
    "OLD.status <> 'draft' AND ("
    "NEW.text IS NOT OLD.text OR NEW.id IS NOT OLD.id OR NEW.encounter_id IS NOT OLD.encounter_id"
    " OR NEW.author_id IS NOT OLD.author_id OR NEW.version IS NOT OLD.version"
    " OR NEW.signed_at IS NOT OLD.signed_at OR NEW.status = 'draft')"
)
_CODING_SIGNED = "EXISTS (SELECT 1 FROM signatures WHERE entity_type = 'coding' AND entity_id = OLD.note_id)"
_CODING_LOCKED = "the coding of this note is signed and read-only"
_KEY_CHANGED = (
    "NEW.public_key IS NOT OLD.public_key OR NEW.fingerprint IS NOT OLD.fingerprint"
    " OR NEW.user_id IS NOT OLD.user_id OR NEW.created_at IS NOT OLD.created_at"
)

# name, table, event, condition in SQLite's spelling (None: always refuse), message
GUARDS: tuple[tuple[str, str, str, str | None, str], ...] = (
    ("wb_notes_locked_update", "notes", "UPDATE", _SIGNED_NOTE_CHANGED, _NOTE_LOCKED),
    ("wb_notes_no_delete", "notes", "DELETE", None, "notes are never deleted"),
    ("wb_signatures_no_update", "signatures", "UPDATE", None, "signatures are read-only"),
    ("wb_signatures_no_delete", "signatures", "DELETE", None, "signatures are never deleted"),
    (
        "wb_addenda_locked_update",
        "addenda",
        "UPDATE",
        "OLD.signed_at IS NOT NULL",
        "a signed addendum is read-only",
    ),
    ("wb_addenda_no_delete", "addenda", "DELETE", None, "addenda are never deleted"),
    ("wb_audit_no_update", "audit_events", "UPDATE", None, "the audit trail is append-only"),
    ("wb_audit_no_delete", "audit_events", "DELETE", None, "the audit trail is append-only"),
    ("wb_public_keys_locked_update", "public_keys", "UPDATE", _KEY_CHANGED, "public keys are read-only"),
    ("wb_public_keys_no_delete", "public_keys", "DELETE", None, "public keys are never deleted"),
    ("wb_coding_locked_update", "coding_decisions", "UPDATE", _CODING_SIGNED, _CODING_LOCKED),
    ("wb_coding_locked_delete", "coding_decisions", "DELETE", _CODING_SIGNED, _CODING_LOCKED),
)
TRUNCATE_GUARDED = ("notes", "signatures", "addenda", "audit_events", "public_keys")
TRIGGER_NAMES = tuple(g[0] for g in GUARDS)


def _postgresql_condition(condition: str) -> str:
    return condition.replace("IS NOT OLD", "IS DISTINCT FROM OLD")


def guard_statements(dialect: str) -> list[str]:
    """The DDL that creates every guard on this dialect."""
    statements: list[str] = []
    if dialect == "sqlite":
        for name, table, event, condition, message in GUARDS:
            when = f" WHEN {condition}" if condition else ""
            statements.append(
                f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW{when} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
        return statements
    if dialect != "postgresql":
        raise ValueError(f"no guards written for {dialect}")
    for name, table, event, condition, message in GUARDS:
        test = _postgresql_condition(condition) if condition else "TRUE"
        statements.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF {test} THEN RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
        )
        statements.append(
            f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
    statements.append(
        "CREATE FUNCTION wb_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'signed records and the audit trail are never truncated' "
        "USING ERRCODE = 'restrict_violation'; END $$"
    )
    for table in TRUNCATE_GUARDED:
        statements.append(
            f"CREATE TRIGGER wb_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION wb_no_truncate()"
        )
    return statements


def drop_statements(dialect: str) -> list[str]:
    statements: list[str] = []
    for name, table, _event, _condition, _message in GUARDS:
        if dialect == "postgresql":
            statements.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            statements.append(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
    if dialect == "postgresql":
        statements.extend(
            f"DROP TRIGGER IF EXISTS wb_{table}_no_truncate ON {table}" for table in TRUNCATE_GUARDED
        )
        statements.append("DROP FUNCTION IF EXISTS wb_no_truncate()")
    return statements


def create_guards(connection: Connection) -> None:
    for statement in guard_statements(connection.dialect.name):
        connection.execute(text(statement))


def drop_guards(connection: Connection) -> None:
    for statement in drop_statements(connection.dialect.name):
        connection.execute(text(statement))


def installed_guards(connection: Connection) -> set[str]:
    """Names of the guard triggers present in the database (for checks and `workbench verify`)."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    else:
        rows = connection.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
    return {str(r[0]) for r in rows} & set(TRIGGER_NAMES)
