"""Roster changes reach running kiosks within seconds, by PostgreSQL notification.

Two kiosk processes run a session of class 9B (their periodic refresh is an hour away). An
enrollment made elsewhere becomes matchable on both without a restart; a consent withdrawal
stops the matching and leaves their cached thumbnail and vectors at once.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from district_support import DIM, seed_class
from kiosk_processes import KioskProcess
from sqlalchemy import create_engine

from kiosk.app.roster import NewEncoding, RosterService

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_enrollment_and_withdrawal_reach_two_running_kiosks(pg_url: str, tmp_path: Path) -> None:
    seed_class(pg_url, "9B", n_students=8, enrolled=4)
    vectors = tmp_path / "vectors"
    vectors.mkdir()
    kiosks = [KioskProcess(pg_url, tmp_path / f"kiosk{i}", "9B", vectors) for i in range(2)]
    engine = create_engine(pg_url)
    try:
        for k in kiosks:
            k.expect("READY", 120)
        roster = RosterService(engine)
        student = roster.get_student("9B-0006")  # consenting, not enrolled yet
        face = np.random.default_rng(1).normal(size=DIM).astype(np.float32)
        np.save(vectors / f"{student.id.hex}.npy", face)

        started = time.time()
        roster.store_encodings(
            student,
            "Facenet512",
            [NewEncoding(face, "photo:1.jpg"), NewEncoding(face + 0.05, "photo:2.jpg")],
            thumbnail=b"\xff\xd8\xff\xe0thumb",
        )
        for k in kiosks:
            _, _kind, who, matched, photo, rows, at = k.expect("APPLIED enrolled", 10)
            assert (who, matched, photo, rows) == (student.id.hex, student.id.hex, "1", "2")
            assert float(at) - started < 5

        roster.set_consent(student.student_id, given=False, by="parent", actor="office")
        for k in kiosks:
            _, _kind, who, matched, photo, rows, _at = k.expect("APPLIED withdrawn", 10)
            assert (who, matched, photo, rows) == (student.id.hex, "-", "0", "0"), "still matched or cached"
    finally:
        for k in kiosks:
            k.stop()
        engine.dispose()
