"""Small commands start without the heavy libraries (issue 19: CLI start-up).

`kiosk --help`, `kiosk class list` and the like run in a fresh ``python`` process on a real
SQLite file; afterwards its ``sys.modules`` must not hold the face models, OpenCV, FAISS, Qt
or the PostgreSQL driver. Behaviour, not timing: the times are in
``benchmarks/bench_cli_startup.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from kiosk.cli import main as cli_main
from kiosk.cli.cmd_migrate import OLD_APP_MODEL
from kiosk.infra.db import schema
from kiosk.infra.migration.legacy.values import LEGACY_MODEL

from ._helpers import REPO_ROOT, execute

# What a command that needs no face model must never load (each costs from 0.1 s to seconds).
MODEL_LIBRARIES = {
    "cv2",
    "deepface",
    "dlib",
    "faiss",
    "onnxruntime",
    "PySide6",
    "tensorflow",
    "keras",
    "torch",
}
# Parsing alone (--help, --version) loads no library beyond Python's own.
DATABASE_LIBRARIES = {"sqlalchemy", "numpy", "alembic", "psycopg", "cryptography", "tomlkit"}

_RUN_AND_LIST = """
import json, sys
from kiosk.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
loaded = sorted({name.split(".")[0] for name in sys.modules})
sys.stderr.write("\\nLOADED " + json.dumps({"code": code, "loaded": loaded}) + "\\n")
"""


def loaded_after(args: Sequence[str]) -> tuple[int, str, set[str]]:
    """Exit code, output and the top-level modules loaded by ``kiosk ARGS`` in a fresh process."""
    proc = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST, *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    marker = proc.stderr.rfind("\nLOADED ")
    assert marker >= 0, proc.stderr
    report = json.loads(proc.stderr[marker + len("\nLOADED ") :])
    return int(report["code"] or 0), proc.stdout, set(report["loaded"])


@pytest.fixture
def kiosk_args(tmp_path: Path) -> list[str]:
    """A data folder with its SQLite database set up (the first start migrates it, in Alembic)
    and one class in it."""
    args = ["--data-dir", str(tmp_path / "data")]
    code, out, _ = loaded_after([*args, "class", "add", "9B", "--name", "Biology 9B"])
    assert code == 0, out
    return args


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["class", "--help"], ["student", "list", "--help"]]
)
def test_parsing_loads_no_library(args: list[str]) -> None:
    code, out, loaded = loaded_after(args)
    assert code == 0
    assert "kiosk" in out
    assert not loaded & (MODEL_LIBRARIES | DATABASE_LIBRARIES), sorted(
        loaded & (MODEL_LIBRARIES | DATABASE_LIBRARIES)
    )


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["class", "list"], "Biology 9B"),
        (["student", "list"], "No students yet."),
        (["user", "list"], "No accounts yet"),
        (["sessions"], "No sessions in that range."),
        (["db", "status"], "Pending:  none"),
        (["sync", "--status"], "nothing to sync"),
        (["models", "status"], "dlib-offline"),
    ],
)
def test_small_commands_load_no_face_model_and_no_alembic(
    kiosk_args: list[str], command: list[str], expected: str
) -> None:
    code, out, loaded = loaded_after([*kiosk_args, *command])
    assert expected in out, out
    assert code in (0, 1), out  # models status: 1 while the active profile's files are missing
    assert not loaded & MODEL_LIBRARIES, sorted(loaded & MODEL_LIBRARIES)
    # The database is at the head: no migration to run, so neither Alembic nor, on SQLite, psycopg.
    assert "alembic" not in loaded
    assert "psycopg" not in loaded


def test_the_first_start_still_migrates(tmp_path: Path) -> None:
    code, out, loaded = loaded_after(["--data-dir", str(tmp_path / "data"), "class", "list"])
    assert code == 0, out
    assert "No classes yet" in out
    assert "alembic" in loaded  # an empty database: Alembic made the schema
    assert not loaded & MODEL_LIBRARIES


def test_head_read_from_the_revision_files_is_alembics() -> None:
    assert schema.head_from_files() == schema.head_revision()


def test_status_without_alembic_only_at_the_head_and_then_equal(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        at_head = schema._status_at_head(engine)
        assert at_head is not None
        assert at_head == schema._status_by_alembic(engine)
        execute(db_url, "UPDATE alembic_version SET version_num = '0009_users'")  # behind the head
        assert schema._status_at_head(engine) is None
        behind = schema.status(engine)
        assert behind.current == "0009_users" and not behind.up_to_date
        assert behind.pending and behind.pending[-1] == schema.head_revision()
        execute(db_url, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
        assert schema._status_at_head(engine) is None
        assert schema.status(engine).newer_than_code
    finally:
        engine.dispose()


def test_empty_database_is_left_to_alembic(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert schema._status_at_head(engine) is None
        assert schema.status(engine) == schema._status_by_alembic(engine)
    finally:
        engine.dispose()


def test_migrate_help_names_the_old_apps_model() -> None:
    # Written out in cmd_migrate so `kiosk --help` does not load numpy through the legacy reader.
    assert OLD_APP_MODEL == LEGACY_MODEL


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_each_command_is_parsed_by_its_module_alone_with_the_same_help() -> None:
    everything = _commands(cli_main.build_parser())
    assert len(everything) > 25
    for word, full in everything.items():
        alone = _commands(cli_main.parser_for(["--data-dir", "/tmp/x", word, "--help"]))
        assert word in alone and len(alone) < len(everything), word
        assert alone[word].format_help() == full.format_help(), word


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["bogus"],
        ["--data", "x", "class", "list"],
        ["-vh"],
        ["--", "class"],
        ["../x"],
        ["a.b"],
    ],
)
def test_anything_unusual_gets_every_command(argv: list[str]) -> None:
    assert len(_commands(cli_main.parser_for(argv))) == len(_commands(cli_main.build_parser()))
