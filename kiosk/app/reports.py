"""Reports: a class over a date range, a student's history, the school's absentees of a day.

The database counts in a few GROUP BY queries (:mod:`kiosk.infra.db.repo.reports`); the
figures come from :mod:`kiosk.core.reports`, the same for every report. A teacher (see
:meth:`~kiosk.app.records.DatabaseCalls.for_account`) gets the reports of their classes: a
student's history in those classes' sessions, the day's absentees of those classes; the
whole school's term is for admins.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.app.records import DatabaseCalls
from kiosk.core.authz import Action, check_action, check_class, check_every_class, sees_every_class
from kiosk.core.reports import (
    DEFAULT_AT_RISK_RATE,
    ClassReport,
    DayReport,
    StudentReport,
    check_threshold,
    day_absentees,
    day_bounds,
    history_weeks,
    merge_tallies,
    student_rates,
    student_summary,
    weekly_rates,
)
from kiosk.infra.db.repo import classes as class_repo
from kiosk.infra.db.repo import reports as repo

log = logging.getLogger(__name__)

STUDENT_REPORT_DAYS = 365  # a student's report without dates: the past year


class ReportsService(DatabaseCalls):
    def today(self) -> date:
        return datetime.now(self.tz).date() if self.tz else datetime.now().astimezone().date()

    def class_report(
        self, class_code: str, start: date, end: date, *, threshold: float = DEFAULT_AT_RISK_RATE
    ) -> ClassReport:
        """Each student's rate over the local days [start, end]; the at-risk ones flagged."""
        check_threshold(threshold)
        lo, hi = day_bounds(start, end, self.tz)

        def work(s: Session) -> ClassReport:
            check_class(self._viewer(s), Action.RECORDS_OWN, class_code)
            row = class_repo.get_row(s, class_code)
            counted = repo.class_tallies(s, lo, hi, class_id=row.id, codes={row.id: row.code})
            refs = repo.student_refs(s, class_id=row.id, also={t.student_uuid for t in counted})
            members = {r.uuid for r in refs if r.is_active and r.class_code == row.code}
            outsiders = {t.student_uuid for t in counted} - members
            sessions = repo.session_tallies(
                s, lo, hi, class_id=row.id, members=len(members), outsiders=outsiders
            )
            tallies = merge_tallies(counted, refs)
            # Marks in this class's sessions only: a student who moved here from another
            # class is expected at this class's sessions, whatever their old class held.
            rates = student_rates(refs, tallies, {row.code: len(sessions)}, threshold)
            weeks = weekly_rates(sessions, self.tz)
            return ClassReport(
                class_code=row.code,
                class_name=row.name,
                start=start,
                end=end,
                sessions_held=len(sessions),
                threshold=threshold,
                students=tuple(r for r in rates if r.sessions > 0 or r.student.class_code == row.code),
                weeks=tuple(weeks),
            )

        return self._read(work)

    def school_rates(self, start: date, end: date, *, threshold: float = DEFAULT_AT_RISK_RATE) -> ClassReport:
        """The whole school's term: every student's rate (a report with no single class)."""
        check_threshold(threshold)
        lo, hi = day_bounds(start, end, self.tz)

        def work(s: Session) -> ClassReport:
            check_every_class(self._viewer(s))
            counted = repo.class_tallies(s, lo, hi)
            held = repo.sessions_held(s, lo, hi)
            refs = repo.student_refs(s, also={t.student_uuid for t in counted})
            rates = student_rates(refs, merge_tallies(counted, refs), held, threshold)
            return ClassReport(
                class_code="*",
                class_name="Whole school",
                start=start,
                end=end,
                sessions_held=sum(held.values()),
                threshold=threshold,
                students=tuple(rates),
            )

        return self._read(work)

    def student_report(
        self,
        student_id: str,
        start: date | None = None,
        end: date | None = None,
        *,
        threshold: float = DEFAULT_AT_RISK_RATE,
    ) -> StudentReport:
        check_threshold(threshold)
        end = end or self.today()
        start = start or end - timedelta(days=STUDENT_REPORT_DAYS)
        lo, hi = day_bounds(start, end, self.tz)

        def work(s: Session) -> StudentReport:
            who = self._viewer(s)
            ref = repo.student_ref(s, student_id)
            lines = repo.student_history(s, ref, lo, hi)
            if not sees_every_class(who):
                assert who is not None
                # A teacher: the student's sessions in their classes only; a student they never
                # taught (not in their classes now, no session of theirs in the range) is refused.
                lines = [ln for ln in lines if ln.class_code in who.classes]
                if not lines:
                    check_class(who, Action.RECORDS_OWN, ref.class_code)
            return StudentReport(
                student=ref,
                start=start,
                end=end,
                summary=student_summary(ref, lines, threshold),
                history=tuple(lines),
                weeks=tuple(history_weeks(lines, self.tz)),
            )

        return self._read(work)

    def day_report(self, day: date | None = None) -> DayReport:
        """Who is missing on ``day`` (today by default): absent or unmarked in any session."""
        day = day or self.today()
        lo, hi = day_bounds(day, day, self.tz)

        def work(s: Session) -> DayReport:
            who = self._viewer(s)
            counted = repo.class_tallies(s, lo, hi)
            held = repo.sessions_held(s, lo, hi)
            refs = repo.student_refs(s, also={t.student_uuid for t in counted})
            if not sees_every_class(who):
                assert who is not None
                check_action(who, Action.RECORDS_OWN)
                # A teacher: their classes' sessions, and the students of those classes.
                counted = [t for t in counted if t.class_code in who.classes]
                held = {code: n for code, n in held.items() if code in who.classes}
                marked = {t.student_uuid for t in counted}
                refs = [r for r in refs if r.class_code in who.classes or r.uuid in marked]
            rates = student_rates(refs, merge_tallies(counted, refs), held)
            return DayReport(day=day, sessions_held=sum(held.values()), absentees=day_absentees(rates))

        return self._read(work)
