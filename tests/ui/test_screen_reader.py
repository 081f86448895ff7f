"""The real screen-reader path: the application on a virtual X screen, read through AT-SPI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workbench.config import Settings, save_settings
from workbench.services.demo import seed_demo
from workbench.store.database import Database

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# CI clones the repository with shared/ beside it (../shared from the repository root).
ATSPI_DUMP = REPO.parent / "shared" / "tools" / "atspi_dump.py"
DRIVER = HERE / "atspi_driver.py"

SCRIPT = """
QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$APP_PYTHON" -m workbench &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null' EXIT
/usr/bin/python3 "$DRIVER" wait-ready --demo --wait 40; echo "ready_rc=$?"
/usr/bin/python3 "$ATSPI_DUMP" "Coder Workbench" --wait 20 --check-names >"$OUT/login.jsonl" 2>"$OUT/login.err"
echo "login_dump_rc=$?"
/usr/bin/python3 "$DRIVER" failed-login drgrey not-the-password --wait 20; echo "announce_rc=$?"
/usr/bin/python3 "$DRIVER" login drgrey physician-demo --wait 40; echo "sign_in_rc=$?"
sleep 1
/usr/bin/python3 "$ATSPI_DUMP" "Coder Workbench" --wait 20 --check-names >"$OUT/physician.jsonl" 2>"$OUT/physician.err"
echo "physician_dump_rc=$?"
/usr/bin/python3 "$DRIVER" open-note --wait 40; echo "open_note_rc=$?"
sleep 1
/usr/bin/python3 "$ATSPI_DUMP" "Coder Workbench" --wait 20 --check-names >"$OUT/editor.jsonl" 2>"$OUT/editor.err"
echo "editor_dump_rc=$?"
"""


def seeded_demo_home(home: Path) -> None:
    db = Database(f"sqlite:///{home / 'workbench.db'}")
    db.upgrade()
    seed_demo(db)
    db.dispose()
    save_settings(Settings(demo=True), home)


def results(stdout: str) -> dict[str, int]:
    pairs = (
        line.split("=", 1)
        for line in stdout.splitlines()
        if line.endswith(tuple("0123456789")) and "_rc=" in line
    )
    return {key: int(value) for key, value in pairs}


def showing(path: Path) -> list[dict[str, Any]]:
    nodes = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [n for n in nodes if "showing" in n["states"]]


@pytest.mark.xvfb
@pytest.mark.slow
def test_screen_reader_finds_named_controls_in_login_workspace_and_note_editor(tmp_path: Path) -> None:
    home = tmp_path / "demo-home"
    home.mkdir()
    seeded_demo_home(home)
    out = tmp_path / "atspi"
    out.mkdir()
    env = dict(os.environ, WORKBENCH_HOME=str(home), APP_PYTHON=sys.executable, OUT=str(out))
    env.update(DRIVER=str(DRIVER), ATSPI_DUMP=str(ATSPI_DUMP))
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
        stdout, stderr = process.communicate(timeout=180)
    finally:
        if process.poll() is None:  # never leave the application or the X server behind
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    codes = results(stdout)
    diagnostics = f"stdout:\n{stdout}\nstderr:\n{stderr[-3000:]}"
    errors = "".join(
        (out / f"{name}.err").read_text()
        for name in ("login", "physician", "editor")
        if (out / f"{name}.err").exists()
    )
    assert codes == {
        "ready_rc": 0,
        "login_dump_rc": 0,
        "announce_rc": 0,
        "sign_in_rc": 0,
        "physician_dump_rc": 0,
        "open_note_rc": 0,
        "editor_dump_rc": 0,
    }, diagnostics + errors

    # The refused sign-in was spoken: Qt's announcement event reached the AT-SPI client.
    assert "ANNOUNCED: Unknown username or wrong password." in stdout

    login = showing(out / "login.jsonl")
    roles_and_names = {(n["role"], n["name"]) for n in login}
    assert ("dialog", "Sign in — Coder Workbench") in roles_and_names
    assert ("text", "Username") in roles_and_names
    assert ("password text", "Password") in roles_and_names
    assert ("push button", "Sign in") in roles_and_names
    assert any(n["role"] == "label" and str(n["name"]).startswith("Demo installation") for n in login)

    workspace = showing(out / "physician.jsonl")
    names = {(n["role"], n["name"]) for n in workspace}
    assert ("frame", "Physician — Coder Workbench") in names
    assert ("table", "Today's encounters") in names
    assert ("table", "Patients") in names
    assert ("push button", "Start encounter") in names
    assert ("text", "Find patient") in names
    assert ("text", "Search patients") in names  # the Ctrl+K search box in the toolbar
    assert ("label", "Signed in as Dr. Meredith Grey (Physician)") in names
    assert sum(1 for n in workspace if n["role"] == "table cell") >= 10

    editor = showing(out / "editor.jsonl")
    names = {(n["role"], n["name"]) for n in editor}
    assert any(role == "frame" and str(name).startswith("Note — ") for role, name in names)
    assert ("text", "Note text") in names
    assert any(role == "label" and str(name).startswith("Words: ") for role, name in names)
    # A draft offers dictation and signing; a signed note says who signed it, with its badge.
    draft = ("push button", "Record") in names and ("push button", "Sign note") in names
    signed = any(role == "label" and str(name).startswith("Signed by ") for role, name in names)
    assert draft or signed, sorted(names)
