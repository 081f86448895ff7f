"""The idle lock: a locked session accepts no action until the same person's password unlocks it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.conftest import make_actor
from workbench.services import notes
from workbench.services.errors import AuthenticationFailed
from workbench.services.work_session import SessionLocked, WorkSession
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Role

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


def test_idle_time_locks_and_the_password_unlocks(db: Database) -> None:
    physician = make_actor(db, Role.PHYSICIAN)
    clock = Clock()
    session = WorkSession(db, physician, idle_minutes=10, clock=clock)
    assert session.actor() == physician
    clock.advance(9)
    session.touch()  # activity resets the idle timer
    clock.advance(9)
    assert not session.is_locked()
    clock.advance(1)
    assert session.is_locked()
    with pytest.raises(SessionLocked, match=physician.username):
        notes.get_note(db, session.actor(), 1)
    session.touch()
    assert session.is_locked()  # activity does not unlock
    with pytest.raises(AuthenticationFailed):
        session.unlock("not the password")
    assert session.is_locked()
    session.unlock(PASSWORD)
    assert not session.is_locked() and session.actor() == physician
    with db.session() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-4:] == ["session.locked", "login.failed", "login.succeeded", "session.unlocked"]


def test_manual_lock_and_no_auto_lock_when_disabled(db: Database) -> None:
    coder = make_actor(db, Role.CODER)
    clock = Clock()
    session = WorkSession(db, coder, idle_minutes=0, clock=clock)
    clock.advance(60 * 24)
    assert session.actor() == coder
    session.lock()
    with pytest.raises(SessionLocked):
        session.actor()
    session.unlock(PASSWORD)
    assert session.actor() == coder
