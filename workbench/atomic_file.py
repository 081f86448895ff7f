"""Files written whole or not at all: settings, key files, exports.

The text goes to a temporary file beside the target (owner-only, as ``mkstemp`` makes it), reaches
the disk, and only then takes the target's name; a crash or an error part-way leaves the old file
as it was and no temporary behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")


def write_atomically(path: Path, write: Callable[[IO[str]], T]) -> T:
    """Call ``write`` on a temporary file in the target's folder, then move it into place."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # the rename itself must reach the disk too (POSIX)
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    return result
