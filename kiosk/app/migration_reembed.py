"""Re-embedding migrated legacy students from the old app's photos, under the active model.

The old app stored Facenet512 vectors; a kiosk running another model cannot match them.
Each student a legacy migration moved who has recorded consent and no encoding of the
active model gets their old photo (``photo_path``, read from a fresh snapshot of the legacy
file) enrolled through :class:`~kiosk.app.enrollment.EnrollmentService`, with the same
consent check and quality gates as any enrollment. Students without consent are never
looked at; missing or unusable photos are listed as needing enrollment. Running it again
enrolls nobody twice: students with an encoding of the active model are left alone.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from kiosk.app.bootstrap import prepare_environment
from kiosk.app.enrollment import EnrollmentService, LookalikePolicy
from kiosk.app.migration import active_model, target_database
from kiosk.app.migration_report import MigrationReport, text_section
from kiosk.app.roster import RosterService
from kiosk.core.errors import ConsentRequired, InvalidInput, NotFound
from kiosk.core.printable import printable
from kiosk.infra.config import Settings
from kiosk.infra.db import schema
from kiosk.infra.db.engine import parse_database_url, safe_url
from kiosk.infra.migration import mapping
from kiosk.infra.migration.legacy.photos import LegacyPhotos, read_photos
from kiosk.infra.migration.legacy.values import LEGACY_MODEL
from kiosk.infra.migration.students import migrated_students
from kiosk.infra.migration.types import Progress, SourceKind, StudentNote

if TYPE_CHECKING:
    from kiosk.infra.recognition.pipeline import FacePipeline

log = logging.getLogger(__name__)

NO_CONSENT = "no consent recorded"


@dataclass(frozen=True)
class ReembedReport:
    """Per migrated student: enrolled now, enrolled before, needing enrollment, or skipped."""

    source: str
    target: str  # shown without its password
    active_model: str
    enrolled: tuple[StudentNote, ...] = ()  # reason: the photo that was enrolled
    already_enrolled: tuple[StudentNote, ...] = ()
    needs_enrollment: tuple[StudentNote, ...] = ()  # reason: why the photo could not be used
    skipped: tuple[StudentNote, ...] = ()  # no consent recorded, not active, deleted since
    duplicates: tuple[str, ...] = ()  # possible duplicate enrollments, for an admin to check
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def needs_consent(self) -> tuple[StudentNote, ...]:
        return tuple(n for n in self.skipped if n.reason == NO_CONSENT)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("enrolled", "already_enrolled", "needs_enrollment", "skipped"):
            data[name] = [n._asdict() for n in getattr(self, name)]
        return data

    def to_text(self) -> str:
        lines = [
            f"Re-embedding from the old app's photos for the active model ({self.active_model}): "
            f"{len(self.enrolled)} enrolled now, {len(self.already_enrolled)} enrolled before, "
            f"{len(self.needs_enrollment)} need enrollment, {len(self.skipped)} skipped."
        ]
        text_section(lines, "Enrolled from the old app's photos", _listed(self.enrolled))
        text_section(
            lines,
            f"Students still needing enrollment for {self.active_model}",
            _listed(self.needs_enrollment),
        )
        text_section(lines, "Skipped", _listed(self.skipped))
        text_section(lines, "Possible duplicate enrollments", list(self.duplicates))
        if self.cancelled:
            lines.append("Cancelled: what was enrolled is kept; run it again to finish.")
        return "\n".join(lines)


def needs_reembedding(report: MigrationReport) -> bool:
    """A finished legacy migration whose encodings the active model cannot use."""
    return (
        report.source_kind is SourceKind.LEGACY
        and not report.dry_run
        and report.ok
        and report.active_model != LEGACY_MODEL
    )


def why_not_reembedded(report: MigrationReport) -> str:
    """Why :func:`needs_reembedding` says no, in words for the person who asked for it."""
    if report.cancelled or not report.ok:
        return "the migration did not finish verified; run it again first"
    if report.active_model == LEGACY_MODEL:
        return f"the active model is {LEGACY_MODEL}, so the old app's encodings are used as they are"
    return "the source is a kiosk database, whose encodings moved with it"


def _listed(notes: tuple[StudentNote, ...]) -> list[str]:
    return [f"{printable(n.student_id)} {printable(n.name)}: {n.reason}" for n in notes]


def reembed_from_photos(
    source: Path,
    target_url: str,
    *,
    settings: Settings,
    pipeline: FacePipeline | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ReembedReport:
    """Enroll the old app's photos of the students migrated from ``source`` into ``target_url``.

    ``pipeline`` defaults to one built from ``settings`` (only when a photo is to be
    enrolled). ``progress(stage, done, total)`` is called from this thread; ``cancel`` is
    checked between students (what was enrolled stays). Bad input raises a
    :class:`KioskError` with one clear line.
    """
    started = time.monotonic()
    source = Path(source).expanduser()
    notify = progress or (lambda _s, _d, _t: None)
    photos = read_photos(source)
    with target_database(parse_database_url(target_url), settings, "Re-embedding") as engine:
        schema.check_not_newer(engine)
        model = pipeline.model_name if pipeline is not None else active_model(settings)
        job = _Job(source, safe_url(engine.url), model, photos)
        _plan(job, engine)
        _enroll(job, engine, settings, pipeline, notify, cancel)
    report = job.report(time.monotonic() - started)
    log.info(
        "Re-embedded %d migrated student(s) for %s; %d need enrollment, %d skipped",
        len(report.enrolled),
        model,
        len(report.needs_enrollment),
        len(report.skipped),
    )
    return report


# --- deciding and enrolling ---------------------------------------------------------------


@dataclass
class _Todo:
    student_id: str
    name: str
    raw_path: str
    path: Path


class _Job:
    def __init__(self, source: Path, target: str, model: str, photos: LegacyPhotos) -> None:
        self.source = source
        self.target = target
        self.model = model
        self.photos = photos
        self.todo: list[_Todo] = []
        self.enrolled: list[StudentNote] = []
        self.already: list[StudentNote] = []
        self.needs: list[StudentNote] = []
        self.skipped: list[StudentNote] = []
        self.duplicates: list[str] = []
        self.cancelled = False

    def report(self, seconds: float) -> ReembedReport:
        def ordered(notes: list[StudentNote]) -> tuple[StudentNote, ...]:
            return tuple(sorted(notes, key=lambda n: n.student_id))

        return ReembedReport(
            source=str(self.source),
            target=self.target,
            active_model=self.model,
            enrolled=ordered(self.enrolled),
            already_enrolled=ordered(self.already),
            needs_enrollment=ordered(self.needs),
            skipped=ordered(self.skipped),
            duplicates=tuple(self.duplicates),
            cancelled=self.cancelled,
            seconds=seconds,
        )


def _plan(job: _Job, engine: Engine) -> None:
    """Sort the migrated students into skipped / enrolled before / no usable photo / to do."""
    with engine.connect() as conn:
        students = migrated_students(conn, mapping.source_key(job.source), job.model)
    if not students:
        raise InvalidInput(
            f"No students of {job.source} have been migrated into {job.target} yet.",
            "Run `kiosk migrate --from FILE --to URL` first.",
        )
    for row in students:
        if not row.found:
            job.skipped.append(
                StudentNote(f"#{row.legacy_id}", "", "deleted from the kiosk since the migration")
            )
            continue
        note = _note(row.student_id, row.name)
        if not row.consent_given:
            job.skipped.append(note(NO_CONSENT))
        elif not row.is_active:
            job.skipped.append(note("not an active student"))
        elif row.enrolled:
            job.already.append(note(f"already has a {job.model} encoding"))
        else:
            _photo_or_reason(job, row.student_id, row.name, row.legacy_id)


def _note(student_id: str, name: str) -> Callable[[str], StudentNote]:
    return lambda reason: StudentNote(student_id, name, reason)


def _photo_or_reason(job: _Job, student_id: str, name: str, legacy_id: str) -> None:
    note = _note(student_id, name)
    photo = job.photos.by_legacy_id.get(legacy_id)
    if photo is None:
        job.needs.append(note("needs enrollment: no longer in the old app's file"))
    elif photo.problem is not None:
        job.needs.append(note(f"needs enrollment: {photo.problem}"))
    elif photo.raw_path is None or photo.path is None:
        job.needs.append(note("needs enrollment: the old app had no photo"))
    elif photo.path.is_file():
        job.todo.append(_Todo(student_id, name, photo.raw_path, photo.path))
    else:
        job.needs.append(note(f"needs enrollment: photo {photo.raw_path} not found"))


def _enroll(
    job: _Job,
    engine: Engine,
    settings: Settings,
    pipeline: FacePipeline | None,
    notify: Progress,
    cancel: threading.Event | None,
) -> None:
    todo = sorted(job.todo, key=lambda t: t.student_id)
    if not todo or not settings.privacy.face_recognition:
        return  # switched off: nothing is embedded; those students check in by card, PIN or hand
    if pipeline is None:
        prepare_environment(settings)
        from kiosk.infra.recognition.pipeline import FacePipeline  # loads the model: only when needed

        pipeline = FacePipeline(settings)
    threshold = settings.recognition.threshold_for(pipeline.model_name)
    service = EnrollmentService(RosterService(engine), pipeline, match_threshold=threshold)
    for done, item in enumerate(todo):
        if cancel is not None and cancel.is_set():
            job.cancelled = True
            log.info("Re-embedding cancelled after %d of %d student(s)", done, len(todo))
            break
        notify("re-embed", done, len(todo))
        note = _note(item.student_id, item.name)
        try:
            # Faces the old system held already: report look-alikes, never refuse them.
            result = service.enroll(
                item.student_id, [(item.raw_path, item.path)], lookalikes=LookalikePolicy.WARN
            )
        except ConsentRequired:  # withdrawn since the plan was made
            job.skipped.append(note(NO_CONSENT))
            continue
        except NotFound:
            job.skipped.append(note("deleted from the kiosk since the migration"))
            continue
        except InvalidInput as exc:  # e.g. deactivated meanwhile; an unreachable server stops all
            job.needs.append(note(f"needs enrollment: {exc.message}"))
            continue
        if result.accepted:
            job.enrolled.append(note(f"enrolled from {item.raw_path}"))
        for verdict in result.rejected:
            job.needs.append(note(f"needs enrollment: photo {item.raw_path} rejected: {verdict.reason}"))
        job.duplicates.extend(d.message for d in result.duplicates)
    else:
        notify("re-embed", len(todo), len(todo))
