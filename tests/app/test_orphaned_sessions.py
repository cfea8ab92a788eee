"""Fault 7: sessions of a kiosk killed mid-run are closed on its next start, and it says so.

Real SQLite and PostgreSQL (through the offline outbox: a close event that reaches the
server), and a real ``kiosk run`` killed with SIGKILL.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import pytest
from sqlalchemy import create_engine, select

from kiosk.app.bootstrap import build_services
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import AttendanceSession
from kiosk.infra.db.repo import classes, students
from kiosk.infra.offline.store import OfflineFirstStore
from tests.conftest import FACES_DIR, offline_profile_data_dir

ROOT = Path(__file__).resolve().parents[2]


def seed(url: str) -> list[uuid.UUID]:
    engine = create_engine(url)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "9B", "Class 9B")
        ids = [
            students.add_student(s, student_id=f"S{i}", name=f"Student {i}", class_code="9B").id
            for i in range(3)
        ]
    engine.dispose()
    return ids


def mark(session_id: uuid.UUID, student: uuid.UUID, at: datetime) -> AttendanceMark:
    return AttendanceMark(
        id=uuid.uuid4(),
        session_id=session_id,
        student_uuid=student,
        status=AttendanceStatus.PRESENT,
        marked_at=at,
        source=MarkSource.MANUAL,
    )


def still_video(path: Path, photo: str, *, seconds: int, fps: float = 2.0) -> Path:
    """A real MP4 showing ``photo`` for ``seconds`` (a camera that does not end on its own)."""
    image = cv2.imread(photo)
    height, width = image.shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), fps, (width, height))
    assert writer.isOpened()
    for _ in range(int(seconds * fps)):
        writer.write(image)
    writer.release()
    return path


def server_sessions(url: str) -> dict[uuid.UUID, datetime | None]:
    engine = create_engine(url)
    with unit_of_work(session_factory(engine)) as s:
        found = {row.id: row.ended_at for row in s.scalars(select(AttendanceSession))}
    engine.dispose()
    return found


def wait_until_sent(services: object) -> None:
    store = services.store  # type: ignore[attr-defined]
    if isinstance(store, OfflineFirstStore):
        deadline = time.monotonic() + 20
        while store.outbox.queued() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.outbox.queued() == 0


def test_orphans_are_closed_at_their_last_mark_on_the_next_start(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    ids = seed(settings.database_url)
    me = settings.effective_kiosk_id
    first = build_services(settings)
    first_mark = datetime.now(UTC) - timedelta(minutes=30)
    try:
        with_marks = first.store.open_session("9B", started_by=None, kiosk_id=me)
        first.store.mark(mark(with_marks.id, ids[0], first_mark))
        first.store.mark(mark(with_marks.id, ids[1], first_mark + timedelta(minutes=2)))
        no_marks = first.store.open_session("9B", started_by=None, kiosk_id=me)
        other_kiosk = first.store.open_session("9B", started_by=None, kiosk_id="another-kiosk")
        wait_until_sent(first)
    finally:
        first.close()  # the process "died": nothing closed its sessions

    caplog.set_level(logging.WARNING)
    second = build_services(settings)
    try:
        notices = [n for n in second.notices if "left open" in n]
        assert len(notices) == 1, second.notices
        assert "Closed 2 attendance sessions" in notices[0]
        assert any("left open" in r.getMessage() for r in caplog.records)
        wait_until_sent(second)
        ended = server_sessions(settings.database_url)
        assert ended[with_marks.id] == first_mark + timedelta(minutes=2)
        assert ended[no_marks.id] == no_marks.started_at
        assert ended[other_kiosk.id] is None  # another kiosk's session is not ours to close
        # Left open by this start in its turn: the next start closes it, at its start.
        running = second.store.open_session("9B", started_by=None, kiosk_id=me)
    finally:
        second.close()
    third = build_services(settings)
    try:
        assert [n for n in third.notices if "Closed 1 attendance session this kiosk left open" in n]
        wait_until_sent(third)
    finally:
        third.close()
    assert server_sessions(settings.database_url)[running.id] == running.started_at


def test_a_running_kiosks_session_is_not_an_orphan(settings: Settings) -> None:
    seed(settings.database_url)
    running = build_services(settings)
    try:
        session = running.store.open_session("9B", started_by=None, kiosk_id=settings.effective_kiosk_id)
        wait_until_sent(running)
        beside = build_services(settings)  # a second process of this kiosk starts meanwhile
        try:
            assert not any("left open" in n for n in beside.notices)
        finally:
            beside.close()
        assert server_sessions(settings.database_url)[session.id] is None
    finally:
        running.close()


@pytest.mark.recognition
@pytest.mark.slow
def test_kiosk_run_killed_then_started_again_closes_its_session(
    tmp_path: Path, dlib_models_dir: Path
) -> None:
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    build_services(load_settings(data_dir=data_dir, database_url=url)).close()  # the schema
    seed(url)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    photo = str(FACES_DIR / "people" / "person01" / "1.jpg")
    # A long video, not the photo: a one-picture camera ends after its frame, and the run
    # then closes its own session, sometimes before this test could kill it (seen in CI).
    camera = still_video(tmp_path / "camera.mp4", photo, seconds=240)
    base = [sys.executable, "-m", "kiosk", "--database", url, "--data-dir", str(data_dir), "run"]
    run = [*base, "--class", "9B", "--headless"]
    doomed_log = tmp_path / "doomed.log"
    with doomed_log.open("wb") as log_file:
        doomed = subprocess.Popen(
            [*run, "--camera", str(camera), "--realtime", "--duration", "240"],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while not server_sessions(url) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert server_sessions(url), "the run never opened its session"
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(30)
    (orphan,) = server_sessions(url)
    assert doomed.returncode == -signal.SIGKILL, doomed_log.read_text(errors="replace")
    assert server_sessions(url)[orphan] is None
    again = subprocess.run(
        [*run, "--camera", photo, "--max-frames", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert "Closed 1 attendance session this kiosk left open" in again.stderr
    assert server_sessions(url)[orphan] is not None
