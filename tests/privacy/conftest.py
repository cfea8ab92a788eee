"""Fixtures for the privacy tests: the real ``kiosk`` command on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import encodings, students
from tests.foundation._helpers import CliKiosk


class Kiosk(CliKiosk):
    """The CLI on a kiosk with this folder's sample school."""

    def seed(self) -> None:
        """Class 9B: S1 without consent, S2 with consent (from a parent) and two face vectors."""
        self.ok("class", "add", "9B", "--name", "Biology 9B")
        self.ok("student", "add", "--student-id", "S1", "--name", "Ada Lovelace", "--class", "9B")
        self.ok(
            "student", "add", "--student-id", "S2", "--name", "Alan Turing", "--class", "9B",
            "--consent", "--consent-by", "Ethel Turing",
        )  # fmt: skip
        engine = self.engine()
        try:
            with unit_of_work(session_factory(engine)) as s:
                info = students.get_student(s, "S2")
                rng = np.random.default_rng(3)
                for _ in range(2):
                    encodings.add_encoding(s, info.id, model_name="Facenet512", vector=rng.normal(size=512))
                students.set_photo(s, info.id, b"\xff\xd8jpeg")
        finally:
            engine.dispose()


@pytest.fixture
def kiosk(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Kiosk:
    return Kiosk(db_url, tmp_path / "data", capsys)
