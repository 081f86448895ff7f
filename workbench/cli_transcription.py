"""`workbench transcribe` and `workbench serve-asr`: transcription without the GUI."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from workbench.errors import WorkbenchError


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
