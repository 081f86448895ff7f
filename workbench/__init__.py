"""Coder Workbench: clinical documentation and ICD-10-CM coding on one desktop."""

from pathlib import Path

__version__ = "0.1.0"
APP_NAME = "Coder Workbench"
# The reverse-DNS id of the .desktop entry, the AppStream metadata and the icon (packaging/linux).
APP_ID = "org.coderworkbench.Workbench"
# Data files shipped with the application (ICD-10-CM index, lexicons, icons, sample audio); the
# PyInstaller bundle keeps the same layout beside the package.
RESOURCES = Path(__file__).resolve().parents[1] / "resources"
