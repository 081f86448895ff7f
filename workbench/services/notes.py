"""Notes: the draft a physician writes, its saved versions, and the diff between them."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from sqlalchemy import select

from workbench.security.audit import lock_chain, record_event
from workbench.security.roles import Actor, Permission
from workbench.services.errors import Conflict, InvalidInput, NoteLocked, NotFound, PermissionDenied
from workbench.store.database import Database
from workbench.store.models import Note, NoteStatus, NoteVersion, utcnow

# A clinic note longer than this is a pasted file or a runaway dictation, not a note.
MAX_NOTE_CHARS = 1_000_000
# Autosaves within this window of the previous autosave replace it instead of adding a
# version, so that history shows meaningful steps and not one row per pause in typing.
AUTOSAVE_COALESCE = dt.timedelta(minutes=2)
ORIGINS = ("manual", "autosave", "close", "dictation", "template")


@dataclass(frozen=True)
class NoteInfo:
    id: int
    encounter_id: int
    author_id: int
    status: NoteStatus
    text: str
    version: int
    updated_at: dt.datetime
    signed_at: dt.datetime | None

    @property
    def locked(self) -> bool:
        return self.status is not NoteStatus.DRAFT


@dataclass(frozen=True)
class VersionInfo:
    version: int
    origin: str
    saved_by_id: int
    saved_at: dt.datetime
    text: str


def _info(note: Note) -> NoteInfo:
    return NoteInfo(
        note.id,
        note.encounter_id,
        note.author_id,
        NoteStatus(note.status),
        note.text,
        note.version,
        note.updated_at,
        note.signed_at,
    )


def get_note(db: Database, actor: Actor, note_id: int) -> NoteInfo:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        note = session.get(Note, note_id)
        if note is None:
            raise NotFound(f"No note with id {note_id}.")
        return _info(note)


def save_note(
    db: Database, actor: Actor, note_id: int, text: str, base_version: int, origin: str = "manual"
) -> NoteInfo:
    """Save new text for a draft note.

    ``base_version`` is the version the editor started from; if the note moved on since
    (another window, another desktop), the save is refused rather than silently overwriting.
    """
    actor.require(Permission.EDIT_NOTE)
    if origin not in ORIGINS:
        raise InvalidInput(f"Unknown save origin {origin!r}.")
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInput(
            f"The note has {len(text):,} characters; the limit is {MAX_NOTE_CHARS:,}. "
            "Nothing was saved; shorten it or attach the material instead."
        )
    if "\x00" in text:
        raise InvalidInput("The note contains a NUL character; remove it and save again.")
    with db.session() as session:
        # The audit trail's lock first, as signing takes it, so that the two never deadlock.
        lock_chain(session)
        note = session.get(Note, note_id, with_for_update=True)
        if note is None:
            raise NotFound(f"No note with id {note_id}.")
        if note.author_id != actor.user_id:
            raise PermissionDenied(actor, Permission.EDIT_NOTE)
        if note.status != NoteStatus.DRAFT.value:
            raise NoteLocked("This note is signed and can no longer be changed. Add an addendum instead.")
        if note.version != base_version:
            raise Conflict(
                f"This note was changed elsewhere (now version {note.version}, you started from "
                f"{base_version}). Your text was not saved here; copy it, reload the note and merge."
            )
        if text == note.text:
            return _info(note)
        now = utcnow()
        previous = session.scalar(
            select(NoteVersion).where(NoteVersion.note_id == note.id, NoteVersion.version == note.version)
        )
        before = note.text
        # Every save moves the version on, so a second window or desktop saving from the same
        # base is refused above; an autosave shortly after the previous one takes over that
        # history row instead of adding another.
        note.version += 1
        if (
            origin == "autosave"
            and previous is not None
            and previous.origin == "autosave"
            and previous.saved_by_id == actor.user_id
            and now - previous.saved_at < AUTOSAVE_COALESCE
        ):
            previous.version = note.version
            previous.text = text
            previous.saved_at = now
        else:
            session.add(
                NoteVersion(
                    note_id=note.id,
                    version=note.version,
                    text=text,
                    origin=origin,
                    saved_by_id=actor.user_id,
                    saved_at=now,
                )
            )
        note.text = text
        note.updated_at = now
        record_event(
            session,
            actor,
            "note.saved",
            "note",
            note.id,
            before=before,
            after=text,
            detail={"version": note.version, "origin": origin},
        )
        return _info(note)


def note_versions(db: Database, actor: Actor, note_id: int) -> list[VersionInfo]:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        rows = session.scalars(
            select(NoteVersion).where(NoteVersion.note_id == note_id).order_by(NoteVersion.version)
        )
        return [VersionInfo(v.version, v.origin, v.saved_by_id, v.saved_at, v.text) for v in rows]


def diff_text(old: str, new: str, old_label: str = "before", new_label: str = "after") -> str:
    """A unified, line-based diff, as a person reads a change to a note."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), old_label, new_label, lineterm=""
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def word_count(text: str) -> int:
    return len(text.split())
