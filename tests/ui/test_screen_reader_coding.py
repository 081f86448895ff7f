"""The coder's review through a real AT-SPI client: the application on a virtual X screen."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_screen_reader import ATSPI_DUMP, REPO, results, seeded_demo_home, showing

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "atspi_driver.py"
CODING = HERE / "atspi_coding.py"

SCRIPT = """
QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$APP_PYTHON" -m workbench &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null' EXIT
/usr/bin/python3 "$DRIVER" wait-ready --demo --wait 40; echo "ready_rc=$?"
/usr/bin/python3 "$DRIVER" login coder coder-demo --wait 40; echo "sign_in_rc=$?"
sleep 1
/usr/bin/python3 "$ATSPI_DUMP" "Coder Workbench" --wait 20 --check-names >"$OUT/coder.jsonl" 2>"$OUT/coder.err"
echo "coder_dump_rc=$?"
/usr/bin/python3 "$CODING" start-coding --wait 90; echo "start_coding_rc=$?"
sleep 1
/usr/bin/python3 "$ATSPI_DUMP" "Coder Workbench" --wait 20 --check-names >"$OUT/review.jsonl" 2>"$OUT/review.err"
echo "review_dump_rc=$?"
/usr/bin/python3 "$CODING" accept --wait 20; echo "accept_rc=$?"
"""


@pytest.mark.xvfb
@pytest.mark.slow
def test_screen_reader_reads_the_worklist_and_the_coding_review(tmp_path: Path) -> None:
    home = tmp_path / "demo-home"
    home.mkdir()
    seeded_demo_home(home)
    out = tmp_path / "atspi"
    out.mkdir()
    env = dict(os.environ, WORKBENCH_HOME=str(home), APP_PYTHON=sys.executable, OUT=str(out))
    env.update(DRIVER=str(DRIVER), CODING=str(CODING), ATSPI_DUMP=str(ATSPI_DUMP))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WORKBENCH_DATABASE_URL", None)
    assert ATSPI_DUMP.exists(), f"{ATSPI_DUMP} is missing: clone the shared tools beside the repository"
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--", "sh", "-c", SCRIPT]
    process = subprocess.Popen(
        command,
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=240)
    finally:
        if process.poll() is None:  # never leave the application or the X server behind
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    codes = results(stdout)
    errors = "".join(
        (out / f"{name}.err").read_text() for name in ("coder", "review") if (out / f"{name}.err").exists()
    )
    diagnostics = f"stdout:\n{stdout}\nstderr:\n{stderr[-3000:]}" + errors
    assert codes == {
        "ready_rc": 0,
        "sign_in_rc": 0,
        "coder_dump_rc": 0,
        "start_coding_rc": 0,
        "review_dump_rc": 0,
        "accept_rc": 0,
    }, diagnostics

    workspace = {(n["role"], n["name"]) for n in showing(out / "coder.jsonl")}
    assert ("frame", "Coder — Coder Workbench") in workspace
    assert ("table", "Notes to code") in workspace
    assert ("push button", "Start coding") in workspace
    assert ("combo box", "All clinicians") in workspace  # a combo box reads as its current choice
    assert ("combo box", "Any date") in workspace
    assert ("check box", "Only notes that need review") in workspace

    # Each suggestion reads as code, title, confidence and status; its description quotes the note.
    lines = stdout.splitlines()
    assert any(line.startswith("Coding — ") for line in lines), diagnostics
    description = next(line for line in lines if line.startswith("DESCRIPTION: "))
    assert description.startswith("DESCRIPTION: Evidence: “"), diagnostics
    review = showing(out / "review.jsonl")
    names = {(n["role"], n["name"]) for n in review}
    assert ("text", "Note text") in names
    assert ("list", "Suggestions") in names
    assert ("push button", "Accept") in names
    assert ("push button", "Finalise coding") in names
    assert any(n["role"] == "list item" and n["description"].startswith("Evidence: ") for n in review)
    # Accepting is spoken: the code, its new status and the progress.
    assert any(
        "Accepted" in line and "suggestions decided" in line for line in lines if "ANNOUNCED" in line
    ), diagnostics
