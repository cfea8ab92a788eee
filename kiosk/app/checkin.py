"""The non-biometric way in, of equal standing with the camera: QR cards and PINs.

- :class:`CheckinAdmin` (the CLI's ``kiosk cards ...``): issue cards (a random token per
  pupil, stored hashed; the token itself exists only on the printed card) and set PINs.
- :class:`KioskCodes` (inside a running session): read cards from camera frames and check
  PINs typed at the kiosk. It runs *before* any face detection, and after a card is read
  face matching pauses for a moment, so the face of a pupil who holds up a card is never
  turned into a vector. A pupil without consent has no template, so is never matched
  anyway; the card, the PIN or the teacher are their ways in.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field

from sqlalchemy import Engine

from kiosk.app.roster import RosterService
from kiosk.core.checkin import (
    CheckinCredentials,
    PinGuard,
    card_payload,
    card_token_from,
    check_pin_format,
    new_card_token,
    verify_pin,
)
from kiosk.core.domain import StudentInfo
from kiosk.core.errors import InvalidInput, KioskError
from kiosk.core.ports import CodeReader, CredentialSource
from kiosk.infra.camera.codes import QrCodeReader, qr_image
from kiosk.infra.db.repo import checkin, students

log = logging.getLogger(__name__)

CARD_PAUSE_SECONDS = 3.0  # face matching pauses this long after a card is read
CARD_REPEAT_SECONDS = 5.0  # the same card in view keeps being read: one notice per this long


def readable_card_token(reader: QrCodeReader | None = None, attempts: int = 20) -> str:
    """A new token whose QR code OpenCV reads back (about 1 code in 200 it cannot: never printed)."""
    reader = reader or QrCodeReader()
    for _ in range(attempts):
        token = new_card_token()
        payload = card_payload(token)
        if reader.read(qr_image(payload, module_pixels=4)) == [payload]:
            return token
    raise KioskError("No readable check-in card code could be made.", "Try again.")


@dataclass(frozen=True, slots=True)
class IssuedCard:
    student: StudentInfo
    payload: str  # what the QR code holds; exists only on the printed card


class CheckinAdmin(RosterService):
    """Cards and PINs on the central database (refused offline, like every roster change)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)

    def issue_cards(
        self, class_code: str, *, reissue: bool = False, actor: str | None = None
    ) -> list[IssuedCard]:
        """New cards for the class's active pupils without one (all of them with ``reissue``)."""
        issued: list[IssuedCard] = []
        with self._unit("Issuing check-in cards") as s:
            for info in students.list_students(s, class_code=class_code, active_only=True):
                if not reissue and checkin.has_card(s, info.id):
                    continue
                token = readable_card_token()
                checkin.issue_card(s, students.get_row(s, info.student_id), token, actor=actor)
                issued.append(IssuedCard(info, card_payload(token)))
        return issued

    def set_pin(self, student_id: str, pin: str | None, *, actor: str | None = None) -> StudentInfo:
        checked = check_pin_format(pin) if pin is not None else None
        with self._unit("Setting a PIN") as s:
            row = students.get_row(s, student_id)
            checkin.set_pin(s, row, checked, actor=actor)
            return students.get_student(s, student_id)


@dataclass
class CodeRead:
    """What the codes in one frame came to."""

    students: list[uuid.UUID] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seen_card: bool = False


class KioskCodes:
    """Cards and PINs for one session's class."""

    def __init__(self, reader: CodeReader | None, source: CredentialSource | None) -> None:
        self._reader = reader
        self._source = source
        self._credentials = CheckinCredentials()
        self._guard = PinGuard()
        self._last_seen: dict[str, float] = {}
        self.paused_until = 0.0

    def load(self, class_code: str) -> str | None:
        """Load the class's credentials; a warning line when they cannot be had."""
        self._credentials = CheckinCredentials()
        self._last_seen.clear()
        if self._source is None:
            return None
        try:
            self._credentials = self._source.credentials(class_code)
        except KioskError as exc:
            return exc.message
        return None

    @property
    def pin_students(self) -> frozenset[uuid.UUID]:
        return frozenset(self._credentials.pin_hash)

    def read_frame(self, image_bgr: object, now: float) -> CodeRead:
        out = CodeRead()
        if self._reader is None:
            return out
        for text in self._reader.read(image_bgr):  # type: ignore[arg-type]
            token = card_token_from(text)
            if token is None:
                continue
            out.seen_card = True
            self.paused_until = now + CARD_PAUSE_SECONDS
            repeated = now - self._last_seen.get(token, -1e9) < CARD_REPEAT_SECONDS
            self._last_seen[token] = now
            owner = self._credentials.owner_of_card(token)
            if owner is not None:
                out.students.append(owner)
            elif not repeated:
                out.notices.append(
                    "This card is not valid here (another class, or replaced): ask the teacher."
                )
        return out

    def faces_paused(self, now: float) -> bool:
        return now < self.paused_until

    def check_pin(self, student_uuid: uuid.UUID, pin: str, now: float | None = None) -> None:
        """Raise :class:`InvalidInput` unless ``pin`` is this pupil's PIN (five tries, then a lock)."""
        now = time.monotonic() if now is None else now
        locked = self._guard.locked_for(student_uuid, now)
        if locked > 0:
            raise InvalidInput(
                f"Too many wrong PINs: try again in {int(locked // 60) + 1} minute(s).", "Or ask the teacher."
            )
        stored = self._credentials.pin_hash.get(student_uuid)
        if stored is None:
            raise InvalidInput("You have no PIN yet.", "Ask the teacher to mark you.")
        if not verify_pin(pin.strip(), stored):
            self._guard.failed(student_uuid, now)
            raise InvalidInput("That PIN is not right.", "Try again, or ask the teacher.")
        self._guard.succeeded(student_uuid)
