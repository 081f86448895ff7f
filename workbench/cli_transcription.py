"""`workbench transcribe` and `workbench serve-asr`: transcription without the GUI."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.security.roles import Actor
    from workbench.store.database import Database


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "transcribe",
        help="transcribe audio files (several files: one model load, one line per file: name<TAB>text)",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="WAV, FLAC, MP3, M4A or OGG")
    p.add_argument("--engine", choices=("local", "openai", "aws"), help="default: the site's engine")
    p.add_argument(
        "--model", help="local: base, tiny.en or a CTranslate2 model folder; cloud: the model name"
    )
    p.add_argument(
        "--language", choices=("en", "es", "auto"), default="en", help="spoken language (default en)"
    )
    p.add_argument("--translate", action="store_true", help="translate into English (keeps the original)")
    p.add_argument("--json", action="store_true", help="one JSON object per file, with timed segments")
    p.set_defaults(handler=cmd_transcribe)

    p = sub.add_parser(
        "serve-asr",
        help="serve the local engine through the OpenAI-compatible API (/v1/audio/transcriptions)",
    )
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    p.add_argument("--model", help="base, tiny.en or a CTranslate2 model folder (default: the site's model)")
    p.add_argument("--certfile", type=Path, help="TLS certificate (PEM): required to serve other machines")
    p.add_argument("--keyfile", type=Path, help="TLS private key (PEM), if not inside --certfile")
    p.add_argument(
        "--api-key-env",
        default="WORKBENCH_ASR_KEY",
        metavar="VAR",
        help="environment variable holding the key clients must send (default WORKBENCH_ASR_KEY; unset: none)",
    )
    p.set_defaults(handler=cmd_serve_asr)

    site = sub.add_parser(
        "transcription", help="the installation's transcription settings (administrators)"
    ).add_subparsers(metavar="ACTION", required=True)
    site.add_parser("show", help="print the site's engine, model, cloud switch and vocabulary").set_defaults(
        handler=cmd_site_show
    )
    p = site.add_parser(
        "cloud-on", help="allow cloud engines (dictation audio, which is PHI, then leaves this machine)"
    )
    p.add_argument(
        "--acknowledge-phi-leaves-machine",
        action="store_true",
        help="confirm that your organisation has an agreement (e.g. a BAA) with the cloud provider",
    )
    _admin_options(p)
    p.set_defaults(handler=cmd_site_cloud_on)
    p = site.add_parser("cloud-off", help="keep all dictation audio on this machine again")
    _admin_options(p)
    p.set_defaults(handler=cmd_site_cloud_off)
    p = site.add_parser("set", help="change site settings, e.g. engine=openai openai_base_url=https://…")
    p.add_argument("assignments", nargs="+", metavar="NAME=VALUE")
    _admin_options(p)
    p.set_defaults(handler=cmd_site_set)
    p = site.add_parser("set-key", help="store a cloud engine's key in the OS keyring (read without echo)")
    p.add_argument("engine", choices=("openai", "aws"))
    p.add_argument("name", help="openai: api_key; aws: access_key_id or secret_access_key")
    p.add_argument("--value-file", metavar="FILE", help="read the key from FILE instead of the terminal")
    _admin_options(p)
    p.set_defaults(handler=cmd_site_set_key)


def _admin_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--admin", required=True, help="the administrator making the change (audited)")
    parser.add_argument("--password-file", metavar="FILE", help="read the administrator's password from FILE")


def _administrator(args: argparse.Namespace) -> tuple[Database, Actor]:
    """The database and the administrator, signed in with their password (throttled, audited)."""
    from workbench.cli import open_database, read_password
    from workbench.services import users

    db = open_database()
    password = read_password(args, f"Password for {args.admin}: ", confirm=False)
    return db, users.authenticate(db, args.admin, password).actor()


def cmd_site_show(args: argparse.Namespace) -> int:
    from workbench.services import transcription

    site = transcription.site_settings()
    for name, value in site.to_dict().items():
        print(f"{name}\t{value}")
    return 0


def cmd_site_cloud_on(args: argparse.Namespace) -> int:
    from workbench.services import transcription

    db, admin = _administrator(args)
    site = transcription.enable_cloud(
        db,
        admin,
        acknowledge_phi_leaves_machine=args.acknowledge_phi_leaves_machine,
    )
    print(
        f"Cloud transcription is on (acknowledged by {site.cloud_acknowledged_by}). Users may now choose it."
    )
    return 0


def cmd_site_cloud_off(args: argparse.Namespace) -> int:
    from workbench.services import transcription

    db, admin = _administrator(args)
    transcription.disable_cloud(db, admin)
    print("Cloud transcription is off: dictation audio stays on this machine.")
    return 0


def cmd_site_set(args: argparse.Namespace) -> int:
    from workbench.services import transcription

    changes: dict[str, object] = {}
    for assignment in args.assignments:
        name, sep, value = assignment.partition("=")
        if not sep:
            raise WorkbenchError(f"{assignment!r} is not NAME=VALUE.")
        if name == "vocabulary":
            changes[name] = [t.strip() for t in value.split(",") if t.strip()]
        elif name == "post_correction":
            changes[name] = value.lower() in ("1", "true", "yes", "on")
        else:
            changes[name] = value
    db, admin = _administrator(args)
    transcription.update_site_settings(db, admin, **changes)
    print(f"Changed: {', '.join(sorted(changes))}.")
    return 0


def cmd_site_set_key(args: argparse.Namespace) -> int:
    from workbench.cli import read_secret
    from workbench.services import transcription

    db, admin = _administrator(args)
    value = read_secret(args.value_file, "Key: ", what="the key file")
    transcription.set_secret(db, admin, args.engine, args.name, value)
    print(f"Stored {args.engine} {args.name} in the OS keyring.")
    return 0


def cmd_transcribe(args: argparse.Namespace) -> int:
    from workbench.services import transcription

    site = transcription.site_settings()
    job = transcription.job(
        site, engine=args.engine, model=args.model, language=args.language, translate=args.translate
    )
    if job.notice:
        print(f"workbench: {job.notice}", file=sys.stderr)
    failures = 0
    several = len(args.files) > 1
    for name in args.files:
        try:
            transcript = job.transcribe(Path(name))
        except WorkbenchError as exc:
            # One bad file must not cost the others: report it and go on.
            print(f"workbench: {name}: {exc}", file=sys.stderr)
            failures += 1
            continue
        if args.json:
            print(json.dumps({"file": name, **transcript.to_dict()}, ensure_ascii=False), flush=True)
        elif several:
            print(f"{name}\t{transcript.text}", flush=True)
        else:
            print(transcript.text, flush=True)
    return 1 if failures else 0


def cmd_serve_asr(args: argparse.Namespace) -> int:
    from workbench.asr.local import LocalWhisper
    from workbench.asr.openai_http import is_loopback
    from workbench.asr.server import TranscriptionServer
    from workbench.services import transcription

    site = transcription.site_settings()
    engine = LocalWhisper(model=args.model or site.model, sha256=None if args.model else site.model_sha256)
    if args.keyfile and not args.certfile:
        raise WorkbenchError("--keyfile needs --certfile.")
    if not is_loopback(args.host) and not args.certfile:
        print(
            f"workbench: warning: serving {args.host} without TLS: clients on other machines will refuse "
            "to send patient audio in the clear. Give --certfile/--keyfile.",
            file=sys.stderr,
        )
    api_key = os.environ.get(args.api_key_env) or None
    if not is_loopback(args.host) and not api_key:
        # Patient audio from anyone who can reach the port: refuse rather than warn.
        raise WorkbenchError(
            f"Serving {args.host} to other machines needs an API key: put one in the environment "
            f"variable {args.api_key_env} and give it to the desktops."
        )
    engine.warm()  # a bad model fails now, not on the first dictation
    try:
        server = TranscriptionServer((args.host, args.port), engine, engine.model_name, api_key=api_key)
    except OSError as exc:
        raise WorkbenchError(f"Cannot listen on {args.host}:{args.port}: {exc.strerror}.") from None
    if args.certfile:
        try:
            server.use_tls(args.certfile, args.keyfile)
        except (OSError, ValueError) as exc:
            server.server_close()
            raise WorkbenchError(f"Cannot use the TLS certificate {args.certfile}: {exc}.") from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(f"Serving Whisper {engine.model_name} at {server.url} (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
