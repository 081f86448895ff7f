"""A signed-in person's working session, which locks itself after idle minutes.

The UI asks ``work_session.actor()`` before every service call (and calls ``touch()`` on user
input); once the session is locked, or idle past ``Settings.idle_lock_minutes``, ``actor()``
raises ``SessionLocked`` and nothing runs until ``unlock(password)`` succeeds. Unlocking goes
through ``users.authenticate``, so wrong passwords are throttled and audited like sign-ins. Only
the same person can unlock; anyone else signs out and in. ``idle_minutes = 0`` never auto-locks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workbench.errors import WorkbenchError
from workbench.security.audit import record_event
from workbench.security.roles import Actor
from workbench.services import users
from workbench.services.errors import AuthenticationFailed
from workbench.store.database import Database
from workbench.store.models import utcnow


class SessionLocked(WorkbenchError):
    def __init__(self, username: str) -> None:
        super().__init__(f"The workbench is locked. Enter the password of {username} to continue.")


class WorkSession:
    def __init__(
        self,
        db: Database,
        actor: Actor,
        idle_minutes: int = 15,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self._db = db
        self._actor = actor
        self._idle = dt.timedelta(minutes=idle_minutes) if idle_minutes > 0 else None
        self._clock = clock
        self._last_activity = clock()
        self._locked = False

    @property
    def username(self) -> str:
        return self._actor.username

    def set_idle_minutes(self, idle_minutes: int) -> None:
        """A changed setting applies from now on; the idle time so far still counts."""
        self._idle = dt.timedelta(minutes=idle_minutes) if idle_minutes > 0 else None

    def idle_limit(self) -> dt.timedelta | None:
        return self._idle

    def is_locked(self) -> bool:
        self._lock_if_idle()
        return self._locked

    def _lock_if_idle(self) -> None:
        if not self._locked and self._idle is not None and self._clock() - self._last_activity >= self._idle:
            self.lock("idle")

    def touch(self) -> None:
        """Record user activity (a key press, a click); a locked session stays locked."""
        self._lock_if_idle()
        if not self._locked:
            self._last_activity = self._clock()

    def actor(self) -> Actor:
        """The person acting, for a service call; refuses while locked."""
        self._lock_if_idle()
        if self._locked:
            raise SessionLocked(self._actor.username)
        self._last_activity = self._clock()
        return self._actor

    def lock(self, reason: str = "manual") -> None:
        if self._locked:
            return
        self._locked = True
        with self._db.session() as session:
            record_event(
                session, self._actor, "session.locked", "user", self._actor.user_id, detail={"reason": reason}
            )

    def unlock(self, password: str) -> None:
        """Unlock with the same person's password (throttled and audited by authenticate)."""
        if not self._locked:
            return
        user = users.authenticate(self._db, self._actor.username, password, now=self._clock())
        if user.id != self._actor.user_id:
            raise AuthenticationFailed("Only the person who locked the workbench can unlock it.")
        self._locked = False
        self._last_activity = self._clock()
        with self._db.session() as session:
            record_event(session, self._actor, "session.unlocked", "user", self._actor.user_id)
