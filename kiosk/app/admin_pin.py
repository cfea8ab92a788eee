"""The kiosk's admin PIN: checked before leaving kiosk mode or opening settings.

Only a salted scrypt hash is stored (``[gui] admin_pin_hash`` in the per-user config), in
the form ``scrypt$n$r$p$salt$hash`` (hex), so the cost can be raised later without breaking
stored PINs. The PIN itself is never logged or written anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from kiosk.core.errors import InvalidInput
from kiosk.infra.config import Settings, write_user_settings

log = logging.getLogger(__name__)

MIN_LENGTH = 4
MAX_LENGTH = 12
# scrypt cost: ~50 ms here; slow enough to make guessing from a stolen config file costly.
_N, _R, _P = 2**14, 8, 1
_DKLEN = 32


def validate_pin(pin: str) -> str:
    """The PIN with surrounding spaces removed, or :class:`InvalidInput` when unusable."""
    pin = pin.strip()
    if not pin.isdigit() or not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        raise InvalidInput(
            f"The admin PIN must be {MIN_LENGTH} to {MAX_LENGTH} digits.",
            "Choose a PIN of digits only, such as 4 to 6 numbers you can type on a touch screen.",
        )
    return pin


MIN_PASSWORD_LENGTH = 8
MAX_SECRET_LENGTH = 200


def validate_secret(secret: str) -> str:
    """An account's PIN (4 to 12 digits) or password (8 characters or more), or :class:`InvalidInput`."""
    secret = secret.strip()
    if secret.isdigit():
        if not MIN_LENGTH <= len(secret) <= MAX_LENGTH:
            raise InvalidInput(
                f"A PIN must be {MIN_LENGTH} to {MAX_LENGTH} digits.",
                "Choose a longer PIN, or a password of 8 characters or more.",
            )
        return secret
    if not MIN_PASSWORD_LENGTH <= len(secret) <= MAX_SECRET_LENGTH:
        raise InvalidInput(
            f"A password must be {MIN_PASSWORD_LENGTH} to {MAX_SECRET_LENGTH} characters "
            f"(or use a PIN of {MIN_LENGTH} to {MAX_LENGTH} digits).",
            "Choose a longer password, or a PIN of digits only.",
        )
    return secret


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """The stored form of an account's PIN or password (same scheme as the admin PIN)."""
    return _hash(validate_secret(secret), salt)


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    return _hash(validate_pin(pin), salt)


def _hash(pin: str, salt: bytes | None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches the stored hash; False for a wrong PIN or an unreadable hash."""
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(hash_hex)
        digest = hashlib.scrypt(
            pin.strip().encode("utf-8"),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        log.warning("The stored admin PIN hash is unreadable; set the PIN again with `kiosk admin-pin`")
        return False
    return hmac.compare_digest(digest, expected)


def pin_is_set(settings: Settings) -> bool:
    return bool(settings.gui.admin_pin_hash.strip())


def save_pin(settings: Settings, pin: str | None) -> None:
    """Store the hash of ``pin`` in the per-user config; ``None`` removes the PIN."""
    value = hash_pin(pin) if pin is not None else ""
    write_user_settings(settings.user_config_file, {"gui": {"admin_pin_hash": value}})
    log.info("Admin PIN %s in %s", "set" if value else "cleared", settings.user_config_file)
