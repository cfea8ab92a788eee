"""One attendance session: recognise faces in frames, vote, mark, and keep the roster state.

This is the code path the GUI and ``kiosk run --headless`` share: the GUI's recognition
worker and the headless loop both call :meth:`AttendanceSessionService.process_frame` with
the newest camera frame; manual overrides and the summary go through the same object.

Thread safety: ``process_frame`` runs on one worker thread; ``manual_mark``, ``roster``
and ``end`` may come from another (the GUI). A lock guards the shared state; the store
calls are short transactions of their own.

Doubtful matches (issue 14): a confirmation the rule in :mod:`kiosk.core.doubt` does not
trust (near the threshold or the margin, a look-alike pair, liveness in doubt) marks nobody;
it becomes an open question (:class:`~kiosk.core.doubt.Doubt`) in every :class:`FrameResult`
until the teacher answers it (:meth:`AttendanceSessionService.confirm_doubt`,
:meth:`~AttendanceSessionService.reject_doubt`); unanswered ones go to the sign-off.

Over 400 lines on purpose: the session's state (roster, votes, marks, open questions, the
running index) is guarded by one lock, and every method that touches it lives here so the
locking can be read in one place; the rules themselves are in :mod:`kiosk.core`. What only the
recognition worker touches, each track's evidence and the liveness check's view of it, is
:class:`~kiosk.app.session_tracks.TrackWatch`.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from kiosk.app.checkin import KioskCodes
from kiosk.app.session_tracks import TrackEvidence, TrackWatch
from kiosk.app.visitors import VisitorLookup
from kiosk.core.attendance import arrival_status
from kiosk.core.authz import Account, Action, check_class
from kiosk.core.domain import (
    AttendanceMark,
    AttendanceStatus,
    ClassInfo,
    FaceBox,
    MarkSource,
    SessionInfo,
    SessionSummary,
    StudentInfo,
)
from kiosk.core.doubt import Doubt, DoubtBands, Verdict, judge_confirmation
from kiosk.core.errors import FaceMatchingRefused, InvalidInput, KioskError
from kiosk.core.liveness import Liveness, LivenessCheck, LivenessPolicy
from kiosk.core.matching import MatchDecision, decide
from kiosk.core.ports import AttendanceStore, FaceAnalyser, FaceIndex, FaceIndexSource
from kiosk.core.voting import AdaptiveVotes, AttendanceVoting, Confirmation
from kiosk.infra.config import RecognitionSettings

log = logging.getLogger(__name__)


class RosterChangeLike(Protocol):
    """A notified roster change (see :mod:`kiosk.infra.db.repo.changes`)."""

    @property
    def class_code(self) -> str | None: ...

    @property
    def student_uuid(self) -> uuid.UUID | None: ...

    @property
    def kind(self) -> str: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FaceResult:
    """One face in one frame, ready to draw."""

    box: FaceBox
    state: str  # "confirmed", "matching", "unknown", "low_quality"
    student: StudentInfo | None = None
    similarity: float | None = None

    @property
    def label(self) -> str:
        if self.student is not None:
            sim = f" {self.similarity:.2f}" if self.similarity is not None else ""
            return f"{self.student.name}{sim}"
        if self.state == "low_quality":
            return "Hold still"
        return "Unknown"


@dataclass(frozen=True, slots=True)
class FrameResult:
    seq: int
    faces: tuple[FaceResult, ...]
    new_marks: tuple[AttendanceMark, ...]
    elapsed_ms: float
    notices: tuple[str, ...] = ()  # for the pupil at the kiosk, e.g. an unknown card
    doubts: tuple[Doubt, ...] = ()  # every question to the teacher still open, oldest first
    new_doubts: tuple[Doubt, ...] = ()  # asked in this frame ("Please see your teacher")
    refused: tuple[FaceBox, ...] = ()  # faces refused in this frame (liveness: a photo, a screen)


@dataclass(frozen=True, slots=True)
class RosterEntry:
    student: StudentInfo
    mark: AttendanceMark | None

    @property
    def status(self) -> AttendanceStatus | None:
        return self.mark.status if self.mark else None


@dataclass
class _State:
    session: SessionInfo
    class_info: ClassInfo
    roster: dict[uuid.UUID, StudentInfo]
    marks: dict[uuid.UUID, AttendanceMark] = field(default_factory=dict)
    # Doubtful matches (issue 14): asked, not guessed.
    lookalikes: frozenset[frozenset[uuid.UUID]] = frozenset()
    doubts: dict[uuid.UUID, Doubt] = field(default_factory=dict)  # open questions, by id
    answered_tracks: set[int] = field(default_factory=set)  # refused or declined: never asked again


class AttendanceSessionService:
    """Runs one session at a time for one class.

    Built by the composition root (:mod:`kiosk.app.bootstrap`) from ports: ``analyser`` is
    ``None`` when the face models are not installed (every mark is then by hand).
    """

    def __init__(
        self,
        store: AttendanceStore,
        analyser: FaceAnalyser[Any] | None,
        index_source: FaceIndexSource,
        *,
        recognition: RecognitionSettings,
        late_grace_minutes: int,
        kiosk_id: str | None,
        actor: str | None = None,
        clock: Callable[[], datetime] = _utc_now,
        local_zone: tzinfo | None = None,
        codes: KioskCodes | None = None,
        face_recognition_off: bool = False,
        liveness: LivenessCheck | None = None,
        liveness_policy: LivenessPolicy = LivenessPolicy.OFF,
        lookalikes: Callable[[], frozenset[frozenset[uuid.UUID]]] = frozenset,
    ) -> None:
        """``clock`` gives the (aware) time of a mark; ``local_zone`` is where the class's
        start time is wall-clock time (``None``: this computer's zone). ``liveness`` judges
        tracked faces (``None``: no check, the policy has nothing to act on);
        ``lookalikes`` gives the recorded look-alike pairs (read once at session start)."""
        self.store = store
        self.analyser = analyser
        self.actor = actor
        self._index_source = index_source
        self._recognition = recognition
        self._late_grace_minutes = late_grace_minutes
        self._kiosk_id = kiosk_id
        self._clock = clock
        self._local_zone = local_zone
        self._lock = threading.RLock()
        self._state: _State | None = None
        self._index: FaceIndex | None = None
        self._voting: AttendanceVoting[uuid.UUID] | None = None
        self._threshold = 1.0
        self._margin = recognition.margin
        self.warnings: list[str] = []
        # Cards and PINs (issue 12): read before any face, and with the face models off.
        self.codes = codes or KioskCodes(None, None)
        self._face_recognition_off = face_recognition_off
        self.visitors: VisitorLookup | None = None  # school-wide lookup of unknown faces (visitors.py)
        self._liveness = liveness
        self._tracks = TrackWatch(liveness)  # evidence, the liveness check's view, waiting confirmations
        self._liveness_policy = liveness_policy
        self._lookalikes = lookalikes
        self._bands = DoubtBands()

    # --- lifecycle ------------------------------------------------------------------

    @property
    def session(self) -> SessionInfo | None:
        return self._state.session if self._state else None

    @property
    def class_info(self) -> ClassInfo | None:
        return self._state.class_info if self._state else None

    @property
    def model_name(self) -> str | None:
        return self.analyser.model_name if self.analyser else None

    def start(
        self, class_code: str, *, started_by: str | None = None, account: Account | None = None
    ) -> SessionInfo:
        """Open a session: load the roster and the face index of the class. ``account``: who
        signed in to start it (a teacher: only for their classes; ``None``: the computer's user)."""
        check_class(account, Action.START_SESSION, class_code)
        with self._lock:
            if self._state is not None and self._state.session.ended_at is None:
                raise InvalidInput("A session is already running.", "End it before starting another.")
            class_info = self.store.get_class(class_code)
            roster = {s.id: s for s in self.store.roster(class_code)}
            self.warnings = []
            self._prepare_recognition(class_code, roster)
            codes_warning = self.codes.load(class_code)
            if codes_warning:
                self.warnings.append(codes_warning)
            session = self.store.open_session(
                class_code, started_by=started_by or self.actor, kiosk_id=self._kiosk_id
            )
            self._state = _State(session, class_info, roster, lookalikes=self._lookalikes())
            self._tracks.reset()
            log.info("Session %s started for class %s (%d students)", session.id, class_code, len(roster))
            return session

    def _prepare_recognition(self, class_code: str, roster: dict[uuid.UUID, StudentInfo]) -> None:
        self._index = None
        self._voting = AttendanceVoting.from_settings(self._recognition)
        if not roster:
            self.warnings.append("Nobody is in this class yet: add students, or mark attendance by hand.")
        if self.analyser is None:
            if self._face_recognition_off:
                self.warnings.append(
                    "Face recognition is switched off for this school: check in with your card or PIN, "
                    "or the teacher marks you."
                )
            else:
                self.warnings.append("Face recognition is off: mark attendance by hand.")
            return
        model = self.analyser.model_name
        self._threshold = self._recognition.threshold_for(model)
        self._margin = self._recognition.margin_for(model)
        self.visitors = VisitorLookup.for_session(self.store, model, self._recognition, class_code)
        if self._recognition.adaptive_votes:
            self._voting.votes.adaptive = AdaptiveVotes(
                self._recognition.votes_needed, self._threshold, self._margin
            )
        similarity_band, margin_band = self._recognition.doubt_bands_for(model)
        self._bands = DoubtBands(similarity_band, margin_band)
        if self._liveness is None and self._liveness_policy is not LivenessPolicy.OFF:
            self.warnings.append(
                f"The liveness policy is {self._liveness_policy.value}, but no liveness check is installed: "
                "faces are not checked for photos or screens."
            )
        gallery = self.store.gallery(class_code, model)
        # Why face matching is withheld (the offline copy is too old to trust); optional on the
        # port, so stores that never withhold need not say so.
        withheld = str(getattr(gallery, "withheld", "") or "")
        if withheld:
            self.warnings.append(withheld)
            return
        enrolled = set(gallery.student_ids)
        no_consent = [s for s in roster.values() if not s.consent_given]  # never matched: no template
        not_enrolled = [s for s in roster.values() if s.consent_given and s.id not in enrolled]
        if roster and not enrolled:
            self.warnings.append(
                f"Nobody in this class is enrolled for the {model} model: mark attendance by hand, "
                "or enroll students (or switch to the model they were enrolled with)."
            )
        elif not_enrolled:
            names = ", ".join(s.name for s in not_enrolled[:5]) + ("..." if len(not_enrolled) > 5 else "")
            self.warnings.append(f"Not enrolled for {model} (mark by hand): {names}.")
        if no_consent:
            self.warnings.append(
                f"{len(no_consent)} student(s) without consent are never recognised: "
                "they check in by card or PIN, or are marked by hand."
            )

        if not gallery.student_ids:
            return  # nobody to recognise: every face stays Unknown, marks are by hand

        def load() -> tuple[npt.NDArray[np.float32], tuple[uuid.UUID, ...]]:
            return gallery.vectors, gallery.student_ids

        self._index = self._index_source.get_or_build(class_code, model, gallery.fingerprint, load)

    def end(self, *, account: Account | None = None) -> SessionSummary:
        """Close the session (idempotent) and return its summary (``account``: as for :meth:`start`)."""
        with self._lock:
            state = self._require_state()
            check_class(account, Action.END_SESSION, state.class_info.code)
            if state.session.ended_at is None:
                state.session = self.store.close_session(state.session.id)
                log.info("Session %s ended", state.session.id)
            return self.store.summary(state.session.id)

    def _require_state(self) -> _State:
        if self._state is None:
            raise InvalidInput("No session is running.", "Start a session for a class first.")
        return self._state

    # --- roster changes announced while the session runs ---------------------------

    def on_roster_change(self, change: RosterChangeLike) -> None:
        """A student of some class was enrolled, withdrawn, deleted or changed (the store's
        copy is already up to date): if it is this session's class, update the roster and
        add or remove just that student's vectors in the running index (no rebuild)."""
        with self._lock:
            if self.visitors is not None:
                self.visitors.on_roster_change(change)  # any class: the school-wide index
            state = self._state
            student_uuid = change.student_uuid
            if state is None or student_uuid is None or change.class_code != state.class_info.code:
                return
            current = {s.id: s for s in self.store.roster(state.class_info.code)}
            student = current.get(student_uuid)
            roster = dict(state.roster)  # a new dict: the recognition thread may be reading the old one
            if student is None:
                roster.pop(student_uuid, None)
            else:
                roster[student_uuid] = student
            state.roster = roster
            if student is None or not student.can_be_recognised:
                self._drop_doubts_of(state, student_uuid)
            if self.analyser is None:
                return
            model = self.analyser.model_name
            gallery = self.store.gallery(state.class_info.code, model)
            rows = [i for i, sid in enumerate(gallery.student_ids) if sid == student_uuid]
            vectors = gallery.vectors[rows] if rows else None
            if self._index is None:
                if vectors is None or not (student and student.can_be_recognised):
                    return
                # The first enrolled student of the class: nothing to add to, build the index.
                self._index = self._index_source.get_or_build(
                    state.class_info.code,
                    model,
                    gallery.fingerprint,
                    lambda: (gallery.vectors, gallery.student_ids),
                )
            else:
                self._index.remove_student(student_uuid)
                if vectors is not None and student is not None and student.can_be_recognised:
                    self._index.add_student(student_uuid, vectors)
            log.info(
                "Session %s: %s of student %s applied to the face index",
                state.session.id,
                change.kind,
                student_uuid,
            )

    # --- recognition ----------------------------------------------------------------

    def process_frame(
        self, image_bgr: npt.NDArray[np.uint8], timestamp: float | None = None, seq: int = 0
    ) -> FrameResult:
        """Read check-in cards; then detect, track, embed only faces that still need it, match, vote, mark.

        Cards come first and need no face model. While a card is in view (and a moment
        after), no face is detected or embedded: the card holder's face is never analysed.
        """
        started = time.perf_counter()
        now = time.monotonic() if timestamp is None else timestamp
        state = self._require_state()
        read = self.codes.read_frame(image_bgr, now)
        card_marks = [
            m
            for m in (self._self_mark(state, sid, MarkSource.CARD) for sid in read.students)
            if m is not None
        ]
        if self.analyser is None or self._voting is None or self.codes.faces_paused(now):
            elapsed = (time.perf_counter() - started) * 1000
            return FrameResult(
                seq, (), tuple(card_marks), elapsed, tuple(read.notices), doubts=self.pending_doubts()
            )
        detected = self.analyser.detect(image_bgr)
        usable = [f for f in detected if f.accepted]
        tracked = self._voting.update([f.box for f in usable], now)
        # New and unconfirmed faces first, the ones about to leave first, within the frame's
        # budget; confirmed faces only for their occasional recheck (kiosk.core.crowd).
        height, width = image_bgr.shape[:2]
        to_embed = self._voting.choose(
            tracked, budget=self._recognition.faces_per_frame, now=now, frame_size=(width, height)
        )
        decisions: dict[int, MatchDecision[uuid.UUID]] = {}
        notices = list(read.notices)
        if to_embed and self._index is not None and self._index.size > 0:
            vectors = self.analyser.embed([usable[i] for i in to_embed])
            decisions = dict(zip(to_embed, self.match_vectors(vectors), strict=True))
            if self.visitors is not None:  # named on the screen, never marked here
                notices += self.visitors.look_up(vectors, [decisions[i] for i in to_embed])
        self._follow_tracks(
            state, image_bgr, [(t.track_id, t.box, t.confirmed_student) for t in tracked], now
        )
        faces: list[FaceResult] = []
        outcomes: list[AttendanceMark | Doubt | FaceBox | None] = []
        for i, track in enumerate(tracked):
            decision = decisions.get(i)
            if decision is not None:
                self._tracks.gather(track.track_id, decision)
                confirmation = self._voting.observe(track.track_id, decision, now)
                if confirmation is not None:
                    outcomes.append(self._on_confirmation(state, confirmation, track.box, now))
            student_uuid = self._voting.votes.track_student(track.track_id)
            if track.track_id in state.answered_tracks:
                faces.append(FaceResult(track.box, "unknown"))  # refused, or "No" from the teacher
            elif student_uuid is not None and student_uuid not in state.marks:
                # Confirmed by the vote, but the teacher is asked: amber, not green.
                faces.append(FaceResult(track.box, "matching", state.roster.get(student_uuid)))
            elif student_uuid is not None:
                sim = decision.similarity if decision is not None and decision.is_match else None
                faces.append(FaceResult(track.box, "confirmed", state.roster.get(student_uuid), sim))
            elif decision is not None and decision.is_match and decision.student_uuid is not None:
                faces.append(
                    FaceResult(
                        track.box, "matching", state.roster.get(decision.student_uuid), decision.similarity
                    )
                )
            else:
                faces.append(
                    FaceResult(track.box, "unknown", None, decision.similarity if decision else None)
                )
        for waiting, evidence in self._tracks.due({t.track_id: t.box for t in tracked}, now):
            outcomes.append(
                self._on_confirmation(state, waiting.confirmation, waiting.box, now, evidence=evidence)
            )
        new_marks = [o for o in outcomes if isinstance(o, AttendanceMark)]
        new_doubts = [o for o in outcomes if isinstance(o, Doubt)]
        refused = [o for o in outcomes if isinstance(o, FaceBox)]
        faces.extend(FaceResult(f.box, "low_quality") for f in detected if not f.accepted)
        elapsed = (time.perf_counter() - started) * 1000
        return FrameResult(
            seq,
            tuple(faces),
            tuple(card_marks + new_marks),
            elapsed,
            tuple(notices),
            doubts=self.pending_doubts(),
            new_doubts=tuple(new_doubts),
            refused=tuple(refused),
        )

    def match_vectors(self, vectors: npt.NDArray[np.float32]) -> list[MatchDecision[uuid.UUID]]:
        """The decision for each face vector against this session's index and roster (no voting)."""
        state = self._require_state()
        index, analyser = self._index, self.analyser
        if index is None or analyser is None or index.size == 0:
            return [decide([], self._threshold, self._margin) for _ in range(len(vectors))]
        candidates = index.search(vectors, analyser.model_name, k=5)
        # A cached index may be older than the roster: a student withdrawn since (consent,
        # left, moved class) is dropped here, as a fresh index would not hold them.
        allowed = {sid for sid, s in state.roster.items() if s.can_be_recognised}
        return [
            decide([c for c in cands if c[0] in allowed], self._threshold, self._margin)
            for cands in candidates
        ]

    # --- doubtful matches (issue 14) ------------------------------------------------

    def _follow_tracks(
        self,
        state: _State,
        image_bgr: npt.NDArray[np.uint8],
        tracked: list[tuple[int, FaceBox, uuid.UUID | None]],
        now: float,
    ) -> None:
        """The track watch forgets tracks that left and shows the liveness check the faces not
        marked yet (nor answered)."""
        assert self._voting is not None
        unmarked = [
            (tid, box)
            for tid, box, student in tracked
            if tid not in state.answered_tracks and (student is None or student not in state.marks)
        ]
        self._tracks.follow({t.id for t in self._voting.tracker.tracks}, image_bgr, unmarked, now)

    def _on_confirmation(
        self,
        state: _State,
        confirmation: Confirmation[uuid.UUID],
        box: FaceBox,
        now: float,
        *,
        evidence: TrackEvidence | None = None,
    ) -> AttendanceMark | Doubt | FaceBox | None:
        """The vote confirmed a track: mark (a mark), ask the teacher (a doubt), refuse (the
        face's box), or nothing (already marked, withdrawn, answered before, or waiting a
        moment for the liveness check, which may not have seen enough frames yet).
        ``evidence``: given when the confirmation waited (it may not wait again)."""
        assert self._voting is not None
        student_uuid, track_id = confirmation.student, confirmation.track_id
        student = state.roster.get(student_uuid)
        if student is None or not student.can_be_recognised:
            return None  # never mark from a stale index entry of a withdrawn student
        if track_id in state.answered_tracks or any(d.track_id == track_id for d in state.doubts.values()):
            self._voting.votes.release(student_uuid)
            return None
        verdict = self._tracks.verdict(track_id)
        if (
            evidence is None
            and verdict is Liveness.UNSURE
            and self._liveness_policy is not LivenessPolicy.OFF
        ):
            self._tracks.wait(confirmation, box, now)
            return None
        evidence = evidence if evidence is not None else self._tracks.evidence(track_id)
        judgement = judge_confirmation(
            student_uuid,
            similarity=confirmation.mean_similarity,
            margin=evidence.leads.get(student_uuid),
            threshold=self._threshold,
            required_margin=self._margin,
            bands=self._bands,
            rivals=evidence.rivals,
            lookalikes=state.lookalikes,
            liveness=verdict,
            policy=self._liveness_policy,
        )
        if judgement.verdict is Verdict.MARK:
            return self._auto_mark(state, student_uuid, confirmation.mean_similarity, box, confirmation.votes)
        self._voting.votes.release(student_uuid)  # another track of them may still be marked
        if judgement.verdict is Verdict.REFUSE:
            with self._lock:
                state.answered_tracks.add(track_id)
            log.warning(
                "Session %s: a face matching student %s was refused (%s); nothing marked",
                state.session.id,
                student.student_id,
                judgement.why,
            )
            return box
        with self._lock:
            # One open question per student: a new track of the same face replaces the old one.
            earlier = next((d for d in state.doubts.values() if d.student.id == student_uuid), None)
            doubt = Doubt(
                id=earlier.id if earlier is not None else uuid.uuid4(),
                track_id=track_id,
                box=box,
                student=student,
                similarity=round(confirmation.mean_similarity, 4),
                reasons=judgement.reasons,
                asked_at=self._clock(),
            )
            state.doubts[doubt.id] = doubt
        log.info(
            "Session %s: the teacher is asked about student %s (%s)",
            state.session.id,
            student.student_id,
            judgement.why,
        )
        return doubt

    def pending_doubts(self) -> tuple[Doubt, ...]:
        """The questions to the teacher not answered yet, oldest first."""
        with self._lock:
            state = self._state
            return tuple(state.doubts.values()) if state is not None else ()

    def confirm_doubt(
        self, doubt_id: uuid.UUID, student_uuid: uuid.UUID | None = None, *, actor: str | None = None
    ) -> AttendanceMark | None:
        """The teacher's answer to "Is this Ana?": Yes (``student_uuid`` None or Ana) marks Ana
        with source ``confirmed``; "Someone else" (another student) marks that student by hand
        (source ``manual``: the camera did not find them, the teacher did). None: already marked."""
        with self._lock:
            state = self._require_state()
            doubt = state.doubts.get(doubt_id)
            if doubt is None:
                raise InvalidInput("That question was already answered.", "Check the roster for the student.")
            chosen = doubt.student.id if student_uuid is None else student_uuid
            if chosen not in state.roster:
                raise InvalidInput("That student is not in this class.")
            who = actor or self.actor
            if chosen == doubt.student.id:
                details: dict[str, object] = {
                    "model": self.model_name or "",
                    "asked": [r.value for r in doubt.reasons],
                    "confirmed_by": who or "",
                }
                mark = self._self_mark(
                    state, chosen, MarkSource.CONFIRMED, doubt.similarity, doubt.box, details
                )
            else:
                status = arrival_status(
                    self._clock(),
                    state.class_info.starts_at,
                    self._late_grace_minutes,
                    local_zone=self._local_zone,
                )
                note = f"The camera took this student for {doubt.student.name}; the teacher chose them"
                mark = self.manual_mark(chosen, status, note=note, actor=who)
                state.answered_tracks.add(doubt.track_id)
            state.doubts.pop(doubt_id, None)
            return mark

    def reject_doubt(self, doubt_id: uuid.UUID) -> None:
        """The teacher's "No": nobody is marked, and that face is not asked about again."""
        with self._lock:
            state = self._require_state()
            doubt = state.doubts.pop(doubt_id, None)
            if doubt is None:
                return
            state.answered_tracks.add(doubt.track_id)
            log.info(
                "Session %s: the teacher said the face was not student %s",
                state.session.id,
                doubt.student.student_id,
            )

    @staticmethod
    def _drop_doubts_of(state: _State, student_uuid: uuid.UUID) -> None:
        """The student is marked (or withdrawn) some other way: the question is moot."""
        for doubt_id in [d.id for d in state.doubts.values() if d.student.id == student_uuid]:
            del state.doubts[doubt_id]

    def _auto_mark(
        self, state: _State, student_uuid: uuid.UUID, similarity: float, box: FaceBox, votes: int
    ) -> AttendanceMark | None:
        student = state.roster.get(student_uuid)
        if student is None or not student.can_be_recognised:
            return None  # never mark from a stale index entry of a withdrawn student
        details: dict[str, object] = {"model": self.model_name or "", "votes": votes}
        return self._self_mark(state, student_uuid, MarkSource.AUTO, round(similarity, 4), box, details)

    def _self_mark(
        self,
        state: _State,
        student_uuid: uuid.UUID,
        source: MarkSource,
        confidence: float | None = None,
        box: FaceBox | None = None,
        details: dict[str, object] | None = None,
    ) -> AttendanceMark | None:
        """The pupil's own check-in (camera, card or PIN): the first one stands, never re-marked."""
        student = state.roster.get(student_uuid)
        if student is None or not student.is_active:
            return None
        with self._lock:
            if student_uuid in state.marks:
                return None  # already marked (by the camera or by hand): never re-marked
            now = self._clock()
            status = arrival_status(
                now, state.class_info.starts_at, self._late_grace_minutes, local_zone=self._local_zone
            )
            mark = AttendanceMark(
                id=uuid.uuid4(),
                session_id=state.session.id,
                student_uuid=student_uuid,
                status=status,
                marked_at=now,
                source=source,
                confidence=confidence,
                box=box,
                details=details or {},
            )
            try:
                stored = self.store.mark(mark)
            except FaceMatchingRefused as exc:
                # Consent withdrawn since the session started, or the offline copy is now too
                # old: this student is not recognised again in this session.
                state.roster[student_uuid] = replace(student, consent_given=False)
                if exc.message not in self.warnings:
                    self.warnings.append(exc.message)
                log.warning(
                    "Automatic mark of student %s refused: face matching not allowed", student.student_id
                )
                return None
            state.marks[student_uuid] = stored
            self._drop_doubts_of(state, student_uuid)
            if source is not MarkSource.AUTO and self._voting is not None:
                self._voting.votes.mark_confirmed(student_uuid)  # the camera no longer needs to find them
            log.info(
                "Marked %s %s by %s in session %s",
                student.student_id,
                stored.status.value,
                source.value,
                state.session.id,
            )
            return stored

    def pin_checkin(self, student_uuid: uuid.UUID, pin: str) -> AttendanceMark | None:
        """A PIN typed at the kiosk; an :class:`InvalidInput` for a wrong one. None: already marked."""
        state = self._require_state()
        if student_uuid not in state.roster:
            raise InvalidInput("That student is not in this class.")
        self.codes.check_pin(student_uuid, pin)
        return self._self_mark(state, student_uuid, MarkSource.PIN)

    def pause_faces(self, seconds: float) -> None:
        """Stop face matching for a while (the PIN pad is open: that pupil's face is not analysed)."""
        self.codes.paused_until = max(self.codes.paused_until, time.monotonic() + seconds)

    def resume_faces(self) -> None:
        self.codes.paused_until = 0.0

    # --- the teacher ----------------------------------------------------------------

    def manual_mark(
        self,
        student_uuid: uuid.UUID,
        status: AttendanceStatus,
        *,
        note: str | None = None,
        actor: str | None = None,
        account: Account | None = None,
    ) -> AttendanceMark:
        """The teacher's override: always wins over the camera, and goes to the audit log.
        ``account``: who signed in to make it (a teacher: only in their classes' sessions)."""
        with self._lock:
            state = self._require_state()
            check_class(account, Action.HAND_MARK, state.class_info.code)
            if student_uuid not in state.roster:
                raise InvalidInput("That student is not in this class.")
            mark = AttendanceMark(
                id=uuid.uuid4(),
                session_id=state.session.id,
                student_uuid=student_uuid,
                status=status,
                marked_at=self._clock(),
                source=MarkSource.MANUAL,
                note=(note or "").strip() or None,
            )
            stored = self.store.mark(mark, actor=actor or self.actor)
            state.marks[student_uuid] = stored
            self._drop_doubts_of(state, student_uuid)
            if self._voting is not None:
                self._voting.votes.mark_confirmed(student_uuid)  # the camera no longer needs to find them
            return stored

    def roster(self) -> list[RosterEntry]:
        with self._lock:
            state = self._require_state()
            return [
                RosterEntry(s, state.marks.get(s.id))
                for s in sorted(state.roster.values(), key=lambda s: s.name)
            ]

    def counts(self) -> dict[str, int]:
        entries = self.roster()
        out = {s.value: 0 for s in AttendanceStatus}
        for e in entries:
            out[(e.status or AttendanceStatus.ABSENT).value] += 1
        return out

    def status_line(self) -> str:
        try:
            return self.store.status_line()
        except KioskError as exc:
            return exc.message
