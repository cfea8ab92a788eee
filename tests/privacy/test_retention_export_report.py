"""Retention purge, subject access export, the privacy report and the audit chain, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.app.privacy import PrivacyService
from kiosk.infra.config import PrivacySettings
from tests.foundation._helpers import assert_clean_failure, execute, scalar

from .conftest import Kiosk


def _age_student(kiosk: Kiosk, student_id: str, days: int, *, inactive: bool = False) -> None:
    """Make a student's last contact ``days`` ago (their templates were made then)."""
    then = datetime.now(UTC) - timedelta(days=days)
    execute(
        kiosk.url,
        "UPDATE face_encodings SET created_at = :t WHERE student_id = (SELECT id FROM students WHERE student_id = :s)",
        t=then,
        s=student_id,
    )
    execute(
        kiosk.url,
        "UPDATE students SET updated_at = :t, is_active = :a WHERE student_id = :s",
        t=then,
        a=not inactive,
        s=student_id,
    )


def test_purge_deletes_templates_of_students_not_seen_and_audits_it(kiosk: Kiosk) -> None:
    kiosk.seed()
    _age_student(kiosk, "S2", 400)
    dry = kiosk.ok("privacy", "purge", "--dry-run").out
    assert "Would delete the face templates of 1 student(s) not seen for 365 days: S2" in dry
    assert scalar(kiosk.url, "SELECT count(*) FROM face_encodings") == 2  # a dry run deletes nothing
    assert scalar(kiosk.url, "SELECT count(*) FROM audit_log WHERE action = 'privacy.purge'") == 0
    out = kiosk.ok("privacy", "purge").out
    assert "Deleted the face templates of 1 student(s)" in out and "audit log" in out
    assert scalar(kiosk.url, "SELECT count(*) FROM face_encodings") == 0
    assert scalar(kiosk.url, "SELECT count(*) FROM students WHERE photo IS NOT NULL") == 0  # thumbnails too
    details = scalar(kiosk.url, "SELECT details FROM audit_log WHERE action = 'privacy.purge'")
    parsed = details if isinstance(details, dict) else json.loads(str(details))
    assert parsed["templates_unseen"] == ["S2"] and parsed["encodings_deleted"] == 2
    assert "Nothing is older" in kiosk.ok("privacy", "purge").out


def test_purge_of_inactive_students_attendance_and_audit_keeps_the_chain(kiosk: Kiosk) -> None:
    kiosk.seed()
    _age_student(kiosk, "S2", 40, inactive=True)
    engine = kiosk.engine()
    try:
        service = PrivacyService(engine, PrivacySettings(audit_days=30, attendance_days=30))
        execute(kiosk.url, "UPDATE audit_log SET at = :t", t=datetime.now(UTC) - timedelta(days=60))
        # Rewriting `at` breaks the hashes: the purge removes exactly those (all older than 30 days).
        report = service.purge()
        assert report.templates_inactive == ("S2",) and report.audit_entries == 1
        assert service.verify_audit().intact  # the anchor moved with the purge
    finally:
        engine.dispose()
    assert "intact" in kiosk.ok("audit", "verify").out


def test_daily_purge_runs_once_a_day(kiosk: Kiosk) -> None:
    kiosk.seed()
    engine = kiosk.engine()
    try:
        service = PrivacyService(engine, PrivacySettings())
        now = datetime.now(UTC)
        assert service.purge_if_due(now=now) is not None
        assert service.purge_if_due(now=now + timedelta(hours=1)) is None
        assert service.purge_if_due(now=now + timedelta(hours=25)) is not None
    finally:
        engine.dispose()


def test_export_holds_everything_but_the_vectors_unless_asked(kiosk: Kiosk, tmp_path: Path) -> None:
    kiosk.seed()
    kiosk.ok("consent", "object", "S1", "--by", "Ada Lovelace", "--party", "pupil", "--method", "in person")
    out = tmp_path / "s2.zip"
    result = kiosk.ok("privacy", "export", "--student", "S2", "--out", str(out))
    assert "backups" in result.out
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {"student.json", "consent_ledger.json", "attendance.json", "audit_log.json", "face_templates.json",
                "thumbnail.jpg", "README.txt"} <= names  # fmt: skip
        student = json.loads(zf.read("student.json"))
        assert student["name"] == "Alan Turing" and student["face_matching_allowed"] is True
        ledger = json.loads(zf.read("consent_ledger.json"))
        assert [e["kind"] for e in ledger] == ["consent"] and ledger[0]["name"] == "Ethel Turing"
        templates = json.loads(zf.read("face_templates.json"))
        assert templates["templates_exist"] and len(templates["templates"]) == 2
        assert "vector" not in zf.read("face_templates.json").decode()
    with_vectors = tmp_path / "s2-full.zip"
    kiosk.ok("privacy", "export", "--student", "S2", "--out", str(with_vectors), "--include-templates")
    with zipfile.ZipFile(with_vectors) as zf:
        assert "vector_float32_le_base64" in zf.read("face_templates.json").decode()
    assert scalar(kiosk.url, "SELECT count(*) FROM audit_log WHERE action = 'privacy.export'") == 2
    assert_clean_failure(
        kiosk("privacy", "export", "--student", "S9", "--out", str(tmp_path / "x.zip")), "S9"
    )
    assert_clean_failure(
        kiosk("privacy", "export", "--student", "S2", "--out", str(tmp_path / "x.txt")), ".zip"
    )


def test_erasure_says_what_remains(kiosk: Kiosk) -> None:
    kiosk.seed()
    out = kiosk.ok("student", "delete", "S2", "--yes").out
    assert "What remains: database backups" in out and "next contact" in out
    assert scalar(kiosk.url, "SELECT count(*) FROM consent_ledger") == 0


def test_report_is_generated_from_the_real_data(kiosk: Kiosk, tmp_path: Path) -> None:
    kiosk.seed()
    md = tmp_path / "report.md"
    kiosk.ok("privacy", "report", "--out", str(md))
    text = md.read_text(encoding="utf-8")
    assert "2 templates of 1 students (Facenet512: 2)" in text
    assert "Face matching allowed (valid consent, no standing objection): 1 of 2 students" in text
    assert "Face templates of students not seen: 365 days" in text
    assert "verification: **intact**" in text
    if kiosk.url.startswith("postgresql"):
        assert "owner of the table: postgres" in text or "superuser" in text
    else:
        assert "Embedded SQLite database" in text


def test_report_pdf(kiosk: Kiosk, tmp_path: Path) -> None:
    kiosk.seed()
    pdf = tmp_path / "report.pdf"
    kiosk.ok("privacy", "report", "--pdf", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000


def test_audit_verify_detects_an_edited_and_a_deleted_entry(kiosk: Kiosk) -> None:
    kiosk.seed()
    kiosk.ok("student", "consent", "S2", "--withdraw", "--by", "Ethel Turing")
    kiosk.ok("student", "consent", "S2", "--give", "--by", "Ethel Turing")
    assert "The audit log is intact" in kiosk.ok("audit", "verify").out
    first = scalar(kiosk.url, "SELECT min(id) FROM audit_log")
    # An edit in SQL: someone hides who withdrew consent.
    execute(kiosk.url, "UPDATE audit_log SET actor = 'nobody' WHERE id = :i", i=first)
    broken = kiosk("audit", "verify")
    assert broken.code == 3 and f"entry {first} " in broken.out and "was changed" in broken.out
    assert_clean_failure(broken, "tampered")
    execute(kiosk.url, "UPDATE audit_log SET actor = NULL WHERE id = :i", i=first)
    assert kiosk("audit", "verify").code == 0
    # A deletion in the middle, then at the end.
    middle = scalar(kiosk.url, "SELECT min(id) FROM audit_log WHERE id > :i", i=first)
    execute(kiosk.url, "DELETE FROM audit_log WHERE id = :i", i=middle)
    assert "does not follow the entry before it" in kiosk("audit", "verify").out


def test_audit_verify_detects_a_deleted_newest_entry(kiosk: Kiosk) -> None:
    kiosk.seed()
    execute(kiosk.url, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    result = kiosk("audit", "verify")
    assert result.code == 3 and "the newest entry" in result.out
