"""Any failure, in plain words: the one rule every front end uses to show what went wrong.

- A :class:`~kiosk.core.errors.KioskError` is already plain; that includes the refusal of
  roster changes and enrollment while the school's database is away, which the roster
  service (:mod:`kiosk.app.roster`) makes, the one place that rule lives.
- A database driver failure (connection lost mid-command, server restarted, a damaged
  file) is explained by :func:`explain_database_failure`: the same sentence in the CLI,
  the window and the roster service.
- Anything else is a bug: logged with its traceback, shown as one sentence and where the
  details are (the CLI lets it raise instead, so a developer sees the traceback).
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from kiosk.core.errors import DatabaseError, KioskError
from kiosk.infra.db.connect import explain
from kiosk.infra.db.engine import parse_database_url

log = logging.getLogger(__name__)


def explain_database_failure(exc: BaseException, database_url: URL | str | None) -> KioskError | None:
    """What a person reads when the database failed (``database_url``: where it was, so the
    sentence can name the server); ``None`` when ``exc`` is not a database failure."""
    if not isinstance(exc, SQLAlchemyError):
        return None
    log.info("Database failure (%s)", type(exc).__name__, exc_info=exc)  # the details: log file only
    url = _parsed(database_url)
    if not isinstance(exc, DBAPIError) or url is None:
        return DatabaseError("The database failed unexpectedly.", "The details are in the log file.")
    return explain(exc, url)


def as_kiosk_error(
    exc: BaseException, what: str = "The background work", *, database_url: URL | str | None = None
) -> KioskError:
    """A message a person can read for any failure of ``what`` (e.g. "Reading the tables")."""
    if isinstance(exc, KioskError):
        return exc
    failure = explain_database_failure(exc, database_url)
    if failure is not None:
        return failure
    log.error("%s failed unexpectedly", what, exc_info=exc)
    return KioskError(
        # Only the type: the text of a driver error can hold a connection URL with its password.
        f"{what} failed unexpectedly ({type(exc).__name__}).",
        "The details are in the kiosk's log file; try again, or restart the kiosk.",
    )


def _parsed(database_url: URL | str | None) -> URL | None:
    if database_url is None or isinstance(database_url, URL):
        return database_url
    try:
        return parse_database_url(database_url)
    except KioskError:
        return None
