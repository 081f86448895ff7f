"""Command-line jobs for signatures and the audit trail: sign, verify, audit verify.

Registered by ``workbench.cli.build_parser``; services are imported inside the handlers so that
``workbench --help`` stays fast.
"""

from __future__ import annotations

import argparse


def cmd_sign(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from workbench.cli import open_database, read_password
    from workbench.services import signing, users
    from workbench.services.errors import NotFound
    from workbench.store.models import Note, User

    db = open_database()
    username = args.user
    if username is None:
        with db.session() as session:
            username = session.scalar(
                select(User.username).join(Note, Note.author_id == User.id).where(Note.id == args.note)
            )
        if username is None:
            raise NotFound(f"No note with id {args.note}.")
    password = read_password(args, f"Password of {username} (to sign note {args.note}): ", confirm=False)
    actor = users.authenticate(db, username, password).actor()
    sig = signing.sign_note(db, actor, args.note, password)
    print(
        f"Signed note {args.note} as {sig.signer} at {sig.signed_at:%Y-%m-%d %H:%M:%S} UTC (digest {sig.digest})."
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from workbench.cli import open_database
    from workbench.security.roles import SYSTEM
    from workbench.services import signing
    from workbench.store.guards import TRIGGER_NAMES, installed_guards

    db = open_database()
    results = (
        [signing.verify_note(db, SYSTEM, args.note)]
        if args.note is not None
        else signing.verify_all(db, SYSTEM)
    )
    checked = failed = 0
    for result in results:
        for check in result.checks:
            checked += 1
            if not check.ok:
                failed += 1
                when = f"{check.signed_at:%Y-%m-%d %H:%M}" if check.signed_at else "unsigned"
                print(
                    f"FAILED note {check.note_id} {check.entity_type} {check.entity_id} "
                    f"(signer {check.signer}, {when}): {'; '.join(check.problems)}"
                )
    with db.engine.connect() as connection:
        missing = sorted(set(TRIGGER_NAMES) - installed_guards(connection))
    if missing:
        failed += 1
        print(f"FAILED database guards missing (someone dropped them): {', '.join(missing)}")
    print(f"{checked} signatures checked, {failed} failed.")
    return 1 if failed else 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from workbench.cli import open_database
    from workbench.security.roles import SYSTEM
    from workbench.services import audit_trail

    db = open_database()
    report = audit_trail.verify_audit_trail(db, SYSTEM, expected_head=args.expect_head)
    for problem in report.problems:
        print(
            f"FAILED at event #{problem.event_id} (position {problem.position}, {problem.kind}): {problem.message}"
        )
    state = "intact" if report.ok else f"BROKEN ({len(report.problems)} problems)"
    print(f"{report.events} audit events, chain {state}. Head: {report.head}")
    if report.ok:
        print(
            "Record the head elsewhere; 'workbench audit verify --expect-head HEAD' then also detects removal."
        )
    return 0 if report.ok else 1


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from workbench.cli import _add_password_options

    p = sub.add_parser("sign", help="sign a draft note as its author (password from a prompt or a file)")
    p.add_argument("--note", type=int, required=True, metavar="ID", help="the note to sign")
    p.add_argument("--user", help="the signing physician's username (default: the note's author)")
    _add_password_options(p)
    p.set_defaults(handler=cmd_sign)

    p = sub.add_parser("verify", help="recompute every signature; list failures; exit 1 if any")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--note", type=int, metavar="ID", help="only this note, its addenda and coding")
    which.add_argument("--all", action="store_true", help="every signed note (the default)")
    p.set_defaults(handler=cmd_verify)

    au = sub.add_parser("audit", help="the audit trail").add_subparsers(metavar="ACTION", required=True)
    p = au.add_parser("verify", help="check the audit hash chain; say where it breaks; exit 1 if it does")
    p.add_argument("--expect-head", metavar="HASH", help="a head hash recorded earlier, to detect removal")
    p.set_defaults(handler=cmd_audit_verify)
