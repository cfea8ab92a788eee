"""The import rules of the architecture, checked: layers only depend downwards, the core stays pure."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import kiosk.core

REPO_ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("PySide6", "sqlalchemy", "cv2", "deepface", "faiss", "psycopg", "alembic")


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    assert lint_imports.is_file(), f"import-linter is not installed next to {sys.executable}"
    proc = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_modules_import_no_qt_database_or_vision_libraries() -> None:
    modules = sorted(f"kiosk.core.{m.name}" for m in pkgutil.iter_modules(kiosk.core.__path__))
    assert "kiosk.core.domain" in modules and "kiosk.core.errors" in modules
    probe = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
