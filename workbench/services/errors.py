"""Errors the services raise; all are WorkbenchErrors with messages fit for the user."""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.security.roles import PermissionDenied


class NotFound(WorkbenchError):
    pass


class InvalidInput(WorkbenchError):
    pass


class Conflict(WorkbenchError):
    """Someone else changed the thing first; reload and try again."""


class NoteLocked(WorkbenchError):
    """A signed note cannot be changed; corrections are addenda."""


class AuthenticationFailed(WorkbenchError):
    pass


class LoginThrottled(AuthenticationFailed):
    def __init__(self, seconds: int) -> None:
        super().__init__(f"Too many failed sign-in attempts. Try again in {seconds} seconds.")
        self.seconds = seconds


__all__ = [
    "AuthenticationFailed",
    "Conflict",
    "InvalidInput",
    "LoginThrottled",
    "NotFound",
    "NoteLocked",
    "PermissionDenied",
    "WorkbenchError",
]
