"""Accounts: creating users, signing in (with throttling), changing passwords."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.security import keys, passwords
from workbench.security.audit import digest, lock_chain, record_event
from workbench.security.roles import Actor, Permission
from workbench.services.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    LoginThrottled,
    NotFound,
)
from workbench.store.database import Database
from workbench.store.models import Role, User, utcnow

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
# Failed attempts allowed before each further attempt must wait, and the longest wait.
FREE_ATTEMPTS = 3
MAX_DELAY_S = 300
# A real hash to verify against when the username is unknown, so that timing does not tell
# whether an account exists.
_DECOY_HASH = passwords._hasher.hash("decoy password for unknown users")


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool

    def actor(self) -> Actor:
        return Actor(self.id, self.username, self.role, self.display_name)


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.display_name, Role(user.role), user.active)


def login_delay(failed_logins: int) -> int:
    """Seconds a person must wait after this many consecutive failures (doubling, capped)."""
    if failed_logins < FREE_ATTEMPTS:
        return 0
    return int(min(2 ** (failed_logins - FREE_ATTEMPTS + 1), MAX_DELAY_S))


def add_user(
    db: Database, actor: Actor, username: str, display_name: str, role: Role, password: str
) -> UserInfo:
    actor.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput(
            "A username is 2–64 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter."
        )
    display_name = display_name.strip() or username
    try:
        password_hash = passwords.hash_password(password)
    except passwords.WeakPasswordError as exc:
        raise InvalidInput(str(exc)) from exc
    with db.session() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise Conflict(f"A user named {username!r} already exists.")
        user = User(
            username=username,
            display_name=display_name,
            role=role.value,
            password_hash=password_hash,
            active=True,
            failed_logins=0,
            preferences={},
        )
        session.add(user)
        session.flush()
        record_event(
            session, actor, "user.created", "user", user.id, after={"username": username, "role": role.value}
        )
        keys.issue_key(session, actor, user, password, "account created")
        return _info(user)


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    actor.require(Permission.MANAGE_USERS)
    with db.session() as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.username))]


def count_users(db: Database, role: Role | None = None) -> int:
    with db.session() as session:
        query = select(func.count(User.id))
        if role is not None:
            query = query.where(User.role == role.value)
        return int(session.scalar(query) or 0)


def authenticate(db: Database, username: str, password: str, now: dt.datetime | None = None) -> UserInfo:
    """Check a password; count failures and make each further attempt wait longer.

    Failures are committed before the error is raised: the count and the audit event must
    survive the refusal.
    """
    now = now or utcnow()
    username = username.strip().lower()
    refusal: AuthenticationFailed | None = None
    with db.session() as session:
        # One password check at a time (the audit trail's lock, taken first everywhere): parallel
        # guesses must each see the failures counted before them, or the throttle is outrun.
        lock_chain(session)
        user = session.scalar(select(User).where(User.username == username).with_for_update())
        if user is None or not user.active:
            passwords.verify_password(_DECOY_HASH, password)
            _audit_login(session, None, username, "login.failed", {"reason": "unknown or inactive user"})
            refusal = AuthenticationFailed("Unknown username or wrong password.")
        else:
            refusal = _check_password(session, user, username, password, now)
            info = _info(user)
    if refusal is not None:
        raise refusal
    return info


def _check_password(
    session: Session, user: User, username: str, password: str, now: dt.datetime
) -> AuthenticationFailed | None:
    wait = login_delay(user.failed_logins)
    if wait and user.last_failed_login_at is not None:
        remaining = (user.last_failed_login_at + dt.timedelta(seconds=wait) - now).total_seconds()
        if remaining > 0:
            _audit_login(session, user, username, "login.throttled", {"wait_s": int(remaining) + 1})
            return LoginThrottled(int(remaining) + 1)
    if not passwords.verify_password(user.password_hash, password):
        user.failed_logins += 1
        user.last_failed_login_at = now
        _audit_login(session, user, username, "login.failed", {"failed_logins": user.failed_logins})
        return AuthenticationFailed("Unknown username or wrong password.")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.failed_logins = 0
    user.last_failed_login_at = None
    _audit_login(session, user, username, "login.succeeded", {})
    return None


def _audit_login(
    session: Session, user: User | None, username: str, action: str, detail: dict[str, object]
) -> None:
    if user is None:
        # What was typed may be a password in the wrong field: the append-only trail keeps only
        # a digest, enough to see repeated attempts at the same name.
        who = Actor(None, "(unknown)", Role.PHYSICIAN)
        detail = {**detail, "username_sha256": digest(username)[:16]}
    else:
        who = Actor(user.id, user.username, Role(user.role))
    record_event(session, who, action, "user", user.id if user else None, detail=detail)


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    if actor.user_id is None:
        raise NotFound("The system account has no password.")
    try:
        new_hash = passwords.hash_password(new_password)
    except passwords.WeakPasswordError as exc:
        raise InvalidInput(str(exc)) from exc
    with db.session() as session:
        user = session.get(User, actor.user_id)
        if user is None:
            raise NotFound("This account no longer exists.")
        if not passwords.verify_password(user.password_hash, old_password):
            raise AuthenticationFailed("The current password is wrong; the password was not changed.")
        user.password_hash = new_hash
        keys.reseal_for_new_password(session, actor, user, old_password, new_password)
        record_event(session, actor, "user.password_changed", "user", user.id)


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    actor.require(Permission.MANAGE_USERS)
    try:
        new_hash = passwords.hash_password(new_password)
    except passwords.WeakPasswordError as exc:
        raise InvalidInput(str(exc)) from exc
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None:
            raise NotFound(f"No user named {username!r}.")
        user.password_hash = new_hash
        user.failed_logins = 0
        user.last_failed_login_at = None
        # The old private key cannot be opened without the old password: a new pair replaces
        # it and the old public key stays for verifying earlier signatures (security.keys).
        keys.issue_key(session, actor, user, new_password, "password reset")
        record_event(session, actor, "user.password_reset", "user", user.id)
