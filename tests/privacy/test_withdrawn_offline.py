"""Hole 1 of issue 12: withdrawn and deleted students are no longer recognised offline.

Real PostgreSQL, real cache and outbox files, the real ``kiosk`` command in subprocesses for
the office's side (``student consent --withdraw``, ``student delete --yes``, ``sync``).
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.errors import ConsentRequired, FaceMatchingRefused
from kiosk.infra.config import OfflineSettings, PrivacySettings, Settings, load_settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import attendance, classes, encodings, students
from kiosk.infra.db.repo.consent import may_face_match
from kiosk.infra.db.schema import upgrade
from kiosk.infra.db.store import DirectStore
from kiosk.infra.offline.keys import VectorCipher, load_or_create_key
from kiosk.infra.offline.store import OfflineFirstStore
from kiosk.infra.recognition.index import FaceIndex, IndexCache

pytestmark = pytest.mark.postgres

FAST = OfflineSettings(refresh_minutes=5, health_timeout_seconds=2.0, sync_interval_seconds=0.1)


def _seed(url: str) -> dict[str, uuid.UUID]:
    """Class 9B: Ann (stays), Wil (will withdraw consent), Del (will be deleted); all enrolled."""
    rng = np.random.default_rng(3)
    engine = create_engine(url)
    ids: dict[str, uuid.UUID] = {}
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "9B", "Class 9B")
        for sid, name in (("ANN", "Ann Stays"), ("WIL", "Wil Withdraws"), ("DEL", "Del Deleted")):
            info = students.add_student(
                s, student_id=sid, name=name, class_code="9B", consent=True, consent_by="mum"
            )
            encodings.add_encoding(s, info.id, model_name="Facenet512", vector=rng.normal(size=512))
            students.set_photo(s, info.id, b"\xff\xd8thumb-" + sid.encode())
            ids[sid] = info.id
    engine.dispose()
    return ids


def _kiosk(data: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), "--database", url, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(data.parent), "PYTHONPATH": str(Path.cwd())},
    )


def _settings(data: Path, url: str, *, max_age_hours: float = 72.0) -> Settings:
    base = load_settings(data_dir=data, database_url=url, env={})
    return replace(
        base, offline=FAST, privacy=PrivacySettings(offline_face_matching_max_age_hours=max_age_hours)
    )


def _cipher(settings: Settings) -> VectorCipher:
    return VectorCipher(load_or_create_key(settings))


def _auto(session_id: uuid.UUID, student: uuid.UUID, at: datetime | None = None) -> AttendanceMark:
    return AttendanceMark(
        uuid.uuid4(),
        session_id,
        student,
        AttendanceStatus.PRESENT,
        at or datetime.now(UTC),
        MarkSource.AUTO,
        0.9,
    )


def _save_index(settings: Settings, store: OfflineFirstStore) -> Path:
    """The encrypted index file a session of 9B leaves on disk."""
    gallery = store.gallery("9B", "Facenet512")
    cache = IndexCache(settings.cache_dir / "indexes", cipher=VectorCipher(load_or_create_key(settings)))
    index = FaceIndex.build(gallery.vectors, gallery.student_ids, "Facenet512")
    return cache.save(index, "9B", gallery.fingerprint)


def _server_marks(url: str) -> set[uuid.UUID]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = {r[0] for r in conn.execute(text("SELECT student_id FROM attendance_records"))}
    engine.dispose()
    return found


@dataclass
class SeededKiosk:
    """A kiosk's offline-first store over the seeded class (``ids`` by school id)."""

    ids: dict[str, uuid.UUID]
    data: Path
    settings: Settings
    store: OfflineFirstStore


@contextmanager
def seeded_kiosk(url: str, tmp_path: Path, *, max_age_hours: float = 72.0) -> Iterator[SeededKiosk]:
    ids = _seed(url)
    data = tmp_path / "kiosk-data"
    settings = _settings(data, url, max_age_hours=max_age_hours)
    store = OfflineFirstStore.create(
        settings, build_engine(settings), cipher=_cipher(settings), start_worker=False
    )
    try:
        yield SeededKiosk(ids, data, settings, store)
    finally:
        store.close()


def test_the_server_refuses_their_marks_and_the_kiosk_purges_them_at_once(
    pg_url: str, tmp_path: Path
) -> None:
    with seeded_kiosk(pg_url, tmp_path) as kiosk:
        ids, store = kiosk.ids, kiosk.store
        index_file = _save_index(kiosk.settings, store)
        assert index_file.exists()
        # The office withdraws Wil's consent and deletes Del while this kiosk keeps its copy.
        assert (
            _kiosk(
                tmp_path / "office", pg_url, "student", "consent", "WIL", "--withdraw", "--by", "mum"
            ).returncode
            == 0
        )
        assert _kiosk(tmp_path / "office", pg_url, "student", "delete", "DEL", "--yes").returncode == 0
        assert set(store.gallery("9B", "Facenet512").student_ids) == set(ids.values())  # the stale copy
        session = store.open_session("9B", started_by="t", kiosk_id="k")
        for sid in ("ANN", "WIL", "DEL"):
            store.mark(_auto(session.id, ids[sid]))  # offline, the kiosk recognised all three
        report = store.syncer.push_all()
        store.learn_from(report)  # what the sync worker does after each push
        # The server took Ann's mark only, and said why it refused the others.
        assert _server_marks(pg_url) == {ids["ANN"]}
        assert report.withdrawn == {ids["WIL"]}
        assert report.deleted == {ids["DEL"]}
        reasons = " ".join(reason for _, reason in store.outbox.failed())
        assert "consent" in reasons and "no longer exists" in reasons
        # ...and the kiosk forgot them at once: no vectors, thumbnails or index files left.
        cached = store.cache.gallery("9B", "Facenet512")
        assert cached is not None and set(cached.student_ids) == {ids["ANN"]}
        assert store.photos([ids["WIL"], ids["DEL"]]) == {}
        assert not index_file.exists()
        assert store.cache.student(ids["DEL"]) is None
        wil = store.cache.student(ids["WIL"])
        assert wil is not None and not wil.consent_given
        with pytest.raises(FaceMatchingRefused):  # a session still holding Wil's vector in memory
            store.mark(_auto(session.id, ids["WIL"]))
        assert set(store.gallery("9B", "Facenet512").student_ids) <= {ids["ANN"]}


def test_a_refresh_purges_index_files_of_changed_classes(pg_url: str, tmp_path: Path) -> None:
    with seeded_kiosk(pg_url, tmp_path) as kiosk:
        ids, store = kiosk.ids, kiosk.store
        index_file = _save_index(kiosk.settings, store)
        assert _kiosk(tmp_path / "office", pg_url, "student", "consent", "WIL", "--withdraw").returncode == 0
        store.refresh_cache()
        assert not index_file.exists()
        assert set(store.gallery("9B", "Facenet512").student_ids) == {ids["ANN"], ids["DEL"]}
        assert store.photos([ids["WIL"]]) == {}


def test_kiosk_sync_subprocess_does_not_store_a_withdrawn_students_automatic_mark(
    pg_url: str, tmp_path: Path
) -> None:
    with seeded_kiosk(pg_url, tmp_path) as kiosk:
        ids, store = kiosk.ids, kiosk.store
        session = store.open_session("9B", started_by="t", kiosk_id="k")
        # Consent is withdrawn at the office; this kiosk, offline, still has the old roster
        # and recognises the pupil afterwards. (A mark made before the withdrawal would
        # stand: the consent ledger answers for each mark's own time.)
        office = _kiosk(tmp_path / "office", pg_url, "student", "consent", "WIL", "--withdraw")
        assert office.returncode == 0
        store.mark(_auto(session.id, ids["WIL"]))
    result = _kiosk(kiosk.data, pg_url, "sync")
    assert "consent" in result.stdout + result.stderr
    assert _server_marks(pg_url) == set()


def test_an_old_cache_stops_face_matching_and_says_so(pg_url: str, tmp_path: Path) -> None:
    with seeded_kiosk(pg_url, tmp_path, max_age_hours=1) as kiosk:
        ids, store = kiosk.ids, kiosk.store
        session = store.open_session("9B", started_by="t", kiosk_id="k")
        store.mark(_auto(session.id, ids["ANN"]))  # fresh: fine
        with store.cache._db.transaction() as conn:  # the copy is now two hours old
            old = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
            conn.execute("UPDATE meta SET value = ? WHERE key = 'last_refresh'", (old,))
        gallery = store.gallery("9B", "Facenet512")
        assert gallery.size == 0
        assert "paused" in gallery.withheld and "by hand" in gallery.withheld
        with pytest.raises(FaceMatchingRefused, match="by hand"):
            store.mark(_auto(session.id, ids["WIL"]))
        manual = replace(_auto(session.id, ids["WIL"]), source=MarkSource.MANUAL)
        assert store.mark(manual, actor="t").source is MarkSource.MANUAL  # the teacher still can


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_direct_store_refuses_automatic_marks_without_consent(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'kiosk.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("pg_url"))
    )
    settings = load_settings(data_dir=tmp_path / "data", database_url=url, env={})
    engine = build_engine(settings)
    upgrade(engine)
    try:
        with unit_of_work(session_factory(engine)) as s:
            classes.add_class(s, "7C", "7C")
            never = students.add_student(s, student_id="N", name="Never", class_code="7C")
            later = students.add_student(s, student_id="L", name="Lou", class_code="7C", consent=True)
        store = DirectStore(engine)
        session = store.open_session("7C", started_by="t", kiosk_id="k")
        with pytest.raises(ConsentRequired):
            store.mark(_auto(session.id, never.id))
        assert store.mark(_auto(session.id, later.id)).source is MarkSource.AUTO
        with unit_of_work(session_factory(engine)) as s:  # withdrawn later: no more automatic marks
            students.set_consent(s, "L", given=False, by="dad", actor="office")
        with pytest.raises(ConsentRequired):
            store.mark(_auto(session.id, later.id))
        manual = replace(_auto(session.id, never.id), source=MarkSource.MANUAL)
        assert store.mark(manual, actor="t").source is MarkSource.MANUAL
        with unit_of_work(session_factory(engine)) as s:
            now = datetime.now(UTC)
            ghost = uuid.uuid4()  # a deleted student: never
            students.set_consent(s, "N", given=True, by="mum", actor="office")
            assert may_face_match(s, [(never.id, now)]) == {(never.id, now): True}
            students.set_consent(s, "N", given=False, by="mum", actor="office")
            allowed = may_face_match(s, [(never.id, now), (later.id, now), (ghost, now)])
            assert allowed == {(never.id, now): False, (later.id, now): False, (ghost, now): False}
            assert len(attendance.marks_for_session(s, session.id)) == 2
    finally:
        engine.dispose()
