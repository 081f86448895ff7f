"""Accessible names and live announcements for screen readers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


def describe(widget: QWidget, name: str, description: str = "") -> None:
    """Set what a screen reader says for a widget (and a tooltip-free description)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)


def describe_scroll_bars(area: QAbstractScrollArea, name: str) -> None:
    """Scroll bars are controls too; a screen reader should say whose they are."""
    vertical = QCoreApplication.translate("Accessibility", "%1, vertical scroll bar").replace("%1", name)
    horizontal = QCoreApplication.translate("Accessibility", "%1, horizontal scroll bar").replace("%1", name)
    area.verticalScrollBar().setAccessibleName(vertical)
    area.horizontalScrollBar().setAccessibleName(horizontal)


def announce(widget: QWidget, message: str, assertive: bool = False) -> None:
    """Ask screen readers to speak a status change (Qt 6.8+ announcement event)."""
    if not message or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


def is_interactive(widget: QWidget) -> bool:
    return isinstance(widget, INTERACTIVE)


def unnamed_controls(widgets: list[QWidget] | None = None) -> list[QWidget]:
    """Visible interactive widgets without an accessible name (what a screen reader can't say)."""
    candidates = widgets if widgets is not None else QApplication.allWidgets()
    return [w for w in candidates if is_interactive(w) and w.isVisible() and not w.accessibleName().strip()]
