"""`workbench keys`: where the database key lives, and its backup and restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError


def _read(path: str | None, prompt: str, confirm: bool) -> str:
    from workbench.cli import read_secret

    return read_secret(path, prompt, confirm, what="the passphrase file")


def _master_key() -> bytes:
    from workbench.cli import with_key_passphrase
    from workbench.security import installation_key

    key = with_key_passphrase(installation_key.unlock)
    if key is None:
        raise WorkbenchError("This installation is not encrypted; there is no key to back up.")
    return key


def cmd_keys_status(args: argparse.Namespace) -> int:
    from workbench.security import installation_key

    store = installation_key.read_keystore()
    if store is None:
        print("The SQLite database of this installation is not encrypted (no keystore.json).")
        return 0
    where = (
        "the OS keyring" if store.source == "keyring" else "keystore.json, under the administrator passphrase"
    )
    print(f"Encrypted installation {store.install_id}; the key is kept in {where}.")
    _master_key()
    print("The key is available and matches this installation.")
    return 0


def cmd_keys_create(args: argparse.Namespace) -> int:
    from workbench import installation

    source: Any = "keyring"
    passphrase = None
    if args.key_passphrase_file:
        source = "passphrase"
        passphrase = _read(args.key_passphrase_file, "", False)
    installation.create_key(source, passphrase)
    print(
        "Created this installation's key; recordings made from now on are encrypted. Back it up: "
        "workbench keys backup FILE."
    )
    return 0


def _audit_backup(path: Path) -> None:
    """A copy of the key left the keyring: the audit trail says when, where to and by whom."""
    import getpass

    from workbench.cli import open_database
    from workbench.security.audit import record_event
    from workbench.security.roles import SYSTEM

    db = open_database()
    try:
        with db.session() as session:
            record_event(
                session,
                SYSTEM,
                "keys.backup_written",
                "installation",
                None,
                detail={"file": str(path.resolve()), "os_user": getpass.getuser()},
            )
    finally:
        db.dispose()


def cmd_keys_backup(args: argparse.Namespace) -> int:
    from workbench.security import installation_key

    key = _master_key()
    passphrase = _read(args.passphrase_file, "Backup passphrase (at least 12 characters): ", True)
    path = installation_key.backup(key, Path(args.file), passphrase)
    _audit_backup(path)
    print(f"Wrote the key backup {path}. Keep it and its passphrase apart, away from this computer.")
    return 0


def cmd_keys_restore(args: argparse.Namespace) -> int:
    from workbench.security import installation_key

    passphrase = _read(args.passphrase_file, "Passphrase of the backup: ", False)
    new_passphrase = None
    source: Any = "keyring"
    if args.key_passphrase_file:
        source = "passphrase"
        new_passphrase = _read(args.key_passphrase_file, "", False)
    installation_key.restore(Path(args.file), passphrase, source, new_passphrase)
    place = (
        "the OS keyring" if source == "keyring" else "keystore.json under the new administrator passphrase"
    )
    print(f"Restored the database key into {place}.")
    return 0


def add_commands(sub: Any) -> None:
    keys = sub.add_parser("keys", help="the database key: status, backup, restore").add_subparsers(
        metavar="ACTION", required=True
    )
    keys.add_parser(
        "status", help="say whether the database is encrypted and the key is available"
    ).set_defaults(handler=cmd_keys_status)
    p = keys.add_parser(
        "create", help="give this desktop a key (PostgreSQL installations: it encrypts the recordings)"
    )
    p.add_argument(
        "--key-passphrase-file",
        metavar="FILE",
        help="keep the key under this administrator passphrase instead of the OS keyring",
    )
    p.set_defaults(handler=cmd_keys_create)
    p = keys.add_parser("backup", help="write the key, wrapped under a backup passphrase, to FILE")
    p.add_argument("file")
    p.add_argument("--passphrase-file", metavar="FILE", help="read the backup passphrase from FILE")
    p.set_defaults(handler=cmd_keys_backup)
    p = keys.add_parser(
        "restore", help="put the key from a backup FILE back (into the OS keyring by default)"
    )
    p.add_argument("file")
    p.add_argument("--passphrase-file", metavar="FILE", help="read the backup's passphrase from FILE")
    p.add_argument(
        "--key-passphrase-file",
        metavar="FILE",
        help="keep the key under this administrator passphrase instead of the OS keyring",
    )
    p.set_defaults(handler=cmd_keys_restore)
