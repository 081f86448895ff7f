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
    return _keyed(url, installation_key.unlock(passphrase))


def _keyed(url: str, master: bytes | None) -> Database:
    if master is None:
        return Database(url)
    # PostgreSQL: the server keeps the database; this desktop's key still seals its recordings.
    db = Database(url, installation_key.database_key(master) if is_sqlite(url) else None)
    db.recordings_key = installation_key.recordings_key(master)
    return db


def create_key(source: Source, passphrase: str | None = None, url: str | None = None) -> bytes:
    """A key for a desktop of a PostgreSQL installation (its recordings), or for a SQLite
    installation not yet created; an existing unencrypted SQLite database could not be opened
    with a key, so it is refused."""
    url = url or config.database_url()
    path = sqlite_file(url)
    if path is not None and path.exists():
        raise installation_key.InstallationKeyError(
            f"{path} exists and is not encrypted: a key made now would not open it. Encryption is "
            "chosen when an installation is created (workbench init)."
        )
    return installation_key.create(source, passphrase)


def create_database(
    url: str | None = None, encryption: Source | None = "keyring", passphrase: str | None = None
) -> Database:
    """A new installation's database: encrypted unless ``encryption`` is None (on PostgreSQL only
    the recordings of this desktop are: the server keeps the database).

    An existing database keeps what it has: it is opened (with its key, if it has one).
    """
    url = url or config.database_url()
    path = sqlite_file(url)
    fresh = not (path is not None and path.exists()) and installation_key.read_keystore() is None
    if fresh and encryption is not None:
        return _keyed(url, installation_key.create(encryption, passphrase))
    return open_database(url, passphrase)
