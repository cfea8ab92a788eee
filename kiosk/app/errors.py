"""Any failure, in plain words: what front ends show when background work goes wrong.

A :class:`~kiosk.core.errors.KioskError` is already plain; that includes the refusal of
roster changes and enrollment while the school's database is away, which the roster
service (:mod:`kiosk.app.roster`) makes, the one place that rule lives. Anything else is a
bug: logged with its traceback, shown as one sentence and where the details are.
"""

from __future__ import annotations

import logging

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)


def as_kiosk_error(exc: BaseException, what: str = "The background work") -> KioskError:
    """A message a person can read for any failure of ``what`` (e.g. "Reading the tables")."""
    if isinstance(exc, KioskError):
        return exc
    log.error("%s failed unexpectedly", what, exc_info=exc)
    return KioskError(
        # Only the type: the text of a driver error can hold a connection URL with its password.
        f"{what} failed unexpectedly ({type(exc).__name__}).",
        "The details are in the kiosk's log file; try again, or restart the kiosk.",
    )
