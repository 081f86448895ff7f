"""signing keys, signature scheme, audit hash chain and the triggers that lock signed records

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

The triggers (workbench/store/guards.py) make a signed note, its signatures, its addenda and the audit trail read-only for
anyone who reaches the database without going through the workbench (a stray SQL statement,
another program). They are defence in depth: the signatures and the audit hash chain still detect
a change made by someone who drops the triggers first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlalchemy as sa
from alembic import op

from workbench.store.guards import create_guards, drop_guards

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def _chain_existing_events() -> None:
    """Hash events written before the chain existed, so that an upgraded trail verifies.

    A frozen copy of the chain's v1 rule (workbench.security.audit.event_content and
    chain_hash): a migration must give the same result whatever the application becomes.
    """
    connection = op.get_bind()
    events = sa.table(
        "audit_events",
        sa.column("id", sa.Integer()),
        sa.column("occurred_at", sa.DateTime(timezone=True)),
        sa.column("actor_id", sa.Integer()),
        sa.column("actor_name", sa.String()),
        sa.column("action", sa.String()),
        sa.column("entity_type", sa.String()),
        sa.column("entity_id", sa.String()),
        sa.column("before_digest", sa.String()),
        sa.column("after_digest", sa.String()),
        sa.column("detail", sa.JSON()),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    rows = connection.execute(sa.select(events).order_by(events.c.id)).mappings().all()
    previous = "0" * 64
    for row in rows:
        occurred: dt.datetime = row["occurred_at"]
        if occurred.tzinfo is None:
            occurred = occurred.replace(tzinfo=dt.UTC)
        content = json.dumps(
            [
                "audit-v1",
                occurred.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                row["actor_id"],
                row["actor_name"],
                row["action"],
                row["entity_type"],
                row["entity_id"],
                row["before_digest"],
                row["after_digest"],
                row["detail"] or {},
            ],
            sort_keys=True,
            default=str,
        )
        digest = hashlib.sha256((previous + content).encode("utf-8")).hexdigest()
        connection.execute(
            events.update().where(events.c.id == row["id"]).values(prev_hash=previous, hash=digest)
        )
        previous = digest


def upgrade() -> None:
    op.create_table(
        "public_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("algorithm", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_reason", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_public_keys_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_keys")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_public_keys_fingerprint")),
    )
    with op.batch_alter_table("public_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_public_keys_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_fingerprint", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("private_key_encrypted", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("private_key_kdf", sa.JSON(), nullable=True))

    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scheme", sa.String(length=32), server_default="workbench-v1", nullable=False)
        )
        batch_op.add_column(sa.Column("covers", sa.JSON(), nullable=True))

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    _chain_existing_events()

    create_guards(op.get_bind())


def downgrade() -> None:
    drop_guards(op.get_bind())

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")

    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_column("covers")
        batch_op.drop_column("scheme")

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("private_key_kdf")
        batch_op.drop_column("private_key_encrypted")
        batch_op.drop_column("key_fingerprint")

    with op.batch_alter_table("public_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_keys_user_id"))

    op.drop_table("public_keys")
