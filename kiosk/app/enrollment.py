"""Enrollment: turn a student's photos into stored face encodings.

Refuses students without recorded consent before looking at a single photo. Each photo is
checked on its own (no face, several faces, too small, blurred, cut off: rejected with the
reason); accepted photos become one encoding each (several per student improve recall).
A new face that matches *another* enrolled student (at the recognition threshold, or
within the margin of it: the rule of :mod:`kiosk.core.lookalikes`) is refused, with nothing
stored, naming who it looks like: usually the photo is of the wrong student. An admin may
confirm that the two really look alike (twins): the photos are then stored and the pair is
recorded as look-alikes, whose matches are never marked automatically. Students already
recorded as look-alikes of this one are reported, not refused. Bulk re-embedding of faces
that were enrolled before (a new model, a migration) only reports such faces.

The same photo file (by its content hash) is never enrolled twice for a student: it is
skipped as "already enrolled from this photo".
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import logging
import os
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.app.roster import NewEncoding, RosterService
from kiosk.core.domain import FaceBox, StudentInfo
from kiosk.core.errors import Conflict, ConsentRequired, InvalidInput, KioskError
from kiosk.core.lookalikes import near_match
from kiosk.core.photos import IMAGE_SUFFIXES
from kiosk.infra.config import Settings
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.index import FaceIndex
from kiosk.infra.recognition.pipeline import FacePipeline
from kiosk.infra.recognition.quality import PhotoProblem, count_problems

log = logging.getLogger(__name__)

THUMBNAIL_SIDE = 96


@dataclass(frozen=True, slots=True)
class PhotoVerdict:
    source: str
    ok: bool
    reason: str | None = None
    box: FaceBox | None = None
    problem: PhotoProblem | None = None  # why a rejected photo gave no usable face


ALREADY_ENROLLED_REASON = "already enrolled from this photo; nothing was added."


class LookalikePolicy(enum.StrEnum):
    """What an enrollment does with a face that matches another student."""

    REFUSE = "refuse"  # nothing stored, LookalikeRefused (unless the admin named the student)
    WARN = "warn"  # stored and reported: re-embedding faces that were enrolled before


@dataclass(frozen=True, slots=True)
class DuplicateWarning:
    """A new face that matches another enrolled student (or comes within the margin of it)."""

    source: str
    other: StudentInfo
    similarity: float
    recorded: bool = False  # the two are recorded look-alikes (or were just confirmed as such)

    @property
    def who(self) -> str:
        cls = f" of class {self.other.class_code}" if self.other.class_code else ""
        return f"{self.other.name} ({self.other.student_id}){cls}"

    @property
    def message(self) -> str:
        if self.recorded:
            return (
                f"{self.source}: this face looks like {self.who}, similarity {self.similarity:.2f}; "
                "they are recorded look-alikes, so their matches go to the teacher."
            )
        return (
            f"{self.source}: this face looks like {self.who}, "
            f"similarity {self.similarity:.2f}. Check that it is the right student."
        )


class LookalikeRefused(Conflict):
    """The photos match other students: nothing was enrolled. ``duplicates`` names them."""

    def __init__(
        self,
        student: StudentInfo,
        duplicates: Sequence[DuplicateWarning],
        rejected: Sequence[PhotoVerdict] = (),
    ) -> None:
        first = duplicates[0]
        others = sorted({d.other.student_id for d in duplicates})
        more = f" ({len(duplicates)} photo(s) look like other students)" if len(duplicates) > 1 else ""
        super().__init__(
            f"Not enrolled: {first.source} looks like {first.who}, similarity {first.similarity:.2f}, "
            f"not like {student.name} ({student.student_id}){more}; nothing was stored.",
            "If the photo is of the wrong student, enroll it under the right one. If they really look "
            "alike (twins), enroll again with "
            + " ".join(f"--lookalike-of {o}" for o in others)
            + " (or confirm 'They are look-alikes' in the enrollment dialog); their matches then go to "
            "the teacher instead of being marked automatically.",
        )
        self.student = student
        self.duplicates = tuple(duplicates)
        self.rejected = tuple(rejected)  # the other photos' own problems, shown beside the refusal

    @property
    def other_ids(self) -> tuple[str, ...]:
        """The school ids of the students the photos look like."""
        return tuple(sorted({d.other.student_id for d in self.duplicates}))


@dataclass(frozen=True, slots=True)
class EnrollmentResult:
    student: StudentInfo
    accepted: tuple[PhotoVerdict, ...]
    rejected: tuple[PhotoVerdict, ...]
    duplicates: tuple[DuplicateWarning, ...]

    @property
    def skipped_summary(self) -> str:
        """How many photos were skipped and why ("2 blurred, 1 no face"); empty when none."""
        return count_problems([v.problem or PhotoProblem.UNREADABLE for v in self.rejected])


def display_path(path: Path | str) -> str:
    """A path as text that can always be printed and stored: a file name that is not valid
    UTF-8 (USB sticks formatted elsewhere) shows its odd bytes as U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def file_sha256(path: Path) -> str:
    """The sha256 of a photo file's bytes (an :class:`InvalidInput` when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise InvalidInput(
            f"The photo {display_path(path)} cannot be read ({exc.strerror}).", "Check its permissions."
        ) from None


def photo_files(paths: Sequence[Path]) -> list[Path]:
    """Expand folders into their image files (sorted); files are kept as given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
            )
        else:
            out.append(path)
    return out


def thumbnail_jpeg(image_bgr: npt.NDArray[np.uint8], box: FaceBox) -> bytes:
    """A small square JPEG of the face for the roster (not used for recognition)."""
    h, w = image_bgr.shape[:2]
    pad = int(max(box.w, box.h) * 0.25)
    x0, y0 = max(0, box.x - pad), max(0, box.y - pad)
    x1, y1 = min(w, box.x + box.w + pad), min(h, box.y + box.h + pad)
    crop = image_bgr[y0:y1, x0:x1]
    if crop.size == 0:
        crop = image_bgr
    side = max(crop.shape[:2])
    square = np.zeros((side, side, 3), dtype=np.uint8)
    oy, ox = (side - crop.shape[0]) // 2, (side - crop.shape[1]) // 2
    square[oy : oy + crop.shape[0], ox : ox + crop.shape[1]] = crop
    small = cv2.resize(square, (THUMBNAIL_SIDE, THUMBNAIL_SIDE), interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return bytes(data) if ok else b""


def refuse_if_switched_off(settings: Settings) -> None:
    """``[privacy] face_recognition = false``: no face template is ever made or stored."""
    if not settings.privacy.face_recognition:
        raise KioskError(
            "Enrollment is refused: face recognition is switched off for this school "
            "([privacy] face_recognition = false), so no face template is stored.",
            "Give the student a check-in card (`kiosk cards print`) or a PIN (`kiosk cards pin`).",
        )


class EnrollmentService:
    """Enrollment on one database. Its reads and writes go through the :class:`RosterService`,
    so while PostgreSQL is unreachable an enrollment is refused there, with nothing stored."""

    def __init__(
        self,
        roster: RosterService,
        pipeline: FacePipeline,
        *,
        match_threshold: float,
        match_margin: float = 0.0,
    ) -> None:
        """``match_threshold`` and ``match_margin``: the recognition threshold and margin of
        ``pipeline``'s model; a new photo at least ``threshold - margin`` similar to another
        enrolled student counts as their face (:func:`kiosk.core.lookalikes.near_match`)."""
        self.roster = roster
        self.pipeline = pipeline
        self.match_threshold = match_threshold
        self.match_margin = match_margin

    def check_frame(self, image_bgr: npt.NDArray[np.uint8], source: str = "camera") -> PhotoVerdict:
        """Live quality feedback for guided webcam shots: is this frame usable right now?"""
        faces = self.pipeline.detect(image_bgr)
        if not faces:
            return PhotoVerdict(source, False, "No face found: look at the camera.")
        if len(faces) > 1:
            return PhotoVerdict(
                source, False, "More than one face: only the student should be in the picture."
            )
        face = faces[0]
        if face.rejection is not None:
            return PhotoVerdict(source, False, face.rejection.message, face.box)
        return PhotoVerdict(source, True, None, face.box)

    def _require_consent(self, student_id: str) -> StudentInfo:
        info = self.roster.student_for_enrollment(student_id)
        if not info.consent_given:
            raise ConsentRequired(
                f"{info.name} ({info.student_id}) has no recorded consent for face recognition; nothing was stored.",
                f"Record consent first (`kiosk student consent {info.student_id} --give --by NAME`); "
                "until then mark this student by hand.",
            )
        if not info.is_active:
            raise InvalidInput(
                f"{info.name} ({info.student_id}) is not an active student.", "Reactivate them first."
            )
        return info

    def _other_students_index(self, student: StudentInfo) -> FaceIndex:
        gallery = self.roster.gallery(self.pipeline.model_name, change="Enrolling a student")
        keep = np.array([sid != student.id for sid in gallery.student_ids], dtype=bool)
        others = tuple(sid for sid, k in zip(gallery.student_ids, keep, strict=True) if k)
        vectors = gallery.vectors[keep] if len(keep) else gallery.vectors.reshape(0, self.pipeline.dim)
        return FaceIndex.build(vectors, others, self.pipeline.model_name)

    def enroll(
        self,
        student_id: str,
        images: Sequence[tuple[str, object]],
        *,
        keep_photo: bool = False,
        encoding_source: str = "photo",
        lookalikes: LookalikePolicy = LookalikePolicy.REFUSE,
        lookalike_of: Collection[str] = (),
        actor: str | None = None,
    ) -> EnrollmentResult:
        """Enroll ``images`` (name, BGR image or a path) for one student; one transaction.

        A face matching another student refuses the whole enrollment
        (:class:`LookalikeRefused`, nothing stored) unless that student is a recorded
        look-alike, is named in ``lookalike_of`` (school ids an admin confirmed as look-alikes:
        the pairs are recorded with the encodings, by ``actor``), or ``lookalikes`` is WARN.
        The first accepted photo becomes the roster thumbnail unless ``keep_photo`` (when the
        image *is* the stored thumbnail, re-embedded for another model).
        """
        student = self._require_consent(student_id)
        others = self._other_students_index(student)
        recorded = {next(iter(p - {student.id})) for p in self.roster.lookalike_pairs() if student.id in p}
        confirmed = {sid.strip() for sid in lookalike_of if sid.strip()}
        if student.student_id in confirmed:
            raise InvalidInput(
                f"{student.name} ({student.student_id}) cannot be their own look-alike.",
                "Give the other student's id with --lookalike-of.",
            )
        for other_id in confirmed:  # an unknown id is one clear line, before any photo is read
            self.roster.get_student(other_id)
        accepted: list[tuple[PhotoVerdict, npt.NDArray[np.float32], npt.NDArray[np.uint8]]] = []
        hashes: list[str | None] = []
        rejected: list[PhotoVerdict] = []
        duplicates: list[DuplicateWarning] = []
        # Photo files already enrolled (by content, whatever their name): a re-import adds nothing.
        known = self.roster.photo_hashes([student.id], self.pipeline.model_name).get(student.id, set())
        for source, image in images:
            digest: str | None = None
            try:
                if isinstance(image, str | Path):
                    digest = file_sha256(Path(image))
                    if digest in known:
                        rejected.append(
                            PhotoVerdict(
                                source, False, ALREADY_ENROLLED_REASON, problem=PhotoProblem.ALREADY_ENROLLED
                            )
                        )
                        continue
                frame = load_image(image) if isinstance(image, str | Path) else image
                face, vector = self.pipeline.embed_single(frame)
            except KioskError as exc:
                rejected.append(PhotoVerdict(source, False, str(exc), problem=PhotoProblem.of(exc)))
                continue
            if digest is not None:
                known.add(digest)
            hashes.append(digest)
            accepted.append((PhotoVerdict(source, True, None, face.box), vector, frame))  # type: ignore[arg-type]
            duplicates.extend(self._lookalikes(source, vector, others, recorded))
        refused = [d for d in duplicates if not d.recorded]
        if refused and lookalikes is LookalikePolicy.REFUSE:
            unconfirmed = [d for d in refused if d.other.student_id not in confirmed]
            if unconfirmed:
                log.info(
                    "Enrollment of %s refused: %d photo(s) match other students",
                    student.student_id,
                    len(unconfirmed),
                )
                raise LookalikeRefused(student, unconfirmed, rejected)
        pair_with = (
            sorted({d.other.id for d in refused}, key=lambda u: u.int)
            if lookalikes is LookalikePolicy.REFUSE
            else []
        )
        new = [
            NewEncoding(vector, f"{encoding_source}:{Path(verdict.source).name}"[:200], source_sha256=digest)
            for (verdict, vector, _), digest in zip(accepted, hashes, strict=True)
        ]
        thumbnail = None
        if accepted and not keep_photo and accepted[0][0].box is not None:
            thumbnail = thumbnail_jpeg(accepted[0][2], accepted[0][0].box)
        updated = self.roster.store_encodings(
            student,
            self.pipeline.model_name,
            new,
            thumbnail=thumbnail,
            lookalikes_of=pair_with if new else [],
            actor=actor,
        )
        if pair_with and new:
            duplicates = [dataclasses.replace(d, recorded=True) for d in duplicates]
        log.info(
            "Enrolled %s: %d photo(s) accepted, %d rejected, %d possible duplicate(s), %d look-alike(s) recorded",
            student.student_id,
            len(accepted),
            len(rejected),
            len(duplicates),
            len(pair_with) if new else 0,
        )
        return EnrollmentResult(updated, tuple(v for v, _, _ in accepted), tuple(rejected), tuple(duplicates))

    def _lookalikes(
        self,
        source: str,
        vector: npt.NDArray[np.float32],
        others: FaceIndex,
        recorded: set[uuid.UUID],
    ) -> list[DuplicateWarning]:
        """The other students this face matches or comes within the margin of, best first."""
        if not others.size:
            return []
        found: list[DuplicateWarning] = []
        for other_uuid, similarity in others.search(vector, self.pipeline.model_name, k=5)[0]:
            if near_match(similarity, self.match_threshold, self.match_margin):
                other = self._student(other_uuid)
                found.append(DuplicateWarning(source, other, float(similarity), other_uuid in recorded))
        return found

    def enroll_paths(self, student_id: str, paths: Sequence[Path]) -> EnrollmentResult:
        files = photo_files(paths)
        if not files:
            raise InvalidInput(
                "No photos were given (the folders hold no image files).", "Give JPEG or PNG photos."
            )
        return self.enroll(student_id, [(display_path(p), p) for p in files])

    def _student(self, student_uuid: uuid.UUID) -> StudentInfo:
        return self.roster.student_by_uuid(student_uuid)
