"""Light and dark palettes chosen for WCAG AA contrast, and following the system's scheme.

Qt's default selected-text and placeholder colours fall below 4.5:1, and dark mode cannot be
requested on every platform, so both themes are explicit palettes on the Fusion style (which
honours palettes everywhere). "system" picks one of them from QStyleHints.colorScheme().
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

LIGHT: dict[QPalette.ColorRole, str] = {
    Role.Window: "#f3f4f6",
    Role.WindowText: "#1b1d21",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#eef0f3",
    Role.Text: "#1b1d21",
    Role.Button: "#e4e7eb",
    Role.ButtonText: "#1b1d21",
    Role.BrightText: "#ffffff",
    Role.Highlight: "#0b57d0",
    Role.HighlightedText: "#ffffff",
    Role.PlaceholderText: "#5b6068",
    Role.ToolTipBase: "#fffbe0",
    Role.ToolTipText: "#1b1d21",
    Role.Link: "#0b57d0",
    Role.LinkVisited: "#6b2fa0",
    Role.Light: "#ffffff",
    Role.Midlight: "#eceef1",
    Role.Mid: "#a6abb3",
    Role.Dark: "#6f757e",
    Role.Shadow: "#2a2d33",
}

DARK: dict[QPalette.ColorRole, str] = {
    Role.Window: "#1e1f22",
    Role.WindowText: "#e8eaed",
    Role.Base: "#141517",
    Role.AlternateBase: "#24262a",
    Role.Text: "#e8eaed",
    Role.Button: "#2d2f34",
    Role.ButtonText: "#e8eaed",
    Role.BrightText: "#000000",
    Role.Highlight: "#8ab4f8",
    Role.HighlightedText: "#0b0c0e",
    Role.PlaceholderText: "#a0a5ad",
    Role.ToolTipBase: "#2d2f34",
    Role.ToolTipText: "#e8eaed",
    Role.Link: "#8ab4f8",
    Role.LinkVisited: "#c9a4f5",
    Role.Light: "#45484f",
    Role.Midlight: "#35383e",
    Role.Mid: "#5b5f67",
    Role.Dark: "#101113",
    Role.Shadow: "#000000",
}

# Disabled controls are exempt from WCAG's minimum, but must still be legible.
DISABLED_TEXT = {"light": "#6a6f77", "dark": "#8b9098"}

# (foreground, background) pairs that people read; each must reach 4.5:1.
READABLE_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
    (Role.LinkVisited, Role.Base),
    (Role.Link, Role.Window),
    (Role.Text, Role.Window),
)


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio, from 1.0 (same colour) to 21.0 (black on white)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def palette(scheme: str) -> QPalette:
    """The explicit palette for "light" or "dark"."""
    colors = DARK if scheme == "dark" else LIGHT
    result = QPalette()
    for role, value in colors.items():
        color = QColor(value)
        for group in (Group.Active, Group.Inactive, Group.Disabled):
            result.setColor(group, role, color)
    disabled = QColor(DISABLED_TEXT["dark" if scheme == "dark" else "light"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        result.setColor(Group.Disabled, role, disabled)
    return result


def system_scheme() -> str:
    """ "dark" when the platform reports a dark colour scheme, else "light"."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve(theme: str) -> str:
    return system_scheme() if theme == "system" else ("dark" if theme == "dark" else "light")


class ThemeController(QObject):
    """Applies a theme to the application and keeps "system" in step with the platform."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._theme = "system"
        self.scheme = "light"
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)

    @property
    def theme(self) -> str:
        return self._theme

    def apply(self, theme: str) -> None:
        self._theme = theme
        self.scheme = resolve(theme)
        self._app.setPalette(palette(self.scheme))

    def _on_system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme == "system":
            self.apply("system")
