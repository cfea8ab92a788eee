"""The consent ledger through the real ``kiosk`` command, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from kiosk.infra.db import schema
from tests.foundation._helpers import assert_clean_failure, scalar

from .conftest import Kiosk


def _faces(kiosk: Kiosk, student_id: str) -> tuple[int, int]:
    encs = scalar(
        kiosk.url,
        "SELECT count(*) FROM face_encodings e JOIN students s ON s.id = e.student_id WHERE s.student_id = :s",
        s=student_id,
    )
    photos = scalar(
        kiosk.url, "SELECT count(*) FROM students WHERE student_id = :s AND photo IS NOT NULL", s=student_id
    )
    return int(encs), int(photos)  # type: ignore[call-overload]


def _allowed(kiosk: Kiosk, student_id: str) -> bool:
    return bool(scalar(kiosk.url, "SELECT consent_given FROM students WHERE student_id = :s", s=student_id))


def test_the_pupils_objection_overrides_the_parents_consent_and_deletes_the_face_data(kiosk: Kiosk) -> None:
    kiosk.seed()
    assert _allowed(kiosk, "S2") and _faces(kiosk, "S2") == (2, 1)
    out = kiosk.ok(
        "consent", "object", "S2", "--by", "Alan Turing", "--party", "pupil", "--method", "in person",
    ).out  # fmt: skip
    assert "face matching NOT allowed (objection by Alan Turing (pupil) stands)" in out
    assert not _allowed(kiosk, "S2")
    assert _faces(kiosk, "S2") == (0, 0)  # at once, in the same transaction
    # The parent consenting again changes nothing while the pupil's objection stands.
    kiosk.ok("consent", "record", "S2", "--by", "Ethel Turing", "--relation", "mother", "--method", "email")
    assert not _allowed(kiosk, "S2")
    hist = kiosk.ok("consent", "history", "S2").out
    assert "objection by Alan Turing (pupil) stands" in hist
    assert hist.count("consent ") >= 2 and "objection" in hist and "email" in hist
    kiosk.ok(
        "consent", "lift-objection", "S2", "--by", "Alan Turing", "--party", "pupil", "--method", "in person",
    )  # fmt: skip
    assert _allowed(kiosk, "S2")
    rows = scalar(kiosk.url, "SELECT count(*) FROM consent_ledger")
    assert rows == 4  # add --consent, objection, consent, lift: nothing is ever overwritten


def test_the_old_withdraw_command_writes_the_ledger_and_keeps_it(kiosk: Kiosk) -> None:
    kiosk.seed()
    kiosk.ok("student", "consent", "S2", "--withdraw", "--by", "Ethel Turing")
    assert not _allowed(kiosk, "S2") and _faces(kiosk, "S2") == (0, 0)
    assert scalar(kiosk.url, "SELECT kind FROM consent_ledger ORDER BY id DESC LIMIT 1") == "withdrawal"
    assert "consent withdrawn by Ethel Turing" in kiosk.ok("consent", "history", "S2").out


def test_a_new_consent_text_asks_for_renewal(kiosk: Kiosk, tmp_path: Path) -> None:
    kiosk.seed()
    wording = tmp_path / "v1.txt"
    wording.write_text(
        "The school would like to recognise your child's face at the door...", encoding="utf-8"
    )
    # The first text: consents recorded before it (no text) lapse: a text now exists.
    out = kiosk.ok("consent", "text", "set", "--version", "2026-09", "--file", str(wording)).out
    assert "1 student(s) consented on an older text" in out
    assert not _allowed(kiosk, "S2") and _faces(kiosk, "S2") == (0, 0)
    kiosk.ok(
        "consent", "record", "S2", "--by", "Ethel Turing", "--method", "paper form", "--date", "2026-09-02"
    )
    assert _allowed(kiosk, "S2")
    assert scalar(kiosk.url, "SELECT text_version FROM consent_ledger ORDER BY id DESC LIMIT 1") == "2026-09"
    # A wording fix that keeps consents: still allowed, listed for renewal.
    kiosk.ok("consent", "text", "set", "--version", "2026-09b", "--file", str(wording), "--keep-existing")
    assert _allowed(kiosk, "S2")
    assert "S2" in kiosk.ok("consent", "renewals").out
    assert "recognise your child's face" in kiosk.ok("consent", "text", "show", "--version", "2026-09").out
    # Stored texts never change.
    assert_clean_failure(
        kiosk("consent", "text", "set", "--version", "2026-09", "--file", str(wording)), "already stored"
    )


def test_bad_input_is_one_line_and_stores_nothing(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = scalar(kiosk.url, "SELECT count(*) FROM consent_ledger")
    assert_clean_failure(
        kiosk("consent", "record", "S1", "--by", "Mum", "--party", "neighbour", "--method", "email"),
        "is not who can give consent",
    )
    assert_clean_failure(
        kiosk("consent", "record", "S1", "--by", "Mum", "--method", "email", "--date", "next tuesday"),
        "is not a date",
    )
    assert_clean_failure(
        kiosk("consent", "record", "S1", "--by", "Mum", "--method", "email", "--text-version", "v9"),
        "no consent text version",
    )
    assert_clean_failure(kiosk("consent", "record", "S9", "--by", "Mum", "--method", "email"), "no student")
    assert scalar(kiosk.url, "SELECT count(*) FROM consent_ledger") == before


def test_upgrade_turns_the_old_consent_flag_into_one_ledger_row(db_url: str, tmp_path: Path) -> None:
    url = db_url
    engine = create_engine(url)
    try:
        cfg = schema.alembic_config()
        with engine.begin() as conn:  # back to before the ledger, with a consenting student
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009_users")
            conn.execute(
                text("INSERT INTO classes (code, name, created_at) VALUES ('9B', 'B', CURRENT_TIMESTAMP)")
            )
            for sid, given in (("S1", False), ("S2", True)):
                conn.execute(
                    text(
                        "INSERT INTO students (id, student_id, name, is_active, consent_given, consent_by, "
                        "created_at, updated_at) VALUES (:id, :sid, :sid, :t, :given, 'Mum', "
                        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                    ),
                    {
                        "id": ("0" * 31 + sid[-1])
                        if engine.dialect.name == "sqlite"
                        else f"00000000-0000-0000-0000-00000000000{sid[-1]}",
                        "sid": sid,
                        "t": True,
                        "given": given,
                    },
                )
        schema.upgrade(engine)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT kind, party, method, note FROM consent_ledger")).all()
        assert rows == [
            ("consent", "school", "migrated from the previous consent flag", "recorded as given by: Mum")
        ]
    finally:
        engine.dispose()


def test_copying_a_kiosk_database_keeps_consent_and_the_audit_chain(
    pg_url: str, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """``kiosk migrate`` from a kiosk's SQLite file: consent flags get their ledger row, the chain holds."""
    from tests.foundation._helpers import run_cli

    source = tmp_path / "kiosk.db"
    src = Kiosk(f"sqlite:///{source}", tmp_path / "src-data", capsys)
    src.seed()
    code = run_cli(
        # on the kiosk that made the file: its key opens the sealed face data
        capsys,
        ["--data-dir", str(src.data_dir), "migrate", "--from", str(source), "--to", pg_url],
    ).code
    assert code == 0
    target = Kiosk(pg_url, tmp_path / "pg-data", capsys)
    assert "The audit log is intact" in target.ok("audit", "verify").out
    assert "face matching allowed" in target.ok("consent", "history", "S2").out
    assert scalar(pg_url, "SELECT count(*) FROM consent_ledger") == 1
