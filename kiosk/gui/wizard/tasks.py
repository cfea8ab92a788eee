"""Running slow work (connecting, migrating, downloading) off the GUI thread.

A :class:`Task` runs one callable on a :class:`QThreadPool` and reports back through Qt
signals, which Qt delivers on the GUI thread. The callable receives a ``report`` function
for progress; a :class:`~kiosk.core.errors.KioskError` it raises arrives as ``failed`` with
its message and hint, anything else as a generic plain-language error (and a log entry with
the traceback, never shown to the person).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

Report = Callable[[object], None]
Work = Callable[[Report], object]


class _Signals(QObject):
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)  # a KioskError
    done = Signal()  # after finished or failed, always


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals, what: str) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._what = what
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work(self._signals.progress.emit)
        except KioskError as exc:
            self._signals.failed.emit(exc)
        except Exception as exc:  # a bug or an unexpected driver error: a sentence, not a traceback
            log.exception("%s failed", self._what)
            self._signals.failed.emit(
                KioskError(
                    f"{self._what} failed unexpectedly ({type(exc).__name__}).",
                    "The details are in the kiosk's log file; try again, or ask for help with that file.",
                )
            )
        else:
            self._signals.finished.emit(result)
        self._signals.done.emit()


class Task(QObject):
    """One piece of work in the background. Keep a reference until ``done`` fires."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, work: Work, what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()  # no parent: emitted from the worker thread
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self.finished)
        self._signals.failed.connect(self.failed)
        self._signals.done.connect(self._on_done)
        self._work = work
        self._what = what
        self.running = False

    def start(self, pool: QThreadPool) -> None:
        self.running = True
        pool.start(_Runnable(self._work, self._signals, self._what))

    def _on_done(self) -> None:
        self.running = False
        self.done.emit()


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
