"""Repository rules on both databases: one mark per student and session, consent, vectors, no commits."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import numpy as np
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.core.attendance import as_aware
from kiosk.core.domain import AttendanceMark, AttendanceStatus, FaceBox, MarkSource, StudentInfo
from kiosk.core.errors import ConsentRequired, InvalidInput, ModelMismatch
from kiosk.infra.db.engine import unit_of_work
from kiosk.infra.db.models import AttendanceRecord, FaceEncoding, Student
from kiosk.infra.db.repo import attendance, audit, classes, encodings, students

from ._helpers import row_counts

T0 = datetime(2026, 3, 2, 8, 31, tzinfo=UTC)
MODEL = "Facenet512"


@pytest.fixture
def roster(sessions: sessionmaker[Session]) -> dict[str, StudentInfo]:
    """Class 9B with three students: two with consent, one without."""
    with unit_of_work(sessions) as s:
        classes.add_class(s, "9B", "Biology 9B", starts_at=time(8, 30))
        return {
            "ada": students.add_student(s, student_id="S1", name="Ada", class_code="9B", consent=True),
            "alan": students.add_student(s, student_id="S2", name="Alan", class_code="9B", consent=True),
            "grace": students.add_student(s, student_id="S3", name="Grace", class_code="9B"),
        }


def _mark(
    session_id: uuid.UUID,
    student: StudentInfo,
    at: datetime,
    *,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
    source: MarkSource = MarkSource.AUTO,
    mark_id: uuid.UUID | None = None,
) -> AttendanceMark:
    return AttendanceMark(
        id=mark_id or uuid.uuid4(),
        session_id=session_id,
        student_uuid=student.id,
        status=status,
        marked_at=at,
        source=source,
        confidence=0.91 if source is MarkSource.AUTO else None,
        box=FaceBox(10, 20, 120, 120) if source is MarkSource.AUTO else None,
        details={"votes": 3},
    )


def _records(s: Session, session_id: uuid.UUID) -> list[AttendanceRecord]:
    return list(s.scalars(select(AttendanceRecord).where(AttendanceRecord.session_id == session_id)))


def test_two_auto_marks_for_one_student_keep_one_row_and_the_earliest_wins(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    ada = roster["ada"]
    with unit_of_work(sessions) as s:
        sid = attendance.open_session(s, "9B", kiosk_id="room-12").id
        later = _mark(sid, ada, T0 + timedelta(minutes=5), status=AttendanceStatus.LATE)
        earlier = _mark(sid, ada, T0, status=AttendanceStatus.PRESENT)
        assert attendance.apply_mark(s, later)[1] is True
        stored, changed = attendance.apply_mark(s, earlier)
        assert changed is True
        assert stored.status is AttendanceStatus.PRESENT
        # A third, even later, sighting changes nothing.
        assert attendance.apply_mark(s, _mark(sid, ada, T0 + timedelta(minutes=9)))[1] is False
    with unit_of_work(sessions) as s:
        rows = _records(s, sid)
        assert len(rows) == 1
        assert rows[0].status is AttendanceStatus.PRESENT
        assert as_aware(rows[0].marked_at) == T0
        assert rows[0].face_box == {"x": 10, "y": 20, "w": 120, "h": 120}


def test_the_database_itself_refuses_a_second_row_for_one_student(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    with unit_of_work(sessions) as s:
        sid = attendance.open_session(s, "9B").id
        attendance.apply_mark(s, _mark(sid, roster["ada"], T0))
    with sessions() as s:
        s.add(
            AttendanceRecord(
                id=uuid.uuid4(),
                session_id=sid,
                student_id=roster["ada"].id,
                status=AttendanceStatus.LATE,
                source=MarkSource.AUTO,
                marked_at=T0,
            )
        )
        with pytest.raises(IntegrityError):
            s.flush()
        s.rollback()


def test_manual_beats_auto_and_is_audited(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    alan = roster["alan"]
    with unit_of_work(sessions) as s:
        sid = attendance.open_session(s, "9B").id
        attendance.apply_mark(s, _mark(sid, alan, T0 + timedelta(minutes=1)))
        manual = _mark(
            sid, alan, T0 + timedelta(minutes=20), status=AttendanceStatus.EXCUSED, source=MarkSource.MANUAL
        )
        stored, changed = attendance.apply_mark(s, manual, actor="ms.lee")
        assert changed and stored.status is AttendanceStatus.EXCUSED and stored.source is MarkSource.MANUAL
        # A later camera sighting does not undo the teacher's decision, even if earlier in time.
        assert attendance.apply_mark(s, _mark(sid, alan, T0))[1] is False
    with unit_of_work(sessions) as s:
        rows = _records(s, sid)
        assert [(r.status, r.source) for r in rows] == [(AttendanceStatus.EXCUSED, MarkSource.MANUAL)]
        entries = audit.entries(s, entity_id=str(alan.id), action="attendance.override")
    assert len(entries) == 1
    assert entries[0]["actor"] == "ms.lee"
    assert entries[0]["details"]["from"] == "present"
    assert entries[0]["details"]["to"] == "excused"


def test_applying_the_same_mark_twice_changes_nothing(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    with unit_of_work(sessions) as s:
        sid = attendance.open_session(s, "9B").id
        mark = _mark(sid, roster["ada"], T0)
        first, changed = attendance.apply_mark(s, mark)
        assert changed
    with unit_of_work(sessions) as s:
        again, changed_again = attendance.apply_mark(s, mark)
        assert changed_again is False
        assert again == first
        assert len(_records(s, sid)) == 1
        assert s.scalar(select(func.count()).select_from(AttendanceRecord)) == 1


def test_encodings_round_trip_exactly_as_float32(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((3, 512)).astype(np.float32)
    vectors[0, :3] = [np.float32(1e-38), np.float32(-0.0), np.float32(3.4e38)]  # edge values survive too
    owners = [roster["ada"].id, roster["alan"].id, roster["ada"].id]
    with unit_of_work(sessions) as s:
        for owner, vector in zip(owners, vectors, strict=True):
            encodings.add_encoding(
                s, owner, model_name=MODEL, vector=vector, quality=0.9, source="photo:1.jpg"
            )
    with unit_of_work(sessions) as s:
        gallery = encodings.load_gallery(s, MODEL)
        stored_bytes = s.scalars(select(FaceEncoding.vector).order_by(FaceEncoding.id)).all()
    assert gallery.vectors.dtype == np.float32
    assert gallery.vectors.shape == (3, 512)
    assert gallery.vectors.tobytes() == vectors.tobytes()
    assert list(gallery.student_ids) == owners
    assert all(len(b) == 512 * 4 for b in stored_bytes)  # compact: 4 bytes per value
    with unit_of_work(sessions) as s:
        only_9b = encodings.load_gallery(s, MODEL, class_code="9B")
        other = encodings.load_gallery(s, "Dlib")
    assert only_9b.fingerprint == gallery.fingerprint
    assert other.size == 0 and other.vectors.shape == (0, 0)


def test_bad_vectors_are_refused(sessions: sessionmaker[Session], roster: dict[str, StudentInfo]) -> None:
    with unit_of_work(sessions) as s:
        for bad in ([], [1.0, float("nan")], [float("inf")]):
            with pytest.raises(InvalidInput):
                encodings.add_encoding(s, roster["ada"].id, model_name=MODEL, vector=bad)
        assert s.scalar(select(func.count()).select_from(FaceEncoding)) == 0


def test_mixed_dimensions_for_one_model_are_refused(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    with unit_of_work(sessions) as s:
        encodings.add_encoding(s, roster["ada"].id, model_name=MODEL, vector=np.ones(512))
        with pytest.raises(ModelMismatch, match="128-value vector cannot be stored as a Facenet512"):
            encodings.add_encoding(s, roster["alan"].id, model_name=MODEL, vector=np.ones(128))
        encodings.add_encoding(
            s, roster["alan"].id, model_name="Dlib", vector=np.ones(128)
        )  # another model: fine
    with unit_of_work(sessions) as s:
        assert encodings.counts_by_model(s) == {MODEL: 1, "Dlib": 1}
        assert encodings.load_gallery(s, MODEL).vectors.shape == (1, 512)
        assert encodings.load_gallery(s, "Dlib").vectors.shape == (1, 128)


def test_students_without_consent_are_refused_and_never_in_the_gallery(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    with unit_of_work(sessions) as s:
        with pytest.raises(ConsentRequired, match=r"Grace \(S3\) has no recorded consent"):
            encodings.add_encoding(s, roster["grace"].id, model_name=MODEL, vector=np.ones(512))
        encodings.add_encoding(s, roster["ada"].id, model_name=MODEL, vector=np.ones(512))
        encodings.add_encoding(s, roster["alan"].id, model_name=MODEL, vector=np.full(512, 2.0))
    # Consent lost behind the repository's back (an imported row, a manual edit): still excluded.
    with unit_of_work(sessions) as s:
        row = s.get(Student, roster["alan"].id)
        assert row is not None
        row.consent_given = False
    with unit_of_work(sessions) as s:
        assert encodings.load_gallery(s, MODEL).student_ids == (roster["ada"].id,)
        students.set_consent(
            s, "S1", given=False, by="parent", actor="office"
        )  # withdrawal deletes face data
    with unit_of_work(sessions) as s:
        assert encodings.load_gallery(s, MODEL).size == 0
        assert encodings.student_models(s, roster["ada"].id) == {}


def test_gallery_fingerprint_changes_when_an_encoding_is_added(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    with unit_of_work(sessions) as s:
        encodings.add_encoding(s, roster["ada"].id, model_name=MODEL, vector=np.ones(512))
    with unit_of_work(sessions) as s:
        before = encodings.load_gallery(s, MODEL).fingerprint
        assert encodings.load_gallery(s, MODEL).fingerprint == before  # stable while nothing changes
        encodings.add_encoding(s, roster["alan"].id, model_name=MODEL, vector=np.ones(512))
        after = encodings.load_gallery(s, MODEL).fingerprint
    assert after != before


def test_summary_puts_unmarked_students_in_absent(
    sessions: sessionmaker[Session], roster: dict[str, StudentInfo]
) -> None:
    with unit_of_work(sessions) as s:
        inactive = students.add_student(s, student_id="S4", name="Gone", class_code="9B")
        s.get_one(Student, inactive.id).is_active = False
        sid = attendance.open_session(s, "9B").id
        attendance.apply_mark(s, _mark(sid, roster["ada"], T0))
        attendance.apply_mark(
            s, _mark(sid, roster["alan"], T0 + timedelta(minutes=9), status=AttendanceStatus.LATE)
        )
    with unit_of_work(sessions) as s:
        summary = attendance.summary(s, sid)
    assert [st.student_id for st, _ in summary.present] == ["S1"]
    assert [st.student_id for st, _ in summary.late] == ["S2"]
    assert [st.student_id for st in summary.absent] == ["S3"]  # Grace never seen; inactive Gone not listed
    assert summary.counts == {"present": 1, "late": 1, "excused": 0, "absent": 1}
    assert summary.class_info.starts_at == time(8, 30)


def test_bulk_functions_of_the_sync_worker(
    sessions: sessionmaker[Session], engine: Engine, roster: dict[str, StudentInfo]
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the sync worker's bulk statements are written for PostgreSQL, the only server")
    ada, alan = roster["ada"], roster["alan"]
    with unit_of_work(sessions) as s:
        sid = attendance.open_session(s, "9B").id
        nowhere = uuid.uuid4()
        assert attendance.existing_session_ids(s, {sid, nowhere}) == {sid}
        assert attendance.existing_student_ids(s, {ada.id, nowhere}) == {ada.id}
        first = [_mark(sid, ada, T0), _mark(sid, alan, T0)]
        assert attendance.insert_first_marks(s, first) == {m.id for m in first}
        # A student who has a record already is left alone (for apply_mark's rule to decide).
        assert attendance.insert_first_marks(s, [_mark(sid, ada, T0 - timedelta(minutes=1))]) == set()
        override = _mark(sid, ada, T0, status=AttendanceStatus.EXCUSED, source=MarkSource.MANUAL)
        attendance.apply_mark(s, override)
        stored = attendance.records_of(s, {sid}, {ada.id, alan.id})
    assert set(stored) == {(sid, ada.id), (sid, alan.id)}
    assert stored[(sid, ada.id)].holds(first[0].id) and stored[(sid, ada.id)].holds(override.id)
    assert stored[(sid, alan.id)].holds(first[1].id) and not stored[(sid, alan.id)].holds(override.id)
    with unit_of_work(sessions) as s:
        assert [m.details for m in attendance.marks_for_session(s, sid) if m.student_uuid == alan.id] == [
            {"votes": 3}
        ]


def test_repository_functions_never_commit(
    sessions: sessionmaker[Session], engine: Engine, roster: dict[str, StudentInfo]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    before = row_counts(url)
    s = sessions()
    try:
        classes.add_class(s, "10A", "Physics 10A")
        classes.set_start_time(s, "9B", time(9, 0))
        new = students.add_student(s, student_id="S9", name="Nia", class_code="10A", consent=True)
        encodings.add_encoding(s, new.id, model_name=MODEL, vector=np.ones(512))
        sid = attendance.open_session(s, "10A").id
        attendance.apply_mark(s, _mark(sid, new, T0))
        attendance.apply_mark(
            s, _mark(sid, new, T0, status=AttendanceStatus.EXCUSED, source=MarkSource.MANUAL)
        )
        attendance.close_session(s, sid)
        students.set_consent(s, "S2", given=False, by="parent", actor="office")
        students.set_photo(s, roster["ada"].id, b"\xff\xd8jpeg")
        students.delete_student(s, "S3", actor="office")
        audit.record(s, actor="t", action="test", entity="x", entity_id="1")
        # Another connection sees none of it: nothing was committed along the way.
        assert row_counts(url) == before
        s.rollback()
    finally:
        s.close()
    assert row_counts(url) == before
    with unit_of_work(sessions) as s:
        assert classes.get_class(s, "9B").starts_at == time(8, 30)
        assert students.get_student(s, "S2").consent_given
        assert students.photos(s, [roster["ada"].id]) == {}


def test_classes_are_listed_in_natural_order(sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions) as s:
        for code in ("10A", "9B", "12", "9a", "1C"):
            classes.add_class(s, code, f"Class {code}")
    with unit_of_work(sessions) as s:
        assert [c.code for c in classes.list_classes(s)] == ["1C", "9a", "9B", "10A", "12"]
