"""Fixtures for the interface tests: real databases with real rows, made through the services."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from tests.conftest import make_actor
from workbench.config import Settings
from workbench.security.roles import SYSTEM, Actor
from workbench.services import encounters, patients
from workbench.services.encounters import EncounterInfo
from workbench.services.patients import PatientInfo
from workbench.store.database import Database
from workbench.store.models import Note, NoteStatus, Role, utcnow
from workbench.ui import i18n_build
from workbench.ui.app import Workbench
from workbench.ui.garbage import GarbageCollector
from workbench.ui.i18n import translations_dir
from workbench.ui.signing_view import suggestion_pool

PASSWORD = "correct horse battery"
# The offscreen platform says this for every shown window; it is noise, not a problem of ours.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def built_translations() -> None:
    """The .qm files, built from the .ts sources as `make translations` does."""
    i18n_build.build(translations_dir())


@pytest.fixture(scope="session", autouse=True)
def _garbage_on_the_ui_thread(qapp: QApplication) -> Iterator[GarbageCollector]:
    """As in the application, Python's collector never runs on a worker thread."""
    collector = GarbageCollector()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _settle_workers(qapp: QApplication, _garbage_on_the_ui_thread: GarbageCollector) -> Iterator[None]:
    """No worker may outlive its test (and touch a database that is gone)."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    suggestion_pool().waitForDone(60_000)
    QApplication.processEvents()
    _garbage_on_the_ui_thread.check()  # a test may never have run the event loop long enough


@dataclass(frozen=True)
class Clinic:
    db: Database
    physician: Actor
    coder: Actor
    auditor: Actor
    admin: Actor
    patients: list[PatientInfo]


def add_patient(db: Database, mrn: str, given: str, family: str) -> PatientInfo:
    return patients.create_patient(
        db, SYSTEM, mrn=mrn, given_name=given, family_name=family, date_of_birth=dt.date(1960, 5, 17), sex="F"
    )


@dataclass(frozen=True)
class ClinicTemplate:
    path: Path
    physician: Actor
    coder: Actor
    auditor: Actor
    admin: Actor
    patients: list[PatientInfo]


@pytest.fixture(scope="session")
def clinic_template(tmp_path_factory: pytest.TempPathFactory) -> ClinicTemplate:
    """Users and patients made once through the services (password hashing is slow by design)."""
    path = tmp_path_factory.mktemp("clinic") / "template.db"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    people = [
        add_patient(db, "00000101", "Lucia", "Alvarez"),
        add_patient(db, "00000102", "Tomas", "Berg"),
        add_patient(db, "00000103", "Amara", "Okafor"),
    ]
    template = ClinicTemplate(
        path,
        make_actor(db, Role.PHYSICIAN, "drwho"),
        make_actor(db, Role.CODER, "coder1"),
        make_actor(db, Role.AUDITOR, "auditor1"),
        make_actor(db, Role.ADMIN, "admin1"),
        people,
    )
    db.dispose()  # closing the last connection checkpoints the WAL into the file
    return template


@pytest.fixture
def clinic(clinic_template: ClinicTemplate, tmp_path: Path) -> Iterator[Clinic]:
    """A fresh copy of the template database for one test."""
    path = tmp_path / "clinic.db"
    shutil.copyfile(clinic_template.path, path)
    db = Database(f"sqlite:///{path}")
    db.upgrade()  # a no-op unless a migration was added since the template was made
    t = clinic_template
    yield Clinic(db, t.physician, t.coder, t.auditor, t.admin, t.patients)
    db.dispose()


def start(clinic: Clinic, patient: PatientInfo, reason: str = "check-up") -> EncounterInfo:
    return encounters.start_encounter(clinic.db, clinic.physician, patient.id, "office visit", reason)


def sign_directly(db: Database, note_id: int, status: NoteStatus = NoteStatus.SIGNED) -> None:
    """Mark a note signed in the store (the signing service belongs to another feature)."""
    with db.session() as session:
        session.execute(
            update(Note).where(Note.id == note_id).values(status=status.value, signed_at=utcnow())
        )


@pytest.fixture
def workbench_factory(qapp: QApplication) -> Iterator[list[Workbench]]:
    """Workbench controllers made in a test, undone afterwards (translators, palette, windows)."""
    made: list[Workbench] = []
    yield made
    for wb in made:
        if wb.main_window is not None:
            wb.main_window.close_open_windows()
            wb.main_window.deleteLater()
        wb.login.deleteLater()
        wb.language.apply("en")
        wb.theme.apply("light")
        wb.shut_down()
        wb.deleteLater()
    QApplication.processEvents()


def make_workbench(
    qapp: QApplication, made: list[Workbench], db: Database, settings: Settings | None = None
) -> Workbench:
    exits: list[int] = []
    wb = Workbench(qapp, settings or Settings(), database_url=db.url, exit_application=exits.append)
    made.append(wb)
    return wb
