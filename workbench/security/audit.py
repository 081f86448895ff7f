"""The one function every state change goes through."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy.orm import Session

from workbench.security.roles import Actor
from workbench.store.models import AuditEvent


def digest(value: Any) -> str:
    """SHA-256 of a value's canonical JSON form (sorted keys, UTF-8, no whitespace)."""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_event(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: object | None = None,
    *,
    before: Any = None,
    after: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the caller's transaction, so it commits or rolls back with the change."""
    event = AuditEvent(
        actor_id=actor.user_id,
        actor_name=actor.username,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before_digest=None if before is None else digest(before),
        after_digest=None if after is None else digest(after),
        detail=detail or {},
    )
    session.add(event)
    return event
