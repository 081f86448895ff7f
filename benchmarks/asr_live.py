"""Live dictation into the note editor: latency from a speech segment closing to its text shown.

.venv/bin/python benchmarks/asr_live.py [--model base] [--sentences 10] [--gap 1.5]

The whole interface path runs (offscreen Qt): espeak-ng sentences separated by pauses are fed
at microphone pace through the real recorder and VAD of the dictation panel in a physician's
note editor; each closed segment goes to the live transcript (local engine, int8, 2 threads,
the shipped site vocabulary as prompt and post-correction), and its text is inserted into the
draft as machine text. Latency is measured from the segment reaching the interface (the VAD
has closed it a few milliseconds earlier) to its text being in the editor. The model is loaded
before dictation starts, as the editor does while the physician reads the chart.
Goal (issue 4): median <= 2 s on 2 cores. Prints measurements; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

SENTENCES = (
    "The patient reports chest pain since yesterday morning.",
    "Blood pressure is one hundred forty over ninety.",
    "Start lisinopril ten milligrams daily.",
    "She takes metformin five hundred milligrams twice daily.",
    "There is no history of asthma or chronic obstructive pulmonary disease.",
    "Recheck the lipid panel in three months.",
    "Lungs are clear to auscultation bilaterally.",
    "Continue atorvastatin forty milligrams at night.",
    "He denies fever, chills or night sweats.",
    "Follow up in two weeks or sooner if symptoms worsen.",
)


def speak(text: str, directory: Path, name: str) -> np.ndarray:
    from workbench.audio.wavfile import load_speech

    raw, out = directory / f"{name}-raw.wav", directory / f"{name}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
    return load_speech(out).samples


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="base")
    parser.add_argument("--sentences", type=int, default=len(SENTENCES))
    parser.add_argument("--gap", type=float, default=1.5, help="seconds of pause between sentences")
    parser.add_argument("--workers", type=int, default=0, help="live transcription threads (0: the editor's)")
    parser.add_argument("--beam", type=int, default=0, help="beam size (0: the engine's default, 5)")
    parser.add_argument(
        "--file-minutes", type=float, default=60, help="length of the dropped-in file test (0: skip it)"
    )
    parser.add_argument(
        "--file-seconds", type=float, default=60, help="how long to let the file run before Cancel"
    )
    args = parser.parse_args()
    global FILE_SECONDS
    FILE_SECONDS = args.file_seconds
    if args.workers:
        from workbench.ui import live_transcript

        live_transcript.LIVE_WORKERS = args.workers

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["WORKBENCH_HOME"] = str(home / "home")
        run(home, args.model, args.sentences, args.gap, args.beam, args.file_minutes)
    # PySide can crash while the interpreter tears down widgets at exit; the figures are printed.
    sys.stdout.flush()
    os._exit(0)


def run(home: Path, model: str, count: int, gap: float, beam: int, file_minutes: float) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.conftest import make_actor
    from workbench.audio.capture import ArraySource
    from workbench.security.roles import SYSTEM
    from workbench.services import encounters, patients, transcription
    from workbench.store.database import Database
    from workbench.store.models import Role
    from workbench.ui.live_transcript import LiveTranscript
    from workbench.ui.note_dictation import NoteDictation
    from workbench.ui.note_editor import NoteEditor

    app = QApplication.instance() or QApplication([])
    db = Database(f"sqlite:///{home / 'bench.db'}")
    db.upgrade()
    physician = make_actor(db, Role.PHYSICIAN, "drbench")
    import datetime as dt

    patient = patients.create_patient(
        db, SYSTEM, mrn="00009001", given_name="Ana", family_name="Bench",
        date_of_birth=dt.date(1970, 1, 1), sex="F",
    )  # fmt: skip
    encounter = encounters.start_encounter(db, physician, patient.id, "office visit", "benchmark")

    texts = [SENTENCES[i % len(SENTENCES)] for i in range(count)]
    pieces = [np.zeros(16000, np.int16)]
    for i, text in enumerate(texts):
        pieces += [speak(text, home, f"s{i}"), np.zeros(int(gap * 16000), np.int16)]
    pieces.append(np.zeros(2 * 16000, np.int16))
    rng = np.random.default_rng(7)
    speech = np.concatenate(pieces).astype(np.float64) + rng.normal(0, 30, sum(len(p) for p in pieces))
    samples = np.clip(np.round(speech), -32768, 32767).astype(np.int16)

    site = transcription.SiteTranscription(model=model)
    started = time.perf_counter()
    job = transcription.job(site, transcription.PersonalTranscription())
    if beam:
        import dataclasses

        job = dataclasses.replace(job, engine=dataclasses.replace(job.engine, beam_size=beam))  # type: ignore[type-var]
    job.engine.warm()  # type: ignore[attr-defined]
    load_s = time.perf_counter() - started

    editor = NoteEditor(db, physician, encounter)
    dictation = NoteDictation(db, physician, encounter.id, lambda: ArraySource(samples, realtime=True), home)
    editor.add_side_panel(dictation)
    panel = LiveTranscript(editor, dictation, lambda: job)
    editor.add_side_panel(panel)
    editor.show()
    inserted: list[int] = []
    panel.inserted.connect(inserted.append)
    finished: list[object] = []
    dictation.panel.take_finished.connect(finished.append)
    dictation.panel.record()
    deadline = time.monotonic() + len(samples) / 16000 + 120
    while (not finished or panel.live is None or panel.live.pending) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)

    latencies = sorted(panel.latencies)
    load = os.getloadavg()[0]
    from workbench.ui import live_transcript

    cpu = time.process_time()
    print(
        f"model {model} int8, 2 threads, beam {getattr(job.engine, 'beam_size', '?')}, "
        f"{live_transcript.LIVE_WORKERS} live worker(s); model load {load_s:.1f} s; load average {load:.2f}"
    )
    print(f"process CPU time {cpu:.1f} s")
    print(
        f"audio {len(samples) / 16000:.1f} s, {count} sentences, {gap:.1f} s pauses; segments delivered: {len(latencies)}"
    )
    if latencies:
        p90 = latencies[min(len(latencies) - 1, round(0.9 * (len(latencies) - 1)))]
        print(
            f"latency segment closed -> text in the editor: median {statistics.median(latencies):.2f} s, "
            f"p90 {p90:.2f} s, max {latencies[-1]:.2f} s"
        )
    print("draft:", editor.text()[:400].replace("\n", " "))
    if file_minutes:
        measure_file(app, panel, editor, samples, home, file_minutes)
    dictation.shutdown()
    panel.shutdown()
    editor.close()
    db.dispose()


def measure_file(
    app: Any, panel: Any, editor: Any, dictation: np.ndarray, home: Path, minutes: float
) -> None:
    """A long file dropped in: audio seconds per wall second while it runs, then Cancel's delay."""
    import resource

    import soundfile

    path = home / "long.wav"
    repeats = int(minutes * 60 * 16000 / dictation.size) + 1
    soundfile.write(path, np.tile(dictation, repeats)[: int(minutes * 60 * 16000)], 16000, subtype="PCM_16")
    before_text = editor.text()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    progress: list[tuple[float, float]] = []
    relay_progress = panel._file_progress

    def spy(job: Any, done: float, total: float) -> None:
        progress.append((time.monotonic(), done))
        relay_progress(job, done, total)

    panel._file_progress = spy
    outcome: list[str] = []
    panel.file_finished.connect(outcome.append)
    started = time.monotonic()
    panel.transcribe_file(path)
    while time.monotonic() - started < FILE_SECONDS and not outcome:
        app.processEvents()
        time.sleep(0.01)
    ui_gaps = []
    cancel_at = time.monotonic()
    if panel._file is not None:
        panel._cancel_file(panel._file)
    while not outcome and time.monotonic() - cancel_at < 120:
        tick = time.monotonic()
        app.processEvents()
        time.sleep(0.01)
        ui_gaps.append(time.monotonic() - tick)
    cancelled_s = time.monotonic() - cancel_at
    done = max((d for _t, d in progress), default=0.0)
    first = next((t for t, d in progress if d > 0), None)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nfile of {minutes:.0f} min ({path.stat().st_size / 1e6:.0f} MB WAV), Cancel after {FILE_SECONDS:.0f} s:"
    )
    if first is not None:
        rate = done / max(cancel_at - started, 1e-9)
        print(
            f"  first progress after {first - started:.1f} s; {done:.0f} s of audio done in "
            f"{cancel_at - started:.0f} s (real-time factor {1 / rate:.3f}; an hour would take ~{3600 / rate / 60:.0f} min)"
        )
    print(
        f"  Cancel -> finished ({outcome[0] if outcome else 'not finished'}) in {cancelled_s:.2f} s; "
        f"longest UI pause meanwhile {max(ui_gaps, default=0) * 1000:.0f} ms; note unchanged: {editor.text() == before_text}"
    )
    print(f"  peak RSS {rss_before:.0f} MB before, {rss_after:.0f} MB after")


FILE_SECONDS = 60.0


if __name__ == "__main__":
    main()
