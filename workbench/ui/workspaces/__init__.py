"""One workspace per role, shown in the main window after signing in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.security.roles import Actor
    from workbench.store.database import Database
    from workbench.ui.workspaces.base import Workspace


def workspace_for(db: Database, actor: Actor) -> Workspace:
    from workbench.store.models import Role

    if actor.role is Role.PHYSICIAN:
        from workbench.ui.workspaces.physician import PhysicianWorkspace

        return PhysicianWorkspace(db, actor)
    if actor.role is Role.CODER:
        from workbench.ui.workspaces.coder import CoderWorkspace

        return CoderWorkspace(db, actor)
    if actor.role is Role.AUDITOR:
        from workbench.ui.workspaces.auditor import AuditorWorkspace

        return AuditorWorkspace(db, actor)
    from workbench.ui.workspaces.admin import AdminWorkspace

    return AdminWorkspace(db, actor)
