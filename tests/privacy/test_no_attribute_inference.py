"""No attribute inference: deepface's age/gender/emotion/race analysis is never used (issue 12)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.import_contracts import imports_forbidden

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ["deepface.modules.demography", "deepface.models.demography"]


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        ("from deepface.modules import demography", True),
        ("from deepface.modules import modeling, demography as d", True),
        ("import deepface.models.demography.Age", True),
        ("from deepface.models.demography.Emotion import EmotionClient", True),
        ("from deepface.modules import (", True),  # multi-line: refused rather than guessed
        ("from deepface.modules import modeling as module", False),
        ("from deepface.commons import weight_utils", False),
        ("import deepface", False),
    ],
)
def test_the_contract_reads_import_lines(line: str, hit: bool) -> None:
    assert (imports_forbidden(line, FORBIDDEN) is not None) is hit


@pytest.mark.slow
def test_lint_imports_breaks_on_a_lazy_import_of_the_analysis(tmp_path: Path) -> None:
    for name in ("kiosk", "tests/import_contracts.py", "pyproject.toml"):
        src = ROOT / name
        dst = tmp_path / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst)
    (tmp_path / "kiosk/infra/recognition/_mood.py").write_text(
        "def mood(img):\n    from deepface.modules import demography\n\n    return demography.analyze(img)\n",
        encoding="utf-8",
    )
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode != 0
    assert "kiosk.infra.recognition._mood:2 imports deepface.modules.demography" in proc.stdout


def test_no_analysis_call_or_demography_model_is_named_in_the_code() -> None:
    """``DeepFace.analyze`` and building the Age/Gender/Emotion/Race models by name are not imports."""
    pattern = re.compile(r"\.analyze\(|build_model\([^)]*(Age|Gender|Emotion|Race)|demography")
    # FasNet's own analyze() answers real-or-spoof for one face, nothing about the person.
    spoof_check = Path("kiosk/infra/recognition/liveness_fasnet.py"), "self._model.analyze("
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "kiosk").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and not line.lstrip().startswith("#")
        if not (path.relative_to(ROOT) == spoof_check[0] and spoof_check[1] in line)
    ]
    assert offenders == []
