"""The start-up processor check: real /proc/cpuinfo texts, one clear line when AVX is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.infra import cpu

# Trimmed from real machines: an Intel Celeron J4105 (Gemini Lake, no AVX) and an AMD EPYC.
CELERON_J4105 = """processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Celeron(R) J4105 CPU @ 1.50GHz
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx lm constant_tsc pni pclmulqdq ssse3 cx16 sse4_1 sse4_2 x2apic movbe popcnt aes xsave rdrand lahf_lm

processor\t: 1
model name\t: Intel(R) Celeron(R) J4105 CPU @ 1.50GHz
flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 popcnt
"""
EPYC = """processor\t: 0
vendor_id\t: AuthenticAMD
model name\t: AMD EPYC 7B13
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov sse sse2 ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand avx2 bmi2
"""
SANDY_BRIDGE = """model name\t: Intel(R) Core(TM) i5-2400 CPU @ 3.10GHz
flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt xsave avx
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_reads_the_first_processor() -> None:
    model, flags = cpu.parse_cpuinfo(CELERON_J4105)

    assert model == "Intel(R) Celeron(R) J4105 CPU @ 1.50GHz"
    assert {"sse4_2", "popcnt", "movbe"} <= flags and "avx" not in flags


def test_a_processor_without_avx_gets_one_line_naming_it_and_what_to_do(tmp_path: Path) -> None:
    error = cpu.unsupported_cpu(env={}, cpuinfo=write(tmp_path, CELERON_J4105), machine="x86_64")

    assert isinstance(error, cpu.UnsupportedCpu) and error.exit_code != 0
    text = str(error)
    assert "\n" not in text
    assert "Celeron(R) J4105" in text and "lacks AVX" in text and "dlib" in text
    assert "Use a PC whose processor has AVX" in text and cpu.SKIP_ENV in text


def test_avx_without_avx2_runs_with_avx2_only_recommended(tmp_path: Path) -> None:
    report = cpu.read_report(write(tmp_path, SANDY_BRIDGE), machine="x86_64")

    assert report is not None and report.ok
    assert report.missing_recommended == ("avx2", "fma")
    assert cpu.unsupported_cpu(env={}, cpuinfo=write(tmp_path, SANDY_BRIDGE), machine="x86_64") is None


def test_a_modern_processor_passes(tmp_path: Path) -> None:
    report = cpu.read_report(write(tmp_path, EPYC), machine="x86_64")

    assert report is not None and report.ok and not report.missing_recommended


@pytest.mark.parametrize(
    ("machine", "text"),
    [("aarch64", CELERON_J4105), ("x86_64", "processor : 0\nmodel name : hidden\n")],
    ids=["another architecture", "flags hidden"],
)
def test_a_machine_it_cannot_judge_is_never_stopped(tmp_path: Path, machine: str, text: str) -> None:
    assert cpu.unsupported_cpu(env={}, cpuinfo=write(tmp_path, text), machine=machine) is None


def test_no_cpuinfo_file_is_never_stopped(tmp_path: Path) -> None:
    assert cpu.unsupported_cpu(env={}, cpuinfo=tmp_path / "missing", machine="x86_64") is None


def test_the_check_can_be_turned_off(tmp_path: Path) -> None:
    path = write(tmp_path, CELERON_J4105)

    assert cpu.unsupported_cpu(env={cpu.SKIP_ENV: "1"}, cpuinfo=path, machine="x86_64") is None


def test_this_machine_runs_the_kiosk() -> None:
    assert cpu.unsupported_cpu(env={}) is None


def test_the_autostart_entrys_kiosk_mode_variable_turns_kiosk_mode_on(tmp_path: Path) -> None:
    from kiosk.infra.config import load_settings

    assert load_settings(data_dir=tmp_path, env={"KIOSK_MODE": "1"}).gui.kiosk_mode is True
    assert load_settings(data_dir=tmp_path, env={}).gui.kiosk_mode is False
