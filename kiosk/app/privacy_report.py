"""``kiosk privacy report``: a data-protection summary generated from the real settings and data.

What is collected, where it is stored, how it is protected, for how long, who can read it,
the consent statistics and the number of templates: a starting point for the school's DPIA
(GDPR art. 35), never a substitute for it. Every number is read at the time of the report.
"""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from kiosk.app.roster import RosterService
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import safe_url
from kiosk.infra.db.repo import audit, checkin, consent, encodings, subject


def _mode(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "not present"
    others = (
        "readable by other users of this computer"
        if st.st_mode & (stat.S_IRGRP | stat.S_IROTH)
        else "private to its owner"
    )
    return f"{stat.filemode(st.st_mode)} ({others})"


class PrivacyReport(RosterService):
    def __init__(self, engine: Engine, settings: Settings) -> None:
        super().__init__(engine)
        self.settings = settings

    def markdown(self, *, now: datetime | None = None) -> str:
        now = now or datetime.now(UTC)
        st, p = self.settings, self.settings.privacy
        with self._unit() as s:
            numbers = subject.counts(s)
            stats = consent.statistics(s)
            texts = consent.texts(s)
            renewal = len(consent.renewal_due(s))
            by_model = encodings.counts_by_model(s)
            creds = checkin.counts(s)
            access = subject.database_access(s)
            chain = audit.verify_chain(s)
            last_purge = audit.latest_at(s, "privacy.purge")
        postgres = not st.uses_embedded_database
        lines: list[str] = [
            "# Data-protection summary of the attendance kiosk",
            "",
            f"Generated {now.astimezone():%Y-%m-%d %H:%M} from this kiosk's settings and database. "
            "A starting point for the school's data-protection impact assessment (GDPR art. 35): "
            "the school completes and signs the assessment.",
            "",
            "## What is collected",
            "",
            f"- **Roster**: {numbers['students']} students ({numbers['active_students']} active): school id, "
            "name, class, optional email and phone.",
            f"- **Face templates** (biometric data, GDPR art. 9): {numbers['templates']} templates of "
            f"{numbers['students_with_templates']} students"
            + (f" ({', '.join(f'{m}: {n}' for m, n in sorted(by_model.items()))})" if by_model else "")
            + ". Made only for students whose consent is valid; the photos they came from are not kept.",
            f"- **Thumbnails**: {numbers['thumbnails']} small roster photos.",
            f"- **Attendance**: {numbers['attendance_records']} marks"
            + (
                " (by method: "
                + ", ".join(f"{k} {v}" for k, v in sorted(numbers["marks_by_method"].items()))
                + ")"
                if numbers["marks_by_method"]
                else ""
            )
            + (f"; the oldest from {numbers['oldest_mark'][:10]}" if numbers["oldest_mark"] else "")
            + ".",
            f"- **Check-in cards and PINs** (the non-biometric way in): {creds['cards']} cards, {creds['pins']} PINs, "
            "stored only as hashes.",
            f"- **Consent ledger and audit log**: {numbers['audit_entries']} audit entries.",
            "- **Not collected**: age, gender, emotion, ethnicity or any other attribute inferred from a face "
            "(the code cannot import deepface's analysis modules: an import-linter contract checks it).",
            "",
            "## Face recognition and consent",
            "",
            f"- Face recognition is **{'on' if p.face_recognition else 'switched off'}** "
            "(`[privacy] face_recognition`)"
            + ("." if p.face_recognition else ": no face is analysed and no template is stored."),
            f"- Face matching allowed (valid consent, no standing objection): {stats['matching_allowed']} of "
            f"{stats['students']} students; the others check in by card, PIN or the teacher.",
            f"- Ledger rows: {stats.get('ledger_consent', 0)} consents, {stats.get('ledger_withdrawal', 0)} "
            f"withdrawals, {stats.get('ledger_objection', 0)} objections, "
            f"{stats.get('ledger_objection_lifted', 0)} objections lifted.",
            f"- Consent text: {('version ' + texts[-1].version) if texts else 'none stored yet (store one with `kiosk consent text set`)'}; "
            f"{renewal} consent(s) given on an older text should be renewed.",
            "",
            "## Where it is stored and how it is protected",
            "",
        ]
        if postgres:
            ssl = (
                st.database.sslmode
                or "library default (prefer: encrypted if the server offers it, unverified)"
            )
            lines += [
                f"- Central database: PostgreSQL at `{safe_url(st.database_url)}`; connection SSL mode: {ssl}.",
                "- Each kiosk keeps an offline cache (roster, face templates encrypted with the kiosk's key from the "
                f"OS keyring, thumbnails) in `{st.cache_dir}`.",
            ]
        else:
            lines += [
                f"- Embedded SQLite database `{st.local_database_path}`: {_mode(st.local_database_path)}.",
            ]
        lines += [
            f"- Data folder `{st.data_dir}`: {_mode(st.data_dir)}.",
            f"- Face index files (built from the templates) are encrypted, in `{st.cache_dir / 'indexes'}`.",
            f"- Logs in `{st.log_dir}`: school ids and counts, never names, photos or face data.",
            "",
            "## Who has access",
            "",
        ]
        if access:
            lines += [f"- {line}" for line in access]
        elif postgres:
            lines.append("- (the database roles could not be listed with this connection's rights)")
        else:
            lines.append(
                "- Anyone who can read the SQLite file above (its owner, and the computer's administrators)."
            )
        lines += [
            "- Staff at the kiosk: the admin PIN guards settings and kiosk mode; enrollment and consent "
            "changes are written to the audit log with the operator's name.",
            "",
            "## Retention (automatic daily purge)",
            "",
            f"- Face templates and thumbnails of inactive students (left, graduated): {_days(p.templates_inactive_days)}.",
            f"- Face templates of students not seen: {p.templates_unseen_days} days (BIPA's outer limit is 3 years).",
            f"- Thumbnails of students not seen: {_days(p.thumbnails_unseen_days)}.",
            f"- Attendance records: {_days(p.attendance_days)}.",
            f"- Audit log entries: {_days(p.audit_days)}.",
            f"- Last purge: {last_purge.astimezone():%Y-%m-%d %H:%M}."
            if last_purge
            else "- Last purge: never run yet.",
            "- Withdrawal or objection deletes a pupil's templates and thumbnail at once; deleting a pupil "
            "(`kiosk student delete`) removes everything about them from the database.",
            "",
            "## Audit log integrity",
            "",
            f"- {chain.entries} entries, hash-chained; verification: "
            + ("**intact**" if chain.intact else "**BROKEN**: " + "; ".join(chain.problems[:3]))
            + f". Head hash `{chain.head_hash}` (note it down: a later, different chain shows rewriting).",
            "",
            "## For the school's assessment (what the product cannot decide)",
            "",
            "- Is face recognition necessary and proportionate here, given that cards, PINs and the teacher work "
            "without it? (The Swedish DPA fined a school for a trial where a less intrusive way existed.)",
            "- Is consent freely given, given the imbalance between a school and its pupils? Is refusal free of "
            "any disadvantage (the card or PIN is of equal standing)?",
            "- Who is the controller and who are processors (IT provider, hosting of the database)?",
            "- Backups: where, how long, who can restore them (they keep deleted data until they expire).",
            "- Information to parents and pupils, and how objections reach the school.",
        ]
        return "\n".join(lines) + "\n"


def _days(days: int) -> str:
    return f"{days} days" if days else "kept (no period set)"
