"""A class's check-in credentials (card and PIN hashes), with a local copy for offline days.

Read from the central database when a session starts; each successful read is also written
to ``cache/checkin/<class>.json`` (0600: hashes only, never a token or a PIN), which is used
when the server cannot be reached, so cards and PINs keep working offline like the camera.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk.core.checkin import CheckinCredentials
from kiosk.core.errors import KioskError
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import checkin

log = logging.getLogger(__name__)


class CachedCredentialSource:
    def __init__(self, engine: Engine, folder: Path) -> None:
        self._sessions = session_factory(engine)
        self._folder = folder

    def _file(self, class_code: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_" else f"%{ord(c):02x}" for c in class_code)
        return self._folder / f"{safe}.json"

    def credentials(self, class_code: str) -> CheckinCredentials:
        try:
            with unit_of_work(self._sessions) as s:
                found = checkin.for_class(s, class_code)
        except SQLAlchemyError as exc:
            log.info("Check-in credentials from the local copy (%s)", type(exc).__name__)
            return self._read(class_code)
        self._write(class_code, found)
        return found

    def _write(self, class_code: str, creds: CheckinCredentials) -> None:
        data = {
            "cards": {h: str(sid) for h, sid in creds.card_owner.items()},
            "pins": {str(sid): h for sid, h in creds.pin_hash.items()},
        }
        try:
            self._folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = self._file(class_code)
            tmp = path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("The local copy of the check-in cards could not be written (%s)", exc.strerror)

    def _read(self, class_code: str) -> CheckinCredentials:
        path = self._file(class_code)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return CheckinCredentials(
                {h: uuid.UUID(sid) for h, sid in data["cards"].items()},
                {uuid.UUID(sid): h for sid, h in data["pins"].items()},
            )
        except (OSError, ValueError, KeyError) as exc:
            raise KioskError(
                "Cards and PINs cannot be checked: the server is away and this kiosk has no copy of them.",
                "The teacher marks by hand until the server is back.",
            ) from exc

    def forget(self, class_code: str) -> None:
        self._file(class_code).unlink(missing_ok=True)
