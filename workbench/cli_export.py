"""``workbench export``: final codes as CSV, an encounter as a FHIR R4 bundle.

Registered by ``workbench.cli.build_parser``; services load inside the handler. Without ``--user``
the export runs as the system account (whoever can run the program here can read the database);
with it, as that user after their password, and the audit trail names them.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from workbench.cli import _add_password_options

    p = sub.add_parser("export", help="export final codes as CSV or an encounter as a FHIR R4 bundle")
    p.add_argument("--encounter", type=int, metavar="ID", help="the encounter (required for --fhir)")
    p.add_argument("--fhir", metavar="FILE", help="write the encounter as a FHIR R4 JSON bundle")
    p.add_argument(
        "--csv", metavar="FILE", help="write final codes as CSV (all finalised notes without --encounter)"
    )
    p.add_argument(
        "--include-unfinalised",
        action="store_true",
        help="CSV: also codes of notes whose coding is not signed",
    )
    p.add_argument("--user", metavar="NAME", help="export as this coder or auditor (asks for the password)")
    _add_password_options(p)
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.cli import open_database, read_password
    from workbench.errors import WorkbenchError
    from workbench.security.roles import SYSTEM
    from workbench.services import export, users

    if not args.fhir and not args.csv:
        raise WorkbenchError("Say what to write: --fhir FILE and/or --csv FILE.")
    if args.fhir and args.encounter is None:
        raise WorkbenchError("A FHIR bundle is one encounter: add --encounter ID.")
    db = open_database()
    actor = SYSTEM
    if args.user:
        password = read_password(args, f"Password of {args.user}: ", confirm=False)
        actor = users.authenticate(db, args.user, password).actor()
    if args.fhir:
        bundle = export.encounter_bundle_json(db, actor, args.encounter)
        _write(Path(args.fhir), export.bundle_text(bundle))
        print(
            f"Wrote encounter {args.encounter} as a FHIR R4 bundle ({len(bundle['entry'])} resources) to {args.fhir}."
        )
    if args.csv:
        target = Path(args.csv)
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                rows = export.final_codes_csv(
                    db, actor, out, encounter_id=args.encounter, include_unfinalised=args.include_unfinalised
                )
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise WorkbenchError(f"Cannot write {target}: {exc.strerror}") from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        print(f"Wrote {rows} final codes to {args.csv}.")
    return 0


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a half-written export is worse than none."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        from workbench.errors import WorkbenchError

        raise WorkbenchError(f"Cannot write {path}: {exc.strerror}") from None
