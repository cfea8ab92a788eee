"""Secrets in the OS keyring, never in a config file or a log.

On machines without a usable keyring backend (a headless server, a minimal desktop) the
lookups return ``None`` and storing says so, so the caller can tell the person.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

SERVICE = "classroom-kiosk"


def keyring_available() -> bool:
    """Whether an OS keyring backend can hold secrets here."""
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # any backend import problem means "no keyring"
        log.debug("keyring unavailable", exc_info=True)
        return False


def database_secret_name(url: URL) -> str:
    return f"db:{url.username}@{url.host}:{url.port or 5432}/{url.database}"


def lookup_database_password(url: URL) -> str | None:
    return get_secret(database_secret_name(url))


def get_secret(name: str) -> str | None:
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, name)
    except Exception:
        log.warning("The OS keyring could not be read; continuing without stored secrets")
        return None


def set_secret(name: str, value: str) -> bool:
    """Store a secret; ``False`` when no keyring is available (the caller explains)."""
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, name, value)
    except Exception:
        log.warning("The OS keyring refused to store a secret")
        return False
    return True


def store_database_password(url: URL, password: str) -> bool:
    return set_secret(database_secret_name(url), password)
