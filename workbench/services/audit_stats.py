"""What an auditor measures about coding: per coder and overall, and a random sample to re-check.

Definitions (per note, then summed over notes — micro averages):

- a note belongs to the coder who signed its coding, or, before sign-off, to the coder of its
  latest decision;
- suggested codes S: the note's current suggestions to decide (ruled-out ones are listed apart
  and not counted); final codes F: ``signing.final_codes`` of its decisions;
- acceptance rate: suggestions whose standing decision is "accept" / suggestions decided;
- precision |S ∩ F| / |S|, recall |S ∩ F| / |F| (how well suggestions agree with final codes);
- most rejected codes and reasons: over suggestions whose standing decision is "reject";
- time per note: the sum of the decisions' ``seconds_spent`` (coding_review), mean and median.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, exists, select

from workbench.security.audit import record_event
from workbench.security.roles import Actor, Permission
from workbench.services.coding_review import is_ruled_out, local_day_start
from workbench.services.errors import InvalidInput
from workbench.services.signing import CODING, final_codes
from workbench.store.database import Database
from workbench.store.models import (
    CodeSuggestion,
    CodingDecision,
    DecisionAction,
    Encounter,
    Note,
    Signature,
    User,
)


@dataclass(frozen=True)
class CoderStats:
    coder_id: int | None  # None for the overall figures
    coder: str
    notes: int
    suggestions: int  # suggestions to decide on those notes
    decided: int
    accepted: int
    rejected: int
    dismissed: int
    added: int  # codes added by hand that stand
    acceptance_rate: float | None
    precision: float | None
    recall: float | None
    most_rejected: tuple[tuple[str, int], ...]  # (code, times), most first
    reject_reasons: tuple[tuple[str, int], ...]  # (reason, times), most first
    seconds_total: float
    mean_seconds_per_note: float | None
    median_seconds_per_note: float | None


@dataclass(frozen=True)
class CodingStats:
    overall: CoderStats
    coders: tuple[CoderStats, ...]  # by username


@dataclass(frozen=True)
class SampleItem:
    coder_id: int
    coder: str
    note_id: int
    encounter_id: int


@dataclass
class _NoteFacts:
    note_id: int
    encounter_id: int
    version: int
    coder_id: int = 0
    signed_by: int | None = None
    suggestions: list[CodeSuggestion] = field(default_factory=list)
    decisions: list[CodingDecision] = field(default_factory=list)


def _scope(since: dt.date | None, until: dt.date | None, finalised_only: bool) -> Select[int, int, int]:
    coded = exists().where(CodingDecision.note_id == Note.id)
    query = (
        select(Note.id, Note.encounter_id, Note.version)
        .join(Encounter, Encounter.id == Note.encounter_id)
        .where(coded)
    )
    if finalised_only:
        query = query.where(exists().where(Signature.entity_type == CODING, Signature.entity_id == Note.id))
    if since is not None:
        query = query.where(Encounter.started_at >= local_day_start(since))
    if until is not None:
        query = query.where(Encounter.started_at < local_day_start(until + dt.timedelta(days=1)))
    return query


def _load(
    db: Database, since: dt.date | None, until: dt.date | None, finalised_only: bool
) -> dict[int, _NoteFacts]:
    """Every note in scope with its decisions, current suggestions and coder, in four queries."""
    scope = _scope(since, until, finalised_only)
    ids = scope.with_only_columns(Note.id).scalar_subquery()
    with db.session() as session:
        facts = {nid: _NoteFacts(nid, eid, version) for nid, eid, version in session.execute(scope)}
        for d in session.scalars(
            select(CodingDecision)
            .where(CodingDecision.note_id.in_(ids))
            .order_by(CodingDecision.decided_at, CodingDecision.id)
        ):
            facts[d.note_id].decisions.append(d)
        rows = session.scalars(
            select(CodeSuggestion).where(CodeSuggestion.note_id.in_(ids)).order_by(CodeSuggestion.id)
        ).all()
        latest_model: dict[int, str] = {}
        for s in rows:  # ascending ids: the last computation on the current version wins
            if s.note_version == facts[s.note_id].version:
                latest_model[s.note_id] = s.model_version
        for s in rows:
            f = facts[s.note_id]
            current = s.note_version == f.version and s.model_version == latest_model[s.note_id]
            flags = (k for k, v in (s.flags or {}).items() if v)
            if current and s.rank >= 0 and not is_ruled_out(s.code, flags):
                f.suggestions.append(s)
        for entity_id, signer_id in session.execute(
            select(Signature.entity_id, Signature.signer_id)
            .where(Signature.entity_type == CODING, Signature.entity_id.in_(ids))
            .order_by(Signature.id)
        ):
            facts[entity_id].signed_by = signer_id
        session.expunge_all()
    for f in facts.values():
        f.coder_id = f.signed_by if f.signed_by is not None else f.decisions[-1].coder_id
    return facts


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _stats(coder_id: int | None, coder: str, notes: Sequence[_NoteFacts], top: int) -> CoderStats:
    suggested = decided = accepted = rejected = dismissed = added = hits = finals = 0
    rejected_codes: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    seconds: list[float] = []
    for f in notes:
        standing: dict[int, CodingDecision] = {}
        added_latest: dict[str, CodingDecision] = {}
        for d in f.decisions:
            if d.suggestion_id is not None:
                standing[d.suggestion_id] = d
            else:
                added_latest[d.code] = d
        final = set(final_codes(f.decisions))
        codes = {s.code for s in f.suggestions}
        suggested += len(codes)
        finals += len(final)
        hits += len(codes & final)
        added += sum(
            1 for code, d in added_latest.items() if d.action == DecisionAction.ADD.value and code in final
        )
        for s in f.suggestions:
            decision = standing.get(s.id)
            if decision is None:
                continue
            decided += 1
            if decision.action == DecisionAction.ACCEPT.value:
                accepted += 1
            elif decision.action == DecisionAction.REJECT.value:
                rejected += 1
                rejected_codes[s.code] += 1
                reasons[decision.reason or "unspecified"] += 1
            elif decision.action == DecisionAction.DISMISS.value:
                dismissed += 1
        seconds.append(sum(d.seconds_spent or 0.0 for d in f.decisions))

    def most(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top])

    return CoderStats(
        coder_id=coder_id,
        coder=coder,
        notes=len(notes),
        suggestions=sum(len(f.suggestions) for f in notes),
        decided=decided,
        accepted=accepted,
        rejected=rejected,
        dismissed=dismissed,
        added=added,
        acceptance_rate=_ratio(accepted, decided),
        precision=_ratio(hits, suggested),
        recall=_ratio(hits, finals),
        most_rejected=most(rejected_codes),
        reject_reasons=most(reasons),
        seconds_total=sum(seconds),
        mean_seconds_per_note=statistics.fmean(seconds) if seconds else None,
        median_seconds_per_note=statistics.median(seconds) if seconds else None,
    )


def _usernames(db: Database, ids: set[int]) -> dict[int, str]:
    with db.session() as session:
        rows = session.execute(select(User.id, User.username).where(User.id.in_(ids))).all()
        return {uid: name for uid, name in rows}


def coding_stats(
    db: Database,
    actor: Actor,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    finalised_only: bool = False,
    top: int = 5,
) -> CodingStats:
    """Per coder and overall coding figures over notes with decisions (encounter days inclusive)."""
    actor.require(Permission.AUDIT)
    if top < 1:
        raise InvalidInput("Ask for at least one most-rejected code.")
    facts = _load(db, since, until, finalised_only)
    by_coder: dict[int, list[_NoteFacts]] = defaultdict(list)
    for f in sorted(facts.values(), key=lambda f: f.note_id):
        by_coder[f.coder_id].append(f)
    names = _usernames(db, set(by_coder))
    coders = tuple(
        sorted(
            (_stats(cid, names.get(cid, "?"), notes, top) for cid, notes in by_coder.items()),
            key=lambda s: s.coder,
        )
    )
    overall = _stats(None, "all coders", [f for notes in by_coder.values() for f in notes], top)
    return CodingStats(overall, coders)


def audit_sample(
    db: Database,
    actor: Actor,
    per_coder: int,
    *,
    seed: int | None = None,
    finalised_only: bool = True,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> tuple[SampleItem, ...]:
    """A random sample of up to ``per_coder`` notes for each coder; the draw (seed included) is audited.

    The same seed over the same notes draws the same sample, so an audit can be repeated.
    """
    actor.require(Permission.AUDIT)
    if per_coder < 1:
        raise InvalidInput("Sample at least one note per coder.")
    chosen_seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(chosen_seed)
    facts = _load(db, since, until, finalised_only)
    by_coder: dict[int, list[_NoteFacts]] = defaultdict(list)
    for f in sorted(facts.values(), key=lambda f: f.note_id):
        by_coder[f.coder_id].append(f)
    names = _usernames(db, set(by_coder))
    sample: list[SampleItem] = []
    for cid in sorted(by_coder, key=lambda c: (names.get(c, "?"), c)):
        notes = by_coder[cid]
        for f in sorted(rng.sample(notes, min(per_coder, len(notes))), key=lambda f: f.note_id):
            sample.append(SampleItem(cid, names.get(cid, "?"), f.note_id, f.encounter_id))
    with db.session() as session:
        record_event(
            session,
            actor,
            "audit.sample_drawn",
            "coding",
            None,
            detail={
                "per_coder": per_coder,
                "seed": chosen_seed,
                "finalised_only": finalised_only,
                "note_ids": [s.note_id for s in sample],
            },
        )
    return tuple(sample)
