"""The engine, sessions and schema migrations for one database (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from workbench.errors import WorkbenchError

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(WorkbenchError):
    """The database cannot be used as it is; the message says what to do."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    _set_pragmas(cursor)
    cursor.close()


def _set_pragmas(cursor: Any) -> None:
    # WAL lets the UI read while a worker writes; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")


def _sqlcipher_module() -> Any:
    try:
        import sqlcipher3
    except ImportError:
        raise DatabaseError(
            "This database is encrypted, and SQLCipher (the sqlcipher3-binary package) is not "
            "installed. Reinstall the workbench (pip install -e .) on this computer."
        ) from None
    return sqlcipher3.dbapi2


def _keyed_pragmas(key: bytes) -> Any:
    # A raw 256-bit key (x'…'): SQLCipher then skips its own passphrase derivation, which the
    # installation key does not need.
    statement = f"PRAGMA key = \"x'{key.hex()}'\""

    def connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(statement)  # must come before anything reads the file
        _set_pragmas(cursor)
        cursor.close()

    return connect


def make_engine(url: str, key: bytes | None = None) -> Engine:
    """The engine; with ``key``, a SQLite database encrypted by SQLCipher (pages, WAL and all)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        if key is None:
            engine = create_engine(url, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, module=_sqlcipher_module(), connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _keyed_pragmas(key))
        return engine
    if key is not None:
        raise DatabaseError(
            "Encryption at rest with an installation key is for the SQLite database; a PostgreSQL "
            "server encrypts its own storage (use TLS: sslmode=verify-full)."
        )
    return create_engine(url, pool_pre_ping=True)


class Database:
    """One database: its engine, a session factory and its migrations."""

    def __init__(self, url: str, key: bytes | None = None) -> None:
        self.url = url
        self.encrypted = key is not None
        # Set by workbench.installation when the installation is encrypted: takes are then sealed.
        self.recordings_key: bytes | None = None
        self.engine = make_engine(url, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        # Alembic's ini interpolation treats % specially; URLs may contain %-escapes.
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return config

    def upgrade(self, revision: str = "head") -> None:
        config = self._alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def downgrade(self, revision: str) -> None:
        config = self._alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)

    def current_revision(self) -> str | None:
        try:
            with self.engine.connect() as connection:
                return MigrationContext.configure(connection).get_current_revision()
        except sqlalchemy.exc.DatabaseError as exc:
            if "file is not a database" not in str(exc):
                raise
            raise DatabaseError(self._unreadable()) from None

    def _unreadable(self) -> str:
        if self.encrypted:
            return (
                f"The database at {self.safe_url()} does not open with this installation's key: it was "
                "encrypted with another key, or it is not a workbench database. Restore the matching key "
                "(workbench keys restore BACKUP-FILE) or the matching database."
            )
        return (
            f"The database at {self.safe_url()} cannot be read: it is encrypted (and this installation "
            "has no key for it: restore keystore.json and the key, workbench keys restore BACKUP-FILE) "
            "or it is not a SQLite database."
        )

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def is_current(self) -> bool:
        return self.current_revision() == self.head_revision()

    def require_current(self) -> None:
        current = self.current_revision()
        if current is None:
            raise DatabaseError(
                f"No workbench database at {self.safe_url()}. "
                "Run 'workbench init' to create one (or 'workbench demo' for a demo)."
            )
        if current != self.head_revision():
            raise DatabaseError(
                f"The database at {self.safe_url()} is at schema {current}; this version "
                f"needs {self.head_revision()}. Back it up, then run 'workbench db upgrade'."
            )

    def safe_url(self) -> str:
        """The URL with any password hidden, for messages and logs."""
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
