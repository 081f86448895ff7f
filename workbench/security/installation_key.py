"""The installation's master key: what encrypts the SQLite database (SQLCipher) at rest.

A random 256-bit key is made once per installation. It lives either in the OS keyring (GNOME
Keyring, KWallet, macOS Keychain, Windows Credential Manager) — the default, so a clinic's
desktop opens without an extra prompt — or, where there is no keyring, wrapped under an
administrator passphrase (Argon2id → AES-256-GCM) and asked for at start.

``keystore.json`` beside the database says which, and holds a check value (an HMAC of a fixed
label under the key) so that a wrong key or passphrase is told apart, with a clear message,
from a damaged database. It never holds the key in the clear.

Losing the key loses the data, so backing it up is a first-class path: ``backup`` writes the
key wrapped under a backup passphrase of the administrator's choosing to a file they keep
somewhere else; ``restore`` puts it back (into the keyring or under a passphrase) after
checking it is this installation's key.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from workbench import config
from workbench.atomic_file import write_atomically
from workbench.errors import WorkbenchError

Source = Literal["keyring", "passphrase"]
KEYSTORE_FORMAT = "coder-workbench-keystore/1"
BACKUP_FORMAT = "coder-workbench-key-backup/1"
KEYRING_SERVICE = "Coder Workbench"
_CHECK_LABEL = b"coder-workbench installation key check"
# Argon2id, as OWASP recommends for key derivation (64 MiB, 3 passes): a fraction of a second
# once per start, and expensive for anyone guessing a stolen backup's passphrase.
_KDF = {"name": "argon2id", "time_cost": 3, "memory_kib": 65_536, "parallelism": 2}
MIN_PASSPHRASE = 12


class InstallationKeyError(WorkbenchError):
    """The installation key cannot be had; the message says what to do."""


class PassphraseRequired(InstallationKeyError):
    def __init__(self) -> None:
        super().__init__(
            "The database is encrypted under the administrator passphrase. Enter it to open the workbench."
        )


class WrongKey(InstallationKeyError):
    pass


class WrongPassphrase(WrongKey):
    pass


@dataclass(frozen=True)
class KeyStore:
    path: Path
    install_id: str
    source: Source
    check: str
    wrapped: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "format": KEYSTORE_FORMAT,
            "install_id": self.install_id,
            "source": self.source,
            "check": self.check,
        }
        if self.wrapped is not None:
            raw["wrapped"] = self.wrapped
        return raw


def keystore_path(home: Path | None = None) -> Path:
    return (home or config.data_dir()) / "keystore.json"


def check_value(key: bytes) -> str:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


def database_key(master: bytes) -> bytes:
    """The SQLCipher key: derived, so the master key itself never reaches the database layer."""
    return hmac.new(master, b"coder-workbench database v1", hashlib.sha256).digest()


def recordings_key(master: bytes) -> bytes:
    """The key recordings are sealed under (``security.sealed_file``): derived apart from the database's."""
    return hmac.new(master, b"coder-workbench recordings v1", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except ValueError:
        raise InstallationKeyError(f"{what} is damaged (not base64).") from None


def _kek(passphrase: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "argon2id":
        raise InstallationKeyError(
            f"Unknown key derivation {kdf.get('name')!r}; this version reads argon2id."
        )
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=int(kdf["time_cost"]),
        memory_cost=int(kdf["memory_kib"]),
        parallelism=int(kdf["parallelism"]),
        hash_len=32,
        type=Type.ID,
    )


def wrap(key: bytes, passphrase: str, label: bytes) -> dict[str, Any]:
    """The key encrypted under a passphrase; ``label`` binds it to its use (store or backup)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(passphrase, salt, _KDF)).encrypt(nonce, key, label)
    return {"kdf": dict(_KDF), "salt": _b64(salt), "nonce": _b64(nonce), "ciphertext": _b64(sealed)}


def unwrap(wrapped: dict[str, Any], passphrase: str, label: bytes, what: str) -> bytes:
    try:
        salt = _unb64(wrapped["salt"], what)
        nonce = _unb64(wrapped["nonce"], what)
        sealed = _unb64(wrapped["ciphertext"], what)
        kek = _kek(passphrase, salt, dict(wrapped["kdf"]))
    except (KeyError, TypeError, ValueError):
        raise InstallationKeyError(f"{what} is damaged (fields missing).") from None
    try:
        return AESGCM(kek).decrypt(nonce, sealed, label)
    except InvalidTag:
        raise WrongPassphrase(f"Wrong passphrase for {what}.") from None


def _keyring() -> Any:
    import keyring

    return keyring


def keyring_available() -> bool:
    """Whether the OS has a keyring this process can use (headless Linux often has none)."""
    from keyring.backends import fail

    backend = _keyring().get_keyring()
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0


def _keyring_user(install_id: str) -> str:
    return f"installation-key:{install_id}"


def _keyring_put(install_id: str, key: bytes) -> None:
    from keyring.errors import KeyringError

    try:
        _keyring().set_password(KEYRING_SERVICE, _keyring_user(install_id), _b64(key))
    except KeyringError as exc:
        raise InstallationKeyError(
            f"The OS keyring refused to store the installation key ({type(exc).__name__}). Unlock the "
            "keyring and try again, or use an administrator passphrase instead."
        ) from None


def _keyring_get(install_id: str) -> bytes:
    from keyring.errors import KeyringError

    try:
        stored = _keyring().get_password(KEYRING_SERVICE, _keyring_user(install_id))
    except KeyringError as exc:
        raise InstallationKeyError(
            f"The OS keyring cannot be read ({type(exc).__name__}): unlock it (sign in to the desktop "
            "session) and start again."
        ) from None
    if stored is None:
        raise InstallationKeyError(
            "The database's key is not in this computer's keyring. Restore it from the key backup: "
            "workbench keys restore BACKUP-FILE."
        )
    return _unb64(stored, "The key in the keyring")


def read_keystore(home: Path | None = None) -> KeyStore | None:
    """This installation's keystore, or None for an installation that is not encrypted."""
    path = keystore_path(home)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InstallationKeyError(
            f"{path} cannot be read ({exc}); restore it from your backup of the data folder."
        ) from None
    if (
        not isinstance(raw, dict)
        or raw.get("format") != KEYSTORE_FORMAT
        or raw.get("source")
        not in (
            "keyring",
            "passphrase",
        )
    ):
        raise InstallationKeyError(f"{path} is not a Coder Workbench keystore this version understands.")
    wrapped = raw.get("wrapped")
    return KeyStore(path, str(raw["install_id"]), raw["source"], str(raw["check"]), wrapped)


def _write_private(path: Path, document: dict[str, Any]) -> None:
    # On disk before it counts: a passphrase installation's keystore is the only copy of its
    # wrapped key until a backup exists.
    write_atomically(path, lambda out: out.write(json.dumps(document, indent=2) + "\n"))


def _write_keystore(store: KeyStore) -> None:
    _write_private(store.path, store.to_json())


def _checked(store: KeyStore, key: bytes, what: str) -> bytes:
    if not hmac.compare_digest(check_value(key), store.check):
        raise WrongKey(f"{what} is not this installation's key.")
    return key


def _store_label(install_id: str) -> bytes:
    return f"keystore {install_id}".encode()


def _backup_label(install_id: str) -> bytes:
    return f"backup {install_id}".encode()


def create(source: Source, passphrase: str | None = None, home: Path | None = None) -> bytes:
    """Make this installation's key and record where it lives; refuses to replace an existing one."""
    path = keystore_path(home)
    if path.exists():
        raise InstallationKeyError(
            f"{path} exists: this installation has a key already. Nothing was changed."
        )
    key = os.urandom(32)
    install_id = str(uuid.uuid4())
    wrapped = None
    if source == "keyring":
        if not keyring_available():
            raise InstallationKeyError(
                "This computer has no OS keyring to keep the database key in. Choose an administrator "
                "passphrase instead (workbench init --key-passphrase-file FILE)."
            )
        _keyring_put(install_id, key)
    else:
        wrapped = wrap(key, _valid_passphrase(passphrase), _store_label(install_id))
    _write_keystore(KeyStore(path, install_id, source, check_value(key), wrapped))
    return key


def _valid_passphrase(passphrase: str | None) -> str:
    if passphrase is None or len(passphrase) < MIN_PASSPHRASE:
        raise InstallationKeyError(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")
    return passphrase


def unlock(passphrase: str | None = None, home: Path | None = None) -> bytes | None:
    """The master key, or None when this installation is not encrypted."""
    store = read_keystore(home)
    if store is None:
        return None
    if store.source == "keyring":
        return _checked(store, _keyring_get(store.install_id), "The key in the keyring")
    if passphrase is None:
        raise PassphraseRequired()
    if store.wrapped is None:
        raise InstallationKeyError(f"{store.path} has no wrapped key; restore it from the key backup.")
    key = unwrap(store.wrapped, passphrase, _store_label(store.install_id), "the database key")
    return _checked(store, key, "The unwrapped key")


def backup(key: bytes, destination: Path, passphrase: str, home: Path | None = None) -> Path:
    """Write the key, wrapped under a backup passphrase, to a file kept away from this computer."""
    store = read_keystore(home)
    if store is None:
        raise InstallationKeyError("This installation is not encrypted; there is no key to back up.")
    _checked(store, key, "The key to back up")
    document = {
        "format": BACKUP_FORMAT,
        "install_id": store.install_id,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "check": store.check,
        **wrap(key, _valid_passphrase(passphrase), _backup_label(store.install_id)),
    }
    if destination.exists():
        raise InstallationKeyError(
            f"{destination} exists; choose a new file name so that no backup is overwritten."
        )
    _write_private(destination, document)
    return destination


def read_backup(path: Path, passphrase: str) -> tuple[str, bytes]:
    """The installation id and the key from a backup file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InstallationKeyError(f"{path} cannot be read as a key backup ({exc}).") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise InstallationKeyError(f"{path} is not a Coder Workbench key backup.")
    install_id = str(document.get("install_id"))
    key = unwrap(document, passphrase, _backup_label(install_id), f"the key backup {path.name}")
    if not hmac.compare_digest(check_value(key), str(document.get("check"))):
        raise InstallationKeyError(f"{path} is damaged: its key does not match its own check value.")
    return install_id, key


def restore(
    path: Path,
    backup_passphrase: str,
    source: Source = "keyring",
    new_passphrase: str | None = None,
    home: Path | None = None,
) -> bytes:
    """Put a backed-up key back: into the keyring, or under a (new) administrator passphrase.

    With a keystore present, the backup must hold that installation's key. Without one (the data
    folder was restored from a backup, but not the keystore) the keystore is written anew.
    """
    install_id, key = read_backup(path, backup_passphrase)
    try:
        store = read_keystore(home)
    except InstallationKeyError:
        store = None  # a damaged keystore is what a restore is for; the backup checks itself
    if store is not None:
        if store.install_id != install_id:
            raise WrongKey(
                f"{path.name} is the key of another installation ({install_id}); nothing was changed. "
                f"If it is the right backup and {store.path} came from elsewhere, move that file "
                "aside and restore again."
            )
        _checked(store, key, f"The key in {path.name}")
    wrapped = None
    if source == "keyring":
        _keyring_put(install_id, key)
    else:
        wrapped = wrap(key, _valid_passphrase(new_passphrase), _store_label(install_id))
    _write_keystore(KeyStore(keystore_path(home), install_id, source, check_value(key), wrapped))
    return key
