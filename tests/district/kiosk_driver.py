"""A running kiosk for the district tests and benchmark: a session that reports roster changes.

Usage: kiosk_driver.py DATABASE_URL DATA_DIR CLASS_CODE VECTOR_DIR

Builds the kiosk's services as ``kiosk run`` does (offline-first store, notification
listener, session service); the face models are replaced by a stand-in that finds no faces,
since the test hands the face vectors in: for each change it reads ``VECTOR_DIR/<uuid>.npy``
(when the test wrote one) and matches it through the session, as a face in a frame would be.
Prints ``READY`` once the session runs and the listener listens, then for each change:

    APPLIED <kind> <student hex> <matched student hex or -> <thumbnail cached 0|1> <vectors cached> <unix time>

Ends when stdin says ``QUIT`` or closes.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.app.bootstrap import FaceModels, build_services
from kiosk.app.session import AttendanceSessionService
from kiosk.infra.config import OfflineSettings, load_settings
from kiosk.infra.db.repo.changes import RosterChange
from kiosk.infra.offline.store import OfflineFirstStore

MODEL = "Facenet512"


class NoFaces:
    """Stands in for the face models: the vectors come from the test, not from a camera."""

    model_name = MODEL

    def detect(self, frame: Any) -> list[Any]:
        return []

    def embed(self, faces: Any) -> Any:
        return np.zeros((0, 512), dtype=np.float32)


class Reporter:
    def __init__(
        self, store: OfflineFirstStore, session: AttendanceSessionService, code: str, vectors: Path
    ) -> None:
        self.store, self.session, self.code, self.vectors = store, session, code, vectors

    def on_change(self, change: RosterChange) -> None:
        at = time.time()
        student = change.student_uuid
        if student is None:
            return
        matched = "-"
        path = self.vectors / f"{student.hex}.npy"
        if path.exists():
            decision = self.session.match_vectors(np.load(path).reshape(1, -1).astype(np.float32))[0]
            if decision.is_match and decision.student_uuid is not None:
                matched = decision.student_uuid.hex
        photo = int(student in self.store.photos([student]))
        rows = sum(1 for s in self.store.gallery(self.code, MODEL).student_ids if s == student)
        _say(f"APPLIED {change.kind} {student.hex} {matched} {photo} {rows} {at:.6f}")


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(url: str, data_dir: str, code: str, vectors: str) -> None:
    base = load_settings(data_dir=Path(data_dir), database_url=url)
    # The periodic refresh is an hour away: whatever arrives within seconds came by notification.
    settings = replace(
        base,
        offline=OfflineSettings(sync_interval_seconds=1.0, health_timeout_seconds=2.0, refresh_minutes=60),
    )
    services = build_services(settings, models=FaceModels(settings, pipeline=NoFaces()))  # type: ignore[arg-type]
    store = services.store
    assert isinstance(store, OfflineFirstStore)
    try:
        session = services.session(actor="driver")
        session.start(code)
        reporter = Reporter(store, session, code, Path(vectors))
        store.subscribe(reporter.on_change)
        listener = store.listener
        if listener is None or not listener.listening.wait(60):
            _say("NOT-LISTENING")
            return
        _say("READY")
        for line in sys.stdin:
            if line.strip() == "QUIT":
                break
        session.end()
    finally:
        services.close()
        _say("BYE")


if __name__ == "__main__":
    main(*sys.argv[1:5])
