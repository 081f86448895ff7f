"""The audit trail as auditors see it: its integrity, and the history of one encounter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select

from workbench.security.audit import ChainReport, verify_chain
from workbench.security.roles import Actor, Permission, PermissionDenied
from workbench.services.errors import NotFound
from workbench.store.database import Database
from workbench.store.models import Addendum, AuditEvent, Encounter, Note


@dataclass(frozen=True)
class EventInfo:
    id: int
    occurred_at: dt.datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str | None
    detail: dict[str, Any]


def _require_audit(actor: Actor) -> None:
    if not (actor.can(Permission.AUDIT) or actor.can(Permission.ADMINISTER)):
        raise PermissionDenied(actor, Permission.AUDIT)


def verify_audit_trail(db: Database, actor: Actor, expected_head: str | None = None) -> ChainReport:
    """Recompute the hash chain of every event; problems say which event and what broke."""
    _require_audit(actor)
    return verify_chain(db, expected_head=expected_head)


def encounter_history(db: Database, actor: Actor, encounter_id: int) -> list[EventInfo]:
    """Everything recorded about an encounter, its note and the note's addenda, oldest first."""
    _require_audit(actor)
    with db.session() as session:
        encounter = session.get(Encounter, encounter_id)
        if encounter is None:
            raise NotFound(f"No encounter with id {encounter_id}.")
        note_id = session.scalar(select(Note.id).where(Note.encounter_id == encounter_id))
        addenda = [str(a) for a in session.scalars(select(Addendum.id).where(Addendum.note_id == note_id))]
        conditions = [and_(AuditEvent.entity_type == "encounter", AuditEvent.entity_id == str(encounter_id))]
        if note_id is not None:
            conditions.append(and_(AuditEvent.entity_type == "note", AuditEvent.entity_id == str(note_id)))
        if addenda:
            conditions.append(and_(AuditEvent.entity_type == "addendum", AuditEvent.entity_id.in_(addenda)))
        rows = session.scalars(select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.id))
        return [
            EventInfo(e.id, e.occurred_at, e.actor_name, e.action, e.entity_type, e.entity_id, dict(e.detail))
            for e in rows
        ]
