"""Start-up and the flow between windows: sign in → workspace → sign out → sign in.

The sign-in window is painted first; the database (and the libraries it needs) opens right
after, off the UI thread. Nothing here imports torch, spaCy or the speech models.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workbench import APP_ID, APP_NAME, RESOURCES, __version__, config
from workbench.ui.garbage import GarbageCollector
from workbench.ui.i18n import LanguageController
from workbench.ui.login import LoginDialog
from workbench.ui.tasks import TaskRunner
from workbench.ui.theme import ThemeController

if TYPE_CHECKING:
    from workbench.services.demo import DemoUser
    from workbench.services.users import UserInfo
    from workbench.store.database import Database
    from workbench.ui.main_window import MainWindow
    from workbench.ui.session_lock import SessionLock

EXIT_DATABASE = 2


def open_database(url: str, passphrase: str | None = None) -> Database:
    """Open and check the database; runs on a worker thread while the sign-in window shows."""
    from workbench import installation

    db = installation.open_database(url, passphrase)
    try:
        db.require_current()
    except BaseException:
        db.dispose()
        raise
    return db


def warm_up(demo: bool) -> tuple[DemoUser, ...]:
    """Import what signing in and the workspaces need, before someone presses "Sign in"."""
    from workbench.services import users  # noqa: F401  (builds the password hasher)
    from workbench.ui import main_window  # noqa: F401

    if not demo:
        return ()
    from workbench.services.demo import DEMO_USERS

    return DEMO_USERS


def database_problem(error: Exception, url: str) -> str:
    """What to tell a person whose database cannot be used, including what to run."""
    from sqlalchemy.engine import make_url

    from workbench.errors import WorkbenchError
    from workbench.store.database import DatabaseError

    if isinstance(error, DatabaseError | WorkbenchError):
        return str(error)
    safe = make_url(url).render_as_string(hide_password=True)
    return (
        QCoreApplication.translate(
            "Workbench",
            "Cannot open the database at %1: %2\n\nCheck WORKBENCH_DATABASE_URL, or run 'workbench init' "
            "to create a database ('workbench db upgrade' to update an old one).",
        )
        .replace("%1", safe)
        .replace("%2", str(error).splitlines()[0] if str(error) else type(error).__name__)
    )


class Workbench(QObject):
    """The application's windows and the path between them."""

    database_ready = Signal()  # the database is open and signing in needs no more imports
    failed = Signal(str)  # the database cannot be used; the message says what to run

    def __init__(
        self,
        app: QApplication,
        settings: config.Settings,
        database_url: str | None = None,
        exit_application: Callable[[int], None] = QCoreApplication.exit,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.database_url = database_url or config.database_url()
        self.exit_application = exit_application
        self.exit_code = 0
        self.db: Database | None = None
        self.warmed_up = False
        self.main_window: MainWindow | None = None
        self.session_lock: SessionLock | None = None
        self.key_dialog: QWidget | None = None
        self.theme = ThemeController(app)
        self.language = LanguageController(app)
        self.theme.apply(settings.theme)
        self.language.apply(settings.language)
        self.runner = TaskRunner(self)
        self.login = LoginDialog()
        self.login.signed_in.connect(self.show_workspace)
        self.login.first_painted.connect(lambda: QTimer.singleShot(0, self.open_database))

    def start(self) -> None:
        self.login.show()

    def open_database(self, passphrase: str | None = None) -> None:
        if self.db is not None or self.runner.busy("database"):
            return
        url = self.database_url
        self.runner.submit(
            "database", lambda: open_database(url, passphrase), self._database_opened, self._database_failed
        )

    def ask_key_passphrase(self, problem: str = "") -> None:
        """The installation key is under the administrator passphrase: ask for it, then open."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        dialog = QInputDialog(self.login)
        dialog.setObjectName("keyPassphrase")
        dialog.setWindowTitle(self.tr("Encrypted database"))
        text = self.tr(
            "The database is encrypted under the administrator passphrase. Enter it to open the workbench."
        )
        dialog.setLabelText(f"{problem}\n\n{text}" if problem else text)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText(self.tr("Open"))
        dialog.textValueSelected.connect(self.open_database)
        dialog.rejected.connect(lambda: self.exit_application(EXIT_DATABASE))
        self.key_dialog = dialog
        dialog.open()

    def _database_opened(self, db: Database) -> None:
        self.db = db
        self.login.set_database(db)
        # After, not beside, the database: imports share one lock and one GIL, so running both
        # at once would only delay the "Sign in" button.
        demo = self.settings.demo
        self.runner.submit("warm-up", lambda: warm_up(demo), self._warmed_up, self._warm_up_failed)

    def _warmed_up(self, demo_users: tuple[DemoUser, ...]) -> None:
        self.warmed_up = True
        self.login.set_demo_users(demo_users)
        if self.db is not None:
            self.database_ready.emit()

    def _warm_up_failed(self, error: Exception) -> None:
        # Nothing is lost: the same imports happen again when someone signs in.
        print(f"workbench: warming up failed: {error}", file=sys.stderr)
        self._warmed_up(())

    def _database_failed(self, error: Exception) -> None:
        from workbench.security.installation_key import PassphraseRequired, WrongPassphrase

        if isinstance(error, PassphraseRequired | WrongPassphrase):
            self.ask_key_passphrase("" if isinstance(error, PassphraseRequired) else str(error))
            return
        message = database_problem(error, self.database_url)
        print(f"workbench: {message}", file=sys.stderr)
        self.exit_code = EXIT_DATABASE
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Coder Workbench cannot start"),
            message,
            QMessageBox.StandardButton.Close,
            self.login,
        )
        box.setObjectName("databaseProblem")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.finished.connect(lambda _result: self.exit_application(EXIT_DATABASE))
        self.failed.emit(message)
        box.open()

    def show_workspace(self, user: UserInfo) -> MainWindow:
        from workbench.services.work_session import WorkSession
        from workbench.ui.main_window import MainWindow
        from workbench.ui.session_lock import SessionLock

        assert self.db is not None
        window = MainWindow(self.db, user)
        window.sign_out_requested.connect(self.sign_out)
        window.settings_requested.connect(self.show_settings)
        self.main_window = window
        lock = SessionLock(
            WorkSession(self.db, user.actor(), self.settings.idle_lock_minutes),
            user.display_name,
            self._session_windows,
            self,
        )
        lock.sign_out_requested.connect(self._sign_out_from_lock)
        window.lock_requested.connect(lock.lock_now)
        self.session_lock = lock
        window.show()
        self.login.hide()
        return window

    def _session_windows(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self.login]

    def _sign_out_from_lock(self) -> None:
        lock = self.session_lock
        if lock is None:
            return
        lock.close_dialog()
        if not self.sign_out():
            # A note could not be saved: its window must stay open, so the session stays locked.
            lock.show_dialog(
                self.tr(
                    "A note window could not close (its text could not be saved, or dictation is still being transcribed), so you were not signed out. Unlock to deal with it."
                )
            )

    def sign_out(self) -> bool:
        window = self.main_window
        if window is None:
            return True
        # Show the sign-in first, so that closing the last main window does not quit.
        self.login.reset()
        self.login.show()
        if not window.close():
            self.login.hide()
            return False
        window.deleteLater()
        self.main_window = None
        if self.session_lock is not None:
            self.session_lock.stop()
            self.session_lock.deleteLater()
            self.session_lock = None
        return True

    def show_settings(self) -> None:
        from workbench.ui.settings_dialog import SettingsDialog

        window = self.main_window
        actor = window.user.actor() if window is not None else None
        dialog = SettingsDialog(self.settings, window, self.db, actor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self.apply_settings)
        dialog.open()

    def apply_settings(self, settings: config.Settings) -> None:
        # ``extra`` holds what services keep in the file (the site's transcription policy, changed
        # by an administrator meanwhile perhaps): the dialog's copy of it may be stale.
        settings = replace(settings, extra=config.load_settings().extra)
        config.save_settings(settings)
        self.settings = settings
        self.theme.apply(settings.theme)
        if self.session_lock is not None:
            self.session_lock.session.set_idle_minutes(settings.idle_lock_minutes)
        if settings.language != self.language.language:
            self.language.apply(settings.language)

    def shut_down(self) -> None:
        if self.session_lock is not None:
            self.session_lock.stop()
        if self.db is not None:
            self.db.dispose()


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv))
    # The application name is what screen readers list (the AT-SPI application name).
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setOrganizationDomain("coder-workbench.invalid")
    # The .desktop entry's name, so that Wayland and the panels show its icon for our windows.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(RESOURCES / "icons" / f"workbench-{size}.png"), QSize(size, size))
    return icon


def run_gui(argv: Sequence[str], on_first_paint: Callable[[], Any] | None = None) -> int:
    """Run the desktop application; the exit status is non-zero when the database is unusable."""
    app = create_application(argv)
    collector = GarbageCollector(app)
    workbench = Workbench(app, config.load_settings())
    if on_first_paint is not None:
        workbench.login.first_painted.connect(on_first_paint)
    workbench.start()
    status = app.exec()
    workbench.shut_down()
    collector.stop()
    return status or workbench.exit_code
