"""Dictation: a physician's VAD settings, and takes kept in step with the recordings table.

A :class:`Dictation` owns one :class:`~workbench.audio.recorder.Recorder` and one
``recordings`` row: every state change of the take (started, paused, resumed, stopped,
recovered) updates the row and is audited in the same transaction. The audio itself lives
in the recordings folder, which the caller passes in: a WAV file, or — when the installation is
encrypted (``Database.recordings_key``, set by :mod:`workbench.installation`) — a sealed take
(:mod:`workbench.audio.take_file`). A take keeps the kind it was started with.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workbench.audio.capture import AudioSource
from workbench.audio.errors import AudioError, InvalidAudioFile
from workbench.audio.recorder import (
    Recorder,
    RecorderState,
    RecordingFailed,
    TakeProgress,
    TakeSummary,
    record,
)
from workbench.audio.take_file import ensure_free, inspect_take, is_sealed_take, sealed_take_name, take_sha256
from workbench.audio.vad import VadEvent, VadSettings
from workbench.audio.wavfile import TakeInUse, repair_wav
from workbench.security.audit import record_event
from workbench.security.roles import Actor, Permission
from workbench.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from workbench.services.preferences import read_preference, write_preference
from workbench.store.database import Database
from workbench.store.models import Encounter, Recording, User, utcnow

SAMPLE_RATE = 16000
PREFERENCE_KEY = "vad"


class RecordingStatus:
    RECORDING = "recording"
    PAUSED = "paused"
    STOPPED = "stopped"
    UNFINISHED = (RECORDING, PAUSED)


@dataclass(frozen=True)
class RecordingInfo:
    id: int
    encounter_id: int
    created_by_id: int
    path: Path
    sha256: str | None
    duration_s: float
    sample_rate: int
    vad_settings: VadSettings
    status: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


@dataclass(frozen=True)
class InterruptedTake:
    """A take left paused, or cut off by a crash, that can be resumed."""

    recording: RecordingInfo
    crashed: bool  # it was still recording when the application ended
    repaired: bool  # its file header had to be fixed


def _info(row: Recording) -> RecordingInfo:
    try:
        settings = VadSettings.from_dict(row.vad_settings)
    except AudioError:
        settings = VadSettings()
    return RecordingInfo(
        row.id,
        row.encounter_id,
        row.created_by_id,
        Path(row.path),
        row.sha256,
        row.duration_s,
        row.sample_rate,
        settings,
        row.status,
        row.created_at,
        row.finished_at,
    )


def recordings_key(db: Database) -> bytes | None:
    """The key new takes are sealed under; None when the installation is not encrypted."""
    return db.recordings_key


def _key_for(db: Database, path: Path) -> bytes | None:
    return recordings_key(db) if is_sealed_take(path) else None


def get_vad_settings(db: Database, actor: Actor) -> VadSettings:
    """The acting physician's settings; defaults when none (or damaged ones) are stored."""
    actor.require(Permission.DICTATE)
    stored = read_preference(db, actor, PREFERENCE_KEY)
    try:
        return VadSettings.from_dict(stored if isinstance(stored, dict) else None)
    except (AudioError, TypeError):
        return VadSettings()


def set_vad_settings(db: Database, actor: Actor, settings: VadSettings) -> VadSettings:
    actor.require(Permission.DICTATE)
    write_preference(
        db,
        actor,
        PREFERENCE_KEY,
        settings.to_dict(),
        "vad_settings.changed",
        detail={"vad": settings.to_dict()},
    )
    return settings


def list_recordings(db: Database, actor: Actor, encounter_id: int) -> list[RecordingInfo]:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        rows = session.scalars(
            select(Recording).where(Recording.encounter_id == encounter_id).order_by(Recording.id)
        )
        return [_info(r) for r in rows]


def get_recording(db: Database, actor: Actor, recording_id: int) -> RecordingInfo:
    actor.require(Permission.VIEW_NOTES)
    with db.session() as session:
        row = session.get(Recording, recording_id)
        if row is None:
            raise NotFound(f"No recording with id {recording_id}.")
        return _info(row)


def interrupted_takes(db: Database, actor: Actor, encounter_id: int | None = None) -> list[InterruptedTake]:
    """The acting physician's takes that never stopped, repaired and ready to resume.

    A take still marked "recording" was cut off (the application or the computer died): its
    WAV header is repaired from the file length, the row gets the duration actually on disk
    and becomes "paused". Takes whose file is not on this computer are left alone: they may
    belong to another desktop sharing the database.
    """
    actor.require(Permission.DICTATE)
    found: list[InterruptedTake] = []
    with db.session() as session:
        query = select(Recording).where(
            Recording.created_by_id == actor.user_id, Recording.status.in_(RecordingStatus.UNFINISHED)
        )
        if encounter_id is not None:
            query = query.where(Recording.encounter_id == encounter_id)
        for row in session.scalars(query.order_by(Recording.id)):
            path = Path(row.path)
            if not path.is_file():
                continue
            try:
                if is_sealed_take(path):
                    if recordings_key(db) is None:
                        continue  # sealed under a key this database was not opened with
                    # Sealed parts need no repair: a crashed part keeps what it had sealed.
                    ensure_free(path)
                    frames = inspect_take(path, recordings_key(db)).frames
                    declared = round(row.duration_s * row.sample_rate)
                    repaired, dropped = False, 0
                else:
                    report = repair_wav(path)
                    frames, declared = report.frames, report.frames_declared_before
                    repaired, dropped = report.changed, report.bytes_dropped
            except TakeInUse:
                continue  # still being recorded by another window of this user
            except InvalidAudioFile:
                continue  # not a take this version can continue; leave it for a person to look at
            crashed = row.status == RecordingStatus.RECORDING
            duration = frames / row.sample_rate
            if crashed or repaired or duration != row.duration_s:
                before = {"status": row.status, "duration_s": row.duration_s}
                row.status = RecordingStatus.PAUSED
                row.duration_s = duration
                record_event(
                    session,
                    actor,
                    "recording.recovered",
                    "recording",
                    row.id,
                    before=before,
                    after={"status": row.status, "duration_s": duration},
                    detail={
                        "crashed": crashed,
                        "frames_declared_before": declared,
                        "frames": frames,
                        "bytes_dropped": dropped,
                    },
                )
            found.append(InterruptedTake(_info(row), crashed, repaired))
    return found


def new_take_path(recordings_dir: Path, encounter_id: int, sealed: bool = False) -> Path:
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    stem = f"encounter-{encounter_id}-{stamp}-{uuid.uuid4().hex[:8]}"
    return Path(recordings_dir) / (sealed_take_name(stem) if sealed else f"{stem}.wav")


class Dictation:
    """One take of one physician for one encounter.

    Thread-safe like the recorder: a worker runs :meth:`run` while the UI calls
    :meth:`pause`, :meth:`resume` and :meth:`stop`.
    """

    def __init__(self, db: Database, actor: Actor, recording: RecordingInfo, recorder: Recorder) -> None:
        self.db = db
        self.actor = actor
        self.recording = recording
        self.recorder = recorder
        self._lock = threading.RLock()
        self._finished: RecordingInfo | None = None

    @property
    def state(self) -> RecorderState:
        return self.recorder.state

    @classmethod
    def start(
        cls,
        db: Database,
        actor: Actor,
        encounter_id: int,
        recordings_dir: Path,
        settings: VadSettings | None = None,
        listener: Callable[[VadEvent], None] | None = None,
    ) -> Dictation:
        """Open a new take (the acting physician's settings unless others are given)."""
        actor.require(Permission.DICTATE)
        settings = settings or get_vad_settings(db, actor)
        key = recordings_key(db)
        path = new_take_path(recordings_dir, encounter_id, sealed=key is not None)
        recorder = Recorder(settings, SAMPLE_RATE, listener=listener, key=key)
        try:
            info = cls._open_row(db, actor, encounter_id, recorder, path, settings)
        except BaseException:
            if recorder.state is RecorderState.RECORDING:
                # No row refers to the new file: remove it rather than leave an orphan.
                recorder.stop("not started")
                path.unlink(missing_ok=True)
            raise
        return cls(db, actor, info, recorder)

    @staticmethod
    def _open_row(
        db: Database, actor: Actor, encounter_id: int, recorder: Recorder, path: Path, settings: VadSettings
    ) -> RecordingInfo:
        with db.session() as session:
            encounter = session.get(Encounter, encounter_id)
            if encounter is None:
                raise NotFound(f"No encounter with id {encounter_id}.")
            if encounter.clinician_id != actor.user_id:
                raise PermissionDenied(actor, Permission.DICTATE)
            # The file first: if the folder is unwritable the transaction rolls back, no row.
            recorder.start(path)
            row = Recording(
                encounter_id=encounter_id,
                created_by_id=actor.user_id,
                path=str(path),
                sample_rate=SAMPLE_RATE,
                vad_settings=settings.to_dict(),
                status=RecordingStatus.RECORDING,
                duration_s=0.0,
            )
            session.add(row)
            session.flush()
            record_event(
                session,
                actor,
                "recording.started",
                "recording",
                row.id,
                detail={"encounter_id": encounter_id, "path": str(path), "vad": settings.to_dict()},
            )
            return _info(row)

    @classmethod
    def reopen(
        cls,
        db: Database,
        actor: Actor,
        recording_id: int,
        listener: Callable[[VadEvent], None] | None = None,
    ) -> Dictation:
        """Take up an interrupted or paused take; it is paused until :meth:`resume`."""
        actor.require(Permission.DICTATE)
        with db.session() as session:
            row = session.get(Recording, recording_id)
            if row is None:
                raise NotFound(f"No recording with id {recording_id}.")
            if row.created_by_id != actor.user_id:
                raise PermissionDenied(actor, Permission.DICTATE)
            if row.status not in RecordingStatus.UNFINISHED:
                raise Conflict(f"Recording {recording_id} is finished; start a new take instead.")
            info = _info(row)
        if not info.path.is_file():
            raise InvalidInput(
                f"The audio file of recording {recording_id} is not on this computer: {info.path}."
            )
        key = _key_for(db, info.path)
        if is_sealed_take(info.path) and key is None:
            raise InvalidInput(
                f"Recording {recording_id} is encrypted, and this database was opened without the "
                "installation key; open the workbench of the installation that recorded it."
            )
        recorder = Recorder(info.vad_settings, info.sample_rate, listener=listener, key=key)
        recorder.reopen(info.path)
        dictation = cls(db, actor, info, recorder)
        dictation._update("paused", RecordingStatus.PAUSED)
        return dictation

    def _update(
        self, action: str, status: str, summary: TakeSummary | None = None, **detail: Any
    ) -> RecordingInfo:
        with self.db.session() as session:
            row = session.get(Recording, self.recording.id)
            if row is None:
                raise NotFound(f"Recording {self.recording.id} was deleted.")
            before = {"status": row.status, "duration_s": row.duration_s, "sha256": row.sha256}
            row.status = status
            row.duration_s = summary.duration_s if summary else self.recorder.duration_s
            if summary is not None:
                row.sha256 = summary.sha256 or None
                row.finished_at = utcnow()
            record_event(
                session,
                self.actor,
                f"recording.{action}",
                "recording",
                row.id,
                before=before,
                after={"status": row.status, "duration_s": row.duration_s, "sha256": row.sha256},
                detail={"duration_s": row.duration_s, **detail},
            )
            self.recording = _info(row)
        return self.recording

    def pause(self) -> RecordingInfo:
        with self._lock:
            self.recorder.pause()
            return self._update("paused", RecordingStatus.PAUSED)

    def resume(self) -> RecordingInfo:
        with self._lock:
            self.recorder.resume()
            return self._update("resumed", RecordingStatus.RECORDING)

    def stop(self, reason: str = "stopped") -> RecordingInfo:
        with self._lock:
            if self._finished is not None:
                return self._finished
            summary = (
                self.recorder.summary if self.state is RecorderState.STOPPED else self.recorder.stop(reason)
            )
            assert summary is not None
            return self._finish(summary)

    def _finish(self, summary: TakeSummary) -> RecordingInfo:
        with self._lock:
            if self._finished is None:
                self._finished = self._update(
                    "stopped",
                    RecordingStatus.STOPPED,
                    summary,
                    reason=summary.stop_reason,
                    sha256=summary.sha256,
                )
            return self._finished

    def run(
        self,
        source: AudioSource,
        should_stop: Callable[[], bool] = lambda: False,
        on_progress: Callable[[TakeProgress], None] | None = None,
        release_on_pause: bool = False,
    ) -> RecordingInfo:
        """Record from ``source`` until stopped, auto-stopped or the source ends; then finish the row.

        With ``release_on_pause`` a pause also ends the run (and frees the microphone); the
        paused row is returned and a later :meth:`resume` + :meth:`run` continues the take.
        A failing disk stops the take: the row is finished with what is on disk and the
        :class:`RecordingFailed` error is raised for the caller to show.
        """
        try:
            summary = record(
                source, self.recorder, should_stop, on_progress, release_on_pause=release_on_pause
            )
        except RecordingFailed as exc:
            if exc.summary is not None:
                self._finish(exc.summary)
            raise
        if summary is None:
            return self.recording
        return self._finish(summary)

    @property
    def stop_reason(self) -> str | None:
        summary = self.recorder.summary
        return summary.stop_reason if summary else None


def verify_recording(db: Database, actor: Actor, recording_id: int) -> bool:
    """Does the take still hash to the digest stored when it was stopped?

    For a sealed take the digest is of its decrypted audio: parts that no longer decrypt
    (changed, or another key) do not verify.
    """
    info = get_recording(db, actor, recording_id)
    if info.sha256 is None or not info.path.is_file():
        return False
    try:
        return take_sha256(info.path, _key_for(db, info.path)) == info.sha256
    except InvalidAudioFile:
        return False


def dictating_clinician(db: Database, encounter_id: int) -> str:
    """The username of the encounter's clinician: who is asked to sign in to dictate into it."""
    with db.session() as session:
        username = session.scalar(
            select(User.username)
            .join(Encounter, Encounter.clinician_id == User.id)
            .where(Encounter.id == encounter_id)
        )
    if username is None:
        raise NotFound(f"No encounter with id {encounter_id}.")
    return username
