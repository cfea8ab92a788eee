"""Parsing the legacy app's loose values: times, text, flags."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from kiosk.infra.migration.legacy import values as v


@pytest.mark.parametrize(
    "raw",
    [
        "2024-09-03T08:15:00+00:00",
        "2024-09-03 08:15:00Z",
        1725351300,
        1725351300.0,
        1725351300000,
        "1725351300",
        "Tue, 03 Sep 2024 10:15:00 +0200",
    ],
)
def test_times_in_every_known_form(raw: object) -> None:
    assert v.timestamp(raw, "t") == datetime(2024, 9, 3, 8, 15, tzinfo=UTC)


def test_naive_times_are_local_wall_time() -> None:
    local = datetime(2024, 9, 3, 8, 15).astimezone()
    assert v.timestamp("03/09/2024 08:15", "t") == local
    assert v.timestamp("2024-09-03 08:15:00", "t") == local


@pytest.mark.parametrize("raw", ["soon", "", None, -1, float("nan"), b"\xff"])
def test_unparseable_times_are_refused_with_a_reason(raw: object) -> None:
    with pytest.raises(v.BadValue):
        v.timestamp(raw, "timestamp")


def test_text_rejects_undecodable_bytes_and_nul() -> None:
    assert v.text(b"Chlo\xc3\xa9", "name") == "Chloé"
    assert v.text(1042.0, "student_id") == "1042"
    with pytest.raises(v.BadValue, match="not UTF-8"):
        v.text(b"\xff\xfe", "name")
    with pytest.raises(v.BadValue, match="NUL"):
        v.text("a\x00b", "name")
    with pytest.raises(v.BadValue, match="longer"):
        v.text("x" * 65, "student_id", max_len=64)


def test_flags() -> None:
    assert v.boolean(None, "a") is True
    assert v.boolean(b"0", "a") is False
    assert v.boolean("yes", "a") is True
    with pytest.raises(v.BadValue):
        v.boolean("maybe", "a")


def test_an_npy_header_declaring_a_huge_shape_is_refused_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "huge.npy"
    with path.open("wb") as fh:  # 10**11 float32 values declared, 64 bytes present
        np.lib.format.write_array_header_1_0(fh, {"descr": "<f4", "fortran_order": False, "shape": (10**11,)})
        fh.write(b"\x00" * 64)
    with pytest.raises(v.BadValue, match="holds 100000000000 values, not 512"):
        v.load_encoding(path)


def test_an_npy_of_objects_is_refused_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "objects.npy"
    with path.open("wb") as fh:
        np.lib.format.write_array_header_1_0(fh, {"descr": "|O", "fortran_order": False, "shape": (512,)})
    with pytest.raises(v.BadValue, match="does not hold numbers"):
        v.load_encoding(path)
