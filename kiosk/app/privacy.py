"""Retention with automatic purge, and the audit chain's verification.

The purge deletes what is older than the school's periods (``[privacy]`` in config.toml):
face templates (and thumbnails) of students inactive for N days or not seen for N days
(BIPA's outer limit: three years), thumbnails, attendance records, audit entries. It runs
once a day when a kiosk starts (if the last purge is more than 24 hours old) and as
``kiosk privacy purge [--dry-run]``; each run writes one ``privacy.purge`` audit entry
listing what it deleted (counts and school ids, never names or data).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk.app.errors import as_kiosk_error
from kiosk.app.roster import RosterService
from kiosk.core.errors import KioskError
from kiosk.infra.config import PrivacySettings
from kiosk.infra.db.repo import audit, retention
from kiosk.infra.db.roles import may_delete_from

log = logging.getLogger(__name__)

PURGE_ACTION = "privacy.purge"
PURGE_EVERY = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class PurgeReport:
    dry_run: bool
    templates_inactive: tuple[str, ...] = ()  # school ids whose templates (and thumbnail) go
    templates_unseen: tuple[str, ...] = ()
    thumbnails_unseen: tuple[str, ...] = ()
    encodings_deleted: int = 0
    attendance_records: int = 0
    attendance_sessions: int = 0
    audit_entries: int = 0
    periods: dict[str, int] = field(default_factory=dict)

    @property
    def nothing(self) -> bool:
        return not (
            self.templates_inactive
            or self.templates_unseen
            or self.thumbnails_unseen
            or self.attendance_records
            or self.audit_entries
        )

    def lines(self) -> list[str]:
        verb = "Would delete" if self.dry_run else "Deleted"
        out = []
        if self.templates_inactive:
            out.append(
                f"{verb} the face data of {len(self.templates_inactive)} inactive student(s): "
                + ", ".join(self.templates_inactive)
            )
        if self.templates_unseen:
            out.append(
                f"{verb} the face templates of {len(self.templates_unseen)} student(s) not seen for "
                f"{self.periods.get('templates_unseen_days')} days: " + ", ".join(self.templates_unseen)
            )
        if self.thumbnails_unseen:
            out.append(
                f"{verb} {len(self.thumbnails_unseen)} roster thumbnail(s) of students not seen lately"
            )
        if self.attendance_records:
            out.append(f"{verb} {self.attendance_records} attendance record(s)")
        if self.audit_entries:
            out.append(f"{verb} {self.audit_entries} audit log entries")
        return out or ["Nothing is older than the retention periods."]


class PrivacyService(RosterService):
    def __init__(self, engine: Engine, privacy: PrivacySettings) -> None:
        super().__init__(engine)
        self.privacy = privacy

    def purge(
        self, *, dry_run: bool = False, now: datetime | None = None, actor: str | None = None
    ) -> PurgeReport:
        now = now or datetime.now(UTC)
        p = self.privacy
        periods = {
            "templates_inactive_days": p.templates_inactive_days,
            "templates_unseen_days": p.templates_unseen_days,
            "thumbnails_unseen_days": p.thumbnails_unseen_days,
            "attendance_days": p.attendance_days,
            "audit_days": p.audit_days,
        }

        def before(days: int) -> datetime:
            return now - timedelta(days=days)

        with self._unit("Purging old data") as s:
            inactive = (
                retention.templates_of_inactive(s, before(p.templates_inactive_days))
                if p.templates_inactive_days
                else {}
            )
            unseen = {
                k: v
                for k, v in retention.templates_unseen(s, before(p.templates_unseen_days)).items()
                if k not in inactive
            }
            thumbs = (
                {
                    k: v
                    for k, v in retention.thumbnails_unseen(s, before(p.thumbnails_unseen_days)).items()
                    if k not in inactive
                }
                if p.thumbnails_unseen_days
                else {}
            )
            records = (
                retention.attendance_older_than(s, before(p.attendance_days)) if p.attendance_days else 0
            )
            old_audit = 0
            if p.audit_days:
                old_audit = audit.count_older_than(s, before(p.audit_days))
            report = PurgeReport(
                dry_run=dry_run,
                templates_inactive=tuple(sorted(inactive.values())),
                templates_unseen=tuple(sorted(unseen.values())),
                thumbnails_unseen=tuple(sorted(thumbs.values())),
                attendance_records=records,
                audit_entries=old_audit,
                periods=periods,
            )
            if dry_run:
                return report
            encodings = retention.delete_templates(s, list(inactive), with_thumbnails=True)
            encodings += retention.delete_templates(s, list(unseen), with_thumbnails=False)
            retention.delete_thumbnails(s, list(thumbs))
            sessions = 0
            if p.attendance_days:
                records, sessions = retention.delete_attendance_older_than(s, before(p.attendance_days))
            if p.audit_days:
                old_audit = audit.delete_older_than(s, before(p.audit_days))
            report = PurgeReport(
                dry_run=False,
                templates_inactive=report.templates_inactive,
                templates_unseen=report.templates_unseen,
                thumbnails_unseen=report.thumbnails_unseen,
                encodings_deleted=encodings,
                attendance_records=records,
                attendance_sessions=sessions,
                audit_entries=old_audit,
                periods=periods,
            )
            audit.record(
                s,
                actor=actor or "kiosk retention purge",
                action=PURGE_ACTION,
                entity="privacy",
                entity_id="retention",
                details={
                    "templates_inactive": list(report.templates_inactive),
                    "templates_unseen": list(report.templates_unseen),
                    "thumbnails_unseen": list(report.thumbnails_unseen),
                    "encodings_deleted": encodings,
                    "attendance_records": records,
                    "attendance_sessions": sessions,
                    "audit_entries": old_audit,
                    "periods": periods,
                },
            )
        log.info("Retention purge: %s", "; ".join(report.lines()))
        return report

    def last_purge(self) -> datetime | None:
        with self._unit() as s:
            return audit.latest_at(s, PURGE_ACTION)

    def purge_if_due(self, *, now: datetime | None = None) -> PurgeReport | None:
        """The daily purge at kiosk start: runs when the last one is over 24 hours old."""
        now = now or datetime.now(UTC)
        last = self.last_purge()
        if last is not None and now - last < PURGE_EVERY:
            return None
        return self.purge(now=now)

    def verify_audit(self) -> audit.ChainReport:
        with self._unit() as s:
            return audit.verify_chain(s)


def daily_purge(engine: Engine | None, privacy: PrivacySettings) -> PurgeReport | None:
    """Run the purge if due; never stops a kiosk from starting (a failure is logged)."""
    if engine is None:
        return None
    try:
        try:
            may_delete = may_delete_from(engine, "face_encodings")
        except SQLAlchemyError as exc:  # the server went away since the start: next time
            raise as_kiosk_error(exc, "Checking the database account's rights") from None
        if not may_delete:
            # A classroom PC's kiosk_device account may delete nothing, by design: the purge
            # is the admin tools' job (their account may), or a scheduled `kiosk privacy purge`.
            log.info(
                "The daily retention purge is left to the admin tools: this kiosk's database "
                "account may not delete (run `kiosk privacy purge` as kiosk_admin)"
            )
            return None
        return PrivacyService(engine, privacy).purge_if_due()
    except KioskError as exc:
        log.warning("The daily retention purge did not run: %s", exc.message)
        return None
