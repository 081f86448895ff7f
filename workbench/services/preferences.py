"""A person's own preferences (dictation, transcription, …): sections of one JSON document on
the user's row, each read and written whole, every change audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from workbench.security.audit import record_event
from workbench.security.roles import Actor
from workbench.services.errors import NotFound
from workbench.store.database import Database
from workbench.store.models import User


def _user(session: Session, actor: Actor) -> User:
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None:
        raise NotFound("Your user account was not found; sign in again.")
    return user


def read_preference(db: Database, actor: Actor, key: str) -> Any:
    """The stored section, or None; callers turn damaged values into their defaults."""
    with db.session() as session:
        return (_user(session, actor).preferences or {}).get(key)


def write_preference(
    db: Database,
    actor: Actor,
    key: str,
    value: dict[str, Any],
    action: str,
    detail: dict[str, Any] | None = None,
) -> None:
    with db.session() as session:
        user = _user(session, actor)
        preferences = dict(user.preferences or {})
        before = preferences.get(key)
        preferences[key] = value
        user.preferences = preferences  # a new dict, so the JSON column is seen as changed
        record_event(session, actor, action, "user", user.id, before=before, after=value, detail=detail)
