"""Parsing the legacy app's loose values: times, text, flags."""

from __future__ import annotations

from datetime import UTC, datetime

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
