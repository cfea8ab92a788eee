"""A crowd at the door on the real dlib-offline models: several faces at once, the enrolled
ones all marked (or asked about, when the match is weak), the stranger never (benchmarks/crowd_stream.py makes the stream)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.crowd_stream import CLASS, build_stream, crowd_settings, enroll, run_stream

pytestmark = [pytest.mark.recognition, pytest.mark.slow]


def test_several_faces_at_once_all_enrolled_marked_and_the_stranger_not(tmp_path: Path) -> None:
    stream = build_stream(
        students=4, strangers=1, seconds=6.0, enrolled=4, max_at_once=4, seed=1, stay_s=(3.0, 4.0)
    )
    at_once = max(len(stream.classroom.visible(i)) for i in range(stream.classroom.frame_count))
    assert at_once >= 3  # a crowd, not a queue
    services = enroll(crowd_settings(tmp_path / "data"), stream)
    try:
        service = services.session()
        service.start(CLASS)
        # 4 frames a second whatever the load (the shared test machine would decide otherwise)
        result = run_stream(service, stream, frame_seconds=0.25)
        marked = {e.student.student_id for e in service.roster() if e.mark is not None}
        service.end()
    finally:
        services.close()
    assert result.wrong == []
    # Each enrolled student is marked, or (a weak match: the doubt bands) the teacher is asked
    # about exactly them; never about someone else.
    assert all(result.asked.values()), result.summary()
    assert [p for p in result.unmarked if p not in result.asked] == [], result.summary()
    assert marked | {p.identity for p in stream.passes if p.actor in result.asked} == {
        p.identity for p in stream.passes if p.enrolled
    }
    assert result.unexamined == []
