"""Work off the UI thread: callables run on a thread pool and report back through signals.

Results are plain data (dataclasses, lists, exceptions). Each task has a key; only the newest
task for a key reports, so a slow, outdated query never overwrites a newer list.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, token: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._token = token
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # delivered to the UI, which shows it
            self._report(exc, failed=True)
            return
        self._report(result)

    def _report(self, value: object, *, failed: bool = False) -> None:
        # RuntimeError: the relay died with its runner (the widget closed); nobody waits for this.
        with contextlib.suppress(RuntimeError):
            (self._relay.failed if failed else self._relay.finished).emit(self._token, value)


@dataclass
class _Pending:
    key: str
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None]
    relay: _Relay


class TaskRunner(QObject):
    """Runs callables on a pool; a widget owns one, so its death drops late results."""

    _tokens = itertools.count(1)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        key: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        token = next(self._tokens)
        # A child of the runner: it lives in the UI thread, so its signals arrive queued here, and
        # it is destroyed here too, with the runner or once its result is taken, never by the last
        # reference a finished job drops on its worker thread.
        relay = _Relay(self)
        relay.finished.connect(self._finished)
        relay.failed.connect(self._failed)
        self._pending[token] = _Pending(key, on_done, on_error, relay)
        self._latest[key] = token
        self._pool.start(_Job(token, work, relay))

    def busy(self, key: str | None = None) -> bool:
        return any(key is None or p.key == key for p in self._pending.values())

    def _take(self, token: int) -> _Pending | None:
        pending = self._pending.pop(token, None)
        if pending is None:
            return None
        pending.relay.deleteLater()
        if self._latest.get(pending.key) != token:
            return None
        del self._latest[pending.key]
        return pending

    @Slot(int, object)
    def _finished(self, token: int, result: object) -> None:
        pending = self._take(token)
        if pending is not None:
            pending.on_done(result)

    @Slot(int, object)
    def _failed(self, token: int, error: object) -> None:
        pending = self._take(token)
        if pending is not None:
            pending.on_error(error if isinstance(error, Exception) else RuntimeError(str(error)))
