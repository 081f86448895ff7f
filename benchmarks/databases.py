"""The database a benchmark runs against: an SQLite file, or a throwaway PostgreSQL server."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from workbench.store.database import Database


@contextlib.contextmanager
def bench_database(postgres: bool, directory: Path, name: str = "bench.db") -> Iterator[Database]:
    """A migrated database, disposed of (and the server stopped) afterwards."""
    if postgres:
        from tests.postgres import running_server

        with running_server() as url:
            db = Database(url)
            db.upgrade()
            yield db
            db.dispose()
    else:
        db = Database(f"sqlite:///{directory / name}")
        db.upgrade()
        yield db
        db.dispose()
