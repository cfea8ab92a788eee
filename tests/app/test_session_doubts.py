"""Doubtful matches are asked, not guessed: the session service on in-memory fakes.

A confirmation near the threshold, a look-alike pair, or a liveness verdict the school's
policy does not trust marks nobody; it becomes an open question the teacher answers (Yes:
source ``confirmed``; No: nobody, not asked again for that face; someone else: by hand).
The same rule on real photos and the dlib models: tests/app/test_session_doubts_real.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
import pytest
from fakes import MODEL, FakeAnalyser, FakeFace, FakeIndexSource, InMemoryStore, unit_vector

from kiosk.app.session import AttendanceSessionService
from kiosk.core.domain import AttendanceStatus, FaceBox, MarkSource
from kiosk.core.doubt import DoubtReason
from kiosk.core.errors import InvalidInput
from kiosk.core.liveness import Liveness, LivenessPolicy
from kiosk.infra.config import RecognitionSettings

FRAME = np.zeros((48, 64, 3), dtype=np.uint8)
BOX = FaceBox(100, 80, 90, 90)
STEP = 0.25
CLASS = "9B"


def near(axis: int, similarity: float, other: int = 6) -> npt.NDArray[np.float32]:
    """A face vector with ``similarity`` to ``unit_vector(axis)`` and nothing in common with the rest."""
    vector = np.zeros(8, dtype=np.float32)
    vector[axis] = similarity
    vector[other] = np.sqrt(1 - similarity**2)
    return vector


class FakeLiveness:
    """A liveness check that says what the test tells it, for every track."""

    def __init__(self, verdict: Liveness) -> None:
        self.answer = verdict
        self.observed: list[int] = []
        self.forgotten: list[int] = []

    def observe(self, track_id: int, image_bgr: npt.NDArray[np.uint8], box: FaceBox, now: float) -> None:
        self.observed.append(track_id)

    def verdict(self, track_id: int) -> Liveness:
        return self.answer

    def forget(self, track_ids: Iterable[int]) -> None:
        self.forgotten.extend(track_ids)


class Room:
    def __init__(
        self,
        *,
        lookalikes: bool = False,
        liveness: FakeLiveness | None = None,
        policy: LivenessPolicy = LivenessPolicy.OFF,
    ) -> None:
        self.store = InMemoryStore()
        self.store.add_class(CLASS)
        self.ana = self.store.add_student("Ana Ruiz", CLASS, vector=unit_vector(0))
        self.eva = self.store.add_student("Eva Ruiz", CLASS, vector=near(0, 0.9, other=1))  # her twin
        self.bob = self.store.add_student("Bob Stone", CLASS, vector=unit_vector(2))
        self.analyser = FakeAnalyser()
        pairs = frozenset({frozenset({self.ana.id, self.eva.id})}) if lookalikes else frozenset()
        self.service = AttendanceSessionService(
            self.store,
            self.analyser,
            FakeIndexSource(),
            recognition=RecognitionSettings(
                votes_needed=3,
                vote_window_seconds=2.0,
                thresholds={MODEL: 0.8},
                margins={MODEL: 0.05},
                doubt_similarity_bands={MODEL: 0.05},
                doubt_margin_bands={MODEL: 0.0},
            ),
            late_grace_minutes=5,
            kiosk_id="room-12",
            actor="ms.rivera",
            clock=lambda: datetime(2026, 1, 12, 7, 0, tzinfo=UTC),
            liveness=liveness,
            liveness_policy=policy,
            lookalikes=lambda: pairs,
        )
        self.service.start(CLASS)

    def camera(self, vector: npt.NDArray[np.float32] | None, frames: int, *, start: float = 0.0):
        self.analyser.show(*(() if vector is None else (FakeFace(BOX, vector),)))
        return [self.service.process_frame(FRAME, timestamp=start + n * STEP, seq=n) for n in range(frames)]

    def marks(self) -> dict[str, MarkSource]:
        names = {s.id: s.name for s in self.store.students.values()}
        return {names[m.student_uuid]: m.source for m in self.store.marks(self.service.session.id)}  # type: ignore[union-attr]


def asked(results) -> list[tuple[str, tuple[DoubtReason, ...]]]:  # type: ignore[no-untyped-def]
    return [(d.student.name, d.reasons) for r in results for d in r.new_doubts]


def test_a_clear_match_is_marked_and_nobody_is_asked() -> None:
    room = Room()
    results = room.camera(unit_vector(2), 8)
    assert room.marks() == {"Bob Stone": MarkSource.AUTO}
    assert asked(results) == [] and results[-1].doubts == ()


def test_a_match_near_the_threshold_is_asked_then_confirmed() -> None:
    room = Room()
    results = room.camera(near(2, 0.82), 8)  # above the threshold 0.8, inside its band of 0.05
    assert room.marks() == {}
    assert asked(results) == [("Bob Stone", (DoubtReason.NEAR_THRESHOLD,))]
    doubt = results[-1].doubts[0]
    assert doubt.box == BOX and doubt.similarity == pytest.approx(0.82, abs=1e-3)
    assert [f.state for f in results[-1].faces] == ["matching"]  # amber: not marked
    mark = room.service.confirm_doubt(doubt.id, actor="ms.rivera")
    assert (
        mark is not None and mark.source is MarkSource.CONFIRMED and mark.status is AttendanceStatus.PRESENT
    )
    assert mark.confidence == pytest.approx(0.82, abs=1e-3)
    assert mark.details["confirmed_by"] == "ms.rivera" and mark.details["asked"] == ["near_threshold"]
    assert room.marks() == {"Bob Stone": MarkSource.CONFIRMED}
    assert room.service.pending_doubts() == ()
    with pytest.raises(InvalidInput, match="already answered"):
        room.service.confirm_doubt(doubt.id)


def test_no_marks_nobody_and_the_same_face_is_not_asked_again() -> None:
    room = Room()
    results = room.camera(near(2, 0.82), 8)
    room.service.reject_doubt(results[-1].doubts[0].id)
    later = room.camera(near(2, 0.82), 20, start=2.0)  # the same face stays in view (same track)
    assert asked(later) == [] and later[-1].doubts == ()
    assert room.marks() == {}
    assert [f.state for f in later[-1].faces] == ["unknown"]
    # The real Bob, well lit, on a new track later: still marked.
    room.camera(None, 8, start=10.0)
    room.camera(unit_vector(2), 8, start=20.0)
    assert room.marks() == {"Bob Stone": MarkSource.AUTO}


def test_someone_else_is_marked_by_the_teacher_by_hand() -> None:
    room = Room()
    results = room.camera(near(2, 0.82), 8)
    mark = room.service.confirm_doubt(results[-1].doubts[0].id, room.ana.id, actor="ms.rivera")
    assert mark is not None and mark.source is MarkSource.MANUAL and "Bob Stone" in (mark.note or "")
    assert room.marks() == {"Ana Ruiz": MarkSource.MANUAL}
    assert room.store.audit[-1][0] == "ms.rivera"


def test_a_student_marked_another_way_has_their_question_dropped() -> None:
    room = Room()
    results = room.camera(near(2, 0.82), 8)
    assert len(results[-1].doubts) == 1
    room.service.manual_mark(room.bob.id, AttendanceStatus.PRESENT)
    assert room.service.pending_doubts() == ()


def test_a_lookalike_pair_is_never_marked_automatically() -> None:
    room = Room(lookalikes=True)
    # Ana herself, a perfect match; her twin Eva is the runner-up (0.9, lead 0.1 > margin).
    results = room.camera(unit_vector(0), 12)
    assert room.marks() == {}
    assert asked(results) == [("Ana Ruiz", (DoubtReason.LOOKALIKE,))]
    # Without the recorded pair the same face is marked.
    plain = Room()
    plain.camera(unit_vector(0), 12)
    assert plain.marks() == {"Ana Ruiz": MarkSource.AUTO}


@pytest.mark.parametrize(
    ("policy", "verdict", "marked", "asked_about", "refused"),
    [
        (LivenessPolicy.OFF, Liveness.SPOOF, {"Bob Stone": MarkSource.AUTO}, [], 0),
        (LivenessPolicy.REVIEW, Liveness.LIVE, {"Bob Stone": MarkSource.AUTO}, [], 0),
        (LivenessPolicy.REVIEW, Liveness.SPOOF, {}, [("Bob Stone", (DoubtReason.NOT_LIVE,))], 0),
        (LivenessPolicy.REVIEW, Liveness.UNSURE, {}, [("Bob Stone", (DoubtReason.LIVENESS_UNSURE,))], 0),
        (LivenessPolicy.REJECT, Liveness.SPOOF, {}, [], 1),
        (LivenessPolicy.REJECT, Liveness.UNSURE, {}, [("Bob Stone", (DoubtReason.LIVENESS_UNSURE,))], 0),
    ],
)
def test_liveness_policies_in_the_session(
    policy: LivenessPolicy,
    verdict: Liveness,
    marked: dict[str, MarkSource],
    asked_about: list[tuple[str, tuple[DoubtReason, ...]]],
    refused: int,
) -> None:
    check = FakeLiveness(verdict)
    room = Room(liveness=check, policy=policy)
    results = room.camera(unit_vector(2), 12)
    assert room.marks() == marked
    assert asked(results) == asked_about
    assert sum(len(r.refused) for r in results) == refused
    assert check.observed  # every frame of the unmarked face went to the check
    if refused:
        assert results[-1].doubts == () and [f.state for f in results[-1].faces] == ["unknown"]


def test_the_liveness_check_sees_unmarked_faces_only_and_forgets_lost_tracks() -> None:
    check = FakeLiveness(Liveness.LIVE)
    room = Room(liveness=check, policy=LivenessPolicy.REVIEW)
    room.camera(unit_vector(2), 12)
    seen_while_marking = len(check.observed)
    assert room.marks() == {"Bob Stone": MarkSource.AUTO}
    room.camera(unit_vector(2), 8, start=3.0)  # Bob is marked: his face is not checked any more
    assert len(check.observed) == seen_while_marking
    room.camera(None, 12, start=6.0)  # he leaves: his track ends
    assert check.forgotten == [1]


def test_an_unsure_verdict_waits_a_moment_for_the_check() -> None:
    check = FakeLiveness(Liveness.UNSURE)
    room = Room(liveness=check, policy=LivenessPolicy.REVIEW)
    early = room.camera(unit_vector(2), 4)  # the vote confirms Bob; the check has not decided yet
    assert room.marks() == {} and asked(early) == []
    check.answer = Liveness.LIVE  # a few frames later it is satisfied
    room.camera(unit_vector(2), 4, start=1.0)
    assert room.marks() == {"Bob Stone": MarkSource.AUTO}


def test_a_lookalike_waiting_for_liveness_is_still_asked_after_the_face_left() -> None:
    check = FakeLiveness(Liveness.UNSURE)
    room = Room(lookalikes=True, liveness=check, policy=LivenessPolicy.REVIEW)
    results = room.camera(unit_vector(0), 4)
    results += room.camera(None, 8, start=1.0)  # Ana leaves before the check decides
    assert room.marks() == {}
    assert asked(results) == [("Ana Ruiz", (DoubtReason.LIVENESS_UNSURE, DoubtReason.LOOKALIKE))]


def test_a_policy_without_a_check_is_a_warning() -> None:
    room = Room(policy=LivenessPolicy.REJECT)
    assert any("no liveness check is installed" in w for w in room.service.warnings)
    room.camera(unit_vector(2), 8)
    assert room.marks() == {"Bob Stone": MarkSource.AUTO}


def test_a_second_track_of_the_same_student_replaces_the_open_question() -> None:
    room = Room()
    first = room.camera(near(2, 0.82), 8)[-1].doubts[0]
    room.camera(None, 8, start=3.0)  # the track ends
    second = room.camera(near(2, 0.82), 8, start=6.0)[-1].doubts
    assert [d.id for d in second] == [first.id] and second[0].track_id != first.track_id
