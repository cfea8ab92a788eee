"""``kiosk class rename|set-start|archive`` and ``kiosk student edit|move|deactivate`` on real
SQLite and PostgreSQL: each change, each bad input as one line that stores nothing."""

from __future__ import annotations

import pytest

from ._helpers import assert_clean_failure, row_counts, scalar
from .test_cli import Kiosk
from .test_cli import kiosk as kiosk


@pytest.fixture
def school(kiosk: Kiosk) -> Kiosk:
    kiosk.seed()
    kiosk.ok("class", "add", "10A", "--name", "Chemistry 10A")
    return kiosk


def test_class_changes(school: Kiosk) -> None:
    assert (
        "is now 9C (Biology 9C)"
        in school.ok("class", "rename", "9B", "--name", "Biology 9C", "--code", "9C").out
    )
    assert (
        scalar(
            school.url,
            "SELECT count(*) FROM students s JOIN classes c ON s.class_id = c.id WHERE c.code = '9C'",
        )
        == 2
    )
    assert "starts at 09:15" in school.ok("class", "set-start", "9C", "09:15").out
    assert "no scheduled start" in school.ok("class", "set-start", "9C", "none").out
    assert "archived" in school.ok("class", "archive", "10A").out
    assert "10A" not in school.ok("class", "list").out
    assert (
        "10A" in school.ok("class", "list", "--all").out
        and "(archived)" in school.ok("class", "list", "--all").out
    )
    assert "in use again" in school.ok("class", "archive", "10A", "--undo").out


def test_student_changes(school: Kiosk) -> None:
    assert (
        "Changed Ada King"
        in school.ok("student", "edit", "S1", "--name", "Ada King", "--email", "ada@school.org").out
    )
    assert scalar(school.url, "SELECT email FROM students WHERE student_id = 'S1'") == "ada@school.org"
    assert scalar(school.url, "SELECT name_search FROM students WHERE student_id = 'S1'") == "ada king"
    school.ok("student", "edit", "S1", "--email", "")
    assert scalar(school.url, "SELECT email FROM students WHERE student_id = 'S1'") is None
    assert "to 10A" in school.ok("student", "move", "S1", "--class", "10A").out
    assert "deactivated" in school.ok("student", "deactivate", "S2").out
    assert "(inactive)" in school.ok("student", "list").out
    assert "active again" in school.ok("student", "deactivate", "S2", "--undo").out
    actions = scalar(school.url, "SELECT count(*) FROM audit_log WHERE action LIKE 'student.%'")
    assert int(actions or 0) >= 5


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("class", "rename", "9B"), "Nothing to change"),
        (("class", "rename", "9B", "--code", "10A"), "already exists"),
        (("class", "rename", "NOPE", "--name", "X"), "no class with code"),
        (("class", "rename", "9B", "--name", "  "), "needs a name"),
        (("class", "set-start", "9B", "25:99"), "not a time of day"),
        (("class", "archive", "NOPE"), "no class with code"),
        (("student", "edit", "S1"), "Nothing to change"),
        (("student", "edit", "S1", "--email", "not-an-email"), "not an email address"),
        (("student", "edit", "S1", "--email", "alan@school.org"), "already has the email"),
        (("student", "edit", "NOPE", "--name", "X"), "no student with id"),
        (("student", "move", "S1", "--class", "NOPE"), "no class with code"),
        (("student", "deactivate", "NOPE"), "no student with id"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    school: Kiosk, args: tuple[str, ...], expected: str
) -> None:
    before = row_counts(school.url)
    names = (
        scalar(school.url, "SELECT string_agg(name, ',') FROM students") if "postgres" in school.url else None
    )
    assert_clean_failure(school(*args), expected)
    assert row_counts(school.url) == before
    if names is not None:
        assert scalar(school.url, "SELECT string_agg(name, ',') FROM students") == names


def test_moving_into_an_archived_class_is_refused(school: Kiosk) -> None:
    school.ok("class", "archive", "10A")
    assert_clean_failure(school("student", "move", "S1", "--class", "10A"), "archived")
