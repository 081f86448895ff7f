"""The one function every state change goes through, and the hash chain that makes it tamper-evident.

Each event stores ``prev_hash`` (the hash of the event before it, by id; 64 zeros for the first)
and ``hash = sha256(prev_hash + content)``, where ``content`` is the event's canonical form
(``event_content``): ``json.dumps([scheme, time, actor id, actor name, action, entity type,
entity id, before digest, after digest, detail], sort_keys=True)`` with Python's default
separators and ASCII escapes, UTF-8, the time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC. Editing,
deleting, inserting or reordering events breaks a hash or a link, and ``verify_chain`` says where.

What a keyless chain cannot show: someone with write access who recomputes every hash after
their change, or who removes events from the end. ``verify_chain(expected_head=...)`` checks the
chain against a head hash recorded elsewhere (``workbench audit verify`` prints it), which
closes both holes for everything up to that head.

Appends are serialised so that two transactions never chain onto the same event: PostgreSQL
takes a transaction-scoped advisory lock; SQLite takes its database write lock before reading
the last hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from workbench.security.roles import Actor
from workbench.store.database import Database
from workbench.store.models import AuditEvent, utcnow

GENESIS = "0" * 64
CHAIN_SCHEME = "audit-v1"
# Any constant works; this one spells "wbaudit" so that it is recognisable in pg_locks.
_PG_CHAIN_LOCK = 0x7762617564697400


def digest(value: Any) -> str:
    """SHA-256 of a value's canonical JSON form (sorted keys, UTF-8, no whitespace)."""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def utc_text(moment: dt.datetime) -> str:
    """The canonical spelling of a timestamp: UTC, microseconds, a Z."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_content(
    occurred_at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    entity_type: str,
    entity_id: str | None,
    before_digest: str | None,
    after_digest: str | None,
    detail: dict[str, Any] | None,
) -> str:
    """``json.dumps([scheme, time, actor id, actor, action, entity type, entity id, before, after,
    detail], sort_keys=True)`` with Python's default separators and ASCII escapes.

    Built in two parts because ``detail`` is stored as exactly that JSON text, which lets
    verification use the stored text as it is instead of parsing and re-serialising it.
    """
    return _content_head(
        occurred_at, actor_id, actor_name, action, entity_type, entity_id, before_digest, after_digest
    ) + (_detail_text(detail) + "]")


def _content_head(
    occurred_at: dt.datetime | str,
    actor_id: int | None,
    actor_name: str,
    action: str,
    entity_type: str,
    entity_id: str | None,
    before_digest: str | None,
    after_digest: str | None,
) -> str:
    """Everything before the detail: the JSON array's first nine items, then ", "."""
    when = occurred_at if isinstance(occurred_at, str) else utc_text(occurred_at)
    head = json.dumps(
        [
            CHAIN_SCHEME,
            when,
            actor_id,
            actor_name,
            action,
            entity_type,
            entity_id,
            before_digest,
            after_digest,
        ]
    )
    return head[:-1] + ", "


def _detail_text(detail: dict[str, Any] | None) -> str:
    return json.dumps(detail or {}, sort_keys=True, default=str)


def chain_hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def lock_chain(session: Session) -> None:
    """Hold the right to append to the trail until this transaction ends.

    Services that read, check and then change a record (signing) call it first: on SQLite it
    also takes the database write lock, so what they read cannot change before they write.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_CHAIN_LOCK})
    elif dialect == "sqlite":
        # A write statement (matching no row) makes the driver BEGIN and SQLite take its write
        # lock now, so the last hash read next cannot change before our insert commits.
        session.execute(text("UPDATE audit_events SET id = id WHERE 0"))


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
    # The stored JSON is what verification reads back; normalise first so both agree.
    # Sorted keys at every level make the stored JSON text equal _detail_text(detail).
    stored_detail: dict[str, Any] = json.loads(_detail_text(detail))
    session.flush()
    lock_chain(session)
    prev_hash = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS
    event = AuditEvent(
        occurred_at=utcnow(),
        actor_id=actor.user_id,
        actor_name=actor.username,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before_digest=None if before is None else digest(before),
        after_digest=None if after is None else digest(after),
        detail=stored_detail,
        prev_hash=prev_hash,
    )
    event.hash = chain_hash(
        prev_hash,
        event_content(
            event.occurred_at,
            event.actor_id,
            event.actor_name,
            event.action,
            event.entity_type,
            event.entity_id,
            event.before_digest,
            event.after_digest,
            event.detail,
        ),
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    position: int  # 1-based place in id order
    kind: str  # "changed", "link", "unchained", "head"
    message: str


@dataclass
class ChainReport:
    events: int = 0
    head: str = GENESIS
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_PAGE = 50_000
_COLUMNS = (
    "actor_id, actor_name, action, entity_type, entity_id, before_digest, after_digest, "
    "CAST(detail AS TEXT), prev_hash, hash FROM audit_events"
)
# PostgreSQL spells the canonical time itself: parsing a million timestamps in Python is slow.
_TIME = {
    "postgresql": "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
    "sqlite": "CASE WHEN length(occurred_at) = 26 THEN replace(occurred_at, ' ', 'T') || 'Z' ELSE occurred_at END",
}


def _rows(db: Database) -> Iterator[Any]:
    """Raw tuples from the driver's own cursor, a page at a time by id: a million rows through
    SQLAlchemy's result objects would cost more than verifying them."""
    select_ = f"SELECT id, {_TIME.get(db.dialect, 'occurred_at')}, {_COLUMNS}"
    after = -1
    with db.engine.connect() as connection:
        cursor = connection.connection.cursor()
        try:
            while True:
                # Both values are integers made here, so no driver-specific placeholders are needed.
                cursor.execute(f"{select_} WHERE id > {int(after)} ORDER BY id LIMIT {_PAGE}")
                page = cursor.fetchall()
                yield from page
                if len(page) < _PAGE:
                    return
                after = page[-1][0]
        finally:
            cursor.close()


def _stored_time(value: dt.datetime | str) -> str:
    """The canonical time text from what the driver returns (SQLite: UTC text; PostgreSQL: datetime)."""
    if isinstance(value, str):
        if len(value) == 27 and value[-1] == "Z":  # already canonical (PostgreSQL's to_char)
            return value
        if len(value) == 26 and value[10] == " ":  # how SQLAlchemy writes SQLite timestamps
            return value[:10] + "T" + value[11:] + "Z"
        return utc_text(dt.datetime.fromisoformat(value))
    return utc_text(value)


def _reparsed_event_hash(row: Any) -> str:
    """The same, after parsing the detail: for detail text a database or an older version re-spelled."""
    (_id, occurred, actor_id, actor_name, action, etype, eid, before, after, detail_text, prev, _stored) = row
    head = _content_head(_stored_time(occurred), actor_id, actor_name, action, etype, eid, before, after)
    try:
        detail = json.loads(detail_text) if detail_text else {}
    except ValueError:
        return ""
    return chain_hash(prev or "", head + _detail_text(detail) + "]")


def _explain_link(
    db: Database, event_id: int, prev_hash: str | None, previous: tuple[int, str] | None
) -> str:
    """Why an event's link does not match the event before it (looked up only on failure)."""
    with db.session() as session:
        referenced = (
            session.scalar(select(AuditEvent.id).where(AuditEvent.hash == prev_hash).limit(1))
            if prev_hash and prev_hash != GENESIS
            else None
        )
        follower = (
            session.scalar(select(AuditEvent.id).where(AuditEvent.prev_hash == previous[1]).limit(1))
            if previous
            else None
        )
    before = f"event #{previous[0]}" if previous else "the start of the trail"
    if referenced is not None and referenced > event_id:
        return (
            f"event #{event_id} should follow event #{referenced}, which now comes after it: "
            "events were reordered"
        )
    if prev_hash == GENESIS and previous is not None:
        return f"event #{event_id} claims to be the first event, but follows {before}: events were inserted"
    if referenced is None and follower is None and previous is not None and event_id > previous[0] + 1:
        gap = f"#{previous[0] + 1}" if event_id == previous[0] + 2 else f"#{previous[0] + 1}–#{event_id - 1}"
        return f"event #{event_id} does not follow {before}: event {gap} between them was removed"
    if referenced is None and follower is None and previous is not None:
        return (
            f"event #{event_id} does not follow {before}: an event between them was removed, "
            "or an event was inserted here"
        )
    if referenced is None:
        return f"the event that event #{event_id} follows is missing: an event before it was removed"
    if follower is None:
        return f"nothing legitimately follows {before}: event #{event_id} or one before it was inserted"
    return f"event #{event_id} does not follow {before}: the trail was edited around here"


def verify_chain(db: Database, expected_head: str | None = None, max_explained: int = 20) -> ChainReport:
    """Recompute every event's hash and link, in id order, and say where the chain breaks."""
    report = ChainReport()
    previous: tuple[int, str] | None = None
    previous_hash = GENESIS
    explained = 0
    encode = json.JSONEncoder().encode  # the same output as json.dumps with no options
    sha256 = hashlib.sha256
    scheme = CHAIN_SCHEME
    for row in _rows(db):
        report.events += 1
        (
            event_id,
            when,
            actor_id,
            actor_name,
            action,
            etype,
            eid,
            before,
            after,
            detail_text,
            prev,
            stored,
        ) = row
        if not (isinstance(when, str) and len(when) == 27 and when[-1] == "Z"):
            when = _stored_time(when)
        if stored is None:
            report.problems.append(
                ChainProblem(event_id, report.events, "unchained", f"event #{event_id} has no hash")
            )
        else:
            # event_content with the stored detail text as it is (inlined: this runs a million times).
            head = encode([scheme, when, actor_id, actor_name, action, etype, eid, before, after])
            content = f"{prev or ''}{head[:-1]}, {detail_text or '{}'}]"
            if sha256(content.encode("utf-8")).hexdigest() != stored and _reparsed_event_hash(row) != stored:
                report.problems.append(
                    ChainProblem(
                        event_id,
                        report.events,
                        "changed",
                        f"event #{event_id} ({action}) was changed after it was written",
                    )
                )
        if prev != previous_hash:
            if explained < max_explained:
                message = _explain_link(db, event_id, prev, previous)
                explained += 1
            else:
                message = f"event #{event_id} does not follow the event before it"
            report.problems.append(ChainProblem(event_id, report.events, "link", message))
        previous = (event_id, stored or "")
        previous_hash = stored or ""
    report.head = previous_hash if previous else GENESIS
    if expected_head is not None and expected_head not in (report.head,) and not _contains(db, expected_head):
        report.problems.append(
            ChainProblem(
                previous[0] if previous else 0,
                report.events,
                "head",
                f"the recorded head {expected_head[:12]}… is not in the trail: events at the end "
                "were removed or the whole trail was rewritten",
            )
        )
    return report


def _contains(db: Database, event_hash: str) -> bool:
    with db.session() as session:
        return session.scalar(select(AuditEvent.id).where(AuditEvent.hash == event_hash).limit(1)) is not None
