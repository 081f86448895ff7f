"""The command line. Every job the GUI does can also run headless; this module never imports Qt."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from workbench import __version__, config
from workbench.errors import WorkbenchError
from workbench.security.roles import SYSTEM
from workbench.store.database import Database
from workbench.store.models import Role

Handler = Callable[[argparse.Namespace], int]
T = TypeVar("T")


def read_secret(
    path: str | None, prompt: str, confirm: bool = False, no_terminal: str = "", what: str = "the file"
) -> str:
    """A password, passphrase or key: the first line of ``path``, or typed without echo."""
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise WorkbenchError(f"Cannot read {what} {path}: {exc.strerror}") from None
    if not sys.stdin.isatty():
        raise WorkbenchError(no_terminal or "No terminal to type into; name a file instead.")
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != secret:
        raise WorkbenchError("The two entries differ; nothing was changed.")
    return secret


def key_passphrase(prompt: str = "Administrator passphrase for the database key: ") -> str:
    """The passphrase that unwraps an encrypted installation's key: a file named in
    WORKBENCH_KEY_PASSPHRASE_FILE (for scripts and services) or typed without echo."""
    import os

    return read_secret(
        os.environ.get("WORKBENCH_KEY_PASSPHRASE_FILE"),
        prompt,
        no_terminal=(
            "The database key is under an administrator passphrase and there is no terminal to type it: "
            "set WORKBENCH_KEY_PASSPHRASE_FILE to a file holding it."
        ),
        what="WORKBENCH_KEY_PASSPHRASE_FILE",
    )


def with_key_passphrase(action: Callable[[str | None], T]) -> T:
    """Run ``action`` without a passphrase; if the installation key needs one, ask and run again."""
    from workbench.security.installation_key import PassphraseRequired

    try:
        return action(None)
    except PassphraseRequired:
        return action(key_passphrase())


def _installation_database() -> Database:
    from workbench import installation

    return with_key_passphrase(lambda passphrase: installation.open_database(passphrase=passphrase))


def open_database(upgrade: bool = False) -> Database:
    db = _installation_database()
    if upgrade:
        db.upgrade()
    else:
        db.require_current()
    return db


def read_password(args: argparse.Namespace, prompt: str = "Password: ", confirm: bool = True) -> str:
    """From --password-file, from standard input with --password-stdin, or typed without echo."""
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    return read_secret(
        getattr(args, "password_file", None),
        prompt,
        confirm,
        no_terminal="No terminal to read a password from; use --password-file or --password-stdin.",
        what="the password file",
    )


def _add_password_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--password-file", metavar="FILE", help="read the password from the first line of FILE"
    )
    group.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def _encryption_choice(args: argparse.Namespace, default_plain: bool) -> tuple[str | None, str | None]:
    """(source, passphrase) for a new installation's key; (None, None) leaves it unencrypted."""
    from workbench.security.installation_key import keyring_available

    if args.no_encryption:
        return None, None
    if args.key_passphrase_file:
        return "passphrase", read_secret(args.key_passphrase_file, "", what="the passphrase file")
    if keyring_available():
        return "keyring", None
    if default_plain:
        return None, None
    raise WorkbenchError(
        "New installations encrypt the database, and this computer has no OS keyring to keep the key "
        "in. Choose an administrator passphrase (--key-passphrase-file FILE; it is asked at every "
        "start) or, for a machine whose disk is already encrypted, --no-encryption."
    )


def _create_database(args: argparse.Namespace, default_plain: bool) -> Database:
    from workbench import installation
    from workbench.security.installation_key import read_keystore

    path = installation.sqlite_file(config.database_url())
    if path is None or path.exists() or read_keystore() is not None:
        # PostgreSQL (the server encrypts its own storage), or an installation that exists already.
        db = _installation_database()
        if path is None and db.recordings_key is None:
            print(
                "Dictation recordings on this desktop are not encrypted yet: give it a key with "
                "workbench keys create (the database itself is the PostgreSQL server's to encrypt).",
                file=sys.stderr,
            )
    else:
        source, passphrase = _encryption_choice(args, default_plain)
        db = installation.create_database(encryption=source, passphrase=passphrase)  # type: ignore[arg-type]
        if source is not None and db.encrypted:
            print(
                f"The database is encrypted; its key is in the {'OS keyring' if source == 'keyring' else 'keystore, under your passphrase'}. "
                "Back the key up now: workbench keys backup FILE (keep FILE away from this computer).",
                file=sys.stderr,
            )
    db.upgrade()
    return db


def _add_encryption_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--key-passphrase-file",
        metavar="FILE",
        help="keep the database key under this administrator passphrase instead of the OS keyring",
    )
    group.add_argument(
        "--no-encryption", action="store_true", help="leave the SQLite database unencrypted (not recommended)"
    )


def cmd_init(args: argparse.Namespace) -> int:
    from workbench.services import users

    db = _create_database(args, default_plain=False)
    if users.count_users(db):
        print(f"The database at {db.safe_url()} is already initialised; nothing to do.")
        return 0
    password = read_password(args, f"Password for administrator {args.admin}: ")
    user = users.add_user(db, SYSTEM, args.admin, args.name or args.admin, Role.ADMIN, password)
    config.save_settings(replace(config.load_settings(), demo=False))
    print(f"Created the database at {db.safe_url()} and the administrator {user.username!r}.")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = _installation_database()
    before = db.current_revision()
    db.upgrade()
    after = db.current_revision()
    print(
        f"{db.safe_url()}: schema {before or 'empty'} → {after}"
        if before != after
        else f"{db.safe_url()}: schema {after} is current"
    )
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    db = _installation_database()
    print(
        f"{db.safe_url()}: schema {db.current_revision() or 'empty'} (this version needs {db.head_revision()})"
    )
    return 0 if db.is_current() else 1


def cmd_users_add(args: argparse.Namespace) -> int:
    from workbench.services import users

    db = open_database()
    password = read_password(args, f"Password for {args.username}: ")
    user = users.add_user(db, SYSTEM, args.username, args.name or args.username, Role(args.role), password)
    print(f"Added {user.username} ({user.role.value}).")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from workbench.services import users

    db = open_database()
    for user in users.list_users(db, SYSTEM):
        state = "" if user.active else "\t(inactive)"
        print(f"{user.username}\t{user.role.value}\t{user.display_name}{state}")
    return 0


def cmd_users_passwd(args: argparse.Namespace) -> int:
    from workbench.services import users

    db = open_database()
    password = read_password(args, f"New password for {args.username}: ")
    users.reset_password(db, SYSTEM, args.username, password)
    print(f"Password of {args.username} changed.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from workbench.services import demo, users

    db = _create_database(args, default_plain=True)  # synthetic data: plain where there is no keyring
    if users.count_users(db):
        if args.if_empty:
            return 0
        print(f"{db.safe_url()} already has users; the demo seeds only an empty database.", file=sys.stderr)
        return 1
    counts = demo.seed_demo(db)
    config.save_settings(replace(config.load_settings(), demo=True))
    print(
        f"Demo installation at {config.data_dir()}: {counts['patients']} patients, {counts['encounters']} encounters."
    )
    for user in demo.DEMO_USERS:
        print(f"  {user.role.value:<10} {user.username:<10} password: {user.password}")
    return 0


def cmd_patients_import(args: argparse.Namespace) -> int:
    from workbench.services import patients

    db = open_database()
    count = patients.import_csv(db, SYSTEM, Path(args.file))
    print(f"Imported {count} patients from {args.file}.")
    return 0


def cmd_patients_search(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from workbench.services.search import search_patients

    results = search_patients(open_database(), SYSTEM, args.query, args.limit, day_first=args.day_first)
    if args.json:
        print(json.dumps(asdict(results), default=str, ensure_ascii=False, indent=2))
        return 0
    for match in results.matches:
        p = match.patient
        print(f"{p.mrn}\t{p.display_name}\t{p.date_of_birth}\t{p.sex}\t{match.kind}\t{match.score:.1f}")
    if not results.matches:
        print("No patients match.", file=sys.stderr)
    elif results.more:
        print(f"(more than {len(results.matches)} match; use --limit to see more)", file=sys.stderr)
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from workbench.ui.app import run_gui  # Qt is imported only for the GUI

    return run_gui(sys.argv[:1] + list(args.qt_args or []))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench", description="Coder Workbench: clinical documentation and coding."
    )
    parser.add_argument("--version", action="version", version=f"Coder Workbench {__version__}")
    parser.set_defaults(handler=cmd_gui, qt_args=[])
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("init", help="create the database and its first administrator")
    p.add_argument("--admin", default="admin", help="the administrator's username (default: admin)")
    p.add_argument("--name", help="the administrator's display name")
    _add_password_options(p)
    _add_encryption_options(p)
    p.set_defaults(handler=cmd_init)

    db = sub.add_parser("db", help="database schema").add_subparsers(metavar="ACTION", required=True)
    db.add_parser("upgrade", help="migrate the database to this version's schema").set_defaults(
        handler=cmd_db_upgrade
    )
    db.add_parser("current", help="show the schema revision").set_defaults(handler=cmd_db_current)

    us = sub.add_parser("users", help="user accounts").add_subparsers(metavar="ACTION", required=True)
    p = us.add_parser("add", help="add a user (the password is read without echo)")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--name", help="display name, e.g. 'Dr. Ana Ruiz'")
    _add_password_options(p)
    p.set_defaults(handler=cmd_users_add)
    us.add_parser("list", help="list users").set_defaults(handler=cmd_users_list)
    p = us.add_parser("passwd", help="set a user's password")
    p.add_argument("username")
    _add_password_options(p)
    p.set_defaults(handler=cmd_users_passwd)

    p = sub.add_parser("demo", help="seed a demo installation (synthetic data) in an empty database")
    p.add_argument("--if-empty", action="store_true", help="do nothing if the database already has users")
    _add_encryption_options(p)
    p.set_defaults(handler=cmd_demo)

    from workbench.cli_keys import add_commands as add_key_commands  # keys status|backup|restore

    add_key_commands(sub)

    pa = sub.add_parser("patients", help="patients").add_subparsers(metavar="ACTION", required=True)
    p = pa.add_parser(
        "import",
        help="import patients from CSV: "
        + ",".join(("mrn", "given_name", "family_name", "date_of_birth", "sex", "phone")),
    )
    p.add_argument("file")
    p.set_defaults(handler=cmd_patients_import)
    p = pa.add_parser(
        "search", help="search patients, e.g. 'jon smyth', 'family:smith given:jo*', 'dob:1950..1960 smyth'"
    )
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10, help="how many patients to show (default: 10)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--day-first", action="store_true", help="read 3/2/1950 as 3 February (default: March 2)")
    p.set_defaults(handler=cmd_patients_search)

    from workbench.cli_signing import add_commands as add_signing_commands  # sign, verify, audit

    add_signing_commands(sub)

    from workbench.cli_dictation import add_commands as add_dictation_commands  # record, vad

    add_dictation_commands(sub)

    from workbench.coding.commands import add_parsers as add_coding_commands  # suggest, evaluate, train-coder

    add_coding_commands(sub)

    from workbench.cli_transcription import add_commands as add_transcription  # transcribe, serve-asr

    add_transcription(sub)

    from workbench.cli_export import add_commands as add_export_commands  # export

    add_export_commands(sub)

    from workbench.self_test import add_commands as add_self_test  # --self-test, self-test

    add_self_test(parser, sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        if args.handler is not cmd_gui:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        args.qt_args = unknown  # e.g. -platform offscreen
    try:
        return int(args.handler(args))
    except WorkbenchError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return 2
    except ArgumentError:
        print(
            "workbench: WORKBENCH_DATABASE_URL is not a database URL; expected e.g. "
            "sqlite:////path/to/workbench.db or postgresql+psycopg://user@host/dbname.",
            file=sys.stderr,
        )
        return 2
    except OperationalError as exc:
        # Unreachable server, wrong credentials, locked or unreadable file: say which database.
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(
            f"workbench: cannot use the database at {make_url(config.database_url()).render_as_string(hide_password=True)}: {reason}. "
            "Check WORKBENCH_DATABASE_URL, that the server is running, and the credentials.",
            file=sys.stderr,
        )
        return 2
    except SQLAlchemyError as exc:
        # Another desktop changed the same rows at the same moment, or the server refused.
        print(
            f"workbench: the database refused the change ({type(exc).__name__}); nothing was changed. Try again.",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("workbench: interrupted; nothing further was changed.", file=sys.stderr)
        return 130
