"""A recording process for the crash and disk-full tests: records a WAV file as if from a microphone.

Run as ``python -m tests.audio.record_child TAKE SOURCE [--fsize-limit BYTES] [--key-hex KEY]``
(with a key, a sealed take). Prints one line
per closed segment (``segment START END``) so that the parent can tell how far it got.
"""

from __future__ import annotations

import argparse
import resource
import signal
import sys
from pathlib import Path

from workbench.audio.capture import ArraySource
from workbench.audio.recorder import Recorder, RecordingFailed, record
from workbench.audio.vad import SpeechSegment, VadEvent, VadSettings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("take", type=Path)
    parser.add_argument("source", type=Path)
    parser.add_argument("--fsize-limit", type=int)
    parser.add_argument("--key-hex")
    args = parser.parse_args()

    def show(event: VadEvent) -> None:
        if isinstance(event, SpeechSegment):
            print(f"segment {event.start} {event.end}", flush=True)

    key = bytes.fromhex(args.key_hex) if args.key_hex else None
    recorder = Recorder(VadSettings(), listener=show, key=key)
    realtime = args.fsize_limit is None
    source = ArraySource.from_wav(args.source, realtime=realtime)
    if args.fsize_limit:
        # A full disk, for real: the kernel refuses writes past this size (EFBIG).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize_limit, args.fsize_limit))
    recorder.start(args.take)
    print("recording", flush=True)
    try:
        summary = record(source, recorder)
    except RecordingFailed as exc:
        print(f"failed {exc}", flush=True)
        kept = exc.summary
        print(f"kept {kept.frames if kept else 0} {kept.sha256 if kept else ''}", flush=True)
        return 3
    print(f"stopped {summary.frames} {summary.stop_reason}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
