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
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from kiosk.app.errors import as_kiosk_error
from kiosk.app.migration_report import MigrationPreview, MigrationReport, TableReport
from kiosk.core.errors import InvalidInput, KioskError
from kiosk.infra.config import Settings
from kiosk.infra.db import schema
from kiosk.infra.db.connect import check_connection
from kiosk.infra.db.engine import (
    build_engine_for_url,
    parse_database_url,
    safe_url,
    session_factory,
    unit_of_work,
)
from kiosk.infra.db.repo import students as students_repo
from kiosk.infra.migration.detect import data_rows
from kiosk.infra.migration.legacy.values import LEGACY_MODEL
from kiosk.infra.migration.snapshot import check_source_file, snapshot
from kiosk.infra.migration.source import MigrationSource, open_source
from kiosk.infra.migration.students import MigratedStudent, migrated_students
from kiosk.infra.migration.types import Problem, Progress, SourceKind, StudentNote, Verified
from kiosk.infra.offline.keys import VectorCipher, load_or_create_key
from kiosk.infra.recognition.profiles import get_profile

log = logging.getLogger(__name__)

_STRICT_SHOWN = 5
_CONSENT_BY_MAX = 200  # students.consent_by
CONSENT_ACTOR = "kiosk migrate"


class MigrationProblems(InvalidInput):
    """Strict mode found rows that cannot be moved; nothing was written."""

    exit_code = 1


@contextmanager
def target_database(url: URL, settings: Settings, doing: str) -> Iterator[Engine]:
    """The database a migration writes into, connected, and disposed of afterwards; a driver
    failure while ``doing`` it (e.g. "The migration") stops it with a plain-language error."""
    engine = build_engine_for_url(url, settings.database)
    try:
        check_connection(engine)
        try:
            yield engine
        except DBAPIError as exc:
            log.warning("%s stopped by a database error", doing, exc_info=True)
            raise as_kiosk_error(exc, doing, database_url=engine.url) from None
    finally:
        engine.dispose()


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
        job = _read(source, snap, notify, settings)
    if attestation is not None and not job.attests_consent:
        raise InvalidInput(
            "--consent-on-file is for the old attendance app's file only; "
            f"{source} is a kiosk database, whose consent records move with it.",
            "Run again without --consent-on-file.",
        )
    with target_database(url, settings, "The migration") as engine:
        report = _migrate(job, engine, settings, dry_run, strict, notify, is_cancelled, started)
        if job.attests_consent:
            report = _consent(report, engine, attestation)
        return report


def preview(source: Path, settings: Settings) -> MigrationPreview:
    """Counts and problems read from the source alone; writes nothing anywhere."""
    started = time.monotonic()
    source = Path(source).expanduser()
    with snapshot(source) as snap:
        job = _read(source, snap, _no_progress, settings)
    job.decide(None)
    report = _report(job, None, settings, "(no target: preview)", True, False, started)
    return MigrationPreview(report)


def _read(source: Path, snap: Path, notify: Progress, settings: Settings) -> MigrationSource:
    notify("reading", 0, 1)
    # This computer's key opens the encrypted face data of its own kiosk database.
    job = open_source(source, snap, VectorCipher(load_or_create_key(settings)))
    notify("reading", 1, 1)
    return job


def _migrate(
    job: MigrationSource,
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
    with engine.connect() as conn:
        job.decide(conn)
    problems = job.problems()
    if strict and problems:
        shown = "; ".join(f"{p.table} #{p.legacy_id}: {p.reason}" for p in problems[:_STRICT_SHOWN])
        raise MigrationProblems(
            f"Strict mode: {len(problems)} row(s) cannot be moved ({shown}); nothing was written.",
            "Fix them in the source file, or run without --strict to move the rest and list them.",
        )
    if dry_run:
        return _report(job, None, settings, target, True, False, started)
    finished = job.write(engine, notify, is_cancelled)
    verified = job.verify(engine, notify) if finished else None
    report = _report(job, verified, settings, target, False, not finished, started)
    notify("done", 1, 1)
    log.info(
        "Migration of %s: moved %d rows, ok=%s, cancelled=%s, %.1f s",
        job.path,
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
    with target_database(parse_database_url(target_url), settings, "Recording consent") as engine:
        return _consent(report, engine, attestation)


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
        rows = _migrated(s.connection(), report)
        undecided = [] if attestation is None else sorted(r.student_id for r in rows if not r.consent_decided)
        for student_id in undecided:
            students_repo.set_consent(s, student_id, given=True, by=attestation, actor=CONSENT_ACTOR)
        if undecided:
            rows = _migrated(s.connection(), report)
    # The report's lists come from the target, so a re-run shows consent and enrollment
    # recorded since the first move (in the kiosk, or by --consent-on-file and --reembed).
    consent = tuple(
        StudentNote(
            r.student_id,
            r.name,
            "consent withdrawn in the kiosk" if r.consent_decided else "no consent recorded in the old app",
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


def _migrated(conn: Connection, report: MigrationReport) -> list[MigratedStudent]:
    """The students still in the target, in the order of the school's ids."""
    rows = migrated_students(conn, report.source_key, report.active_model)
    return sorted((r for r in rows if r.found), key=lambda r: r.student_id)


def active_model(settings: Settings) -> str:
    """The model name of the configured recognition profile (the profile name if unknown)."""
    try:
        return get_profile(settings.recognition.profile).model_name
    except KioskError:
        return settings.recognition.profile


def _report(
    job: MigrationSource,
    verified: dict[str, Verified] | None,
    settings: Settings,
    target: str,
    dry_run: bool,
    cancelled: bool,
    started: float,
) -> MigrationReport:
    """The one report builder: the source says what it holds, this adds the run's context."""
    model = active_model(settings)
    said = job.report(model)
    tables = []
    for t in said.tables:
        v = verified.get(t.table) if verified else None
        tables.append(
            TableReport(
                table=t.table,
                source_rows=t.source_rows,
                moved=t.to_move if dry_run else t.moved,
                already_present=t.already_present,
                skipped=t.skipped,
                target_rows=v.target_rows if v else None,
                source_checksum=v.source_checksum if v else None,
                target_checksum=v.target_checksum if v else None,
            )
        )
    return MigrationReport(
        source=str(job.path),
        target=target,
        source_kind=job.kind,
        source_key=job.key,
        active_model=model,
        tables=tuple(tables),
        problems=said.problems,
        warnings=said.warnings,
        unknown_tables=job.layout.unknown_tables,
        unknown_columns=job.layout.unknown_columns,
        needs_consent=said.needs_consent,
        needs_enrollment=said.needs_enrollment,
        dry_run=dry_run,
        cancelled=cancelled,
        verified=verified is not None,
        seconds=time.monotonic() - started,
        notes=said.notes,
    )


def check_source(text: str) -> Path:
    """The source file a person named; an :class:`InvalidInput` saying what is wrong with it
    (missing, a folder, not SQLite) before any migration starts."""
    source = Path(text.strip()).expanduser()
    check_source_file(source)
    return source


def local_data_rows(settings: Settings) -> int:
    """Rows of data in this kiosk's own SQLite file (0: nothing to bring along), read-only."""
    return data_rows(settings.local_database_path)


def is_postgresql_url(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database (the only target a migration moves into)."""
    return parse_database_url(url).get_backend_name() == "postgresql"


__all__ = [
    "LEGACY_MODEL",
    "MigrationPreview",
    "MigrationProblems",
    "MigrationReport",
    "Problem",
    "SourceKind",
    "StudentNote",
    "TableReport",
    "active_model",
    "apply_legacy_consent",
    "check_consent_text",
    "check_source",
    "is_postgresql_url",
    "local_data_rows",
    "preview",
    "run_migration",
]
