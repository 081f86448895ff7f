"""Persistence: SQLAlchemy models, the engine, sessions and Alembic migrations."""

from workbench.store.database import Database

__all__ = ["Database"]
