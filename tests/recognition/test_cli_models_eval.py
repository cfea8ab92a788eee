"""``kiosk models``, ``kiosk eval`` and ``kiosk bench`` run as a person runs them: real dlib
weights, real photos, real SQLite files and PostgreSQL databases, the real (closed) network."""

from __future__ import annotations

import re
import shutil
import time
import tomllib
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select

from kiosk.app.bench import BENCH_MODEL_PREFIX, bench_rebuild
from kiosk.cli.main import main
from kiosk.infra.config import load_settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.models import FaceEncoding, SchoolClass, Student
from kiosk.infra.db.repo import encodings, students
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.profiles import DLIB_OFFLINE, FACENET512
from tests.conftest import offline_profile_data_dir

FACES_DIR = Path(__file__).resolve().parents[1] / "data" / "faces"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def no_traceback(text: str) -> None:
    assert "Traceback" not in text


# --- models status / use ----------------------------------------------------------------


def test_status_of_a_new_data_folder_lists_missing_files_and_the_active_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "models", "status")

    assert rc == 1  # the active profile cannot run
    assert "facenet512  [active]: not installed" in out
    assert "dlib-offline: not installed" in out
    for name in FACENET512.file_names + DLIB_OFFLINE.file_names:
        assert f"{name}: MISSING" in out
    assert "kiosk models import PATH" in out and "kiosk models use dlib-offline" in out
    no_traceback(out + err)


def test_use_dlib_offline_installs_its_weights_and_writes_the_user_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    rc, out, err = run(capsys, "--data-dir", str(data), "models", "use", "dlib-offline")

    assert rc == 0, err
    assert "now dlib-offline (was facenet512)" in out
    assert tomllib.loads((data / "config.toml").read_text())["recognition"]["profile"] == "dlib-offline"
    assert load_settings(data_dir=data).recognition.profile == "dlib-offline"
    assert "WARNING" not in out  # an empty database: nothing to re-enroll

    rc, out, _ = run(capsys, "--data-dir", str(data), "models", "status", "--verify")
    assert rc == 0
    assert "dlib-offline  [active]: ready" in out
    assert "facenet512: not installed" in out
    # the official checksums, recorded in the manifest
    assert "shape_predictor_5_face_landmarks.dat: installed, 9.2 MB, sha256 recorded c4b1e9804792" in out
    assert (
        "dlib_face_recognition_resnet_model_v1.dat: installed, 22.5 MB, sha256 recorded 55533b28a958" in out
    )


def test_use_of_an_unknown_profile_is_refused_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    data.mkdir()
    config = data / "config.toml"
    config.write_text('[recognition]\nprofile = "dlib-offline"\n', encoding="utf-8")

    rc, out, err = run(capsys, "--data-dir", str(data), "models", "use", "facenet1024")

    assert rc == 2
    assert err.strip() == (
        "kiosk: Unknown recognition profile 'facenet1024'. Use one of: facenet512, dlib-offline."
    )
    assert config.read_text() == '[recognition]\nprofile = "dlib-offline"\n'
    no_traceback(out + err)


# --- models import ----------------------------------------------------------------------


def _usb_copy(dlib_models_dir: Path, folder: Path) -> Path:
    """The dlib files copied into a folder tree, as they would sit on a USB stick."""
    target = folder / "kiosk-models" / "dlib"
    target.mkdir(parents=True)
    for name in DLIB_OFFLINE.file_names:
        shutil.copyfile(weights.weights_folder(dlib_models_dir) / name, target / name)
    return target


def test_import_of_a_folder_installs_copies_and_makes_the_profile_ready(
    tmp_path: Path, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = tmp_path / "usb"
    _usb_copy(dlib_models_dir, usb)
    data = tmp_path / "d"

    rc, out, err = run(capsys, "--data-dir", str(data), "models", "import", str(usb))

    assert rc == 0, err
    for name in DLIB_OFFLINE.file_names:
        assert f"{name}: imported" in out
        installed = weights.weights_folder(load_settings(data_dir=data).weights_dir) / name
        assert installed.is_file() and not installed.is_symlink()
    assert "The dlib-offline profile is ready." in out
    settings = load_settings(data_dir=data, env={"KIOSK_PROFILE": "dlib-offline"})
    assert weights.profile_status(settings.weights_dir, DLIB_OFFLINE, full_check=True).installed
    manifest = weights.read_manifest(settings.weights_dir)
    assert manifest["shape_predictor_5_face_landmarks.dat"]["source"].startswith("import:")


def test_a_corrupt_file_in_the_import_folder_is_named_and_nothing_is_installed(
    tmp_path: Path, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = _usb_copy(dlib_models_dir, tmp_path / "usb")
    # the predictor sorts after the good ResNet file, which would be installed first
    predictor = usb / "shape_predictor_5_face_landmarks.dat"
    predictor.write_bytes(predictor.read_bytes()[: 1 << 20])  # a copy cut short
    data = tmp_path / "d"

    rc, out, err = run(capsys, "--data-dir", str(data), "models", "import", str(tmp_path / "usb"))

    assert rc == 2
    assert "shape_predictor_5_face_landmarks.dat" in err and "damaged" in err
    assert "kiosk models import PATH" in err
    assert err.count("\n") == 1  # one line
    folder = weights.weights_folder(load_settings(data_dir=data).weights_dir)
    # the good ResNet file was not installed either, and no staging file is left
    assert not folder.exists() or [p.name for p in folder.iterdir()] == []
    no_traceback(out + err)


def test_import_of_a_path_that_does_not_exist_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "models", "import", str(tmp_path / "nope"))
    assert rc == 2
    assert "does not exist" in err
    no_traceback(out + err)


# --- models fetch -----------------------------------------------------------------------


def test_fetch_without_internet_fails_fast_and_names_the_ways_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real download sources, on this machine's closed network."""
    if any(weights.source_reachable(url, timeout=2) for wf in FACENET512.weights for url in wf.sources):
        pytest.skip("the download servers are reachable from here: this test needs a closed network")
    data = tmp_path / "d"

    start = time.monotonic()
    rc, out, err = run(capsys, "--data-dir", str(data), "models", "fetch", "facenet512")
    elapsed = time.monotonic() - start

    assert rc == 2
    assert "could not be downloaded" in err
    assert "`kiosk models import PATH`" in err and "`kiosk models use dlib-offline`" in err
    # one probe per source, each at most CONNECT_TIMEOUT_S; deepface alone waits 30 s a source
    assert elapsed < 2 * weights.CONNECT_TIMEOUT_S + 5
    folder = weights.weights_folder(load_settings(data_dir=data).weights_dir)
    assert [p.name for p in folder.iterdir()] == []  # nothing partial left behind
    no_traceback(out + err)


def test_fetch_of_dlib_offline_installs_from_the_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    rc, out, err = run(capsys, "--data-dir", str(data), "models", "fetch", "dlib-offline")
    assert rc == 0, err
    assert "The dlib-offline profile is ready." in out
    assert "kiosk models use dlib-offline" in out  # not the active profile yet: says how

    rc, out, _ = run(capsys, "--data-dir", str(data), "models", "fetch", "dlib-offline")
    assert rc == 0 and "already installed" in out


# --- mixed models -----------------------------------------------------------------------


def test_switching_profile_while_encodings_of_another_model_are_stored_warns(
    tmp_path: Path, dlib_models_dir: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = offline_profile_data_dir(tmp_path, dlib_models_dir)
    settings = load_settings(data_dir=data, database_url=db_url)
    engine = build_engine(settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            info = students.add_student(
                s, student_id="S1", name="Ada", class_code=None, consent=True, consent_by="test"
            )
            vector = np.random.default_rng(0).standard_normal(128).astype(np.float32)
            encodings.add_encoding(s, info.id, model_name="Dlib-chip", vector=vector, source="test")
    finally:
        engine.dispose()

    rc, out, err = run(capsys, "--data-dir", str(data), "--database", db_url, "models", "use", "facenet512")

    assert rc == 0, err
    assert "now facenet512 (was dlib-offline)" in out
    assert "WARNING: the database holds face encodings made by another model (1 of Dlib-chip)" in out
    assert "re-enrolled" in out and "never compared" in out
    assert "kiosk models fetch facenet512" in out  # its weights are not installed here
    assert load_settings(data_dir=data).recognition.profile == "facenet512"

    # back to the model the students were enrolled with: no warning
    rc, out, _ = run(capsys, "--data-dir", str(data), "--database", db_url, "models", "use", "dlib-offline")
    assert rc == 0 and "WARNING" not in out


# --- eval -------------------------------------------------------------------------------


@pytest.mark.recognition
@pytest.mark.slow
def test_eval_on_five_people_prints_the_metrics(
    tmp_path: Path, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = offline_profile_data_dir(tmp_path, dlib_models_dir)
    faces = tmp_path / "faces"
    for person in ("person01", "person02", "person03", "person04", "person05"):
        shutil.copytree(FACES_DIR / "people" / person, faces / person)
    (faces / "person01" / "broken.jpg").write_bytes(b"not a photo")

    rc, out, err = run(capsys, "--data-dir", str(data), "eval", str(faces))

    assert rc == 0, err
    assert "skipped person01/broken.jpg" in out
    assert "Profile dlib-offline: detector dlib, model Dlib-chip" in out
    top1 = float(re.search(r"Top-1 identification accuracy: ([\d.]+)%", out).group(1))  # type: ignore[union-attr]
    assert top1 >= 90.0
    assert re.search(r"True-accept rate at false-accept rate <= 1\.00% \(threshold alone\): [\d.]+%", out)
    assert re.search(r"At the configured threshold Dlib-chip = 0\.\d\d, threshold and margin 0\.\d\d: ", out)
    assert re.search(r"false accepts of people not enrolled \d+/\d+", out)
    assert re.search(r"Suggested threshold: 0\.\d\d \(tuned on \d people; on the \d others", out)
    bands = re.search(r"Suggested doubt bands: similarity (0\.\d{3}) .*, margin (0\.\d{3})", out)
    assert bands is not None and float(bands.group(1)) >= 0.005 and float(bands.group(2)) >= 0.005
    assert re.search(r"With them, \d+ of \d+ genuine photos the kiosk would mark go to the teacher", out)
    assert "[recognition.doubt_similarity_bands] Dlib-chip = " in out
    no_traceback(out + err)


def test_eval_of_a_folder_with_one_person_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    faces = tmp_path / "faces"
    shutil.copytree(FACES_DIR / "people" / "person01", faces / "person01")
    rc, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "eval", str(faces))
    assert rc == 2
    assert "holds 1 person folder(s); the evaluation needs at least 2" in err
    no_traceback(out + err)


# --- bench ------------------------------------------------------------------------------


def test_rebuild_measurement_leaves_the_real_gallery_untouched(db_url: str, tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "d", database_url=db_url)
    engine = build_engine(settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            info = students.add_student(s, student_id="S1", name="Ada", class_code=None, consent=True)
            encodings.add_encoding(s, info.id, model_name="Dlib", vector=np.ones(128, np.float32))

        timing = bench_rebuild(engine, 2_000, 128, per_student=4)

        assert (timing.encodings, timing.dim, timing.database) == (2_000, 128, engine.dialect.name)
        assert timing.load_s > 0 and timing.build_s > 0
        with session_factory(engine)() as s:
            assert s.scalar(select(func.count()).select_from(FaceEncoding)) == 1
            assert s.scalar(select(func.count()).select_from(Student)) == 1
            assert s.scalar(select(func.count()).select_from(SchoolClass)) == 0
            assert not s.scalar(
                select(func.count()).where(FaceEncoding.model_name.startswith(BENCH_MODEL_PREFIX))
            )
            assert encodings.load_gallery(s, "Dlib").student_ids == (info.id,)
    finally:
        engine.dispose()


@pytest.mark.recognition
@pytest.mark.slow
def test_bench_quick_prints_every_section(
    tmp_path: Path, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = offline_profile_data_dir(tmp_path, dlib_models_dir)

    rc, out, err = run(capsys, "--data-dir", str(data), "bench", "--quick", "--repeat", "1")

    assert rc == 0, err
    assert re.search(r"dlib-offline +[\d.]+ +2 +[\d.]+ +[\d.]+ +[\d.]+", out)  # 2 faces in the frame
    assert "not installed, not timed: facenet512" in out
    for size, kind in (("1,000", "flat"), ("10,000", "flat"), ("10,000", "hnsw"), ("10,000", "ivf")):
        assert re.search(rf"{size} {kind} +[\d.]+ +[\d.]+ +[01]\.\d{{3}}", out), (size, kind)
    assert "a temporary SQLite file" in out
    assert re.search(r"10,000 +128 +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+", out)
    assert re.search(r"10,000 +512 +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+", out)
    assert re.search(r"Peak memory \(ru_maxrss\): \d+ MB", out)
    no_traceback(out + err)


def test_bench_refuses_a_bad_repeat(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "bench", "--repeat", "0")
    assert rc == 2 and "--repeat must be at least 1" in err
    no_traceback(out + err)
