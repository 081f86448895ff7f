from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.conftest import make_actor
from workbench.security.roles import SYSTEM, Actor, PermissionDenied
from workbench.services import users
from workbench.services.errors import AuthenticationFailed, Conflict, InvalidInput, LoginThrottled
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Role, User, utcnow


def test_add_and_authenticate(db: Database) -> None:
    users.add_user(db, SYSTEM, "DrAna", "Dr. Ana Ruiz", Role.PHYSICIAN, "a good password")
    info = users.authenticate(db, "drana", "a good password")
    assert (info.username, info.role, info.display_name) == ("drana", Role.PHYSICIAN, "Dr. Ana Ruiz")
    with db.session() as s:
        stored = s.scalars(select(User)).one()
        assert stored.password_hash.startswith("$argon2id$")
        assert "a good password" not in stored.password_hash
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[0] == "user.created"
    assert actions[-1] == "login.succeeded"


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("", "long enough"),
        ("Has Space", "long enough"),
        ("1abc", "long enough"),
        ("okname", "short"),
        ("okname", " padded password "),
    ],
)
def test_bad_usernames_and_passwords_are_refused(db: Database, username: str, password: str) -> None:
    with pytest.raises(InvalidInput):
        users.add_user(db, SYSTEM, username, "", Role.CODER, password)
    assert users.count_users(db) == 0


def test_duplicate_username(db: Database) -> None:
    users.add_user(db, SYSTEM, "coder", "", Role.CODER, "password one")
    with pytest.raises(Conflict):
        users.add_user(db, SYSTEM, "CODER", "", Role.CODER, "password two")


@pytest.mark.parametrize("role", [Role.PHYSICIAN, Role.CODER, Role.AUDITOR])
def test_only_administrators_manage_users(db: Database, role: Role) -> None:
    actor = make_actor(db, role)
    with pytest.raises(PermissionDenied, match="not allowed to manage users"):
        users.add_user(db, actor, "intruder", "", Role.ADMIN, "password one")
    with pytest.raises(PermissionDenied):
        users.list_users(db, actor)
    assert users.count_users(db) == 1


def test_failed_logins_are_counted_slowed_down_and_audited(db: Database) -> None:
    users.add_user(db, SYSTEM, "coder", "", Role.CODER, "right password")
    t0 = utcnow()
    for i in range(users.FREE_ATTEMPTS):
        with pytest.raises(AuthenticationFailed, match="wrong password"):
            users.authenticate(db, "coder", "wrong", now=t0 + dt.timedelta(seconds=i))
    # Now every attempt must wait, even with the right password.
    with pytest.raises(LoginThrottled) as throttled:
        users.authenticate(db, "coder", "right password", now=t0 + dt.timedelta(seconds=3))
    assert throttled.value.seconds >= 1
    later = t0 + dt.timedelta(seconds=2 + users.login_delay(users.FREE_ATTEMPTS) + 1)
    assert users.authenticate(db, "coder", "right password", now=later).username == "coder"
    with db.session() as s:
        assert s.scalars(select(User)).one().failed_logins == 0
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("login.failed") == 3
    assert "login.throttled" in actions


def test_login_delay_doubles_and_is_capped() -> None:
    delays = [users.login_delay(n) for n in range(0, 20)]
    assert delays[: users.FREE_ATTEMPTS] == [0] * users.FREE_ATTEMPTS
    assert delays[users.FREE_ATTEMPTS] == 2 and delays[users.FREE_ATTEMPTS + 1] == 4
    assert max(delays) == users.MAX_DELAY_S


def test_unknown_user_gets_the_same_message(db: Database) -> None:
    with pytest.raises(AuthenticationFailed, match="Unknown username or wrong password"):
        users.authenticate(db, "nobody", "whatever it is")


def test_change_password_needs_the_old_one(db: Database) -> None:
    actor: Actor = make_actor(db, Role.AUDITOR)
    with pytest.raises(AuthenticationFailed):
        users.change_password(db, actor, "not the old one", "brand new secret")
    users.change_password(db, actor, "correct horse battery", "brand new secret")
    assert users.authenticate(db, actor.username, "brand new secret").id == actor.user_id


def test_a_password_typed_as_username_is_not_kept_in_the_trail(db: Database) -> None:
    with pytest.raises(AuthenticationFailed):
        users.authenticate(db, "Secret-Password-123", "whatever it is")
    with db.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "login.failed")).one()
    assert event.actor_name == "(unknown)"
    assert "secret-password-123" not in str(event.detail).lower()
    assert len(event.detail["username_sha256"]) == 16


def test_parallel_wrong_passwords_are_all_counted(db: Database) -> None:
    from concurrent.futures import ThreadPoolExecutor

    users.add_user(db, SYSTEM, "target", "", Role.CODER, "right password")

    def attempt(_: int) -> str:
        try:
            users.authenticate(db, "target", "wrong guess")
        except LoginThrottled:
            return "throttled"
        except AuthenticationFailed:
            return "checked"
        return "signed in"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(attempt, range(6)))
    # Only the free attempts are checked at all; the rest must wait.
    assert outcomes.count("checked") == users.FREE_ATTEMPTS
    assert outcomes.count("throttled") == 6 - users.FREE_ATTEMPTS
    with db.session() as s:
        assert s.scalars(select(User)).one().failed_logins == users.FREE_ATTEMPTS
