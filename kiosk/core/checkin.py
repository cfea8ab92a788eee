"""The non-biometric way in: card tokens and PINs, and the rules that guard them.

A pupil without consent (or every pupil, where face recognition is switched off) checks in
with a QR card read by the same camera, or a PIN typed at the kiosk, or the teacher's tap.
Neither secret is stored: the card token as a SHA-256 (it is 128 random bits, so a fast
hash is enough), the PIN with scrypt and a salt of its own (a 4-8 digit PIN is guessable
from a fast hash). A PIN is checked against one chosen pupil, and five wrong tries lock
that pupil's PIN for five minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.core.errors import InvalidInput

CARD_PREFIX = "KIOSK1:"  # what a card's QR code holds before the token
PIN_MIN, PIN_MAX = 4, 8
PIN_MAX_FAILURES = 5
PIN_LOCK_SECONDS = 300.0
# scrypt costs: about 50 ms and 16 MiB on a kiosk PC; stored with the hash so they can grow.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def new_card_token() -> str:
    return secrets.token_urlsafe(16)


def card_payload(token: str) -> str:
    return CARD_PREFIX + token


def card_token_from(payload: str) -> str | None:
    """The token in a QR code's text, or None for a code that is not one of our cards."""
    text = payload.strip()
    if not text.startswith(CARD_PREFIX) or len(text) > len(CARD_PREFIX) + 64:
        return None
    return text[len(CARD_PREFIX) :] or None


def hash_card_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def check_pin_format(pin: str) -> str:
    pin = pin.strip()
    if not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise InvalidInput(f"A PIN is {PIN_MIN} to {PIN_MAX} digits.", "Type digits only.")
    return pin


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, digest = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        got = hashlib.scrypt(pin.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(digest))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, digest)


@dataclass(frozen=True, slots=True)
class CheckinCredentials:
    """A class's card hashes and PIN hashes, loaded when its session starts."""

    card_owner: Mapping[str, uuid.UUID] = field(default_factory=dict)  # card hash -> student
    pin_hash: Mapping[uuid.UUID, str] = field(default_factory=dict)  # student -> PIN hash

    def owner_of_card(self, token: str) -> uuid.UUID | None:
        return self.card_owner.get(hash_card_token(token))


@dataclass
class PinGuard:
    """Five wrong PINs for one pupil lock that pupil's PIN for five minutes (times in seconds)."""

    failures: dict[uuid.UUID, list[float]] = field(default_factory=dict)

    def locked_for(self, student: uuid.UUID, now: float) -> float:
        recent = [t for t in self.failures.get(student, []) if now - t < PIN_LOCK_SECONDS]
        self.failures[student] = recent
        if len(recent) >= PIN_MAX_FAILURES:
            return PIN_LOCK_SECONDS - (now - recent[-PIN_MAX_FAILURES])
        return 0.0

    def failed(self, student: uuid.UUID, now: float) -> None:
        self.failures.setdefault(student, []).append(now)

    def succeeded(self, student: uuid.UUID) -> None:
        self.failures.pop(student, None)
