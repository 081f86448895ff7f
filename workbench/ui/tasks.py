"""Work off the UI thread: callables run on a thread pool and report back through signals.

Results are plain data (dataclasses, lists, exceptions). Each task has a key; only the newest
task for a key reports, so a slow, outdated query never overwrites a newer list.
"""

from __future__ import annotations

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
            self._relay.failed.emit(self._token, exc)
            return
        self._relay.finished.emit(self._token, result)


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
        relay = _Relay()  # lives in this (the UI) thread, so its signals arrive queued here
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
        # The finished job drops its reference on its worker thread, perhaps the last one: a
        # QObject must not be destroyed there, so it is deleted here, on the UI thread.
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
