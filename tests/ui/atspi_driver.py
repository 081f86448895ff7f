#!/usr/bin/python3
"""Drive the running workbench through AT-SPI, as a screen reader user would.

Runs under the SYSTEM python (Debian's python3-pyatspi), in the D-Bus session of the app:

  /usr/bin/python3 atspi_driver.py wait-ready [--demo] [--wait S]
  /usr/bin/python3 atspi_driver.py login USERNAME PASSWORD [--wait S]
  /usr/bin/python3 atspi_driver.py open-note [--wait S]
  /usr/bin/python3 atspi_driver.py failed-login USERNAME PASSWORD [--wait S]

wait-ready: until the sign-in dialog's "Sign in" button is enabled (the database is open);
with --demo, also until the demo accounts hint shows.
login: types into the fields through the EditableText interface, presses "Sign in" through its
Action interface, and waits for the main window (a frame) to show.
open-note: presses "Open note" in the physician workspace and waits for the note editor.
failed-login: signs in with a wrong password and prints what the application announced to
screen readers (AT-SPI "object:announcement" events); fails when nothing was announced.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi

APP = "Coder Workbench"


def walk(node: Any) -> Iterator[Any]:
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


def app() -> Any:
    for candidate in pyatspi.Registry.getDesktop(0):
        if candidate is not None and candidate.name == APP:
            return candidate
    return None


def states(node: Any) -> set[str]:
    return {pyatspi.stateToString(s) for s in node.getState().getStates()}


def find(role: str, name: str) -> Any:
    root = app()
    if root is None:
        return None
    for node in walk(root):
        if node.getRoleName() == role and node.name == name and "showing" in states(node):
            return node
    return None


def wait_for(what: str, check: Callable[[], Any], seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except Exception:  # the tree changes under us while windows open and close
            found = None
        if found:
            return found
        time.sleep(0.2)
    sys.exit(f"timed out waiting for {what}")


def sign_in_enabled() -> Any:
    button = find("push button", "Sign in")
    return button if button is not None and "enabled" in states(button) else None


def demo_hint() -> Any:
    root = app()
    if root is None:
        return None
    for node in walk(root):
        if (
            node.getRoleName() == "label"
            and node.name.startswith("Demo installation")
            and "showing" in states(node)
        ):
            return node
    return None


def main_window() -> Any:
    root = app()
    if root is None:
        return None
    for i in range(root.childCount):
        child = root.getChildAtIndex(i)
        if child is not None and child.getRoleName() == "frame" and "showing" in states(child):
            return child
    return None


def note_editor() -> Any:
    root = app()
    if root is None:
        return None
    for i in range(root.childCount):
        child = root.getChildAtIndex(i)
        if child is not None and child.name.startswith("Note — ") and "showing" in states(child):
            return child
    return None


def press(node: Any) -> None:
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["wait-ready", "login", "open-note", "failed-login"])
    parser.add_argument("username", nargs="?")
    parser.add_argument("password", nargs="?")
    parser.add_argument("--wait", type=float, default=30.0)
    parser.add_argument("--demo", action="store_true", help="also wait for the demo accounts hint")
    args = parser.parse_args()
    if args.command == "open-note":
        press(wait_for("the Open note button", lambda: find("push button", "Open note"), args.wait))
        editor = wait_for("the note editor", note_editor, args.wait)
        print(editor.name)
        return 0
    button = wait_for("the Sign in button to be enabled", sign_in_enabled, args.wait)
    if args.command == "wait-ready":
        if args.demo:
            wait_for("the demo hint", demo_hint, args.wait)
        return 0
    if args.command == "failed-login":
        return failed_login(args.username, args.password, button, args.wait)
    type_credentials(args.username, args.password, args.wait)
    press(button)
    window = wait_for("the main window", main_window, args.wait)
    print(window.name)
    return 0


def type_credentials(user: str, secret: str, seconds: float) -> None:
    username = wait_for("the Username field", lambda: find("text", "Username"), seconds)
    password = wait_for("the Password field", lambda: find("password text", "Password"), seconds)
    username.queryEditableText().setTextContents(user)
    password.queryEditableText().setTextContents(secret)


def failed_login(user: str, secret: str, button: Any, seconds: float) -> int:
    # PyGObject comes with the system python (python3-gi), which runs this script.
    from gi.repository import GLib  # type: ignore[import-not-found, unused-ignore]

    announced: list[str] = []

    def heard(event: Any) -> None:
        announced.append(str(event.any_data))
        pyatspi.Registry.stop()

    def attempt() -> bool:
        type_credentials(user, secret, seconds)
        press(button)
        return False  # once

    pyatspi.Registry.registerEventListener(heard, "object:announcement")
    GLib.timeout_add(100, attempt)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop())
    pyatspi.Registry.start()
    for text in announced:
        print(f"ANNOUNCED: {text}")
    return 0 if announced else 1


if __name__ == "__main__":
    raise SystemExit(main())
