"""``workbench --self-test``: does this installation's machinery work on this machine?

Headless and in a throw-away data directory, so it runs on a clinic desktop, in CI and inside the
packaged bundle without touching real data: a new SQLCipher-encrypted database is created and
migrated, the bundled sample dictation transcribes with the local engine, a sample note gets code
suggestions with evidence, and a note signs, locks and verifies. Each check prints one line; any
failure makes the exit status 1.
Qt is never imported: the point is to test a machine that may have no display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from workbench import RESOURCES

if TYPE_CHECKING:
    from workbench.security.roles import Actor
    from workbench.store.database import Database

# Beside resources/ and models/, both in a checkout and in the PyInstaller bundle (_internal/).
SAMPLE_WAV = RESOURCES / "self_test.wav"
# What espeak-ng says in the sample (see resources/ATTRIBUTION.md); Whisper writes "two" as "2".
SAMPLE_WORDS = ("patient", "diabetes", "hypertension")
DEFAULT_SPEECH_MODEL = "base"  # the model a new installation transcribes with
SAMPLE_NOTE = (
    "Subjective: 62-year-old with type 2 diabetes mellitus and essential hypertension. "
    "Denies chest pain.\n"
    "Assessment: Type 2 diabetes mellitus without complications. Essential hypertension.\n"
    "Plan: continue metformin and lisinopril.\n"
)
EXPECTED_CODES = ("E11.9", "I10")


class CheckFailed(Exception):
    """A check ran but the result is wrong; the message says what was expected."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        if self.ok:
            return f"ok    {self.name:<14} {self.detail}  {self.seconds:.1f} s"
        return f"FAIL  {self.name}: {self.detail}  {self.seconds:.1f} s"


class _Installation:
    """The throw-away installation the checks share: a database, a physician and a note."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.db: Database | None = None
        self.physician: Actor | None = None
        self.password = secrets.token_urlsafe(18)
        self.note_id: int | None = None

    def ready_db(self) -> Database:
        if self.db is None or self.physician is None:
            raise CheckFailed("needs the database, which failed above")
        return self.db


def check_database(inst: _Installation) -> str:
    from workbench import installation
    from workbench.security.roles import SYSTEM
    from workbench.services import users
    from workbench.store.models import Role

    # As a new installation is made: SQLCipher-encrypted, the key under a passphrase (the OS
    # keyring is left alone; a self-test must not leave entries in it).
    db = installation.create_database(
        f"sqlite:///{inst.home / 'workbench.db'}", encryption="passphrase", passphrase=inst.password
    )
    inst.db = db
    if not db.encrypted:
        raise CheckFailed("a new database was not encrypted")
    db.upgrade()
    if (inst.home / "workbench.db").read_bytes()[:16] == b"SQLite format 3\x00":
        raise CheckFailed("the database file is plain SQLite: SQLCipher did not encrypt it")
    if not db.is_current():
        raise CheckFailed(f"schema at {db.current_revision()} after migrating, expected {db.head_revision()}")
    user = users.add_user(db, SYSTEM, "selftest", "Self-test physician", Role.PHYSICIAN, inst.password)
    inst.physician = user.actor()
    return f"encrypted (SQLCipher) and migrated to schema {db.current_revision()}; account and signing key created"


def check_transcription(model: str, sample: Path) -> str:
    from workbench.services import transcription

    # As a physician's dictation is transcribed: shipped vocabulary prompt and post-correction.
    job = transcription.job(transcription.SiteTranscription(), engine="local", model=model, language="en")
    transcript = job.transcribe(sample)
    heard = transcript.text.lower()
    missing = [w for w in SAMPLE_WORDS if w not in heard]
    if missing:
        raise CheckFailed(f"expected {', '.join(missing)} in the transcript, heard {transcript.text!r}")
    return f"{transcript.model}: {transcript.text!r}"


def check_coding(inst: _Installation) -> str:
    from workbench.coding.suggest import load_engine
    from workbench.services import encounters, patients
    from workbench.services.coding import suggestions_for_note

    db, physician = inst.ready_db(), inst.physician
    assert physician is not None
    engine = load_engine()
    if engine.model is None:
        raise CheckFailed("the coding model (models/coder.pt) is missing; only lexical matching would run")
    if engine.similar is None:
        raise CheckFailed("the similar-case index (models/similar_cases.npz) is missing from the bundle")
    patient = patients.create_patient(
        db,
        physician,
        mrn="SELFTEST1",
        given_name="Sam",
        family_name="Sample",
        date_of_birth=dt.date(1964, 5, 1),
        sex="X",
    )
    encounter = encounters.start_encounter(db, physician, patient.id, note_text=SAMPLE_NOTE)
    note_id = encounter.note_id
    assert note_id is not None
    inst.note_id = note_id
    suggestions = {s.code: s for s in suggestions_for_note(db, physician, note_id, engine)}
    missing = [c for c in EXPECTED_CODES if c not in suggestions]
    if missing:
        raise CheckFailed(f"expected {', '.join(missing)} among the suggestions, got {sorted(suggestions)}")
    for code in EXPECTED_CODES:
        evidence = suggestions[code].evidence
        if not evidence:
            raise CheckFailed(f"{code} has no evidence span")
        for start, end, text in evidence:
            if SAMPLE_NOTE[start:end] != text:
                raise CheckFailed(f"{code}'s evidence [{start}, {end}) does not point at {text!r}")
    first = suggestions[EXPECTED_CODES[0]].evidence[0]
    return (
        f"{', '.join(EXPECTED_CODES)} with evidence (e.g. {first[2]!r} at {first[0]}–{first[1]}), "
        f"model {engine.model_version}"
    )


def check_signing(inst: _Installation) -> str:
    from workbench.security.roles import SYSTEM
    from workbench.services import notes, signing
    from workbench.services.audit_trail import verify_audit_trail
    from workbench.services.errors import NoteLocked

    db, physician = inst.ready_db(), inst.physician
    if inst.note_id is None or physician is None:
        raise CheckFailed("needs the sample note, which the coding check did not create")
    signature = signing.sign_note(db, physician, inst.note_id, inst.password)
    verification = signing.verify_note(db, SYSTEM, inst.note_id)
    if not verification.ok:
        raise CheckFailed("; ".join(verification.problems))
    note = notes.get_note(db, physician, inst.note_id)
    try:
        notes.save_note(db, physician, inst.note_id, note.text + "changed", note.version)
    except NoteLocked:
        pass
    else:
        raise CheckFailed("a signed note accepted a change")
    chain = verify_audit_trail(db, SYSTEM)
    if not chain.ok:
        raise CheckFailed(f"audit trail: {chain.problems[0].message}")
    return (
        f"Ed25519 signature over digest {signature.digest[:12]}… verified, note locked, "
        f"audit chain of {chain.events} events intact"
    )


@contextmanager
def _temporary_home() -> Iterator[Path]:
    """WORKBENCH_HOME pointed at a fresh directory, and no configured database, for the run."""
    saved = {key: os.environ.get(key) for key in ("WORKBENCH_HOME", "WORKBENCH_DATABASE_URL")}
    with tempfile.TemporaryDirectory(prefix="workbench-self-test-") as directory:
        os.environ["WORKBENCH_HOME"] = directory
        os.environ.pop("WORKBENCH_DATABASE_URL", None)
        try:
            yield Path(directory)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _timed(name: str, check: Callable[[], str]) -> CheckResult:
    started = time.perf_counter()
    try:
        detail, ok = check(), True
    except CheckFailed as exc:
        detail, ok = str(exc), False
    except Exception as exc:  # any crash is a failed check, reported, and the others still run
        detail, ok = f"{type(exc).__name__}: {exc}".strip(), False
    return CheckResult(name, ok, " ".join(detail.split()), time.perf_counter() - started)


def run_self_test(
    speech_model: str = DEFAULT_SPEECH_MODEL, sample: Path = SAMPLE_WAV, out: TextIO | None = None
) -> list[CheckResult]:
    """Run every check (later ones still run after a failure) and print a line for each."""
    stream = out or sys.stdout
    results: list[CheckResult] = []
    with _temporary_home() as home:
        inst = _Installation(home)
        checks: list[tuple[str, Callable[[], str]]] = [
            ("database", lambda: check_database(inst)),
            ("transcription", lambda: check_transcription(speech_model, sample)),
            ("coding", lambda: check_coding(inst)),
            ("signing", lambda: check_signing(inst)),
        ]
        try:
            for name, check in checks:
                result = _timed(name, check)
                results.append(result)
                print(result.line(), file=stream, flush=True)
        finally:
            if inst.db is not None:
                inst.db.dispose()  # Windows cannot delete an open database file
    return results


def cmd_self_test(args: argparse.Namespace) -> int:
    from workbench import __version__

    where = "bundle" if getattr(sys, "frozen", False) else "source"
    print(f"Coder Workbench {__version__} self-test ({where}, Python {sys.version.split()[0]})", flush=True)
    started = time.perf_counter()
    # The top-level --self-test flag has no options; the self-test command may name a model.
    results = run_self_test(getattr(args, "speech_model", None) or DEFAULT_SPEECH_MODEL)
    failed = [r.name for r in results if not r.ok]
    elapsed = time.perf_counter() - started
    if failed:
        print(f"{len(failed)} of {len(results)} checks failed: {', '.join(failed)}  ({elapsed:.1f} s)")
        return 1
    print(f"all {len(results)} checks passed  ({elapsed:.1f} s)")
    return 0


def add_commands(
    parser: argparse.ArgumentParser, sub: argparse._SubParsersAction[argparse.ArgumentParser]
) -> None:
    """``--self-test`` on the top level (what the bundle's CI runs) and a ``self-test`` command."""
    parser.add_argument(
        "--self-test",
        action="store_const",
        dest="handler",
        const=cmd_self_test,
        help="check this installation headless (database, transcription, coding, signing) and exit",
    )
    p = sub.add_parser(
        "self-test", help="check this installation headless: database, transcription, coding, signing"
    )
    p.add_argument(
        "--speech-model",
        metavar="NAME_OR_FOLDER",
        help=f"local speech model to test: base, tiny.en or a CTranslate2 folder (default: {DEFAULT_SPEECH_MODEL})",
    )
    p.set_defaults(handler=cmd_self_test)
