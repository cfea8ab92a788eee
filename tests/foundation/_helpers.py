"""Helpers shared by the foundation tests: counting stored rows and running the real CLI."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, select, text
from sqlalchemy import func as sa_func
from sqlalchemy import table as sa_table

from kiosk.cli.main import main

REPO_ROOT = Path(__file__).resolve().parents[2]


def row_counts(url: str) -> dict[str, int]:
    """Rows per table, read on a connection of its own (so nothing uncommitted is counted)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            return {
                n: conn.execute(select(sa_func.count()).select_from(sa_table(n))).scalar_one() for n in names
            }
    finally:
        engine.dispose()


def scalar(url: str, sql: str, **params: object) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def execute(url: str, sql: str, **params: object) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql), params)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err


def reset_logging() -> None:
    """Undo ``configure_logging`` so the next in-process run logs to its own capture and folder."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if not type(handler).__module__.startswith("_pytest"):  # pytest's own capture stays
            root.removeHandler(handler)
            handler.close()
    if hasattr(root, "_kiosk_configured"):
        delattr(root, "_kiosk_configured")


def run_cli(capsys: pytest.CaptureFixture[str], args: Sequence[str]) -> Result:
    """``kiosk ARGS`` in this process, through the same ``main`` the console script calls."""
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    finally:
        reset_logging()
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


class CliKiosk:
    """``kiosk --database URL --data-dir DIR ...`` in this process (tests add their own seed)."""

    def __init__(self, url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.url, self.data_dir, self.capsys = url, data_dir, capsys

    def __call__(self, *args: str) -> Result:
        return run_cli(self.capsys, ["--database", self.url, "--data-dir", str(self.data_dir), *args])

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.code == 0, result
        assert "Traceback" not in result.both
        return result

    def engine(self) -> Engine:
        """An engine on this kiosk's database with its key (SQLite seals face data at rest)."""
        from kiosk.infra.config import load_settings
        from kiosk.infra.db.engine import build_engine

        return build_engine(load_settings(data_dir=self.data_dir, database_url=self.url))


def run_cli_subprocess(args: Sequence[str], *, env: dict[str, str] | None = None) -> Result:
    """``python -m kiosk ARGS`` as a person would run it: proves no traceback reaches the terminal."""
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def assert_clean_failure(result: Result, *expected: str) -> str:
    """A bad input: non-zero exit, one ``kiosk:`` line on stderr, no traceback; returns that line."""
    assert result.code != 0, result
    assert "Traceback" not in result.both, result.both
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {result.err!r}"
    line = lines[0]
    assert line.startswith("kiosk: "), line
    for part in expected:
        assert part in line, f"{part!r} not in {line!r}"
    return line
