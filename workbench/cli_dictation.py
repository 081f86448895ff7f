"""Command-line jobs for dictation: ``record`` (headless take) and ``vad`` (segments of a WAV file).

Registered by ``workbench.cli.build_parser``; audio and services are imported inside the
handlers so that ``workbench --help`` stays fast and never initialises PortAudio.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from dataclasses import replace
from pathlib import Path
from types import FrameType


def _stop_on_signals() -> threading.Event:
    """Ctrl+C (or SIGTERM) asks the take to stop at the next block; a second one interrupts."""
    requested = threading.Event()

    def handle(signum: int, frame: FrameType | None) -> None:
        if requested.is_set():
            raise KeyboardInterrupt
        requested.set()
        print("\nStopping…", file=sys.stderr, flush=True)

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
    return requested


def cmd_record(args: argparse.Namespace) -> int:
    from workbench import config
    from workbench.audio import capture
    from workbench.audio.recorder import RecordingFailed
    from workbench.audio.vad import SpeechSegment, VadEvent
    from workbench.cli import open_database, read_password
    from workbench.services import dictation, users

    if args.list_devices:
        for device in capture.list_input_devices():
            mark = "*" if device.is_default else " "
            print(
                f"{mark} {device.index}\t{device.name}\t{device.host_api}\t"
                f"{device.channels} ch\t{device.default_sample_rate:.0f} Hz"
            )
        return 0
    if args.encounter is None:
        raise SystemExit("workbench record: --encounter is required (or use --list-devices)")
    db = open_database()
    username = args.user or dictation.dictating_clinician(db, args.encounter)
    password = read_password(args, f"Password of {username} (to dictate): ", confirm=False)
    actor = users.authenticate(db, username, password).actor()

    def show(event: VadEvent) -> None:
        if isinstance(event, SpeechSegment):
            print(f"{event.start_s:.3f} {event.end_s:.3f}", flush=True)

    # Open the source before any row exists: a missing microphone leaves nothing behind.
    source: capture.AudioSource
    if args.input:
        source = capture.ArraySource.from_wav(Path(args.input), realtime=args.realtime)
    else:
        source = capture.MicrophoneSource(args.device)
    unfinished = [] if args.new else dictation.interrupted_takes(db, actor, args.encounter)
    if unfinished:
        found = unfinished[-1]
        how = "cut off by a crash and repaired" if found.crashed else "paused"
        print(
            f"Continuing recording {found.recording.id} ({found.recording.duration_s:.1f} s so far, {how}) "
            "with its own settings; use --new for a separate take.",
            file=sys.stderr,
        )
        take = dictation.Dictation.reopen(db, actor, found.recording.id, listener=show)
        take.resume()
    else:
        settings = dictation.get_vad_settings(db, actor)
        if args.autostop is not None:
            settings = replace(settings, autostop_s=args.autostop)
        take = dictation.Dictation.start(
            db, actor, args.encounter, config.recordings_dir(), settings, listener=show
        )
    stop = _stop_on_signals()
    print(
        f"Recording encounter {args.encounter} from {source.description} into {take.recording.path}. "
        "Press Ctrl+C to stop.",
        file=sys.stderr,
        flush=True,
    )
    try:
        info = take.run(source, should_stop=stop.is_set)
    except RecordingFailed as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return 2
    print(
        f"Stopped ({take.stop_reason}). Recording {info.id}: {info.duration_s:.1f} s, "
        f"{len(take.recorder.segments)} segments, sha256 {info.sha256}.",
        file=sys.stderr,
    )
    return 0


def cmd_vad(args: argparse.Namespace) -> int:
    from workbench.audio.take_file import is_sealed_take, open_take
    from workbench.audio.vad import VadSettings, find_segments

    settings = VadSettings(
        aggressiveness=args.aggressiveness,
        frame_ms=args.frame_ms,
        start_ms=args.start_ms,
        end_ms=args.end_ms,
        padding_ms=args.padding_ms,
        min_segment_ms=args.min_segment_ms,
    )
    key = None
    if is_sealed_take(Path(args.file)):
        # A take recorded by an encrypted installation: its key comes with the database.
        from workbench.cli import open_database
        from workbench.services.dictation import recordings_key

        key = recordings_key(open_database())
    audio = open_take(Path(args.file), key)
    for note in audio.conversions:
        print(f"workbench vad: {args.file}: {note}", file=sys.stderr)
    for segment in find_segments(audio.samples, settings, audio.sample_rate):
        print(f"{segment.start_s:.3f} {segment.end_s:.3f}")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from workbench.cli import _add_password_options

    defaults = {
        "aggressiveness": 2,
        "frame_ms": 30,
        "start_ms": 150,
        "end_ms": 700,
        "padding_ms": 300,
        "min_segment_ms": 200,
    }  # the same as VadSettings(); not imported here so that --help stays light

    p = sub.add_parser(
        "record",
        help="dictate into an encounter from a microphone (headless); prints segments as they close",
    )
    p.add_argument("--encounter", type=int, metavar="ID", help="the encounter to dictate into")
    p.add_argument("--device", metavar="NAME", help="input device (name, part of it, or index)")
    p.add_argument(
        "--autostop", type=float, metavar="SECONDS", help="stop after this much silence (0 = never)"
    )
    p.add_argument("--user", help="the dictating physician (default: the encounter's clinician)")
    p.add_argument("--new", action="store_true", help="start a new take even if one was interrupted")
    p.add_argument("--input", metavar="WAV", help="record from a WAV file instead of a microphone")
    p.add_argument("--realtime", action="store_true", help="with --input: deliver it at speaking pace")
    p.add_argument("--list-devices", action="store_true", help="list the input devices and exit")
    _add_password_options(p)
    p.set_defaults(handler=cmd_record)

    p = sub.add_parser(
        "vad", help="print the speech segments of a WAV file or a sealed take as 'start end' seconds"
    )
    p.add_argument("file")
    p.add_argument("--aggressiveness", type=int, choices=range(4), default=defaults["aggressiveness"])
    p.add_argument("--frame-ms", type=int, choices=(10, 20, 30), default=defaults["frame_ms"])
    for name in ("start_ms", "end_ms", "padding_ms", "min_segment_ms"):
        p.add_argument(f"--{name.replace('_', '-')}", type=int, default=defaults[name], metavar="MS")
    p.set_defaults(handler=cmd_vad)
