"""The key that encrypts face vectors in the local cache and the embedded SQLite database.

Face vectors are biometric data, so the cache keeps them encrypted (AES-256-GCM), and so
does ``kiosk.db`` in SQLite mode (vectors and thumbnails, see :mod:`kiosk.infra.db.sealing`). The key
lives in the OS keyring when one is usable; otherwise in a key file in the data folder that
only this user may read (mode 600). ``kiosk doctor`` shows which through
:func:`key_storage_description`.
"""

from __future__ import annotations

import base64
import logging
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.core.errors import ConfigError
from kiosk.infra.atomic_files import create_exclusively, write_atomically
from kiosk.infra.config import Settings
from kiosk.infra.secrets import get_secret, set_secret

log = logging.getLogger(__name__)

KEYRING_NAME = "offline-cache-key"
KEY_FILE_NAME = "cache.key"
NONCE_BYTES = 12


def key_file_path(settings: Settings) -> Path:
    return settings.data_dir / KEY_FILE_NAME


def _decode(text: str) -> bytes | None:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        return None
    return raw if len(raw) == 32 else None


def _read_key_file(path: Path) -> bytes | None:
    try:
        key = _decode(path.read_text(encoding="ascii"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"The cache key file {path} cannot be read ({exc}).",
            "Fix its permissions, or delete it: the cache is then rebuilt from PostgreSQL.",
        ) from None
    if key is None:
        log.warning("The cache key file %s is damaged; a new key will be made", path)
    return key


def _write_key_file(path: Path, key: bytes, *, replace_damaged: bool) -> bytes:
    """Store ``key`` unless another process stored one first; returns the key that is on disk.

    Two kiosks starting together on a fresh data folder must end up with the same key: the
    file is created exclusively (mode 600 from the first byte), and the loser reads the winner's.
    """
    data = base64.b64encode(key)
    if replace_damaged:
        write_atomically(path, data, mode=0o600)
        return key
    if create_exclusively(path, data, mode=0o600):
        return key
    theirs = _read_key_file(path)
    if theirs is None:  # damaged in the meantime: ours replaces it
        write_atomically(path, data, mode=0o600)
        return key
    return theirs


def load_or_create_key(settings: Settings) -> bytes:
    """The cache key; made on first use. A key file, once made, is kept (a keyring appearing later
    must not orphan the encrypted data)."""
    path = key_file_path(settings)
    key = _read_key_file(path)
    if key is not None:
        return key
    damaged = path.exists()
    stored = get_secret(KEYRING_NAME)
    if stored:
        key = _decode(stored)
        if key is not None:
            return key
    key = secrets.token_bytes(32)
    if set_secret(KEYRING_NAME, base64.b64encode(key).decode("ascii")):
        log.info("Made a new cache encryption key, kept in the OS keyring")
        # Another kiosk may have stored its own at the same moment: the keyring holds the last one.
        return _decode(get_secret(KEYRING_NAME) or "") or key
    key = _write_key_file(path, key, replace_damaged=damaged)
    # INFO, not a warning: on a kiosk without a keyring this is the normal place (a private
    # file in a private folder), made on the first command; `kiosk doctor` shows it.
    log.info("No OS keyring: the cache encryption key is in %s (readable only by this user)", path)
    return key


def key_storage_description(settings: Settings) -> str:
    """One line for ``kiosk doctor``: where the cache key lives."""
    path = key_file_path(settings)
    if path.is_file():
        mode = path.stat().st_mode & 0o777
        safe = "readable only by this user" if mode & 0o077 == 0 else f"WARNING: mode {mode:o}, run chmod 600"
        return f"key file {path} ({safe}; no OS keyring was available)"
    if get_secret(KEYRING_NAME):
        return "OS keyring (service 'classroom-kiosk')"
    return "not created yet (made on the first cache refresh)"


class VectorCipher:
    """AES-256-GCM; the associated data binds a ciphertext to its class and model."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def encrypt(self, plain: bytes, context: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plain, context.encode())

    def decrypt(self, blob: bytes, context: str) -> bytes | None:
        """``None`` when the blob was made with another key or was changed."""
        try:
            return self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode())
        except (InvalidTag, ValueError):
            return None

    def decrypt_into(self, blob: bytes, context: str, out: memoryview) -> bool:
        """Like :meth:`decrypt`, straight into ``out`` (exactly the plain size): no copy of hundreds of MB."""
        try:
            self._aead.decrypt_into(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode(), out)
        except (InvalidTag, ValueError):
            return False
        return True
