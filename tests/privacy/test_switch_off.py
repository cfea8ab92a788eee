"""``[privacy] face_recognition = false``: cards, PINs and the teacher only; no template ever."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app.bootstrap import FaceRecognitionOff, build_services
from kiosk.app.checkin import CheckinAdmin
from kiosk.core.domain import MarkSource
from kiosk.core.errors import ConfigError
from kiosk.infra.config import load_settings
from tests.foundation._helpers import assert_clean_failure, scalar

from .conftest import Kiosk
from .test_checkin import PORTRAIT, photo_with_card


def switch_off(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.toml").write_text("[privacy]\nface_recognition = false\n", encoding="utf-8")


def test_switched_off_the_kiosk_runs_on_cards_and_says_so(kiosk: Kiosk) -> None:
    kiosk.seed()
    switch_off(kiosk.data_dir)
    before = scalar(kiosk.url, "SELECT count(*) FROM face_encodings")
    # Enrollment is refused with one line, before any model is loaded, and nothing is stored.
    assert_clean_failure(
        kiosk("enroll", "--student-id", "S1", str(PORTRAIT)), "face recognition is switched off"
    )
    assert scalar(kiosk.url, "SELECT count(*) FROM face_encodings") == before
    settings = load_settings(data_dir=kiosk.data_dir, database_url=kiosk.url)
    services = build_services(settings)
    try:
        with pytest.raises(FaceRecognitionOff):
            services.models.load()
        with pytest.raises(FaceRecognitionOff):
            services.enrollment()
        engine = services.engine
        assert engine is not None
        cards = {c.student.student_id: c for c in CheckinAdmin(engine).issue_cards("9B")}
        session = services.session(actor="teacher")
        assert session.analyser is None
        session.start("9B")
        assert any("switched off for this school" in w for w in session.warnings)
        # S2 consented and has templates, but with recognition off only the card counts.
        result = session.process_frame(photo_with_card(cards["S2"].payload), timestamp=1.0)
        assert [m.source for m in result.new_marks] == [MarkSource.CARD]
        session.end()
    finally:
        services.close()


def test_retention_settings_are_checked(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("[privacy]\ntemplates_unseen_days = 2000\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="1 to 1095"):
        load_settings(data_dir=tmp_path)
    (tmp_path / "config.toml").write_text("[privacy]\naudit_days = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be negative"):
        load_settings(data_dir=tmp_path)
