"""The coder's review screen and worklist, timed offscreen (issue 7).

.venv/bin/python benchmarks/coding_review_ui.py [--notes 10000] [--opens 5] [--decisions 20]

Fills a temporary SQLite database with signed notes (benchmarks/coding_worklist.fill) plus one
note with 50 suggestions, each with its own evidence span, then times:
- opening that note: constructing the screen → review loaded → every widget painted;
- accept / reject of one suggestion → the stored decision shown and the screen repainted;
- scrolling the worklist of every waiting note from top to bottom a page per frame (pages load in
  the background as the view asks for them): the slowest frame, and the longest event-loop stall
  seen by a 5 ms heartbeat timer.
Prints figures; asserts nothing. Targets: ≤ 200 ms, ≤ 50 ms, no stall. The long stalls
seen with Python's own collector are full (generation 2) collections, set off while a page loads
on the worker thread; the workbench runs the collector itself, on the UI thread and at higher
thresholds (workbench/ui/garbage.py), as this benchmark does unless given --collector python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from benchmarks.coding_worklist import fill
from workbench.security.roles import Actor
from workbench.services import users
from workbench.services.coding_review import RejectReason
from workbench.store.database import Database
from workbench.store.models import CodeSuggestion, DecisionAction, Encounter, Note, Patient
from workbench.ui.coding_review import CodingReviewScreen
from workbench.ui.coding_worklist import CodingWorklist
from workbench.ui.garbage import GarbageCollector
from workbench.ui.theme import ThemeController

PHRASES = [
    "type 2 diabetes mellitus",
    "essential hypertension",
    "hyperlipidemia",
    "chronic kidney disease stage 3",
    "gastroesophageal reflux disease",
    "major depressive disorder",
    "obstructive sleep apnea",
    "atrial fibrillation",
    "osteoarthritis of the knee",
    "iron deficiency anemia",
]


def big_note(db: Database, physician_id: int, note_id: int, suggestions: int = 50) -> int:
    """A signed note whose text holds one phrase per suggestion (each its own evidence span)."""
    parts: list[str] = ["ASSESSMENT AND PLAN:\n"]
    spans: list[tuple[int, int, str]] = []
    for k in range(suggestions):
        phrase = PHRASES[k % len(PHRASES)]
        line = f"{k + 1}. Patient has {phrase}; continue current management and review in clinic.\n"
        start = sum(len(p) for p in parts) + line.index(phrase)
        spans.append((start, start + len(phrase), phrase))
        parts.append(line)
    text = "".join(parts)
    when = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    with db.session() as session:
        session.execute(
            insert(Patient),
            [{"id": note_id, "mrn": "BIG0001", "given_name": "Big", "family_name": "Note",
              "date_of_birth": dt.date(1950, 1, 1), "sex": "M"}],
        )  # fmt: skip
        session.execute(
            insert(Encounter),
            [{"id": note_id, "patient_id": note_id, "clinician_id": physician_id,
              "encounter_type": "office visit", "started_at": when}],
        )  # fmt: skip
        session.execute(
            insert(Note),
            [{"id": note_id, "encounter_id": note_id, "author_id": physician_id, "status": "signed",
              "text": text, "version": 2, "created_at": when, "updated_at": when,
              "signed_at": when + dt.timedelta(minutes=5)}],
        )  # fmt: skip
        session.execute(
            insert(CodeSuggestion),
            [
                {"note_id": note_id, "note_version": 2, "rank": k, "code": f"Z{k:02d}.0",
                 "title": f"Benchmark code {k}", "score": 0.9 - k / 100, "confidence": 0.9 - k / 100,
                 "evidence": [{"start": a, "end": b, "text": t}],
                 "flags": {"needs_review": True} if k % 7 == 0 else {},
                 "reason": "benchmark", "model_version": "bench-1"}
                for k, (a, b, t) in enumerate(spans)
            ],
        )  # fmt: skip
    return note_id


def wait(app: QApplication, done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not settle")


def report(label: str, values: list[float]) -> None:
    print(
        f"{label:<52} median {statistics.median(values):7.1f} ms   worst {max(values):7.1f} ms   (n={len(values)})"
    )


def time_opening(app: QApplication, db: Database, coder: Actor, note_id: int, opens: int) -> list[float]:
    times: list[float] = []
    for _ in range(opens + 1):
        t0 = time.perf_counter()
        screen = CodingReviewScreen(db, coder, note_id)
        screen.show()
        wait(app, lambda s=screen: s.review is not None and not s.busy())  # type: ignore[misc]
        screen.repaint()  # every child paints now, synchronously
        times.append((time.perf_counter() - t0) * 1000)
        assert screen.review is not None and len(screen.review.suggestions) == 50
        screen.close()
        app.processEvents()
    return times[1:]  # the first open also imports and warms up


def time_decisions(app: QApplication, db: Database, coder: Actor, note_id: int, count: int) -> list[float]:
    screen = CodingReviewScreen(db, coder, note_id)
    screen.show()
    wait(app, lambda: screen.review is not None and not screen.busy())
    times: list[float] = []
    for k in range(count):
        suggestion = screen.current_suggestion()
        assert suggestion is not None
        t0 = time.perf_counter()
        if k % 2 == 0:
            screen.accept_current()
        else:
            screen._decide(suggestion, DecisionAction.REJECT, RejectReason.DUPLICATE)
            screen.step_suggestion(1)
        wait(app, lambda: not screen.busy())
        screen.repaint()
        times.append((time.perf_counter() - t0) * 1000)
    decided = sum(1 for s in screen.model.suggestions() if s.decision is not None)
    assert decided == count, decided
    screen.close()
    app.processEvents()
    return times


def time_scrolling(
    app: QApplication, db: Database, coder: Actor, notes: int
) -> tuple[float, float, float, int]:
    worklist = CodingWorklist(db, coder)
    worklist.resize(1100, 700)
    worklist.show()
    worklist.refresh()
    wait(app, lambda: worklist.model.rowCount() > 0 and not worklist.busy())
    bar = worklist.view.verticalScrollBar()
    frames: list[float] = []
    gaps: list[float] = []
    last_tick = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last_tick[0]) * 1000)
        last_tick[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(tick)
    loop = QEventLoop()

    def frame() -> None:
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        worklist.view.viewport().repaint()
        frames.append((time.perf_counter() - t0) * 1000)
        at_end = bar.value() >= bar.maximum()
        if at_end and worklist.model.rowCount() >= worklist.model.matching and not worklist.busy():
            loop.quit()

    scroller = QTimer()
    scroller.setInterval(16)
    scroller.timeout.connect(frame)
    t0 = time.perf_counter()
    last_tick[0] = t0
    heartbeat.start()
    scroller.start()
    QTimer.singleShot(300_000, loop.quit)
    loop.exec()
    heartbeat.stop()
    scroller.stop()
    elapsed = time.perf_counter() - t0
    rows = worklist.model.rowCount()
    worklist.close()
    stall = max(gaps) - 5 if gaps else 0.0
    return max(frames), statistics.median(frames), stall, rows if elapsed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--decisions", type=int, default=20)
    parser.add_argument(
        "--collector",
        choices=("workbench", "python"),
        default="workbench",
        help="the application's collector (on the UI thread) or Python's automatic one",
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    ThemeController(app).apply("light")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.upgrade()
        t0 = time.perf_counter()
        physician_id, _coder_id = fill(db, args.notes, 8)
        note_id = big_note(db, physician_id, args.notes + 1)
        print(
            f"sqlite: {args.notes} signed notes + one with 50 suggestions (filled in {time.perf_counter() - t0:.1f} s)"
        )
        coder = users.authenticate(db, "coderbench", "benchmark password").actor()
        if args.collector == "workbench":
            collector = GarbageCollector(app)
            print(f"the workbench's collector on the UI thread, thresholds {collector.thresholds}")
        else:
            print(f"Python's automatic collector, thresholds {gc.get_threshold()}")
        report("open a note with 50 suggestions → painted", time_opening(app, db, coder, note_id, args.opens))
        report("accept / reject → screen updated", time_decisions(app, db, coder, note_id, args.decisions))
        worst, median, stall, rows = time_scrolling(app, db, coder, args.notes)
        print(
            f"{'worklist scroll, one page per frame: frame':<52} median {median:7.1f} ms   worst {worst:7.1f} ms"
        )
        print(f"{'worklist scroll: longest event-loop stall':<52} {stall:7.1f} ms   ({rows} rows loaded)")
        db.dispose()


if __name__ == "__main__":
    main()
