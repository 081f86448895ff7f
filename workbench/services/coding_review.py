"""The coder's work: a worklist of signed notes waiting for coding, one note's review, decisions.

A coder accepts, rejects (with a reason) or dismisses each stored suggestion, and adds codes the
engine missed. Decisions are appended, never edited: changing one's mind is a newer decision,
and the latest decision for a suggestion (or, for final codes, for a code) is the one that stands
(``signing.final_codes``). ``seconds_spent`` on a decision is the time since the coder's previous
decision on the note, so a note's coding time is the sum over its decisions.

Suggestions are the stored ``CodeSuggestion`` rows of the note's current version from the latest
computation (the suggestion service stores them). Those flagged negated, hypothetical, uncertain
or about a relative are "ruled out": listed apart, and finalising does not wait for them.

Once the coding is signed (``signing.finalise_coding``) nothing here changes it; the database
guards refuse edits and deletions, and this module refuses new decisions.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from workbench.security.audit import lock_chain, record_event
from workbench.security.roles import Actor, Permission, PermissionDenied
from workbench.services.errors import InvalidInput, NoteLocked, NotFound
from workbench.services.signing import CODING, AddendumInfo, SignatureInfo, final_codes, list_addenda
from workbench.store.database import Database
from workbench.store.models import (
    CodeSuggestion,
    CodingDecision,
    DecisionAction,
    Encounter,
    Note,
    NoteStatus,
    Patient,
    Signature,
    User,
)

# Shown suggestions under this confidence need a closer look (the engine's own review line).
LOW_CONFIDENCE = 0.5
REVIEW_FLAGS = ("needs_review", "excludes1_conflict")
RULED_OUT_FLAGS = frozenset({"negated", "hypothetical", "uncertain", "ruled_out"})
# Z80-Z84 are the family-history codes: a "family" flag on them is the point, not a ruling out.
_FAMILY_HISTORY_CODES = ("Z80", "Z81", "Z82", "Z83", "Z84")
MAX_REASON_TEXT = 2000
_ICD10CM_FORMAT = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


class RejectReason(enum.StrEnum):
    NOT_DOCUMENTED = "not_documented"
    NEGATED = "negated_ruled_out"
    WRONG_SPECIFICITY = "wrong_specificity"
    DUPLICATE = "duplicate"
    OTHER = "other"


_REASONS = frozenset(r.value for r in RejectReason)

REASON_LABELS: dict[RejectReason, str] = {
    RejectReason.NOT_DOCUMENTED: "Not documented",
    RejectReason.NEGATED: "Negated / ruled out",
    RejectReason.WRONG_SPECIFICITY: "Wrong specificity",
    RejectReason.DUPLICATE: "Duplicate",
    RejectReason.OTHER: "Other",
}


@dataclass(frozen=True)
class Evidence:
    start: int  # 0-based, into the note text
    end: int  # exclusive
    text: str


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    note_id: int
    suggestion_id: int | None
    code: str
    action: DecisionAction
    reason: RejectReason | None
    reason_text: str | None
    evidence: tuple[Evidence, ...]
    coder_id: int
    coder: str
    seconds_spent: float | None
    decided_at: dt.datetime


@dataclass(frozen=True)
class SuggestionReview:
    id: int
    rank: int
    code: str
    system: str
    title: str
    score: float
    confidence: float
    evidence: tuple[Evidence, ...]
    flags: tuple[str, ...]
    reason: str
    model_version: str
    decision: DecisionInfo | None  # the standing one

    @property
    def needs_review(self) -> bool:
        return needs_review(self.confidence, self.flags)

    @property
    def ruled_out(self) -> bool:
        return is_ruled_out(self.code, self.flags)

    @property
    def status(self) -> str:
        """'unreviewed', 'accept', 'reject' or 'dismiss' — what the span colours show."""
        return self.decision.action.value if self.decision else "unreviewed"


@dataclass(frozen=True)
class NoteReview:
    note_id: int
    encounter_id: int
    patient_name: str
    patient_mrn: str
    clinician: str
    encounter_type: str
    started_at: dt.datetime
    status: NoteStatus
    version: int
    signed_at: dt.datetime | None
    text: str
    addenda: tuple[AddendumInfo, ...]
    suggestions: tuple[SuggestionReview, ...]  # to decide, best first
    ruled_out: tuple[SuggestionReview, ...]  # negated, hypothetical, uncertain, a relative's
    decisions: tuple[DecisionInfo, ...]  # every decision, oldest first
    added: tuple[DecisionInfo, ...]  # manually added codes that stand
    final_codes: tuple[str, ...]
    coding_signed: bool
    seconds_spent: float

    @property
    def undecided(self) -> int:
        return sum(1 for s in self.suggestions if s.decision is None)

    @property
    def ready_to_finalise(self) -> bool:
        return not self.coding_signed and self.undecided == 0 and bool(self.decisions)


@dataclass(frozen=True)
class WorklistItem:
    note_id: int
    encounter_id: int
    patient_name: str
    patient_mrn: str
    clinician_id: int
    clinician: str
    encounter_type: str
    started_at: dt.datetime
    signed_at: dt.datetime | None
    status: NoteStatus
    suggestions: int
    decided: int
    needs_review: bool


@dataclass(frozen=True)
class Worklist:
    items: tuple[WorklistItem, ...]  # this page
    matching: int  # notes matching every filter
    waiting: int  # notes waiting for coding, no filter
    needs_review: int  # of the notes matching the clinician and date filters


def needs_review(confidence: float, flags: Iterable[str]) -> bool:
    return confidence < LOW_CONFIDENCE or any(f in REVIEW_FLAGS for f in flags)


def is_ruled_out(code: str, flags: Iterable[str]) -> bool:
    flags = set(flags)
    if flags & RULED_OUT_FLAGS:
        return True
    return "family" in flags and not code.upper().startswith(_FAMILY_HISTORY_CODES)


# ---- permissions and shared reads -------------------------------------------------------------


def _require_read(actor: Actor) -> None:
    if not (actor.can(Permission.CODE_NOTES) or actor.can(Permission.AUDIT)):
        raise PermissionDenied(actor, Permission.CODE_NOTES)


def _flag_names(flags: dict[str, object] | None) -> tuple[str, ...]:
    return tuple(k for k, v in sorted((flags or {}).items()) if v)


def _evidence(items: Sequence[object] | None) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for e in items or []:
        if isinstance(e, dict):
            out.append(Evidence(int(e["start"]), int(e["end"]), str(e.get("text", ""))))
    return tuple(out)


def _decision_info(d: CodingDecision, coder: str) -> DecisionInfo:
    return DecisionInfo(
        id=d.id,
        note_id=d.note_id,
        suggestion_id=d.suggestion_id,
        code=d.code,
        action=DecisionAction(d.action),
        reason=RejectReason(d.reason) if d.reason is not None and d.reason in _REASONS else None,
        reason_text=d.reason_text,
        evidence=_evidence(d.evidence),
        coder_id=d.coder_id,
        coder=coder,
        seconds_spent=d.seconds_spent,
        decided_at=d.decided_at,
    )


def _is_current(cs: type[CodeSuggestion]) -> ColumnElement[bool]:
    """A suggestion row of its note's current version with no later computation beside it."""
    newer = aliased(CodeSuggestion)
    return and_(
        cs.note_id == Note.id,
        cs.note_version == Note.version,
        cs.rank >= 0,
        ~exists().where(
            newer.note_id == cs.note_id,
            newer.note_version == cs.note_version,
            newer.id > cs.id,
            newer.model_version != cs.model_version,
        ),
    )


def current_suggestions(session: Session, note: Note) -> list[CodeSuggestion]:
    """The note's suggestions from the latest computation on its current version, best first."""
    model_version = session.scalar(
        select(CodeSuggestion.model_version)
        .where(CodeSuggestion.note_id == note.id, CodeSuggestion.note_version == note.version)
        .order_by(CodeSuggestion.id.desc())
        .limit(1)
    )
    if model_version is None:
        return []
    return list(
        session.scalars(
            select(CodeSuggestion)
            .where(
                CodeSuggestion.note_id == note.id,
                CodeSuggestion.note_version == note.version,
                CodeSuggestion.model_version == model_version,
                CodeSuggestion.rank >= 0,
            )
            .order_by(CodeSuggestion.rank, CodeSuggestion.id)
        )
    )


def _coding_signed(session: Session, note_id: int) -> bool:
    return (
        session.scalar(
            select(Signature.id)
            .where(Signature.entity_type == CODING, Signature.entity_id == note_id)
            .limit(1)
        )
        is not None
    )


def _decisions(session: Session, note_id: int) -> list[tuple[CodingDecision, str]]:
    rows = session.execute(
        select(CodingDecision, User.username)
        .join(User, User.id == CodingDecision.coder_id)
        .where(CodingDecision.note_id == note_id)
        .order_by(CodingDecision.decided_at, CodingDecision.id)
    ).all()
    return [(d, name) for d, name in rows]


def _standing_by_suggestion(decisions: Iterable[tuple[CodingDecision, str]]) -> dict[int, DecisionInfo]:
    standing: dict[int, DecisionInfo] = {}
    for d, name in decisions:  # oldest first, so the latest wins
        if d.suggestion_id is not None:
            standing[d.suggestion_id] = _decision_info(d, name)
    return standing


# ---- the worklist -----------------------------------------------------------------------------


def local_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min).astimezone().astimezone(dt.UTC)


def worklist(
    db: Database,
    actor: Actor,
    *,
    clinician_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    only_needs_review: bool = False,
    limit: int = 200,
    offset: int = 0,
    after: tuple[dt.datetime, int] | None = None,
) -> Worklist:
    """Signed or amended notes whose coding is not signed yet, oldest signature first.

    ``since``/``until`` are local days (inclusive) of the encounter. Pages with limit/offset so
    a view of thousands of notes loads lazily: the page's ids come first, then the details of
    those rows only. ``after`` (the last row's signed_at and note id) pages by position instead:
    when colleagues finalise notes meanwhile, an offset would skip rows; ``after`` does not.
    """
    _require_read(actor)
    if limit < 0 or offset < 0:
        raise InvalidInput("The worklist page needs a non-negative limit and offset.")
    cs = CodeSuggestion
    flagged = or_(
        cs.confidence < LOW_CONFIDENCE,
        *(cs.flags[flag].as_boolean() == true() for flag in REVIEW_FLAGS),
    )
    review_expr = exists().where(_is_current(cs), flagged)
    waiting = and_(
        Note.status.in_([NoteStatus.SIGNED.value, NoteStatus.AMENDED.value]),
        ~exists().where(Signature.entity_type == CODING, Signature.entity_id == Note.id),
    )
    filters: list[ColumnElement[bool]] = [waiting]
    if clinician_id is not None:
        filters.append(Encounter.clinician_id == clinician_id)
    if since is not None:
        filters.append(Encounter.started_at >= local_day_start(since))
    if until is not None:
        filters.append(Encounter.started_at < local_day_start(until + dt.timedelta(days=1)))
    base = select(Note.id).join(Encounter, Encounter.id == Note.encounter_id)

    def count(*where: ColumnElement[bool]) -> int:
        return int(session.scalar(select(func.count()).select_from(base.where(*where).subquery())) or 0)

    with db.session() as session:
        total_waiting = count(waiting)
        review_count = count(*filters, review_expr)
        if only_needs_review:
            filters.append(review_expr)
        matching = review_count if only_needs_review else count(*filters)
        paging = list(filters)
        if after is not None:
            signed_at, note_id = after
            paging.append(
                or_(Note.signed_at > signed_at, and_(Note.signed_at == signed_at, Note.id > note_id))
            )
        page = list(
            session.scalars(base.where(*paging).order_by(Note.signed_at, Note.id).limit(limit).offset(offset))
        )
        rows = session.execute(
            select(
                Note.id,
                Note.encounter_id,
                Note.status,
                Note.signed_at,
                Patient.given_name,
                Patient.family_name,
                Patient.mrn,
                Encounter.clinician_id,
                User.display_name,
                Encounter.encounter_type,
                Encounter.started_at,
            )
            .join(Encounter, Encounter.id == Note.encounter_id)
            .join(Patient, Patient.id == Encounter.patient_id)
            .join(User, User.id == Encounter.clinician_id)
            .where(Note.id.in_(page))
        ).all()
        versions = dict(session.execute(select(Note.id, Note.version).where(Note.id.in_(page))).all())
        by_note: dict[int, list[CodeSuggestion]] = {}
        for row in session.scalars(select(cs).where(cs.note_id.in_(page)).order_by(cs.id)):
            if row.note_version == versions[row.note_id]:
                by_note.setdefault(row.note_id, []).append(row)
        decided_ids = set(
            session.scalars(
                select(CodingDecision.suggestion_id).where(
                    CodingDecision.note_id.in_(page), CodingDecision.suggestion_id.is_not(None)
                )
            )
        )
        shown: dict[int, list[tuple[int, float, tuple[str, ...]]]] = {}
        for nid, computed in by_note.items():
            model_version = computed[-1].model_version  # ascending ids: the latest computation
            # What the coder decides: ruled-out mentions are listed apart and need no decision.
            shown[nid] = [
                (c.id, c.confidence, flags)
                for c in computed
                if c.model_version == model_version
                and c.rank >= 0
                and not is_ruled_out(c.code, flags := _flag_names(c.flags))
            ]
    details = {r.id: r for r in rows}
    items = tuple(
        WorklistItem(
            note_id=r.id,
            encounter_id=r.encounter_id,
            patient_name=f"{r.family_name}, {r.given_name}",
            patient_mrn=r.mrn,
            clinician_id=r.clinician_id,
            clinician=r.display_name,
            encounter_type=r.encounter_type,
            started_at=r.started_at,
            signed_at=r.signed_at,
            status=NoteStatus(r.status),
            suggestions=len(shown.get(r.id, [])),
            decided=sum(1 for sid, _, _ in shown.get(r.id, []) if sid in decided_ids),
            needs_review=any(needs_review(conf, flags) for _, conf, flags in shown.get(r.id, [])),
        )
        for r in (details[nid] for nid in page)
    )
    return Worklist(items, matching, total_waiting, review_count)


def worklist_clinicians(db: Database, actor: Actor) -> list[tuple[int, str]]:
    """(user id, name) of every clinician with a note waiting for coding: the worklist's filter."""
    _require_read(actor)
    waiting = and_(
        Note.status.in_([NoteStatus.SIGNED.value, NoteStatus.AMENDED.value]),
        ~exists().where(Signature.entity_type == CODING, Signature.entity_id == Note.id),
    )
    with db.session() as session:
        rows = session.execute(
            select(User.id, User.display_name)
            .where(
                exists()
                .where(Encounter.clinician_id == User.id, Note.encounter_id == Encounter.id)
                .where(waiting)
            )
            .order_by(User.display_name, User.id)
        ).all()
    return [(int(uid), str(name)) for uid, name in rows]


# ---- one note ---------------------------------------------------------------------------------


def _suggestion_review(row: CodeSuggestion, decision: DecisionInfo | None) -> SuggestionReview:
    return SuggestionReview(
        id=row.id,
        rank=row.rank,
        code=row.code,
        system=row.system,
        title=row.title,
        score=row.score,
        confidence=row.confidence,
        evidence=_evidence(row.evidence),
        flags=_flag_names(row.flags),
        reason=row.reason,
        model_version=row.model_version,
        decision=decision,
    )


def review_note(db: Database, actor: Actor, note_id: int, purpose: str = "coding") -> NoteReview:
    """Everything the coding screen shows for one note; opening it is audited (it shows PHI)."""
    _require_read(actor)
    with db.session() as session:
        row = session.execute(
            select(Note, Encounter, Patient, User.display_name)
            .join(Encounter, Encounter.id == Note.encounter_id)
            .join(Patient, Patient.id == Encounter.patient_id)
            .join(User, User.id == Encounter.clinician_id)
            .where(Note.id == note_id)
        ).first()
        if row is None:
            raise NotFound(f"No note with id {note_id}.")
        note, encounter, patient, clinician = row
        if note.status == NoteStatus.DRAFT.value:
            raise InvalidInput("This note is still a draft; it can be coded once the physician signs it.")
        decisions = _decisions(session, note_id)
        standing = _standing_by_suggestion(decisions)
        reviews = [_suggestion_review(s, standing.get(s.id)) for s in current_suggestions(session, note)]
        added_latest: dict[str, DecisionInfo] = {}
        for d, name in decisions:
            if d.suggestion_id is None:
                added_latest[d.code] = _decision_info(d, name)
        codes = tuple(final_codes(d for d, _ in decisions))
        review = NoteReview(
            note_id=note.id,
            encounter_id=encounter.id,
            patient_name=f"{patient.family_name}, {patient.given_name}",
            patient_mrn=patient.mrn,
            clinician=clinician,
            encounter_type=encounter.encounter_type,
            started_at=encounter.started_at,
            status=NoteStatus(note.status),
            version=note.version,
            signed_at=note.signed_at,
            text=note.text,
            addenda=(),
            suggestions=tuple(r for r in reviews if not r.ruled_out),
            ruled_out=tuple(r for r in reviews if r.ruled_out),
            decisions=tuple(_decision_info(d, name) for d, name in decisions),
            added=tuple(
                d
                for code, d in sorted(added_latest.items())
                if d.action is DecisionAction.ADD and code in codes
            ),
            final_codes=codes,
            coding_signed=_coding_signed(session, note_id),
            seconds_spent=sum(d.seconds_spent or 0.0 for d, _ in decisions),
        )
        record_event(
            session,
            actor,
            "note.viewed",
            "note",
            note_id,
            detail={"role": actor.role.value, "purpose": purpose},  # "audit" from the auditor's screen
        )
    addenda = tuple(list_addenda(db, actor, note_id))
    return replace(review, addenda=addenda)


def ready_to_finalise(db: Database, actor: Actor, note_id: int) -> bool:
    """True once every suggestion to decide has a decision and there is something to sign."""
    _require_read(actor)
    with db.session() as session:
        note = session.get(Note, note_id)
        if note is None:
            raise NotFound(f"No note with id {note_id}.")
        if note.status == NoteStatus.DRAFT.value or _coding_signed(session, note_id):
            return False
        decisions = _decisions(session, note_id)
        standing = _standing_by_suggestion(decisions)
        to_decide = [
            s
            for s in current_suggestions(session, note)
            if not is_ruled_out(s.code, _flag_names(s.flags)) and s.id not in standing
        ]
        return bool(decisions) and not to_decide


# ---- decisions --------------------------------------------------------------------------------


def _check_seconds(seconds_spent: float | None) -> float | None:
    if seconds_spent is None:
        return None
    if not math.isfinite(seconds_spent) or seconds_spent < 0:
        raise InvalidInput("The time spent must be a non-negative number of seconds.")
    return float(seconds_spent)


def _open_for_coding(session: Session, note_id: int) -> Note:
    """The note, locked for this transaction, after checking it may still be coded."""
    lock_chain(session)
    note = session.get(Note, note_id, with_for_update=True)
    if note is None:
        raise NotFound(f"No note with id {note_id}.")
    if note.status == NoteStatus.DRAFT.value:
        raise InvalidInput("This note is still a draft; it can be coded once the physician signs it.")
    if _coding_signed(session, note_id):
        raise NoteLocked("The coding of this note is signed and read-only; nothing was changed.")
    return note


def _record_decision(
    session: Session, actor: Actor, decision: CodingDecision, detail_extra: dict[str, object] | None = None
) -> DecisionInfo:
    session.add(decision)
    session.flush()
    info = _decision_info(decision, actor.username)
    record_event(
        session,
        actor,
        "coding.decided",
        "note",
        decision.note_id,
        after={
            "decision_id": decision.id,
            "suggestion_id": decision.suggestion_id,
            "code": decision.code,
            "action": decision.action,
            "reason": decision.reason,
            "reason_text": decision.reason_text,
            "evidence": decision.evidence,
        },
        detail={
            "decision_id": decision.id,
            "suggestion_id": decision.suggestion_id,
            "code": decision.code,
            "action": decision.action,
            "reason": decision.reason,
            "seconds_spent": decision.seconds_spent,
            **(detail_extra or {}),
        },
    )
    return info


def _reason_for(
    action: DecisionAction, reason: RejectReason | str | None, reason_text: str | None
) -> tuple[str | None, str | None]:
    text = (reason_text or "").strip() or None
    if text is not None and (len(text) > MAX_REASON_TEXT or "\x00" in text):
        raise InvalidInput(f"A reason holds at most {MAX_REASON_TEXT} characters; nothing was saved.")
    if action is DecisionAction.ACCEPT:
        if reason is not None:
            raise InvalidInput("An accepted code takes no rejection reason.")
        return None, text
    if reason is None:
        if action is DecisionAction.REJECT:
            raise InvalidInput(
                "Say why the code is rejected: " + ", ".join(REASON_LABELS.values()).lower() + "."
            )
        return None, text
    try:
        parsed = RejectReason(reason)
    except ValueError:
        raise InvalidInput(
            f"Unknown reason {reason!r}; choose one of {', '.join(r.value for r in RejectReason)}."
        ) from None
    if parsed is RejectReason.OTHER and text is None:
        raise InvalidInput("For the reason 'other', write the reason in a few words.")
    return parsed.value, text


def decide(
    db: Database,
    actor: Actor,
    note_id: int,
    suggestion_id: int,
    action: DecisionAction | str,
    reason: RejectReason | str | None = None,
    reason_text: str | None = None,
    seconds_spent: float | None = None,
) -> DecisionInfo:
    """Accept, reject (with a reason) or dismiss one suggestion; a later decision replaces it."""
    actor.require(Permission.CODE_NOTES)
    try:
        kind = DecisionAction(action)
    except ValueError:
        raise InvalidInput(f"Unknown action {action!r}; accept, reject or dismiss.") from None
    if kind is DecisionAction.ADD:
        raise InvalidInput("Codes are added with add_code, not as a decision on a suggestion.")
    stored_reason, text = _reason_for(kind, reason, reason_text)
    seconds = _check_seconds(seconds_spent)
    if actor.user_id is None:
        raise PermissionDenied(actor, Permission.CODE_NOTES)
    with db.session() as session:
        note = _open_for_coding(session, note_id)
        suggestion = session.get(CodeSuggestion, suggestion_id)
        if suggestion is None or suggestion.note_id != note_id or suggestion.rank < 0:
            raise NotFound(f"Note {note_id} has no suggestion {suggestion_id}.")
        if suggestion.id not in {s.id for s in current_suggestions(session, note)}:
            raise InvalidInput("This suggestion was replaced by a newer computation; reload the note.")
        decision = CodingDecision(
            note_id=note_id,
            suggestion_id=suggestion.id,
            code=suggestion.code,
            action=kind.value,
            reason=stored_reason,
            reason_text=text,
            evidence=list(suggestion.evidence or []),
            coder_id=actor.user_id,
            seconds_spent=seconds,
        )
        return _record_decision(session, actor, decision)


def _catalog_code(code: str) -> str:
    """The catalog's spelling of a billable ICD-10-CM code, or InvalidInput saying what is wrong."""
    wanted = code.strip().upper()
    if not wanted:
        raise InvalidInput("Type an ICD-10-CM code, such as E11.9.")
    from workbench.coding.catalog import CatalogMissing, load_catalog

    try:
        catalog = load_catalog()
    except CatalogMissing:
        # Without the catalog only the shape can be checked: letter, digit, character, then up
        # to four after the dot.
        if len(wanted) > 3 and "." not in wanted:
            wanted = f"{wanted[:3]}.{wanted[3:]}"
        if not _ICD10CM_FORMAT.match(wanted):
            raise InvalidInput(f"{code!r} is not an ICD-10-CM code (like E11.9).") from None
        return wanted
    canonical = catalog.canonical(wanted)
    if canonical is None:
        raise InvalidInput(f"{code!r} is not an ICD-10-CM code; search by title to find the right one.")
    if not catalog.is_billable(canonical):
        more = ", ".join(catalog.children(canonical)[:4])
        raise InvalidInput(
            f"{canonical} is a category, not a billable code; choose a more specific one"
            + (f" ({more}, …)." if more else ".")
        )
    return canonical


def _spans(text: str, evidence: Sequence[tuple[int, int]]) -> list[dict[str, object]]:
    bounds: list[tuple[int, int]] = []
    for span in evidence:
        start, end = int(span[0]), int(span[1])
        if not 0 <= start < end <= len(text):
            raise InvalidInput(
                f"The evidence span [{start}, {end}) is outside the note's text; select again."
            )
        bounds.append((start, end))
    return [{"start": a, "end": b, "text": text[a:b]} for a, b in sorted(set(bounds))]


def add_code(
    db: Database,
    actor: Actor,
    note_id: int,
    code: str,
    evidence: Sequence[tuple[int, int]] = (),
    seconds_spent: float | None = None,
) -> DecisionInfo:
    """Add a code the engine did not suggest, with the selected note text as its evidence."""
    actor.require(Permission.CODE_NOTES)
    if actor.user_id is None:
        raise PermissionDenied(actor, Permission.CODE_NOTES)
    seconds = _check_seconds(seconds_spent)
    canonical = _catalog_code(code)
    with db.session() as session:
        note = _open_for_coding(session, note_id)
        spans = _spans(note.text, evidence)
        for s in current_suggestions(session, note):
            if s.code == canonical:
                raise InvalidInput(f"{canonical} is already suggested; accept the suggestion instead.")
        if canonical in final_codes(d for d, _ in _decisions(session, note_id)):
            raise InvalidInput(f"{canonical} is already among this note's codes.")
        decision = CodingDecision(
            note_id=note_id,
            suggestion_id=None,
            code=canonical,
            action=DecisionAction.ADD.value,
            reason=None,
            reason_text=None,
            evidence=spans,
            coder_id=actor.user_id,
            seconds_spent=seconds,
        )
        return _record_decision(session, actor, decision)


def remove_added_code(
    db: Database, actor: Actor, note_id: int, code: str, seconds_spent: float | None = None
) -> DecisionInfo:
    """Take back a code the coder added (a newer 'reject' decision for it, so history stays)."""
    actor.require(Permission.CODE_NOTES)
    if actor.user_id is None:
        raise PermissionDenied(actor, Permission.CODE_NOTES)
    seconds = _check_seconds(seconds_spent)
    wanted = code.strip().upper()
    with db.session() as session:
        _open_for_coding(session, note_id)
        decisions = _decisions(session, note_id)
        added = [d for d, _ in decisions if d.suggestion_id is None and d.code == wanted]
        if not added or added[-1].action != DecisionAction.ADD.value:
            raise NotFound(f"{wanted} was not added to this note by hand.")
        decision = CodingDecision(
            note_id=note_id,
            suggestion_id=None,
            code=wanted,
            action=DecisionAction.REJECT.value,
            reason=None,
            reason_text="added code removed",
            evidence=list(added[-1].evidence or []),
            coder_id=actor.user_id,
            seconds_spent=seconds,
        )
        return _record_decision(session, actor, decision)


def dismiss(
    db: Database,
    actor: Actor,
    note_id: int,
    suggestion_ids: Iterable[int],
    reason_text: str | None = None,
    seconds_spent: float | None = None,
) -> list[DecisionInfo]:
    """Dismiss several undecided suggestions at once (a filter's result), in one transaction.

    Suggestions that already have a decision keep it. The time spent goes on the first decision,
    so the note's total stays right.
    """
    actor.require(Permission.CODE_NOTES)
    if actor.user_id is None:
        raise PermissionDenied(actor, Permission.CODE_NOTES)
    seconds = _check_seconds(seconds_spent)
    _, text = _reason_for(DecisionAction.DISMISS, None, reason_text)
    wanted = set(suggestion_ids)
    with db.session() as session:
        note = _open_for_coding(session, note_id)
        standing = _standing_by_suggestion(_decisions(session, note_id))
        known = {s.id: s for s in current_suggestions(session, note)}
        unknown = sorted(wanted - set(known))
        if unknown:
            raise NotFound(f"Note {note_id} has no suggestions {unknown}; reload it.")
        out: list[DecisionInfo] = []
        for sid in sorted(wanted, key=lambda i: (known[i].rank, i)):
            if sid in standing:
                continue
            s = known[sid]
            decision = CodingDecision(
                note_id=note_id,
                suggestion_id=s.id,
                code=s.code,
                action=DecisionAction.DISMISS.value,
                reason=None,
                reason_text=text,
                evidence=list(s.evidence or []),
                coder_id=actor.user_id,
                seconds_spent=seconds if not out else (0.0 if seconds is not None else None),
            )
            out.append(_record_decision(session, actor, decision, {"bulk": len(wanted)}))
        return out


def dismiss_below(
    db: Database, actor: Actor, note_id: int, confidence: float, seconds_spent: float | None = None
) -> list[DecisionInfo]:
    """Dismiss every undecided suggestion (ruled-out ones included) below a confidence."""
    actor.require(Permission.CODE_NOTES)
    if not 0.0 <= confidence <= 1.0:
        raise InvalidInput("The confidence is between 0 and 1.")
    with db.session() as session:
        note = session.get(Note, note_id)
        if note is None:
            raise NotFound(f"No note with id {note_id}.")
        ids = [s.id for s in current_suggestions(session, note) if s.confidence < confidence]
    return dismiss(db, actor, note_id, ids, f"confidence below {confidence:.2f}", seconds_spent)


def finalise(db: Database, actor: Actor, note_id: int, password: str) -> SignatureInfo:
    """Sign the coding once every suggestion is decided (signing.finalise_coding signs)."""
    from workbench.services.signing import finalise_coding

    actor.require(Permission.CODE_NOTES)
    if not ready_to_finalise(db, actor, note_id):
        raise InvalidInput(
            "Decide every suggestion (accept, reject or dismiss) before finalising; "
            "a note whose coding is signed cannot be finalised again."
        )
    return finalise_coding(db, actor, note_id, password)
