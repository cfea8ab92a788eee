"""The ``kiosk`` command on real SQLite files and real PostgreSQL databases.

Each command's success, and each bad input the issue names: one clear line on stderr, a
non-zero exit, no traceback, and nothing already stored lost or half-written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from kiosk.infra.db import schema
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import encodings, students
from tests.pg_servers import PG_BIN, PasswordCluster

from ._helpers import (
    CliKiosk,
    assert_clean_failure,
    execute,
    row_counts,
    run_cli,
    run_cli_subprocess,
    scalar,
)

SCRAM_PASSWORD = "correct-Horse-7731"
WRONG_PASSWORD = "wrong-Battery-0042"


@pytest.fixture
def kiosk(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Kiosk:
    return Kiosk(db_url, tmp_path / "data", capsys)


class Kiosk(CliKiosk):
    """The CLI on a kiosk with this folder's sample school."""

    def seed(self) -> None:
        """A class with two students (one with consent and an email), committed."""
        self.ok("class", "add", "9B", "--name", "Biology 9B", "--starts", "08:30")
        self.ok("student", "add", "--student-id", "S1", "--name", "Ada Lovelace", "--class", "9B")
        self.ok(
            "student", "add", "--student-id", "S2", "--name", "Alan Turing", "--class", "9B",
            "--email", "alan@school.org", "--consent",
        )  # fmt: skip


# --- success ------------------------------------------------------------------------------


def test_db_upgrade_and_status(kiosk: Kiosk) -> None:
    assert "already up to date" in kiosk.ok("db", "upgrade").out
    out = kiosk.ok("db", "status").out
    head = schema.head_revision()
    assert f"Schema:   {head} (this kiosk: {head})" in out
    assert "Pending:  none" in out


def test_db_status_on_an_empty_database_lists_pending_revisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    out = Kiosk(url, tmp_path / "data", capsys).ok("db", "status").out
    assert "Schema:   empty" in out
    assert "Pending:  0001" in out and schema.head_revision() in out


def test_class_add_and_list(kiosk: Kiosk) -> None:
    assert kiosk.ok("class", "list").out.startswith("No classes yet")
    out = kiosk.ok(
        "class", "add", "9B", "--name", "Biology 9B", "--teacher", "Ms Lee", "--starts", "8:30"
    ).out
    assert "Added class 9B (Biology 9B)" in out
    kiosk.ok("class", "add", "10A", "--name", "Physics 10A")
    listing = kiosk.ok("class", "list").out.splitlines()
    assert listing[0].split() == ["CODE", "STARTS", "TEACHER", "NAME"]
    # natural order: 9B before 10A
    assert listing[1].split() == ["9B", "08:30", "Ms", "Lee", "Biology", "9B"]
    assert listing[2].split() == ["10A", "-", "-", "Physics", "10A"]
    assert str(scalar(kiosk.url, "SELECT starts_at FROM classes WHERE code = '9B'")).startswith("08:30")


def test_student_add_and_list(kiosk: Kiosk) -> None:
    kiosk.seed()
    kiosk.ok("class", "add", "10A", "--name", "Physics 10A")
    out = kiosk.ok("student", "add", "--student-id", "S3", "--name", "Grace Hopper", "--class", "10A").out
    assert "Added Grace Hopper (S3) to 10A; no consent" in out
    assert scalar(kiosk.url, "SELECT email FROM students WHERE student_id = 'S2'") == "alan@school.org"
    assert scalar(kiosk.url, "SELECT consent_given FROM students WHERE student_id = 'S2'") in (True, 1)
    assert scalar(kiosk.url, "SELECT consent_given FROM students WHERE student_id = 'S1'") in (False, 0)

    everyone = kiosk.ok("student", "list").out
    assert [line.split()[0] for line in everyone.splitlines()[1:]] == ["S1", "S2", "S3"]
    in_9b = kiosk.ok("student", "list", "--class", "9B").out.splitlines()[1:]
    assert [line.split()[:3] for line in in_9b] == [["S1", "9B", "no"], ["S2", "9B", "yes"]]
    found = kiosk.ok("student", "list", "--search", "TURING").out.splitlines()[1:]
    assert [line.split()[0] for line in found] == ["S2"]
    assert kiosk.ok("student", "list", "--search", "nobody").out.strip() == "No students match."


def test_student_consent_give_and_withdraw_deletes_face_data(kiosk: Kiosk) -> None:
    kiosk.seed()
    assert (
        "Consent recorded for Ada Lovelace (S1)"
        in kiosk.ok("student", "consent", "S1", "--give", "--by", "Mum").out
    )
    engine = create_engine(kiosk.url)
    try:
        with unit_of_work(session_factory(engine)) as s:
            ada = students.get_student(s, "S1")
            encodings.add_encoding(s, ada.id, model_name="Facenet512", vector=np.ones(512, np.float32))
            encodings.add_encoding(s, ada.id, model_name="Facenet512", vector=np.full(512, 0.5, np.float32))
    finally:
        engine.dispose()
    assert scalar(kiosk.url, "SELECT count(*) FROM face_encodings") == 2
    assert kiosk.ok("student", "list", "--search", "ada").out.splitlines()[1].split()[2:4] == ["yes", "2"]

    out = kiosk.ok("student", "consent", "S1", "--withdraw", "--by", "Mum").out
    assert "Consent withdrawn for Ada Lovelace (S1); their face data was deleted." in out
    assert scalar(kiosk.url, "SELECT count(*) FROM face_encodings") == 0
    assert scalar(kiosk.url, "SELECT consent_given FROM students WHERE student_id = 'S1'") in (False, 0)
    actions = scalar(
        kiosk.url,
        "SELECT count(*) FROM audit_log WHERE entity_id = 'S1' AND action = 'student.consent_withdrawn'",
    )
    assert actions == 1


def test_student_delete_with_yes_writes_the_audit_log(kiosk: Kiosk) -> None:
    kiosk.seed()
    assert "Deleted student S2 and their data." in kiosk.ok("student", "delete", "S2", "--yes").out
    assert scalar(kiosk.url, "SELECT count(*) FROM students WHERE student_id = 'S2'") == 0
    assert scalar(kiosk.url, "SELECT count(*) FROM students") == 1
    assert (
        scalar(kiosk.url, "SELECT action FROM audit_log WHERE entity_id = 'S2' ORDER BY id DESC LIMIT 1")
        == "student.delete"
    )
    assert "Alan" not in str(scalar(kiosk.url, "SELECT details FROM audit_log WHERE entity_id = 'S2'"))


def test_doctor_runs_and_prints_each_check(kiosk: Kiosk) -> None:
    result = kiosk("doctor")
    assert result.code in (0, 1), result  # 1: a check failed (no camera, no model weights here)
    assert "Traceback" not in result.both
    for name in ("Python", "Packages", "Data folder", "Database", "Cameras", "Face models"):
        assert f"] {name}: " in result.out, f"doctor did not report {name}"
    database_line = next(line for line in result.out.splitlines() if "] Database: " in line)
    assert database_line.startswith("[ok  ]")
    last = result.out.rstrip().splitlines()[-1]
    assert last == "All checks passed." if result.code == 0 else last.endswith("check(s) failed.")


def test_doctor_reports_an_unreachable_database_instead_of_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = Kiosk("postgresql://postgres@127.0.0.1:1/x", tmp_path / "d", capsys)("doctor")
    assert result.code == 1
    assert "[FAIL] Database: PostgreSQL at 127.0.0.1:1 cannot be reached." in result.out
    assert "Traceback" not in result.both


# --- bad input on both databases ---------------------------------------------------------


def test_unknown_class(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    assert_clean_failure(
        kiosk("student", "add", "--student-id", "S9", "--name", "X", "--class", "7Z"),
        "no class with code '7Z'",
    )
    assert_clean_failure(kiosk("student", "list", "--class", "7Z"), "no class with code '7Z'")
    assert row_counts(kiosk.url) == before


def test_duplicate_student_id(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    result = kiosk("student", "add", "--student-id", "S1", "--name", "Somebody Else", "--class", "9B")
    assert_clean_failure(result, "student with id 'S1' already exists")
    assert row_counts(kiosk.url) == before
    assert scalar(kiosk.url, "SELECT name FROM students WHERE student_id = 'S1'") == "Ada Lovelace"


def test_duplicate_email(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    result = kiosk(
        "student",
        "add",
        "--student-id",
        "S5",
        "--name",
        "Copy Cat",
        "--class",
        "9B",
        "--email",
        "alan@school.org",
    )
    assert_clean_failure(result, "already has the email 'alan@school.org'")
    assert row_counts(kiosk.url) == before


def test_duplicate_class_code(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    assert_clean_failure(
        kiosk("class", "add", "9B", "--name", "Other"), "class with code '9B' already exists"
    )
    assert row_counts(kiosk.url) == before
    assert scalar(kiosk.url, "SELECT name FROM classes WHERE code = '9B'") == "Biology 9B"


def test_bad_start_time(kiosk: Kiosk) -> None:
    before = row_counts(kiosk.url)
    for starts in ("25:00", "8:61", "eight", "8", "08:30:00"):
        result = kiosk("class", "add", "9C", "--name", "Chemistry", "--starts", starts)
        assert_clean_failure(result, f"{starts!r} is not a time of day", "HH:MM")
    assert row_counts(kiosk.url) == before


def test_invalid_email(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    for email in ("not-an-email", "a@b", "two words@school.org"):
        result = kiosk(
            "student", "add", "--student-id", "S7", "--name", "E", "--class", "9B", "--email", email
        )
        assert_clean_failure(result, "is not an email address")
    assert row_counts(kiosk.url) == before


def test_values_too_long_for_their_column(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    long_id = "X" * 65
    result = kiosk("student", "add", "--student-id", long_id, "--name", "Long", "--class", "9B")
    assert_clean_failure(result, "student id is too long (65 characters; at most 64)")
    assert_clean_failure(kiosk("class", "add", "C" * 33, "--name", "Long"), "class code is too long")
    assert row_counts(kiosk.url) == before


def test_unknown_student(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    assert_clean_failure(kiosk("student", "consent", "NOPE", "--give"), "no student with id 'NOPE'")
    assert_clean_failure(kiosk("student", "delete", "NOPE", "--yes"), "no student with id 'NOPE'")
    assert row_counts(kiosk.url) == before


def test_delete_without_confirmation_deletes_nothing(kiosk: Kiosk) -> None:
    kiosk.seed()
    before = row_counts(kiosk.url)
    assert_clean_failure(kiosk("student", "delete", "S1"), "Nothing was deleted", "--yes")
    assert row_counts(kiosk.url) == before


def test_schema_newer_than_the_code(kiosk: Kiosk) -> None:
    kiosk.seed()
    execute(kiosk.url, "UPDATE alembic_version SET version_num = 'f00dfeed'")
    before = row_counts(kiosk.url)
    for args in (("db", "upgrade"), ("class", "list"), ("student", "add", "--student-id", "N", "--name", "N",
                                                          "--class", "9B")):  # fmt: skip
        assert_clean_failure(kiosk(*args), "newer version of the kiosk", "f00dfeed")
    assert row_counts(kiosk.url) == before
    assert scalar(kiosk.url, "SELECT version_num FROM alembic_version") == "f00dfeed"


def test_data_dir_that_is_not_writable(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("a file, not a folder")
    before = row_counts(db_url)
    for args in (("class", "list"), ("db", "upgrade"), ("class", "add", "X", "--name", "X")):
        result = Kiosk(db_url, blocker / "sub", capsys)(*args)
        assert_clean_failure(result, f"The data folder {blocker / 'sub'} is not writable")
    assert row_counts(db_url) == before
    assert blocker.read_text() == "a file, not a folder"


# --- connection problems ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["postgresql://postgres@127.0.0.1:notaport/x", "not a url at all", "sqlite//missing-colon.db"]
)
def test_malformed_database_url(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_clean_failure(Kiosk(url, tmp_path / "d", capsys)("db", "status"), "database URL is malformed")


def test_sqlite_file_in_a_folder_that_cannot_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = Kiosk(f"sqlite:///{blocker / 'sub' / 'k.db'}", tmp_path / "d", capsys)("class", "list")
    assert_clean_failure(result, f"The folder {blocker / 'sub'} for the database file does not exist")


def test_sqlite_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not SQLite" * 100)
    result = Kiosk(f"sqlite:///{damaged}", tmp_path / "d", capsys)("student", "list")
    assert_clean_failure(result, "is not a usable SQLite database")
    assert damaged.read_bytes() == b"this is not SQLite" * 100


def test_unsupported_database_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = Kiosk("mysql://root@localhost/school", tmp_path / "d", capsys)("class", "list")
    assert_clean_failure(result, "'mysql' is not supported")


def test_unreachable_server_names_host_and_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = Kiosk("postgresql://postgres@127.0.0.1:1/x", tmp_path / "d", capsys)("class", "list")
    line = assert_clean_failure(result, "127.0.0.1:1", "cannot be reached")
    assert "server is running" in line and "port" in line


@pytest.fixture(scope="session")
def scram_server() -> Iterator[tuple[str, int]]:
    """A throwaway PostgreSQL that demands passwords (the dev server trusts everyone)."""
    if not (PG_BIN / "initdb").is_file():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN}")
    cluster = PasswordCluster(SCRAM_PASSWORD)
    try:
        yield "127.0.0.1", cluster.port
    finally:
        cluster.destroy()


@pytest.mark.postgres
def test_wrong_password_is_refused_without_echoing_it(
    scram_server: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    host, port = scram_server
    url = f"postgresql://postgres:{WRONG_PASSWORD}@{host}:{port}/postgres"
    result = Kiosk(url, tmp_path / "d", capsys)("db", "status")
    line = assert_clean_failure(result, f"{host}:{port}", "wrong or missing password")
    assert WRONG_PASSWORD not in result.both and WRONG_PASSWORD not in line

    missing = Kiosk(f"postgresql://postgres@{host}:{port}/postgres", tmp_path / "d", capsys)("db", "status")
    assert_clean_failure(missing, "wrong or missing password")

    log_file = tmp_path / "d" / "logs" / "kiosk.log"
    assert WRONG_PASSWORD not in (log_file.read_text() if log_file.exists() else "")


@pytest.mark.postgres
def test_right_password_from_the_environment_works_and_is_never_shown(
    scram_server: tuple[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    host, port = scram_server
    for var, value in {
        "POSTGRES_HOST": host,
        "POSTGRES_PORT": str(port),
        "POSTGRES_USER": "postgres",
        "POSTGRES_DB": "postgres",
        "POSTGRES_PASSWORD": SCRAM_PASSWORD,
    }.items():
        monkeypatch.setenv(var, value)
    result = run_cli(capsys, ["--data-dir", str(tmp_path / "d"), "db", "upgrade"])
    assert result.code == 0, result
    assert f"{host}:{port}/postgres" in result.out
    assert SCRAM_PASSWORD not in result.both
    result = run_cli(capsys, ["--data-dir", str(tmp_path / "d"), "db", "status"])
    assert result.code == 0 and SCRAM_PASSWORD not in result.both


# --- as a person runs it: a separate process --------------------------------------------------


def test_subprocess_duplicate_leaves_data_intact(db_url: str, tmp_path: Path) -> None:
    execute(db_url, "INSERT INTO classes (code, name) VALUES ('9B', 'Biology 9B')")
    before = row_counts(db_url)
    duplicate = run_cli_subprocess(
        ["--database", db_url, "--data-dir", str(tmp_path / "d"), "class", "add", "9B", "--name", "Again"]
    )
    assert_clean_failure(duplicate, "already exists")
    assert row_counts(db_url) == before


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://postgres@127.0.0.1:port/x", "database URL is malformed"),
        ("postgresql://postgres@127.0.0.1:1/x", "127.0.0.1:1 cannot be reached"),
    ],
)
def test_subprocess_bad_database_shows_no_traceback(url: str, expected: str, tmp_path: Path) -> None:
    result = run_cli_subprocess(["--database", url, "--data-dir", str(tmp_path / "d"), "class", "list"])
    assert_clean_failure(result, expected)


@pytest.mark.postgres
def test_subprocess_wrong_password(scram_server: tuple[str, int], tmp_path: Path) -> None:
    host, port = scram_server
    url = make_url(f"postgresql://postgres@{host}:{port}/postgres").set(password=WRONG_PASSWORD)
    result = run_cli_subprocess(
        [
            "--database",
            url.render_as_string(hide_password=False),
            "--data-dir",
            str(tmp_path / "d"),
            "db",
            "status",
        ]
    )
    assert_clean_failure(result, "wrong or missing password")
    assert WRONG_PASSWORD not in result.both


def test_subprocess_unwritable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = run_cli_subprocess(["--data-dir", str(blocker / "sub"), "student", "list"])
    assert_clean_failure(result, "is not writable")


def test_plain_kiosk_without_a_display_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert_clean_failure(run_cli(capsys, ["--data-dir", str(tmp_path / "d")]), "no display found")
