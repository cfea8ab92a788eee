"""``kiosk faces reembed``: enroll every student again under the active model, from stored photos.

Face vectors of different models (or of the same model fed differently: ``Dlib`` from
deepface's crop, ``Dlib-chip`` from dlib's aligned chip) are never compared, so after a model
change a student is recognised only once they have an encoding of the active model. Each
active student with recorded consent who has none is enrolled again from the photo the kiosk
stored at enrollment (the roster thumbnail), through
:class:`~kiosk.app.enrollment.EnrollmentService` (the same consent check, quality gates and
duplicate warnings as any enrollment). Students with no stored photo, or whose photo the
gates refuse, are listed as needing new photos. Students without consent are never looked
at, their photo is not even read. Running it again enrolls nobody twice.

Old encodings are kept: switching back to the old model still works, and they are never
compared with the new ones. (For migrated students, the old app's photos are re-embedded by
``kiosk migrate --reembed``; see :mod:`kiosk.app.migration_reembed`.)
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import NamedTuple

from kiosk.app.enrollment import EnrollmentService, LookalikePolicy
from kiosk.app.roster import RosterService
from kiosk.core.domain import StudentInfo
from kiosk.core.errors import ConsentRequired, InvalidInput, NotFound
from kiosk.infra.recognition.images import decode_image
from kiosk.infra.recognition.pipeline import FacePipeline

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
STORED_PHOTO = "stored photo"
_LIST_LIMIT = 30


class Note(NamedTuple):
    student_id: str
    name: str
    reason: str


@dataclass(frozen=True)
class FacesReembedReport:
    model: str
    enrolled: tuple[Note, ...] = ()  # re-embedded from the stored photo
    already: tuple[Note, ...] = ()  # had an encoding of the active model
    needs_photos: tuple[Note, ...] = ()  # no stored photo, or the gates refused it
    no_consent: tuple[Note, ...] = ()  # never embedded: consent first
    inactive: tuple[Note, ...] = ()
    duplicates: tuple[str, ...] = ()
    dry_run: bool = False
    cancelled: bool = False
    seconds: float = 0.0

    def to_json(self) -> str:
        data = asdict(self)
        for name in ("enrolled", "already", "needs_photos", "no_consent", "inactive"):
            data[name] = [n._asdict() for n in getattr(self, name)]
        return json.dumps(data, indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        verb = "would be re-embedded" if self.dry_run else "re-embedded"
        lines = [
            f"Active model {self.model}: {len(self.enrolled)} student(s) {verb} from their stored photo, "
            f"{len(self.already)} already enrolled, {len(self.needs_photos)} need new photos, "
            f"{len(self.no_consent)} without consent (never embedded), {len(self.inactive)} inactive."
        ]
        _section(lines, "Re-embedded" if not self.dry_run else "To re-embed", self.enrolled)
        _section(
            lines,
            f"Need new photos for {self.model} (`kiosk enroll --student-id ID PHOTO...`)",
            self.needs_photos,
        )
        _section(lines, "Without consent (record it first, then enroll)", self.no_consent)
        if self.duplicates:
            lines.append(f"Possible duplicate enrollments ({len(self.duplicates)}):")
            lines.extend(f"  {d}" for d in self.duplicates[:_LIST_LIMIT])
        if self.enrolled and not self.dry_run:
            lines.append(
                "The stored photo is the small roster thumbnail: for the best recognition, "
                "enroll fresh photos of these students when you can."
            )
        if self.cancelled:
            lines.append("Cancelled: what was re-embedded is kept; run it again to finish.")
        return "\n".join(lines)


def _section(lines: list[str], title: str, notes: tuple[Note, ...]) -> None:
    if not notes:
        return
    lines.append(f"{title} ({len(notes)}):")
    lines.extend(f"  {n.student_id} {n.name}: {n.reason}" for n in notes[:_LIST_LIMIT])
    if len(notes) > _LIST_LIMIT:
        lines.append(f"  ... and {len(notes) - _LIST_LIMIT} more (see --json)")


def _note(info: StudentInfo, reason: str) -> Note:
    return Note(info.student_id, info.name, reason)


def reembed_stored_photos(
    roster: RosterService,
    pipeline: FacePipeline,
    *,
    match_threshold: float,
    class_code: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> FacesReembedReport:
    """Enroll, under ``pipeline``'s model, every consenting active student who has no encoding of it.

    ``match_threshold``: the recognition threshold of that model (for the duplicate warnings).
    """
    started = time.monotonic()
    model = pipeline.model_name
    everyone = roster.list_students(class_code=class_code)
    have_model = roster.students_with_model(model)
    enrolled: list[Note] = []
    already: list[Note] = []
    needs: list[Note] = []
    no_consent: list[Note] = []
    inactive: list[Note] = []
    todo: list[StudentInfo] = []
    for info in everyone:
        if not info.consent_given:
            no_consent.append(_note(info, "no consent recorded"))
        elif not info.is_active:
            inactive.append(_note(info, "not an active student"))
        elif info.id in have_model:
            already.append(_note(info, f"has a {model} encoding"))
        else:
            todo.append(info)
    # photos are read only for students with consent, and only now
    stored = roster.photos([info.id for info in todo])
    service = EnrollmentService(roster, pipeline, match_threshold=match_threshold)
    duplicates: list[str] = []
    cancelled = False
    for done, info in enumerate(todo):
        if cancel is not None and cancel.is_set():
            cancelled = True
            break
        if progress is not None:
            progress(done, len(todo))
        photo = stored.get(info.id)
        if photo is None:
            needs.append(_note(info, "no stored photo"))
            continue
        try:
            image = decode_image(photo, what=f"The stored photo of {info.student_id}")
            if dry_run:  # the same gates, nothing stored
                pipeline.embed_single(image, jitters=0)
                enrolled.append(_note(info, "the stored photo passes the checks"))
                continue
            result = service.enroll(
                info.student_id,
                [(STORED_PHOTO, image)],
                keep_photo=True,
                encoding_source="reembed",
                lookalikes=LookalikePolicy.WARN,  # faces enrolled before: report, never refuse
            )
        except ConsentRequired:  # withdrawn meanwhile
            no_consent.append(_note(info, "no consent recorded"))
            continue
        except NotFound:
            continue  # deleted meanwhile: nothing to report
        except InvalidInput as exc:
            needs.append(_note(info, f"the stored photo cannot be used: {exc.message}"))
            continue
        if result.accepted:
            enrolled.append(_note(info, "from the stored photo"))
        for verdict in result.rejected:
            needs.append(_note(info, f"the stored photo was rejected: {verdict.reason}"))
        duplicates.extend(d.message for d in result.duplicates)
    if progress is not None and not cancelled:
        progress(len(todo), len(todo))
    report = FacesReembedReport(
        model=model,
        enrolled=tuple(enrolled),
        already=tuple(already),
        needs_photos=tuple(needs),
        no_consent=tuple(no_consent),
        inactive=tuple(inactive),
        duplicates=tuple(duplicates),
        dry_run=dry_run,
        cancelled=cancelled,
        seconds=time.monotonic() - started,
    )
    log.info(
        "Re-embedding for %s: %d enrolled, %d need photos, %d without consent",
        model,
        len(enrolled),
        len(needs),
        len(no_consent),
    )
    return report
