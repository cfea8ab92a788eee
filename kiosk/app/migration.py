"""Moving a SQLite database (the kiosk's own, or the legacy app's) into PostgreSQL.

The public API the setup wizard and ``kiosk migrate`` call:

- :func:`run_migration`: snapshot the source (never modified), detect its layout, decide
  per row (move, already present, kept aside with a reason), move in batched transactions
  that carry their migration-map rows (kill-safe, resumable, idempotent), then verify
  counts and content checksums by reading the target back.
- :func:`preview`: the same reading and validation without any target: counts and problems
  for the wizard's dry-run page.
- :func:`apply_legacy_consent` (or ``run_migration(..., consent_on_file=...)``): record the
  consent an admin attests was collected under the old app, for the migrated legacy students.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kiosk.app.migration_report import MigrationPreview, MigrationReport, TableReport
from kiosk.core.errors import InvalidInput, KioskError
from kiosk.infra.config import Settings
from kiosk.infra.db import schema
from kiosk.infra.db.connect import check_connection, explain
from kiosk.infra.db.engine import (
    build_engine_for_url,
    parse_database_url,
    safe_url,
    session_factory,
    unit_of_work,
)
from kiosk.infra.db.models import FaceEncoding, Student
from kiosk.infra.db.repo import students as students_repo
from kiosk.infra.legacy import mapping, own, writer
from kiosk.infra.legacy.detect import SourceLayout, detect
from kiosk.infra.legacy.reader import LEGACY_ORDER, read_plan
from kiosk.infra.legacy.snapshot import snapshot
from kiosk.infra.legacy.types import Problem, SourceKind, StudentNote
from kiosk.infra.legacy.values import LEGACY_MODEL
from kiosk.infra.recognition.profiles import get_profile

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
_STRICT_SHOWN = 5
_CONSENT_BY_MAX = 200  # students.consent_by
CONSENT_ACTOR = "kiosk migrate"


class MigrationProblems(InvalidInput):
    """Strict mode found rows that cannot be moved; nothing was written."""

    exit_code = 1


def _no_progress(_stage: str, _done: int, _total: int) -> None:
    return None


def run_migration(
    source: Path,
    target_url: str,
    *,
    settings: Settings,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    consent_on_file: str | None = None,
) -> MigrationReport:
    """Move ``source`` into ``target_url``; idempotent, resumable, verified.

    ``progress(stage, done, total)`` is called from this thread (the wizard runs this in a
    worker). ``cancel`` is checked between batches: a cancelled run returns a report with
    ``cancelled=True``; everything committed so far is consistent and a re-run continues.
    ``dry_run`` reads the target (what is already there) but writes nothing. ``strict``
    refuses to write anything when any row would be kept aside (raises
    :class:`MigrationProblems`). Bad input raises a :class:`KioskError` with one clear line.
    ``consent_on_file`` (legacy sources only): who holds the consent collected under the old
    app; after a verified, non-dry-run move it is recorded for the migrated students (see
    :func:`apply_legacy_consent`).
    """
    attestation = check_consent_text(consent_on_file) if consent_on_file is not None else None
    started = time.monotonic()
    notify = progress or _no_progress
    is_cancelled = cancel.is_set if cancel is not None else (lambda: False)
    source = Path(source).expanduser()
    url = parse_database_url(target_url)
    if (
        url.get_backend_name() == "sqlite"
        and url.database
        and Path(url.database).resolve() == source.resolve()
    ):
        raise InvalidInput("The source and the target are the same file.", "Give a PostgreSQL URL with --to.")
    notify("snapshot", 0, 1)
    with snapshot(source) as snap:
        notify("snapshot", 1, 1)
        job = _read(source, snap, notify)
    if attestation is not None and job.layout.kind is not SourceKind.LEGACY:
        raise InvalidInput(
            "--consent-on-file is for the old attendance app's file only; "
            f"{source} is a kiosk database, whose consent records move with it.",
            "Run again without --consent-on-file.",
        )
    engine = build_engine_for_url(url, settings.database)
    try:
        check_connection(engine)
        try:
            report = _migrate(job, engine, settings, dry_run, strict, notify, is_cancelled, started)
            if job.layout.kind is SourceKind.LEGACY:
                report = _consent(report, engine, attestation)
            return report
        except DBAPIError as exc:
            log.warning("Migration stopped by a database error", exc_info=True)
            raise explain(exc, engine.url) from None
    finally:
        engine.dispose()


def preview(source: Path, settings: Settings) -> MigrationPreview:
    """Counts and problems read from the source alone; writes nothing anywhere."""
    started = time.monotonic()
    source = Path(source).expanduser()
    with snapshot(source) as snap:
        job = _read(source, snap, _no_progress)
    if job.layout.kind is SourceKind.LEGACY:
        decisions = writer.decide(None, job.plan, job.key)
        report = _legacy_report(job, decisions, None, settings, "(no target: preview)", True, False, started)
    else:
        own.decide(None, job.own)
        report = _own_report(job, None, settings, "(no target: preview)", True, False, started)
    return MigrationPreview(report)


class _Job:
    def __init__(self, source: Path, layout: SourceLayout, key: str) -> None:
        self.source = source
        self.layout = layout
        self.key = key
        self.plan: Any = None
        self.own: dict[str, own.OwnDecision] = {}


def _read(source: Path, snap: Path, notify: Progress) -> _Job:
    notify("reading", 0, 1)
    conn = sqlite3.connect(snap)
    try:
        layout = detect(conn, source)
        job = _Job(source, layout, mapping.source_key(source))
        if layout.kind is SourceKind.LEGACY:
            job.plan = read_plan(conn, layout, source.resolve().parent)
        else:
            _check_revision(layout, source)
            eng = create_engine(f"sqlite:///{snap}")
            try:
                with eng.connect() as sconn:
                    job.own = own.read_source(sconn, layout.tables)
            finally:
                eng.dispose()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(
            f"The file {source} cannot be read ({exc}).", "It may be damaged; try a backup copy."
        ) from None
    finally:
        conn.close()
    notify("reading", 1, 1)
    return job


def _check_revision(layout: SourceLayout, source: Path) -> None:
    from alembic.script import ScriptDirectory

    known = {r.revision for r in ScriptDirectory.from_config(schema.alembic_config()).walk_revisions()}
    if layout.revision not in known:
        raise InvalidInput(
            f"The kiosk database {source} was made by a newer kiosk (schema {layout.revision}).",
            "Update the kiosk software on this computer first.",
        )


def _migrate(
    job: _Job,
    engine: Engine,
    settings: Settings,
    dry_run: bool,
    strict: bool,
    notify: Progress,
    is_cancelled: Callable[[], bool],
    started: float,
) -> MigrationReport:
    target = safe_url(engine.url)
    if dry_run:
        schema.check_not_newer(engine)
    else:
        schema.upgrade(engine)
    legacy = job.layout.kind is SourceKind.LEGACY
    with engine.connect() as conn:
        if legacy:
            decisions = writer.decide(conn, job.plan, job.key)
            problems = [p for d in decisions.values() for p in d.problems]
        else:
            own.decide(conn, job.own)
            problems = [p for d in job.own.values() for p in d.problems]
    if strict and problems:
        shown = "; ".join(f"{p.table} #{p.legacy_id}: {p.reason}" for p in problems[:_STRICT_SHOWN])
        raise MigrationProblems(
            f"Strict mode: {len(problems)} row(s) cannot be moved ({shown}); nothing was written.",
            "Fix them in the source file, or run without --strict to move the rest and list them.",
        )
    if dry_run:
        if legacy:
            return _legacy_report(job, decisions, None, settings, target, True, False, started)
        return _own_report(job, None, settings, target, True, False, started)
    if legacy:
        finished = writer.write(engine, decisions, job.key, notify, is_cancelled)
        verified = writer.verify(engine, decisions, job.key, notify) if finished else None
        report = _legacy_report(job, decisions, verified, settings, target, False, not finished, started)
    else:
        finished = own.write(engine, job.own, notify, is_cancelled)
        own_verified = own.verify(engine, job.own, notify) if finished else None
        report = _own_report(job, own_verified, settings, target, False, not finished, started)
    notify("done", 1, 1)
    log.info(
        "Migration of %s: moved %d rows, ok=%s, cancelled=%s, %.1f s",
        job.source,
        report.moved,
        report.ok,
        report.cancelled,
        report.seconds,
    )
    return report


def check_consent_text(consent_on_file: str) -> str:
    """The attestation as stored in ``consent_by``: one line, not empty, not too long."""
    text = " ".join(consent_on_file.split())
    if not text:
        raise InvalidInput(
            "--consent-on-file needs a text saying who holds the consent forms.",
            'For example --consent-on-file "Signed forms held by the school office, 2024".',
        )
    if len(text) > _CONSENT_BY_MAX:
        raise InvalidInput(
            f"The --consent-on-file text is {len(text)} characters long; at most {_CONSENT_BY_MAX} fit.",
            "Say briefly who holds the forms and since when.",
        )
    return text


def apply_legacy_consent(
    report: MigrationReport, target_url: str, settings: Settings, consent_on_file: str
) -> MigrationReport:
    """Record attested consent for the students a legacy migration moved; one transaction.

    Only students with no consent decision at all are touched: a student whose consent was
    recorded, or withdrawn, in the kiosk since the move keeps that decision (a withdrawal is
    never overridden by re-running the migration). Each change writes an audit entry. A
    dry-run, cancelled or unverified report records nothing and says so in its notes.
    """
    attestation = check_consent_text(consent_on_file)
    url = parse_database_url(target_url)
    engine = build_engine_for_url(url, settings.database)
    try:
        check_connection(engine)
        try:
            return _consent(report, engine, attestation)
        except DBAPIError as exc:
            log.warning("Recording consent stopped by a database error", exc_info=True)
            raise explain(exc, engine.url) from None
    finally:
        engine.dispose()


def _consent(report: MigrationReport, engine: Engine, attestation: str | None) -> MigrationReport:
    """Record ``attestation`` (when given), then say who still needs what, as the target has it."""
    if report.source_kind is not SourceKind.LEGACY:
        raise InvalidInput("Consent on file applies to the old attendance app's students only.")
    if report.dry_run:
        if attestation is None:
            return report
        note = (
            f"Consent on file ({attestation}) would be recorded for {len(report.needs_consent)} student(s)."
        )
        return dataclasses.replace(report, notes=(*report.notes, note))
    if not report.ok:
        if attestation is None:
            return report
        note = "Consent on file was not recorded: the migration did not finish verified; run it again."
        return dataclasses.replace(report, notes=(*report.notes, note))
    with unit_of_work(session_factory(engine)) as s:
        rows = _migrated_students(s, report)
        undecided = [] if attestation is None else sorted(r.student_id for r in rows if r.undecided)
        for student_id in undecided:
            students_repo.set_consent(s, student_id, given=True, by=attestation, actor=CONSENT_ACTOR)
        if undecided:
            rows = _migrated_students(s, report)
    # The report's lists come from the target, so a re-run shows consent and enrollment
    # recorded since the first move (in the kiosk, or by --consent-on-file and --reembed).
    consent = tuple(
        StudentNote(
            r.student_id,
            r.name,
            "no consent recorded in the old app" if r.undecided else "consent withdrawn in the kiosk",
        )
        for r in rows
        if not r.consent_given
    )
    enrolled = {r.student_id for r in rows if r.enrolled}
    enrollment = tuple(n for n in report.needs_enrollment if n.student_id not in enrolled)
    notes = report.notes
    if attestation is not None:
        log.info("Recorded consent on file for %d migrated student(s)", len(undecided))
        note = f"Consent on file ({attestation}) recorded for {len(undecided)} student(s)"
        earlier = len(rows) - len(undecided)
        note += f"; {earlier} already had a consent decision, kept as it was." if earlier else "."
        notes = (*notes, note)
    return dataclasses.replace(report, needs_consent=consent, needs_enrollment=enrollment, notes=notes)


@dataclasses.dataclass(frozen=True)
class _Migrated:
    student_id: str
    name: str
    consent_given: bool
    undecided: bool  # no consent decision recorded either way
    enrolled: bool  # has an encoding of the active model


def _migrated_students(s: Session, report: MigrationReport) -> list[_Migrated]:
    moved = mapping.load(s.connection(), report.source_key).get("students", {})
    uuids = [uuid.UUID(new) for new in moved.values()]
    out: list[_Migrated] = []
    for chunk in writer.chunks(uuids, 5000):
        encoded = set(
            s.scalars(
                select(FaceEncoding.student_id)
                .where(FaceEncoding.student_id.in_(chunk), FaceEncoding.model_name == report.active_model)
                .distinct()
            )
        )
        query = select(
            Student.id, Student.student_id, Student.name, Student.consent_given, Student.consent_at
        )
        out.extend(
            _Migrated(r.student_id, r.name, r.consent_given, r.consent_at is None, r.id in encoded)
            for r in s.execute(query.where(Student.id.in_(chunk)))
        )
    return sorted(out, key=lambda m: m.student_id)


def _active_model(settings: Settings) -> str:
    try:
        return get_profile(settings.recognition.profile).model_name
    except KioskError:
        return settings.recognition.profile


def _legacy_report(
    job: _Job,
    decisions: dict[str, writer.Decision],
    verified: dict[str, writer.Verified] | None,
    settings: Settings,
    target: str,
    dry_run: bool,
    cancelled: bool,
    started: float,
) -> MigrationReport:
    tables = []
    for name in LEGACY_ORDER:
        d = decisions[name]
        v = verified.get(name) if verified else None
        moved = len(d.to_move) if dry_run else d.moved
        tables.append(
            TableReport(
                table=name,
                source_rows=d.source_rows,
                moved=moved,
                already_present=len(d.present) + len(d.adopt),
                skipped=d.skipped,
                target_rows=v.target_rows if v else None,
                source_checksum=v.source_checksum if v else None,
                target_checksum=v.target_checksum if v else None,
            )
        )
    model = _active_model(settings)
    students = [*decisions["students"].present, *decisions["students"].to_move]
    students.sort(key=lambda r: r.values["student_id"])
    encoded = {
        r.legacy_id for r in (*decisions["face_encodings"].present, *decisions["face_encodings"].to_move)
    }
    consent = tuple(
        StudentNote(r.values["student_id"], r.values["name"], "no consent recorded in the old app")
        for r in students
    )
    enrollment: list[StudentNote] = []
    for r in students:
        if model == LEGACY_MODEL and r.legacy_id in encoded:
            continue
        why = "can be re-embedded from photo" if r.values["photo_exists"] else "needs enrollment"
        enrollment.append(StudentNote(r.values["student_id"], r.values["name"], why))
    problems = tuple(p for name in LEGACY_ORDER for p in decisions[name].problems)
    notes = ["Times without a time zone in the old file were read as this computer's local time."]
    if model != LEGACY_MODEL:
        notes.append(
            f"The old app's {LEGACY_MODEL} encodings were kept but the active model is {model}: "
            "they are not used until the students are enrolled again."
        )
    return MigrationReport(
        source=str(job.source),
        target=target,
        source_kind=SourceKind.LEGACY,
        source_key=job.key,
        active_model=model,
        tables=tuple(tables),
        problems=problems,
        warnings=tuple(job.plan.warnings),
        unknown_tables=job.layout.unknown_tables,
        unknown_columns=job.layout.unknown_columns,
        needs_consent=consent,
        needs_enrollment=tuple(enrollment),
        dry_run=dry_run,
        cancelled=cancelled,
        verified=verified is not None,
        seconds=time.monotonic() - started,
        notes=tuple(notes),
    )


def _own_report(
    job: _Job,
    verified: dict[str, own.OwnVerified] | None,
    settings: Settings,
    target: str,
    dry_run: bool,
    cancelled: bool,
    started: float,
) -> MigrationReport:
    tables = []
    for name in own.OWN_ORDER:
        d = job.own[name]
        v = verified.get(name) if verified else None
        tables.append(
            TableReport(
                table=name,
                source_rows=d.source_rows,
                moved=len(d.to_move) if dry_run else d.moved,
                already_present=len(d.present),
                skipped=d.skipped,
                target_rows=v.target_rows if v else None,
                source_checksum=v.source_checksum if v else None,
                target_checksum=v.target_checksum if v else None,
            )
        )
    model = _active_model(settings)
    students = sorted(
        [*job.own["students"].present, *job.own["students"].to_move], key=lambda r: str(r["student_id"])
    )
    encoded = {
        r["student_id"]
        for r in (*job.own["face_encodings"].present, *job.own["face_encodings"].to_move)
        if r.get("model_name") == model
    }
    consent = tuple(
        StudentNote(r["student_id"], r["name"], "no consent recorded")
        for r in students
        if not r.get("consent_given")
    )
    enrollment = tuple(
        StudentNote(r["student_id"], r["name"], "needs enrollment")
        for r in students
        if r.get("consent_given") and r["id"] not in encoded
    )
    problems: tuple[Problem, ...] = tuple(p for name in own.OWN_ORDER for p in job.own[name].problems)
    return MigrationReport(
        source=str(job.source),
        target=target,
        source_kind=SourceKind.KIOSK,
        source_key=job.key,
        active_model=model,
        tables=tuple(tables),
        problems=problems,
        unknown_tables=job.layout.unknown_tables,
        needs_consent=consent,
        needs_enrollment=enrollment,
        dry_run=dry_run,
        cancelled=cancelled,
        verified=verified is not None,
        seconds=time.monotonic() - started,
    )


__all__ = [
    "MigrationPreview",
    "MigrationProblems",
    "MigrationReport",
    "Problem",
    "SourceKind",
    "StudentNote",
    "TableReport",
    "apply_legacy_consent",
    "check_consent_text",
    "preview",
    "run_migration",
]
