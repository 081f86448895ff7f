"""Dictation audio: VAD throughput, CPU while recording, and segment latency.

Printed:
  1. VAD throughput — the streaming segmenter (webrtcvad + smoothing) over espeak-ng dictation,
     as a multiple of real time, per frame length (goal ≥ 1,000×).
  2. CPU while recording — capture + VAD + crash-safe WAV writing, as process CPU time over
     wall time for a take fed at speaking pace: from a file source, and through PulseAudio
     (a private server, as in the tests) from a microphone device (goal < 5 % of one core).
  3. Segment latency — from the true end of each sentence to the moment its segment is
     emitted, minus the configured end threshold (end_ms); in audio time (what the smoothing
     and webrtcvad's own hangover add) plus the compute time of the block that emitted it
     (goal < 50 ms).

  .venv/bin/python benchmarks/audio_vad.py [--seconds 20] [--no-pulse]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.audio.conftest import RATE, SENTENCES, Dictation, build_dictation, speak  # noqa: E402
from workbench.audio.capture import ArraySource  # noqa: E402
from workbench.audio.recorder import Recorder, record, wait_until  # noqa: E402
from workbench.audio.vad import Segmenter, SpeechSegment, VadSettings, find_segments  # noqa: E402
from workbench.audio.wavfile import load_speech  # noqa: E402


def make_dictation(directory: Path, repeat: int) -> Dictation:
    utterances = [load_speech(speak(text, directory, f"s{i}")).samples for i, text in enumerate(SENTENCES)]
    return build_dictation(utterances * repeat)


def throughput(samples: np.ndarray, repeats: int = 7) -> None:
    print(f"1. VAD throughput (best of {repeats} runs)")
    audio_s = len(samples) / RATE
    for frame_ms in (10, 20, 30):
        settings = VadSettings(frame_ms=frame_ms)
        streaming = whole = float("inf")
        for _ in range(repeats):
            segmenter = Segmenter(settings)
            started = time.perf_counter()
            for begin in range(0, len(samples), 480):  # as a microphone delivers it: 30 ms blocks
                segmenter.feed(samples[begin : begin + 480])
            segmenter.flush()
            streaming = min(streaming, time.perf_counter() - started)
            started = time.perf_counter()
            find_segments(samples, settings)  # a whole file at once, as `workbench vad` does
            whole = min(whole, time.perf_counter() - started)
        print(
            f"   frame {frame_ms} ms: streaming {audio_s / streaming:6,.0f}× real time, "
            f"whole file {audio_s / whole:6,.0f}× ({audio_s:.0f} s of audio)"
        )


def cpu_from_file(samples: np.ndarray, seconds: float, directory: Path) -> None:
    take = samples[: round(seconds * RATE)]
    recorder = Recorder(VadSettings())
    recorder.start(directory / "cpu-file.wav")
    wall0, cpu0 = time.perf_counter(), time.process_time()
    record(ArraySource(take, realtime=True), recorder)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(f"2. CPU while recording, file source at speaking pace: {100 * cpu / wall:.2f} % of one core "
          f"({cpu:.3f} s CPU over {wall:.1f} s)")  # fmt: skip


def cpu_through_pulse(samples: np.ndarray, seconds: float, directory: Path) -> None:
    from tests.audio.pulse import play, running_pulse
    from workbench.audio import capture

    speech = Dictation(samples[: round(seconds * RATE)], ()).write(directory / "pulse.wav")
    with running_pulse() as env:
        for name in ("XDG_RUNTIME_DIR", "HOME", "PULSE_SERVER"):
            os.environ[name] = env[name]
        capture.rescan_devices()
        recorder = Recorder(VadSettings())
        recorder.start(directory / "cpu-pulse.wav")
        stop = threading.Event()
        worker = threading.Thread(
            target=record, args=(capture.MicrophoneSource("pulse"), recorder, stop.is_set)
        )
        worker.start()
        wait_until(lambda: recorder.frames > RATE // 2, 10)  # the first stream starts late
        player = play(speech, env)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        player.wait()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        stop.set()
        worker.join()
    print(f"   through PulseAudio (sounddevice device 'pulse'): {100 * cpu / wall:.2f} % of one core "
          f"({cpu:.3f} s CPU over {wall:.1f} s; paplay and the server not counted)")  # fmt: skip


def latency(dictation: Dictation) -> None:
    settings = VadSettings()
    end_threshold = RATE * settings.end_ms / 1000
    segmenter = Segmenter(settings)
    emitted: list[tuple[SpeechSegment, int, float]] = []
    for begin in range(0, len(dictation.samples), 480):
        started = time.perf_counter()
        events = segmenter.feed(dictation.samples[begin : begin + 480])
        spent = time.perf_counter() - started
        emitted += [(e, segmenter.position, spent) for e in events if isinstance(e, SpeechSegment)]
    extra = []
    for (_segment, position, spent), (_first, last) in zip(emitted, dictation.speech, strict=True):
        extra.append((position - last - end_threshold) / RATE * 1000 + spent * 1000)
    print(
        f"3. Segment latency beyond end_ms={settings.end_ms}: mean {statistics.mean(extra):.0f} ms, "
        f"max {max(extra):.0f} ms over {len(extra)} segments (30 ms blocks; includes webrtcvad's hangover)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seconds", type=float, default=20.0, help="length of the recording for the CPU figure"
    )
    parser.add_argument("--no-pulse", action="store_true", help="skip the PulseAudio measurement")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="bench-audio-"))
    try:
        dictation = make_dictation(directory, repeat=4)
        print(
            f"Dictation: {len(dictation.samples) / RATE:.0f} s, {len(dictation.speech)} sentences (espeak-ng)"
        )
        throughput(dictation.samples)
        cpu_from_file(dictation.samples, args.seconds, directory)
        if not args.no_pulse and shutil.which("pulseaudio"):
            cpu_through_pulse(dictation.samples, args.seconds, directory)
        latency(dictation)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
