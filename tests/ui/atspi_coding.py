#!/usr/bin/python3
"""Drive the coder's review through AT-SPI, as a screen reader user would (see atspi_driver.py).

Runs under the SYSTEM python (Debian's python3-pyatspi), in the D-Bus session of the app:

  /usr/bin/python3 atspi_coding.py start-coding [--wait S]
  /usr/bin/python3 atspi_coding.py accept [--wait S]

start-coding: presses "Start coding" under the worklist, waits for the review window and for its
suggestion list to fill (they may be computed on opening), prints the window's name and the first
suggestion with its description.
accept: presses "Accept" and prints what the application announced (AT-SPI "object:announcement")
until the stored decision is announced; fails when nothing was announced.
"""

from __future__ import annotations

import argparse
from typing import Any

import pyatspi
from atspi_driver import app, find, press, states, wait_for, walk  # type: ignore[import-not-found]


def review_window() -> Any:
    root = app()
    if root is None:
        return None
    for i in range(root.childCount):
        child = root.getChildAtIndex(i)
        if child is not None and child.name.startswith("Coding — ") and "showing" in states(child):
            return child
    return None


def first_suggestion() -> Any:
    suggestions = find("list", "Suggestions")
    if suggestions is None:
        return None
    for node in walk(suggestions):
        if node is not suggestions and node.getRoleName() == "list item" and node.name:
            return node
    return None


def accept(seconds: float) -> int:
    from gi.repository import GLib  # type: ignore[import-not-found, unused-ignore]

    button = wait_for("the Accept button to be enabled", lambda: enabled("Accept"), seconds)
    announced: list[str] = []

    def heard(event: Any) -> None:
        # Accepting moves on to the next suggestion (which is read out) before the decision is
        # stored and announced: listen until that one arrives.
        announced.append(str(event.any_data))
        if "suggestions decided" in announced[-1]:
            pyatspi.Registry.stop()

    def attempt() -> bool:
        press(button)
        return False

    pyatspi.Registry.registerEventListener(heard, "object:announcement")
    GLib.timeout_add(100, attempt)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop())
    pyatspi.Registry.start()
    for text in announced:
        print(f"ANNOUNCED: {text}")
    return 0 if announced else 1


def enabled(name: str) -> Any:
    button = find("push button", name)
    return button if button is not None and "enabled" in states(button) else None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["start-coding", "accept"])
    parser.add_argument("--wait", type=float, default=30.0)
    args = parser.parse_args()
    if args.command == "accept":
        return accept(args.wait)
    press(wait_for("the Start coding button", lambda: find("push button", "Start coding"), args.wait))
    window = wait_for("the coding review", review_window, args.wait)
    item = wait_for("the first suggestion", first_suggestion, args.wait)
    print(window.name)
    print(f"SUGGESTION: {item.name}")
    print(f"DESCRIPTION: {item.description}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
