"""What sealing takes at rest costs while recording, and when a take is read back.

The same audio goes through the real recorder (VAD segmentation + crash-safe writing, 30 ms
blocks as the microphone delivers them) twice: once into a plain WAV take, once into a sealed
take (AES-256-GCM parts, :mod:`workbench.audio.take_file`). The figure is process CPU time per
second of audio, and the sealed path's overhead in %; the goal is under 10 %. The writers alone
(no VAD) are timed the same way, and so are reading a whole take, a 3 s span, and the digest
made when a take stops. Runs alternate plain/sealed and the median of the rounds is reported.

  .venv/bin/python benchmarks/recordings_at_rest.py [--minutes 10] [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.audio.playback import AudioSpan, read_span
from workbench.audio.recorder import Recorder
from workbench.audio.take_file import SealedTakeWriter, open_take, take_sha256
from workbench.audio.vad import VadSettings
from workbench.audio.wavfile import WavWriter

RATE = 16000
BLOCK = 480  # 30 ms
KEY = bytes(range(32))


def dictation_like(seconds: float) -> npt.NDArray[np.int16]:
    """Bursts of loud noise ("speech") between quiet room noise, so the VAD opens and closes segments."""
    rng = np.random.default_rng(11)
    samples = rng.normal(0, 30, round(seconds * RATE))
    period = 4 * RATE
    for start in range(RATE // 2, len(samples), period):
        samples[start : start + 2 * RATE] += rng.normal(0, 3000, len(samples[start : start + 2 * RATE]))
    return np.clip(np.round(samples), -32768, 32767).astype(np.int16)


def cpu_seconds(action: Callable[[int], object], index: int) -> float:
    start = time.process_time()
    action(index)
    return time.process_time() - start


def record_take(samples: npt.NDArray[np.int16], path: Path, key: bytes | None) -> None:
    recorder = Recorder(VadSettings(), key=key)
    recorder.start(path)
    for begin in range(0, len(samples), BLOCK):
        recorder.feed(samples[begin : begin + BLOCK])
    recorder.stop()


def write_only(samples: npt.NDArray[np.int16], path: Path, key: bytes | None) -> None:
    writer = SealedTakeWriter.create(path, key) if key is not None else WavWriter.create(path)
    for begin in range(0, len(samples), BLOCK):
        writer.write(samples[begin : begin + BLOCK])
    writer.close()


def compare(
    name: str, rounds: int, audio_s: float, plain: Callable[[int], object], sealed: Callable[[int], object]
) -> None:
    plain_cpu, sealed_cpu = [], []
    for index in range(rounds):
        plain_cpu.append(cpu_seconds(plain, index))
        sealed_cpu.append(cpu_seconds(sealed, index))
    p, s = statistics.median(plain_cpu), statistics.median(sealed_cpu)
    print(
        f"{name}: plain {p / audio_s * 1e3:.3f} ms CPU per audio second, sealed {s / audio_s * 1e3:.3f} ms "
        f"({100 * (s - p) / p:+.1f} %; medians of {rounds})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    seconds = args.minutes * 60
    samples = dictation_like(seconds)
    print(f"{args.minutes:g} min of 16 kHz mono audio in {BLOCK}-sample blocks, {args.rounds} rounds each")
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parents[1]) as tmp:
        folder = Path(tmp)

        def take(kind: str, index: int) -> Path:
            return folder / (f"{kind}-{index}.wav" if kind == "plain" else f"{kind}-{index}.sealed")

        compare(
            "1. recording (VAD + writing + the digest at stop)",
            args.rounds,
            seconds,
            lambda i: record_take(samples, take("plain", i), None),
            lambda i: record_take(samples, take("sealed", i), KEY),
        )
        compare(
            "2. writing only",
            args.rounds,
            seconds,
            lambda i: write_only(samples, take("plain-w", i), None),
            lambda i: write_only(samples, take("sealed-w", i), KEY),
        )
        plain, sealed = take("plain", 0), take("sealed", 0)
        assert np.array_equal(open_take(plain).samples, open_take(sealed, KEY).samples)
        compare(
            "3. reading the whole take",
            args.rounds,
            seconds,
            lambda _i: open_take(plain),
            lambda _i: open_take(sealed, KEY),
        )
        compare(
            "4. digest when the take stops",
            args.rounds,
            seconds,
            lambda _i: take_sha256(plain),
            lambda _i: take_sha256(sealed, KEY),
        )
        middle = seconds / 2

        def span_ms(span: AudioSpan) -> float:
            times = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                read_span(span)
                times.append(time.perf_counter() - start)
            return statistics.median(times) * 1e3

        sealed_ms = span_ms(AudioSpan(sealed, middle, middle + 3.0, KEY))
        plain_ms = span_ms(AudioSpan(plain, middle, middle + 3.0))
        print(
            f"5. a 3 s sentence to play from the middle of the take: sealed {sealed_ms:.2f} ms (only its "
            f"chunks decrypted), plain {plain_ms:.2f} ms (wall time, medians of {args.rounds})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
