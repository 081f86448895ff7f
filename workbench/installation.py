"""This installation's database, opened with its key when the installation is encrypted.

SQLite databases of an installation with a keystore (``security.installation_key``) are
encrypted with SQLCipher; PostgreSQL deployments rely on the server's own storage encryption
and TLS, so their URL is opened as it is.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from workbench import config
from workbench.security import installation_key
from workbench.security.installation_key import Source
from workbench.store.database import Database


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_database(url: str | None = None, passphrase: str | None = None) -> Database:
    """The database at ``url`` (the configured one by default), keyed if the installation is encrypted.

    Raises ``PassphraseRequired`` when the key is under an administrator passphrase not given.
    """
    url = url or config.database_url()
    if not is_sqlite(url):
        return Database(url)
    master = installation_key.unlock(passphrase)
    return _keyed(url, master)


def _keyed(url: str, master: bytes | None) -> Database:
    if master is None:
        return Database(url)
    db = Database(url, installation_key.database_key(master))
    db.recordings_key = installation_key.recordings_key(master)
    return db


def create_database(
    url: str | None = None, encryption: Source | None = "keyring", passphrase: str | None = None
) -> Database:
    """A new installation's database: encrypted unless ``encryption`` is None or it is PostgreSQL.

    An existing database keeps what it has: it is opened (with its key, if it has one).
    """
    url = url or config.database_url()
    path = sqlite_file(url)
    fresh = path is not None and not path.exists() and installation_key.read_keystore() is None
    if fresh and encryption is not None:
        return _keyed(url, installation_key.create(encryption, passphrase))
    return open_database(url, passphrase)
