"""Screenshots of every role's screens in the light and dark themes, for the documentation.

    python -m workbench.ui.screenshots OUTDIR

Seeds the demo installation in a temporary WORKBENCH_HOME (synthetic data only), codes a few of
its notes so that the coder's and auditor's screens have something to show, then opens each
screen at a fixed size and saves ``OUTDIR/<shot>-<theme>.png``. Times are shown in UTC so that
the pictures do not depend on the machine's time zone. ``take_screenshots`` is the seam the
tests use, with their own database and a short list of shots.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from workbench.security.roles import SYSTEM
from workbench.services.users import UserInfo
from workbench.store.database import Database
from workbench.store.models import NoteStatus, Role

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow

SIZE = QSize(1280, 800)
SHOTS = (
    "login",
    "physician",
    "note-editor",
    "coder",
    "coder-review",
    "auditor",
    "auditor-stats",
    "admin-transcription",
)
THEMES = ("light", "dark")
SECOND_CODER = ("bcoder", "Bruno Coder", "coder-demo-2")
REJECT_REASONS = ("not_documented", "wrong_specificity", "negated_ruled_out")


@dataclass(frozen=True)
class Cast:
    """Who appears in the pictures, and which notes the detail screens open."""

    physician: UserInfo
    coder: UserInfo
    auditor: UserInfo
    note_editor_encounter: int | None = None  # the physician's open note (its encounter id)
    review_note: int | None = None  # the note on the coder's review screen
    audited_note: int | None = None  # the note detailed on the auditor's screen
    admin: UserInfo | None = None


def settle(done: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Let the event loop and the workers run until ``done()`` (and the pool is idle)."""
    app = QApplication.instance()
    assert app is not None
    pool = QThreadPool.globalInstance()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if done() and pool.activeThreadCount() == 0:
            app.processEvents()
            return True
        time.sleep(0.02)
    return False


def cast_of(db: Database) -> Cast:
    """The first active user of each role (the demo has one each)."""
    from workbench.services import users

    by_role: dict[Role, UserInfo] = {}
    for user in users.list_users(db, SYSTEM):
        if user.active:
            by_role.setdefault(user.role, user)
    return Cast(
        by_role[Role.PHYSICIAN], by_role[Role.CODER], by_role[Role.AUDITOR], admin=by_role.get(Role.ADMIN)
    )


class Photographer:
    """Opens one screen at a time at the fixed size, in the current theme, and saves it."""

    def __init__(self, app: QApplication, db: Database, cast: Cast, outdir: Path) -> None:
        from workbench.ui.theme import ThemeController

        self.app = app
        self.db = db
        self.cast = cast
        self.outdir = outdir
        self.theme = ThemeController(app)

    def take(self, shots: Sequence[str], themes: Sequence[str]) -> list[Path]:
        saved: list[Path] = []
        original = self.app.palette()
        try:
            for scheme in themes:
                self.theme.apply(scheme)
                for shot in shots:
                    path = self.shoot(shot, scheme)
                    if path is not None:
                        saved.append(path)
        finally:
            self.app.setPalette(original)
        return saved

    def shoot(self, shot: str, scheme: str) -> Path | None:
        make = {
            "login": self._login,
            "physician": lambda: self._main_window(self.cast.physician),
            "note-editor": self._note_editor,
            "coder": lambda: self._main_window(self.cast.coder),
            "coder-review": self._coder_review,
            "auditor": self._auditor,
            "auditor-stats": self._auditor_stats,
            "admin-transcription": self._admin_transcription,
        }[shot]
        made = make()
        if made is None:
            return None
        widget, windows = made
        path = self.outdir / f"{shot}-{scheme}.png"
        widget.grab().save(str(path), "PNG")
        for window in windows:
            window.close()
            window.deleteLater()
        settle(lambda: True)
        return path

    def _show(self, widget: QWidget, size: QSize = SIZE) -> None:
        widget.resize(size)
        widget.show()

    def _login(self) -> tuple[QWidget, list[QWidget]]:
        from workbench.services.demo import DEMO_USERS
        from workbench.ui.login import LoginDialog

        dialog = LoginDialog()
        dialog.set_database(self.db)
        dialog.set_demo_users(DEMO_USERS)
        dialog.show()
        settle(lambda: not dialog.busy())
        return dialog, [dialog]

    def _open_main(self, user: UserInfo) -> MainWindow:
        from workbench.ui.main_window import MainWindow

        window = MainWindow(self.db, user)
        self._show(window)
        settle(lambda: not window.workspace.busy())
        return window

    def _main_window(self, user: UserInfo) -> tuple[QWidget, list[QWidget]]:
        window = self._open_main(user)
        return window, [window]

    def _note_editor(self) -> tuple[QWidget, list[QWidget]] | None:
        from workbench.ui.workspaces.physician import PhysicianWorkspace

        window = self._open_main(self.cast.physician)
        windows: list[QWidget] = [window]
        workspace = window.workspace
        assert isinstance(workspace, PhysicianWorkspace)
        wanted = self.cast.note_editor_encounter
        if not workspace.encounter_list.select_where(lambda e: wanted is None or e.id == wanted):
            return None
        encounter = workspace.encounter_list.current_record()
        editor = workspace.open_note(encounter)
        if editor is None:
            return None
        self._show(editor)
        settle(lambda: not workspace.busy() and not getattr(editor, "busy", lambda: False)())
        return editor, [editor, *windows]

    def _coder_review(self) -> tuple[QWidget, list[QWidget]] | None:
        if self.cast.review_note is None:
            return None
        try:
            from workbench.ui.coding_review import CodingReviewScreen  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            return None
        screen: QWidget = CodingReviewScreen(self.db, self.cast.coder.actor(), self.cast.review_note)
        self._show(screen)
        busy = getattr(screen, "busy", None)
        settle(lambda: not busy() if callable(busy) else True)
        return screen, [screen]

    def _auditor(self) -> tuple[QWidget, list[QWidget]]:
        from workbench.ui.workspaces.auditor import AuditorWorkspace

        window = self._open_main(self.cast.auditor)
        windows: list[QWidget] = [window]
        workspace = window.workspace
        assert isinstance(workspace, AuditorWorkspace)
        note_id = self.cast.audited_note
        if note_id is not None and workspace.note_list.select_where(lambda e: e.note_id == note_id):
            workspace.detail.show_note(note_id)
            settle(lambda: not workspace.busy())
        workspace.note_list.view.setFocus()
        return window, windows

    def _auditor_stats(self) -> tuple[QWidget, list[QWidget]]:
        from workbench.ui.workspaces.auditor import AuditorWorkspace

        window = self._open_main(self.cast.auditor)
        windows: list[QWidget] = [window]
        workspace = window.workspace
        assert isinstance(workspace, AuditorWorkspace)
        workspace.show_tab(1)
        settle(lambda: workspace.stats_view.stats is not None and not workspace.busy())
        return window, windows

    def _admin_transcription(self) -> tuple[QWidget, list[QWidget]] | None:
        from workbench.ui.workspaces.admin import AdminWorkspace

        if self.cast.admin is None:
            return None
        window = self._open_main(self.cast.admin)
        workspace = window.workspace
        assert isinstance(workspace, AdminWorkspace)
        workspace.tabs.setCurrentIndex(1)
        settle(lambda: not workspace.busy())
        return window, [window]


def take_screenshots(
    db: Database,
    cast: Cast,
    outdir: Path,
    shots: Sequence[str] = SHOTS,
    themes: Sequence[str] = THEMES,
) -> list[Path]:
    """Save the named shots in each theme into ``outdir``; returns the files written."""
    from workbench.ui.app import create_application

    app = create_application([sys.argv[0] if sys.argv else "workbench"])
    outdir.mkdir(parents=True, exist_ok=True)
    return Photographer(app, db, cast, outdir).take(shots, themes)


# ---- the demo, coded --------------------------------------------------------------------------


def code_demo(db: Database, log: Callable[[str], None] = print) -> Cast:
    """Suggestions for the signed demo notes, most of them coded by two coders, a few finalised.

    Loads the suggestion model (torch). Leaves one note uncoded for the coder's review screen.
    """
    from workbench.services import coding, coding_review, demo, encounters, users
    from workbench.services.coding_review import NoteReview

    cast = cast_of(db)
    coder1 = cast.coder.actor()
    coder2 = users.add_user(db, SYSTEM, SECOND_CODER[0], SECOND_CODER[1], Role.CODER, SECOND_CODER[2]).actor()
    passwords = {u.username: u.password for u in demo.DEMO_USERS} | {SECOND_CODER[0]: SECOND_CODER[2]}
    signed = sorted(
        (
            e
            for e in encounters.notes_with_status(
                db, cast.auditor.actor(), (NoteStatus.SIGNED, NoteStatus.AMENDED)
            )
            if e.note_id is not None
        ),
        key=lambda e: e.started_at,
    )
    note_ids = [e.note_id for e in signed if e.note_id is not None]
    log(f"computing suggestions for {len(note_ids)} signed notes (loads the model)")
    for note_id in note_ids:
        coding.suggestions_for_note(db, coder1, note_id)
    review_note = note_ids[1] if len(note_ids) > 1 else None
    coded = [n for n in note_ids if n != review_note][:6]
    for i, note_id in enumerate(coded):
        coder = coder1 if i % 3 != 2 else coder2
        review: NoteReview = coding_review.review_note(db, coder, note_id)
        for j, s in enumerate(review.suggestions):
            seconds = 6.0 + 3 * ((i + j) % 5)
            if s.confidence >= 0.5 or j == 0:
                coding_review.decide(db, coder, note_id, s.id, "accept", seconds_spent=seconds)
            else:
                reason = REJECT_REASONS[(i + j) % len(REJECT_REASONS)]
                coding_review.decide(db, coder, note_id, s.id, "reject", reason, seconds_spent=seconds)
        if i < 5 and coding_review.ready_to_finalise(db, coder, note_id):
            coding_review.finalise(db, coder, note_id, passwords[coder.username])
    audited = coded[0] if coded else None
    first = signed[0].id if signed else None
    return Cast(cast.physician, cast.coder, cast.auditor, first, review_note, audited, cast.admin)


def demo_database(home: Path) -> Database:
    """A fresh demo database under ``home`` (the demo's own WORKBENCH_HOME)."""
    from workbench.services import demo

    db = Database(f"sqlite:///{home / 'workbench.db'}")
    db.upgrade()
    demo.seed_demo(db)
    return db


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.ui.screenshots", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--shot", action="append", choices=SHOTS, help="only these shots (repeatable)")
    parser.add_argument("--theme", action="append", choices=THEMES, help="only these themes")
    args = parser.parse_args(argv)
    os.environ["TZ"] = "UTC"
    time.tzset()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="workbench-screenshots-") as home:
        os.environ["WORKBENCH_HOME"] = home
        print(f"seeding the demo in {home}")
        db = demo_database(Path(home))
        try:
            try:
                cast = code_demo(db)
            except Exception as exc:  # no model here: the coding screens show empty, the rest still do
                print(f"the demo could not be coded ({exc}); coding screens will be empty", file=sys.stderr)
                cast = cast_of(db)
            saved = take_screenshots(db, cast, args.outdir, args.shot or SHOTS, args.theme or THEMES)
        finally:
            db.dispose()
    for path in saved:
        print(f"  {path} ({path.stat().st_size // 1024} KB)")
    wanted = len(args.shot or SHOTS) * len(args.theme or THEMES)
    if len(saved) < wanted:
        print(f"{wanted - len(saved)} shots were not available (a screen not built yet).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
