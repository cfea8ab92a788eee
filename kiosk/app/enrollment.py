"""Enrollment: turn a student's photos into stored face encodings.

Refuses students without recorded consent before looking at a single photo. Each photo is
checked on its own (no face, several faces, too small, blurred, cut off: rejected with the
reason); accepted photos become one encoding each (several per student improve recall).
A new face that already matches *another* enrolled student is stored but reported as a
possible duplicate enrollment, so an admin can look.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.app.roster import NewEncoding, RosterService
from kiosk.core.domain import FaceBox, StudentInfo
from kiosk.core.errors import ConsentRequired, InvalidInput, KioskError
from kiosk.core.matching import decide
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


@dataclass(frozen=True, slots=True)
class DuplicateWarning:
    source: str
    other: StudentInfo
    similarity: float

    @property
    def message(self) -> str:
        return (
            f"{self.source}: this face looks like {self.other.name} ({self.other.student_id}), "
            f"similarity {self.similarity:.2f}. Check that it is the right student."
        )


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

    def __init__(self, roster: RosterService, pipeline: FacePipeline, *, match_threshold: float) -> None:
        """``match_threshold``: the similarity from which a new photo counts as another
        enrolled student's face (the recognition threshold of ``pipeline``'s model)."""
        self.roster = roster
        self.pipeline = pipeline
        self.match_threshold = match_threshold

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
    ) -> EnrollmentResult:
        """Enroll ``images`` (name, BGR image or a path) for one student; one transaction.

        The first accepted photo becomes the roster thumbnail unless ``keep_photo`` (when the
        image *is* the stored thumbnail, re-embedded for another model).
        """
        student = self._require_consent(student_id)
        others = self._other_students_index(student)
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
                                source,
                                False,
                                "this photo is already enrolled.",
                                problem=PhotoProblem.ALREADY_ENROLLED,
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
            if others.size:
                decision = decide(
                    others.search(vector, self.pipeline.model_name, k=3)[0], self.match_threshold, 0.0
                )
                if decision.student_uuid is not None:
                    duplicates.append(
                        DuplicateWarning(source, self._student(decision.student_uuid), decision.similarity)
                    )
        new = [
            NewEncoding(vector, f"{encoding_source}:{Path(verdict.source).name}"[:200], source_sha256=digest)
            for (verdict, vector, _), digest in zip(accepted, hashes, strict=True)
        ]
        thumbnail = None
        if accepted and not keep_photo and accepted[0][0].box is not None:
            thumbnail = thumbnail_jpeg(accepted[0][2], accepted[0][0].box)
        updated = self.roster.store_encodings(student, self.pipeline.model_name, new, thumbnail=thumbnail)
        log.info(
            "Enrolled %s: %d photo(s) accepted, %d rejected, %d possible duplicate(s)",
            student.student_id,
            len(accepted),
            len(rejected),
            len(duplicates),
        )
        return EnrollmentResult(updated, tuple(v for v, _, _ in accepted), tuple(rejected), tuple(duplicates))

    def enroll_paths(self, student_id: str, paths: Sequence[Path]) -> EnrollmentResult:
        files = photo_files(paths)
        if not files:
            raise InvalidInput(
                "No photos were given (the folders hold no image files).", "Give JPEG or PNG photos."
            )
        return self.enroll(student_id, [(display_path(p), p) for p in files])

    def _student(self, student_uuid: uuid.UUID) -> StudentInfo:
        return self.roster.student_by_uuid(student_uuid)
