"""Build the interface translations: i18n/*.ts → i18n/*.qm (and, with --update, refresh the .ts).

`make translations` runs this without flags: it only compiles a .qm that is missing or older
than its .ts, so a second run does nothing. `--update` first re-extracts the strings from the
sources with pyside6-lupdate (keeping existing translations), for whoever adds UI text.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import PySide6

from workbench.ui.i18n import translations_dir

LANGUAGES = ("en", "es")
UI_SOURCES = Path(__file__).resolve().parent


def _tool(name: str) -> Path:
    """The Qt tool shipped inside the PySide6 wheel (no system Qt needed)."""
    bundled = Path(PySide6.__file__).parent / name
    if bundled.exists():
        return bundled
    script = Path(sys.executable).parent / f"pyside6-{name}"
    if script.exists():
        return script
    raise SystemExit(f"Cannot find Qt's {name}; reinstall PySide6-Essentials (pip install -e '.[dev]').")


def ts_file(language: str, directory: Path) -> Path:
    return directory / f"workbench_{language}.ts"


def update_sources(directory: Path, quiet: bool = True) -> None:
    sources = sorted(str(p) for p in UI_SOURCES.rglob("*.py"))
    for language in LANGUAGES:
        target = ts_file(language, directory)
        command = [str(_tool("lupdate")), "-no-obsolete", "-locations", "none", "-target-language", language]
        command += [*sources, "-ts", str(target)]
        subprocess.run(command, check=True, capture_output=quiet)


def build(directory: Path, force: bool = False, quiet: bool = True) -> list[Path]:
    """Compile each .ts whose .qm is missing or stale; returns the .qm files written."""
    written = []
    for ts in sorted(directory.glob("workbench_*.ts")):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run(
            [str(_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=quiet
        )
        written.append(qm)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.ui.i18n_build", description=__doc__)
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the sources first")
    parser.add_argument("--force", action="store_true", help="rebuild every .qm")
    parser.add_argument("--dir", type=Path, default=None, help="the i18n folder (default: the repository's)")
    args = parser.parse_args(argv)
    directory = args.dir or translations_dir()
    directory.mkdir(parents=True, exist_ok=True)
    if args.update:
        update_sources(directory, quiet=False)
    written = build(directory, force=args.force or args.update)
    for qm in written:
        print(f"built {qm}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
