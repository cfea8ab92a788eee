"""The non-biometric way in: QR cards read by the camera, PINs, on SQLite and PostgreSQL.

The point the issue makes: no face vector is ever computed for a pupil who checks in by
card. The fast tests count the embedder's calls with a small fake of the FaceAnalyser port;
the slow one wraps the real dlib pipeline and shows it a real photo of a pupil holding
their card.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import pytest
from sqlalchemy import Engine

from kiosk.app.checkin import CheckinAdmin, KioskCodes
from kiosk.app.records import RecordsService
from kiosk.app.session import AttendanceSessionService
from kiosk.core.checkin import card_token_from, hash_pin, verify_pin
from kiosk.core.domain import FaceBox, MarkSource
from kiosk.core.errors import InvalidInput
from kiosk.core.records import MarkMethod
from kiosk.infra.camera.codes import QrCodeReader, qr_image
from kiosk.infra.config import RecognitionSettings
from kiosk.infra.db.store import DirectStore
from kiosk.infra.offline.credentials import CachedCredentialSource
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.index import IndexCache
from tests.foundation._helpers import scalar

from .conftest import Kiosk

PORTRAIT = Path(__file__).resolve().parents[1] / "data" / "faces" / "people" / "person01" / "1.jpg"


@dataclass(frozen=True)
class _Face:
    box: FaceBox
    accepted: bool = True


class CountingAnalyser:
    """A FaceAnalyser that finds one face in every frame and counts what it is asked to embed."""

    model_name = "Facenet512"

    def __init__(self) -> None:
        self.detect_calls = 0
        self.embedded = 0

    def detect(self, frame_bgr: npt.NDArray[np.uint8]) -> Sequence[_Face]:
        self.detect_calls += 1
        return [_Face(FaceBox(10, 10, 120, 120))]

    def embed(self, faces: Sequence[_Face]) -> npt.NDArray[np.float32]:
        self.embedded += len(faces)
        rng = np.random.default_rng(self.embedded)
        v = rng.normal(size=(len(faces), 512)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def photo_with_card(payload: str) -> npt.NDArray[np.uint8]:
    """A real photo of a pupil with their card held up beside the face."""
    photo = load_image(PORTRAIT).copy()
    card = cv2.cvtColor(qr_image(payload, module_pixels=6), cv2.COLOR_GRAY2BGR)
    h, w = card.shape[:2]
    canvas = np.full((max(photo.shape[0], h), photo.shape[1] + w, 3), 255, dtype=np.uint8)
    canvas[: photo.shape[0], : photo.shape[1]] = photo
    canvas[:h, photo.shape[1] :] = card
    return canvas


@pytest.fixture
def engine(kiosk: Kiosk) -> Iterator[Engine]:
    kiosk.seed()
    engine = kiosk.engine()
    yield engine
    engine.dispose()


def session_service(engine: Engine, tmp_path: Path, analyser: object | None) -> AttendanceSessionService:
    codes = KioskCodes(QrCodeReader(), CachedCredentialSource(engine, tmp_path / "checkin"))
    return AttendanceSessionService(
        DirectStore(engine),
        analyser,  # type: ignore[arg-type]
        IndexCache(tmp_path / "indexes"),
        recognition=RecognitionSettings(),
        late_grace_minutes=5,
        kiosk_id="test",
        codes=codes,
    )


def test_pin_and_card_hashes() -> None:
    stored = hash_pin("4711")
    assert stored.startswith("scrypt$") and "4711" not in stored
    assert verify_pin("4711", stored) and not verify_pin("4712", stored)
    assert not verify_pin("4711", "sha1$nonsense")
    assert card_token_from("KIOSK1:abc") == "abc"
    assert card_token_from("https://example.org") is None


def test_a_card_checks_in_an_opted_out_pupil_and_no_face_is_embedded(
    kiosk: Kiosk, engine: Engine, tmp_path: Path
) -> None:
    issued = {c.student.student_id: c for c in CheckinAdmin(engine).issue_cards("9B", actor="office")}
    assert set(issued) == {"S1", "S2"}
    # Only hashes are stored: the token on the card is nowhere in the database.
    token = card_token_from(issued["S1"].payload)
    assert token is not None
    assert scalar(kiosk.url, "SELECT count(*) FROM checkin_credentials WHERE card_hash = :t", t=token) == 0

    analyser = CountingAnalyser()
    service = session_service(engine, tmp_path, analyser)
    service.start("9B")
    s1 = issued["S1"].student
    assert not s1.consent_given  # opted out: no template, never matched
    result = service.process_frame(photo_with_card(issued["S1"].payload), timestamp=100.0)
    assert [(m.student_uuid, m.source) for m in result.new_marks] == [(s1.id, MarkSource.CARD)]
    assert analyser.detect_calls == 0 and analyser.embedded == 0
    # The card still in view, and a moment after it left: no face is analysed.
    service.process_frame(photo_with_card(issued["S1"].payload), timestamp=101.0)
    service.process_frame(load_image(PORTRAIT), timestamp=102.5)
    assert analyser.embedded == 0
    # Later, without a card, face matching runs again (it was paused, not broken).
    service.process_frame(load_image(PORTRAIT), timestamp=110.0)
    assert analyser.embedded == 1
    service.end()
    assert scalar(kiosk.url, "SELECT source FROM attendance_records") == "card"
    # The record says how: by card (it said "hand" before).
    session_id = service.session.id if service.session else None
    assert session_id is not None
    line = RecordsService(engine).session(session_id).line_for("S1")
    assert line is not None and line.method is MarkMethod.CARD


def test_a_card_of_another_class_or_a_stranger_code_marks_nobody(engine: Engine, tmp_path: Path) -> None:
    service = session_service(engine, tmp_path, None)
    service.start("9B")
    result = service.process_frame(photo_with_card("KIOSK1:not-a-card-we-issued"), timestamp=1.0)
    assert result.new_marks == () and "not valid here" in result.notices[0]
    assert service.process_frame(photo_with_card("https://example.org"), timestamp=9.0).notices == ()


def test_a_pin_checks_in_and_five_wrong_ones_lock_it(
    kiosk: Kiosk, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert "PIN set for Ada Lovelace" in kiosk.ok("cards", "pin", "S1").out
    assert "2468" not in str(scalar(kiosk.url, "SELECT pin_hash FROM checkin_credentials"))
    service = session_service(engine, tmp_path, CountingAnalyser())
    service.start("9B")
    s1 = next(e.student for e in service.roster() if e.student.student_id == "S1")
    assert service.codes.pin_students == {s1.id}
    with pytest.raises(InvalidInput, match="not right"):
        service.pin_checkin(s1.id, "1111")
    mark = service.pin_checkin(s1.id, "2468")
    assert mark is not None and mark.source is MarkSource.PIN
    assert scalar(kiosk.url, "SELECT source FROM attendance_records") == "pin"
    assert service.session is not None
    line = RecordsService(engine).session(service.session.id).line_for("S1")
    assert line is not None and line.method is MarkMethod.PIN
    for _ in range(5):
        with pytest.raises(InvalidInput):
            service.pin_checkin(s1.id, "0000")
    with pytest.raises(InvalidInput, match="Too many wrong PINs"):
        service.pin_checkin(s1.id, "2468")


def test_bad_pins_and_unknown_students_are_one_line(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.foundation._helpers import assert_clean_failure

    kiosk.seed()
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert_clean_failure(kiosk("cards", "pin", "S1"), "A PIN is 4 to 8 digits")
    assert_clean_failure(kiosk("cards", "print", "--class", "7Z", "--out", "x.pdf"), "7Z")
    assert scalar(kiosk.url, "SELECT count(*) FROM checkin_credentials") == 0


@pytest.mark.gui
def test_cards_print_writes_a_pdf_whose_codes_check_in(kiosk: Kiosk, tmp_path: Path) -> None:
    kiosk.seed()
    out = tmp_path / "cards.pdf"
    assert "Issued 2 card(s) for 9B" in kiosk.ok("cards", "print", "--class", "9B", "--out", str(out)).out
    assert out.read_bytes().startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:  # the printed codes read back, and belong to the class's pupils
        subprocess.run([pdftoppm, "-r", "200", "-png", str(out), str(tmp_path / "page")], check=True)
        page = cv2.imread(str(tmp_path / "page-1.png"))
        px = 200 / 25.4  # pixels per millimetre; cards are 85 x 54 mm, 5 mm apart, 10 mm margins
        texts = []
        for col in range(2):
            x0, y0 = int((10 + col * 90) * px), int(10 * px)
            texts += QrCodeReader().read(page[y0 : y0 + int(54 * px), x0 : x0 + int(85 * px)])
        assert len([t for t in texts if t.startswith("KIOSK1:")]) == 2
        engine = kiosk.engine()
        try:
            service = session_service(engine, tmp_path, None)
            service.start("9B")
            owners = {service.codes._credentials.owner_of_card(card_token_from(t) or "") for t in texts}
            assert owners == {e.student.id for e in service.roster()}
        finally:
            engine.dispose()
    assert "already has a card" in kiosk.ok("cards", "print", "--class", "9B", "--out", str(out)).out
    assert "Issued 2" in kiosk.ok("cards", "print", "--class", "9B", "--out", str(out), "--reissue").out
    assert scalar(kiosk.url, "SELECT count(*) FROM checkin_credentials WHERE card_hash IS NOT NULL") == 2


@pytest.mark.recognition
@pytest.mark.slow
def test_the_real_pipeline_never_embeds_the_face_of_a_pupil_holding_a_card(
    kiosk: Kiosk, engine: Engine, tmp_path: Path, dlib_models_dir: Path
) -> None:
    from kiosk.infra.config import load_settings
    from kiosk.infra.recognition.pipeline import FacePipeline
    from tests.conftest import offline_profile_data_dir

    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    pipeline = FacePipeline(load_settings(data_dir=data_dir))

    class Counting:  # the real pipeline, with its embed calls counted
        model_name = pipeline.model_name
        embedded = 0

        def detect(self, frame: npt.NDArray[np.uint8]) -> Sequence[object]:
            return pipeline.detect(frame)

        def embed(self, faces: Sequence[object]) -> npt.NDArray[np.float32]:
            Counting.embedded += len(faces)
            return pipeline.embed(faces)  # type: ignore[arg-type]

    issued = {c.student.student_id: c for c in CheckinAdmin(engine).issue_cards("9B")}
    service = session_service(engine, tmp_path, Counting())
    service.start("9B")
    frame = photo_with_card(issued["S1"].payload)
    assert pipeline.detect(frame), "the photo shows a face the real detector finds"
    result = service.process_frame(frame, timestamp=50.0)
    assert [m.source for m in result.new_marks] == [MarkSource.CARD]
    assert Counting.embedded == 0
    assert uuid.UUID(str(result.new_marks[0].student_uuid)) == issued["S1"].student.id
