"""The one way to run blocking work off the GUI thread: typed operations on a serial runner.

Anki's split is the model:

- :class:`QueryOp` reads: its work returns data, handed to ``on_success``.
- :class:`MutationOp` changes something: its work returns :class:`Changed` (a value and
  the :class:`Changes` it made). After ``on_success`` the runner emits
  :attr:`OpRunner.changed`, and every screen refreshes from that instead of being told by
  the code that made the change.

An :class:`OpRunner` is one worker thread: operations run one after the other, in the
order they were given (the database sees one caller at a time). Progress, results and
errors come back on the GUI thread through a queued signal; a failure arrives as a
:class:`~kiosk.core.errors.KioskError` in plain words (see :func:`kiosk.app.errors.as_kiosk_error`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.app.errors import as_kiosk_error
from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

T = TypeVar("T")
Report = Callable[[object], None]  # hands a progress value to the GUI thread
OnError = Callable[[KioskError], None]


@dataclass(frozen=True)
class Changes:
    """What a mutation changed; screens look at the flags they show."""

    marks: bool = False  # attendance marks of the running session
    session: bool = False  # a session opened or closed
    roster: bool = False  # classes, students, consent, enrollment

    def __bool__(self) -> bool:
        return self.marks or self.session or self.roster


@dataclass(frozen=True)
class Changed(Generic[T]):
    value: T
    changes: Changes


@dataclass
class QueryOp(Generic[T]):
    """Work that reads. ``work`` takes a ``report`` function for progress (see :meth:`plain`)."""

    work: Callable[[Report], T]
    on_success: Callable[[T], None] | None = None
    on_failure: OnError | None = None
    on_progress: Callable[[Any], None] | None = None
    on_done: Callable[[], None] | None = None  # after success or failure, always
    what: str = "The background work"  # for the plain-words message of an unexpected failure

    @staticmethod
    def plain(work: Callable[[], T]) -> Callable[[Report], T]:
        """Adapts work that reports no progress."""
        return lambda _report: work()


@dataclass
class MutationOp(Generic[T]):
    """Work that changes something and says what (:class:`Changed`)."""

    work: Callable[[Report], Changed[T]]
    on_success: Callable[[T], None] | None = None
    on_failure: OnError | None = None
    on_progress: Callable[[Any], None] | None = None
    on_done: Callable[[], None] | None = None
    what: str = "The change"


Op = QueryOp[Any] | MutationOp[Any]


@dataclass
class OpHandle:
    """One submitted operation; ``running`` turns False on the GUI thread as its outcome arrives."""

    op: Op
    running: bool = True
    _delivered: bool = field(default=False, repr=False)


class OpRunner(QObject):
    """One background thread: operations run in order; outcomes arrive on the GUI thread."""

    changed = Signal(object)  # Changes, after a mutation that changed something
    _event = Signal(object, str, object)  # handle, "progress" | "finished" | "failed", value

    def __init__(
        self, name: str = "kiosk-db", parent: QObject | None = None, *, database_url: str | None = None
    ) -> None:
        """``database_url``: the database the work uses, so its failures can name the server."""
        super().__init__(parent)
        self._database_url = database_url
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        # Queued: the handler always runs on this object's (the GUI) thread, never the worker's.
        self._event.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0

    def run(self, op: Op) -> OpHandle:
        handle = OpHandle(op)
        if self._closed:
            log.debug("operation submitted after shutdown ignored")
            handle.running = False
            return handle
        with self._lock:
            self._pending += 1
        self._executor.submit(self._execute, handle)
        return handle

    def query(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: OnError | None = None,
        *,
        what: str = "The background work",
    ) -> OpHandle:
        """Shorthand for a :class:`QueryOp` without progress."""
        return self.run(QueryOp(QueryOp.plain(work), on_success, on_failure, what=what))

    def mutate(
        self,
        work: Callable[[], T],
        changes: Changes,
        on_success: Callable[[T], None] | None = None,
        on_failure: OnError | None = None,
        *,
        what: str = "The change",
    ) -> OpHandle:
        """Shorthand for a :class:`MutationOp` whose changes are known before it runs."""

        def changing(_report: Report) -> Changed[T]:
            return Changed(work(), changes)

        return self.run(MutationOp(changing, on_success, on_failure, what=what))

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: OnError | None = None,
    ) -> None:
        """A query by callbacks (kept for the enrollment controller's calls)."""
        self.query(fn, on_done, on_error)

    def _execute(self, handle: OpHandle) -> None:
        # Runs on the worker thread: only the signal crosses to the GUI thread.
        op = handle.op

        def report(value: object) -> None:
            self._emit(handle, "progress", value)

        try:
            value = op.work(report)
        except BaseException as exc:
            error = as_kiosk_error(exc, op.what, database_url=self._database_url)
            log.info("%s failed: %s", op.what, error.message)
            self._emit(handle, "failed", error)
        else:
            self._emit(handle, "finished", value)

    def _emit(self, handle: OpHandle, kind: str, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the Qt object is gone (window closed)
            self._event.emit(handle, kind, value)

    @Slot(object, str, object)
    def _deliver(self, handle: OpHandle, kind: str, value: Any) -> None:
        op = handle.op
        if kind == "progress":
            if not self._closed and handle.running and op.on_progress is not None:
                op.on_progress(value)
            return
        with self._lock:
            self._pending -= 1
        # The outcome and ``running`` change together: no code sees a finished op still running.
        handle.running = False
        if self._closed:
            return  # being torn down: the results of the last queued work are not shown
        if kind == "failed":
            if op.on_failure is not None:
                op.on_failure(value)
            else:
                log.warning("Unhandled background error: %s", value.message)
        else:
            changes: Changes | None = None
            if isinstance(op, MutationOp):
                changes = value.changes
                value = value.value
            if op.on_success is not None:
                op.on_success(value)
            if changes:
                self.changed.emit(changes)
        if op.on_done is not None:
            op.on_done()

    def run_sync(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` after the queued work and wait for it (only when closing the window)."""
        return self._executor.submit(fn).result()

    def shutdown(self) -> None:
        """Finish the queued work (a mark in flight is never lost), then end the thread."""
        self._closed = True
        self._executor.shutdown(wait=True)
