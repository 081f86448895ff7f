"""Code suggestions for a note, stored with the note version and model version they came from.

`suggestions_for_note` returns the stored suggestions when the note's text (its version) and the
model are unchanged, and computes and stores them otherwise. Call it off the UI thread: the first
call loads the coding engine (catalog, medspaCy, model).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.security.audit import lock_chain, record_event
from workbench.security.roles import Actor, Permission
from workbench.services.errors import NotFound
from workbench.store.database import Database
from workbench.store.models import CodeSuggestion, Note

if TYPE_CHECKING:
    from workbench.coding.suggest import SuggestionEngine


@dataclass(frozen=True)
class StoredSuggestion:
    id: int
    note_id: int
    note_version: int
    rank: int
    code: str
    system: str
    title: str
    score: float
    confidence: float
    evidence: tuple[tuple[int, int, str], ...]
    flags: tuple[str, ...]
    reason: str
    model_version: str


def _info(row: CodeSuggestion) -> StoredSuggestion:
    return StoredSuggestion(
        id=row.id,
        note_id=row.note_id,
        note_version=row.note_version,
        rank=row.rank,
        code=row.code,
        system=row.system,
        title=row.title,
        score=row.score,
        confidence=row.confidence,
        evidence=tuple((int(e["start"]), int(e["end"]), str(e["text"])) for e in row.evidence),
        flags=tuple(k for k, v in sorted(row.flags.items()) if v),
        reason=row.reason,
        model_version=row.model_version,
    )


def _stored_rows(session: Session, note_id: int, version: int, model_version: str) -> list[CodeSuggestion]:
    return list(
        session.scalars(
            select(CodeSuggestion)
            .where(
                CodeSuggestion.note_id == note_id,
                CodeSuggestion.note_version == version,
                CodeSuggestion.model_version == model_version,
            )
            .order_by(CodeSuggestion.rank)
        )
    )


def suggestions_for_note(
    db: Database, actor: Actor, note_id: int, engine: SuggestionEngine | None = None
) -> list[StoredSuggestion]:
    """The suggestions a coder is shown for the note's current text, best first."""
    actor.require(Permission.VIEW_NOTES)
    if engine is None:
        from workbench.coding.suggest import load_engine

        engine = load_engine()
    with db.session() as session:
        note = session.get(Note, note_id)
        if note is None:
            raise NotFound(f"No note with id {note_id}.")
        text, version = note.text, note.version
        stored = _stored_rows(session, note_id, version, engine.model_version)
        if stored:  # computed before (a note with nothing to code has its marker row)
            return [_info(r) for r in stored if r.rank >= 0]

    result = engine.suggest(text)
    with db.session() as session:
        # The physician's desktop computes them after signing while a coder may open the note:
        # whoever comes second finds the first one's rows here and stores nothing twice.
        lock_chain(session)
        stored = _stored_rows(session, note_id, version, engine.model_version)
        if stored:
            return [_info(r) for r in stored if r.rank >= 0]
        rows = [
            CodeSuggestion(
                note_id=note_id,
                note_version=version,
                rank=rank,
                code=s.code,
                system=s.system,
                title=s.title[:400],
                score=s.score,
                confidence=s.confidence,
                evidence=[{"start": a, "end": b, "text": t} for a, b, t in s.evidence],
                flags={flag: True for flag in s.flags},
                reason=s.reason[:200],
                model_version=s.model_version[:64],
            )
            for rank, s in enumerate(result.suggestions)
        ]
        if not rows:
            # A marker row, so that a note with nothing to code is not recomputed at every look.
            rows = [
                CodeSuggestion(
                    note_id=note_id, note_version=version, rank=-1, code="", title="", score=0.0,
                    confidence=0.0, evidence=[], flags={}, reason="nothing to suggest",
                    model_version=engine.model_version[:64],
                )
            ]  # fmt: skip
        session.add_all(rows)
        session.flush()
        record_event(
            session,
            actor,
            "coding.suggestions_computed",
            "note",
            note_id,
            detail={
                "note_version": version,
                "model_version": engine.model_version,
                "codes": [s.code for s in result.suggestions],
            },
        )
        return [_info(r) for r in rows if r.rank >= 0]
