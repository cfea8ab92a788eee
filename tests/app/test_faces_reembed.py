"""``kiosk faces reembed``: students enrolled under the old dlib path get Dlib-chip encodings from
their stored photo (real SQLite and PostgreSQL, real photos, the real dlib models)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlalchemy import Engine

from kiosk.app.enrollment import EnrollmentService
from kiosk.app.faces_reembed import reembed_stored_photos
from kiosk.app.roster import RosterService
from kiosk.cli.main import main
from kiosk.core.matching import decide
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import encodings, students
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.index import FaceIndex
from kiosk.infra.recognition.pipeline import FacePipeline
from kiosk.infra.recognition.profiles import DLIB_DEEPFACE
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = [pytest.mark.recognition, pytest.mark.slow]
PEOPLE = FACES_DIR / "people"


@pytest.fixture
def kiosk(tmp_path: Path, dlib_models_dir: Path, db_url: str) -> Iterator[tuple[Settings, Engine]]:
    data = offline_profile_data_dir(tmp_path, dlib_models_dir)
    settings = load_settings(data_dir=data, database_url=db_url)
    engine = build_engine(settings)
    yield settings, engine
    engine.dispose()


def _add(engine: Engine, sid: str, name: str, *, consent: bool) -> None:
    with unit_of_work(session_factory(engine)) as s:
        students.add_student(
            s, student_id=sid, name=name, class_code=None, consent=consent, consent_by="test"
        )


def _models(engine: Engine, sid: str) -> dict[str, int]:
    with unit_of_work(session_factory(engine)) as s:
        return encodings.student_models(s, students.get_student(s, sid).id)


def _photo(engine: Engine, sid: str) -> bytes | None:
    with unit_of_work(session_factory(engine)) as s:
        info = students.get_student(s, sid)
        return students.photos(s, [info.id]).get(info.id)


def test_reembedding_from_stored_photos(
    kiosk: tuple[Settings, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    settings, engine = kiosk
    old = EnrollmentService(
        RosterService(engine), FacePipeline(settings, DLIB_DEEPFACE), match_threshold=0.94
    )
    for sid, person in (("S1", "person01"), ("S2", "person02"), ("S3", "person03")):
        _add(engine, sid, f"Student {sid}", consent=True)
        old.enroll_paths(sid, [PEOPLE / person / "1.jpg"])  # a "Dlib" encoding and a thumbnail
    _add(engine, "S4", "No Consent", consent=False)
    with unit_of_work(session_factory(engine)) as s:
        # a photo stored for a student without consent must never be looked at
        students.set_photo(s, students.get_student(s, "S4").id, (PEOPLE / "person04" / "1.jpg").read_bytes())
        students.set_photo(s, students.get_student(s, "S2").id, None)  # photo lost
        wall = cv2.imencode(".jpg", np.full((96, 96, 3), 120, np.uint8))[1].tobytes()
        students.set_photo(s, students.get_student(s, "S3").id, wall)  # no face in it
    before = _photo(engine, "S1")
    assert _models(engine, "S1") == {"Dlib": 1}

    pipeline = FacePipeline(settings)
    assert pipeline.model_name == "Dlib-chip"
    dry = reembed_stored_photos(RosterService(engine), pipeline, match_threshold=0.95, dry_run=True)
    assert [n.student_id for n in dry.enrolled] == ["S1"] and _models(engine, "S1") == {"Dlib": 1}
    assert [n.student_id for n in dry.needs_photos] == ["S2", "S3"]

    report = reembed_stored_photos(RosterService(engine), pipeline, match_threshold=0.95)

    assert [n.student_id for n in report.enrolled] == ["S1"]
    assert {n.student_id: n.reason for n in report.needs_photos}.keys() == {"S2", "S3"}
    assert "no stored photo" in dict((n.student_id, n.reason) for n in report.needs_photos)["S2"]
    assert "No face" in dict((n.student_id, n.reason) for n in report.needs_photos)["S3"]
    assert [n.student_id for n in report.no_consent] == ["S4"]
    assert _models(engine, "S1") == {"Dlib": 1, "Dlib-chip": 1}  # the old one kept, never compared
    assert _models(engine, "S4") == {}
    assert _photo(engine, "S1") == before  # the thumbnail is not re-made from itself

    # the new encoding recognises the student in another photo, under the new model only
    with unit_of_work(session_factory(engine)) as s:
        gallery = encodings.load_gallery(s, "Dlib-chip")
        s1 = students.get_student(s, "S1").id
    assert gallery.student_ids == (s1,)
    _, probe = pipeline.embed_single(load_image(PEOPLE / "person01" / "2.jpg"), jitters=0)
    index = FaceIndex.build(gallery.vectors, gallery.student_ids, "Dlib-chip")
    rec = settings.recognition
    decision = decide(index.search(probe, "Dlib-chip", k=3)[0], rec.threshold_for("Dlib-chip"), 0.0)
    assert decision.student_uuid == s1

    # again: nobody is enrolled twice
    again = reembed_stored_photos(RosterService(engine), pipeline, match_threshold=0.95)
    assert again.enrolled == () and [n.student_id for n in again.already] == ["S1"]
    assert _models(engine, "S1") == {"Dlib": 1, "Dlib-chip": 1}

    base = ["--data-dir", str(settings.data_dir), "--database", settings.database.url]
    capsys.readouterr()
    main([*base, "doctor"])
    out = capsys.readouterr().out
    # The doctor's recognition check names who has no encoding of the active model, and the fix.
    assert "Recognition: 1 of 4 active students can be recognised with Dlib-chip" in out, out
    assert "2 no encoding for this model (S2, S3)" in out, out
    assert "kiosk faces reembed" in out

    rc = main([*base, "faces", "reembed", "--dry-run"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "Active model Dlib-chip: 0 student(s) would be re-embedded" in out
    assert "Need new photos for Dlib-chip" in out and "S2 Student S2: no stored photo" in out
    assert "Without consent" in out and "S4 No Consent" in out
