"""A workaround for a reference-count bug in PySide6 6.12 on CPython 3.11.

``SignalInstance.emit()`` there returns ``True`` without taking a reference to it. Each emit
from Python thus lowers ``True``'s count by one; after enough of them the interpreter aborts
("bool_dealloc: deallocating True or False"), typically at exit. :func:`emit` measures once
whether this PySide build has the bug, and if so gives the reference back, so a fixed
PySide6 needs no change here.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_leaks: bool | None = None


class _Probe(QObject):
    ping = Signal()


def _emit_leaks() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    signal: Any = probe.ping  # typed loosely: the stubs say emit() returns None, it returns True
    for _ in range(8):
        signal.emit()
    lost = before - sys.getrefcount(True)
    if lost >= 8:
        for _ in range(lost):
            _incref(True)  # give back what the probe itself took
        return True
    return False


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, without the reference leak of the affected PySide6 builds."""
    global _leaks
    if _leaks is None:
        _leaks = _emit_leaks()
    result = signal.emit(*args)
    if _leaks and isinstance(result, bool):
        _incref(result)
