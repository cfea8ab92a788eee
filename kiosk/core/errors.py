"""Errors that reach a person.

Every failure a user can cause or fix is a :class:`KioskError`: one plain sentence saying
what is wrong (``message``) and one saying what to do (``hint``). Entry points (CLI, GUI)
show these and never a traceback.
"""

from __future__ import annotations


class KioskError(Exception):
    """A failure with a message for a person and a hint on what to do next."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class ConfigError(KioskError):
    """The configuration (file, environment or option) is invalid."""


class DatabaseError(KioskError):
    """The database cannot be reached or used."""


class DatabaseUnavailable(DatabaseError):
    """The database server is unreachable (network, server down)."""


class SchemaError(DatabaseError):
    """The database schema is missing, outdated or newer than this program."""


class NotFound(KioskError):
    """A named thing (class, student, session) does not exist."""


class Conflict(KioskError):
    """The change would break a uniqueness rule (duplicate id, already marked)."""


class ConsentRequired(KioskError):
    """Biometric data for a student without recorded consent was requested."""


class FaceMatchingRefused(ConsentRequired):
    """An automatic (face-matched) mark was refused: the student may not be face-matched at the
    mark's time, no longer exists, or the kiosk's copy of the roster is too old to trust."""


class InvalidInput(KioskError):
    """A value given by a person is malformed (date, file, id)."""


class ModelMismatch(KioskError):
    """Face vectors from different recognition models were about to be compared."""


class WeightsMissing(KioskError):
    """The recognition model's weight files are not installed."""


class CameraError(KioskError):
    """A camera or video source cannot be opened or read."""


class OfflineRefused(KioskError):
    """The change needs the central database and the kiosk is offline."""


class LocalStorageError(KioskError):
    """The kiosk's own files (its queue of marks) cannot be written: disk full, read-only, damaged."""


class AccessDenied(KioskError):
    """A sign-in was refused (wrong PIN, locked, disabled) or the account may not do that."""
