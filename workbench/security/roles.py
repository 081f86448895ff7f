"""What each role may do. Services ask here before every action; the UI only mirrors it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.store.models import Role


class Permission(enum.StrEnum):
    VIEW_PATIENTS = "view_patients"
    EDIT_PATIENTS = "edit_patients"
    IMPORT_PATIENTS = "import_patients"
    START_ENCOUNTER = "start_encounter"
    EDIT_NOTE = "edit_note"
    DICTATE = "dictate"
    SIGN_NOTE = "sign_note"
    VIEW_NOTES = "view_notes"
    CODE_NOTES = "code_notes"
    AUDIT = "audit"
    MANAGE_USERS = "manage_users"
    ADMINISTER = "administer"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.PHYSICIAN: frozenset(
        {
            Permission.VIEW_PATIENTS,
            Permission.EDIT_PATIENTS,
            Permission.START_ENCOUNTER,
            Permission.EDIT_NOTE,
            Permission.DICTATE,
            Permission.SIGN_NOTE,
            Permission.VIEW_NOTES,
        }
    ),
    Role.CODER: frozenset({Permission.VIEW_PATIENTS, Permission.VIEW_NOTES, Permission.CODE_NOTES}),
    Role.AUDITOR: frozenset({Permission.VIEW_PATIENTS, Permission.VIEW_NOTES, Permission.AUDIT}),
    Role.ADMIN: frozenset(
        {
            Permission.VIEW_PATIENTS,
            Permission.EDIT_PATIENTS,
            Permission.IMPORT_PATIENTS,
            Permission.MANAGE_USERS,
            Permission.ADMINISTER,
        }
    ),
}


class PermissionDenied(WorkbenchError):
    """The signed-in user's role does not allow this action. Nothing was changed."""

    def __init__(self, actor: Actor, permission: Permission) -> None:
        super().__init__(
            f"{actor.username} ({actor.role.value}) is not allowed to {permission.value.replace('_', ' ')}."
        )
        self.actor = actor
        self.permission = permission


@dataclass(frozen=True)
class Actor:
    """The person acting, as plain data that can cross threads."""

    user_id: int | None
    username: str
    role: Role
    display_name: str = ""

    def can(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(self, permission)


# For jobs started from the command line by whoever can run the program on this machine
# (init, demo seeding, migrations): recorded in the audit trail under this name.
SYSTEM = Actor(user_id=None, username="system", role=Role.ADMIN, display_name="System")
