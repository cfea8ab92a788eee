"""Face vectors and thumbnails encrypted at rest in the embedded SQLite database.

A kiosk's ``kiosk.db`` sits on a classroom PC that other people use; its face vectors and
thumbnails are biometric data. On SQLite, ``face_encodings.vector`` and ``students.photo``
are sealed with AES-256-GCM (the key of :mod:`kiosk.infra.offline.keys`, the same as the
offline cache's) by the column type :class:`SealedBytes`, so repositories read and write
plain bytes as before. PostgreSQL keeps plain ``bytea``: there the server's own access
control (accounts, roles, its disk encryption) protects the data, and every kiosk must read
the vectors.

The key belongs to an engine, not to the model classes: :func:`register` ties a cipher to an
engine's dialect (each engine has its own). An engine without one (a test's bare engine,
PostgreSQL) writes plain bytes, and reads plain bytes as they are; a sealed value read
without the key fails with :class:`SealedDataUnreadable` instead of handing garbage on.

Sealed values start with :data:`MAGIC`, so old plain rows are recognised: :func:`seal_plain_rows`
seals them at start (idempotent; an Alembic step cannot, it has no key).
"""

from __future__ import annotations

import logging
import weakref
from typing import Any, Protocol

from sqlalchemy import Engine, LargeBinary, TypeDecorator, text
from sqlalchemy.engine import Dialect

from kiosk.core.errors import DatabaseError

log = logging.getLogger(__name__)

MAGIC = b"KSV1"  # "kiosk sealed value, format 1"
NONCE_AND_TAG = 12 + 16  # AES-GCM's nonce (kept in front) and tag
OVERHEAD = len(MAGIC) + NONCE_AND_TAG  # bytes a sealed value has beyond the plain one


class Cipher(Protocol):
    def encrypt(self, plain: bytes, context: str) -> bytes: ...

    def decrypt(self, blob: bytes, context: str) -> bytes | None: ...


class SealedDataUnreadable(DatabaseError):
    """A sealed value could not be opened: another kiosk's key, a lost key, or a changed file."""


_CIPHERS: weakref.WeakKeyDictionary[Dialect, Cipher] = weakref.WeakKeyDictionary()


def register(engine: Engine, cipher: Cipher) -> None:
    """Seal biometric columns on ``engine`` (SQLite only; PostgreSQL is left as it is)."""
    if engine.dialect.name == "sqlite":
        _CIPHERS[engine.dialect] = cipher


def is_sealed(value: bytes) -> bool:
    return value[: len(MAGIC)] == MAGIC


def _unreadable() -> SealedDataUnreadable:
    return SealedDataUnreadable(
        "The face data in the local database is encrypted with a key this kiosk does not have "
        "(the key was lost, or the file comes from another computer).",
        "Run the command on the kiosk that made the file, or re-enroll the students.",
    )


def open_sealed(value: bytes, cipher: Cipher | None, context: str) -> bytes:
    """Plain bytes from a stored value, sealed or (an old row) plain."""
    if not is_sealed(value):
        return value
    if cipher is None:
        raise _unreadable()
    plain = cipher.decrypt(value[len(MAGIC) :], context)
    if plain is None:
        raise _unreadable()
    return plain


class SealedBytes(TypeDecorator[bytes]):
    """``LargeBinary`` that is encrypted on an engine with a registered cipher (see module)."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, context: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context = context  # bound into the ciphertext: a vector cannot pose as a photo

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        cipher = _CIPHERS.get(dialect)
        if value is None or cipher is None:
            return value
        value = bytes(value)
        if is_sealed(value):
            return value  # already sealed (copied row for row)
        return MAGIC + cipher.encrypt(value, self.context)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return open_sealed(bytes(value), _CIPHERS.get(dialect), self.context)


VECTOR_CONTEXT = "face_encodings.vector"
PHOTO_CONTEXT = "students.photo"
_COLUMNS = (("face_encodings", "vector", VECTOR_CONTEXT), ("students", "photo", PHOTO_CONTEXT))


def seal_plain_rows(engine: Engine) -> int:
    """Seal the vectors and thumbnails still stored plainly (written before sealing existed).

    Idempotent: sealed values are recognised by :data:`MAGIC` and left alone. Returns how many
    values were sealed. Does nothing on an engine without a registered cipher."""
    cipher = _CIPHERS.get(engine.dialect)
    if cipher is None:
        return 0
    sealed = 0
    magic_hex = MAGIC.hex().upper()
    with engine.begin() as conn:
        for table, column, context in _COLUMNS:
            rows = conn.execute(
                text(
                    f"SELECT rowid, {column} FROM {table} "
                    f"WHERE {column} IS NOT NULL AND substr({column}, 1, {len(MAGIC)}) != X'{magic_hex}'"
                )
            ).all()
            for rowid, value in rows:
                conn.execute(
                    text(f"UPDATE {table} SET {column} = :v WHERE rowid = :r"),
                    {"v": MAGIC + cipher.encrypt(bytes(value), context), "r": rowid},
                )
            sealed += len(rows)
    if sealed:
        log.info("Encrypted %d face vector(s) and thumbnail(s) stored plainly by an older kiosk", sealed)
    return sealed
