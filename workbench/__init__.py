"""Coder Workbench: clinical documentation and ICD-10-CM coding on one desktop."""

__version__ = "0.1.0"
APP_NAME = "Coder Workbench"
