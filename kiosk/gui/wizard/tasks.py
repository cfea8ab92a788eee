"""Running slow work (connecting, migrating, downloading) off the GUI thread.

A :class:`Task` runs one callable on a :class:`QThreadPool`. The worker puts what happens
(progress, the result, a failure) on a plain queue, and a timer on the GUI thread hands it
to the page through Qt signals: nothing Qt-related is touched from the worker thread.

The callable receives a ``report`` function for progress; a
:class:`~kiosk.core.errors.KioskError` it raises arrives as ``failed`` with its message and
hint, anything else as a generic plain-language error (and a log entry with the traceback,
never shown to the person).
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

Report = Callable[[object], None]
Work = Callable[[Report], object]
POLL_MS = 25


class _Runnable(QRunnable):
    def __init__(self, work: Work, events: queue.SimpleQueue[tuple[str, object]], what: str) -> None:
        super().__init__()
        self._work = work
        self._events = events
        self._what = what
        self.setAutoDelete(True)

    def run(self) -> None:
        events = self._events
        try:
            result = self._work(lambda value: events.put(("progress", value)))
        except KioskError as exc:
            events.put(("failed", exc))
        except Exception as exc:  # a bug or an unexpected driver error: a sentence, not a traceback
            log.exception("%s failed", self._what)
            events.put(
                (
                    "failed",
                    KioskError(
                        f"{self._what} failed unexpectedly ({type(exc).__name__}).",
                        "The details are in the kiosk's log file; try again, or ask for help with that file.",
                    ),
                )
            )
        else:
            events.put(("finished", result))


class Task(QObject):
    """One piece of work in the background. Keep a reference until ``done`` fires."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)  # a KioskError
    done = Signal()  # right after finished or failed, always

    def __init__(self, work: Work, what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        self._work = work
        self._what = what
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)
        self.running = False

    def start(self, pool: QThreadPool) -> None:
        self.running = True
        self._timer.start()
        pool.start(_Runnable(self._work, self._events, self._what))

    def _drain(self) -> None:
        while True:
            try:
                kind, value = self._events.get_nowait()
            except queue.Empty:
                return
            if kind == "progress":
                self.progress.emit(value)
                continue
            # The outcome and ``done`` go out together, so no code sees a finished task that
            # still claims to run (a click in between would be ignored).
            self._timer.stop()
            self.running = False
            if kind == "finished":
                self.finished.emit(value)
            else:
                self.failed.emit(value)
            self.done.emit()
            return


def run_task(
    pool: QThreadPool,
    work: Work,
    what: str,
    *,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[Any], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
    on_done: Callable[[], None] | None = None,
    parent: QObject | None = None,
) -> Task:
    task = Task(work, what, parent)
    if on_progress is not None:
        task.progress.connect(on_progress)
    if on_finished is not None:
        task.finished.connect(on_finished)
    if on_failed is not None:
        task.failed.connect(on_failed)
    if on_done is not None:
        task.done.connect(on_done)
    task.start(pool)
    return task
