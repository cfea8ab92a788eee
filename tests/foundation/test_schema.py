"""Alembic builds the same schema on an empty SQLite file and an empty PostgreSQL database.

The comparison is by reflection (what the servers report), not by reading our own models,
and then against the models themselves with Alembic's autogenerate comparison.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, types
from sqlalchemy.dialects import postgresql

from kiosk.core.errors import SchemaError
from kiosk.infra.db import schema
from kiosk.infra.db.models import Base

from ._helpers import assert_clean_failure, execute, row_counts, run_cli, scalar

NEWER_REVISION = "9999_from_the_future"


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine(empty_pg_url: str) -> Iterator[Engine]:
    engine = create_engine(empty_pg_url)
    yield engine
    engine.dispose()


def type_family(column_type: Any) -> str:
    """A dialect-neutral name for a reflected type (SQLite stores a Uuid as CHAR(32))."""
    if isinstance(column_type, types.Uuid | postgresql.UUID):
        return "uuid"
    if isinstance(column_type, types.CHAR) and column_type.length == 32:
        return "uuid"
    if isinstance(column_type, types.JSON | postgresql.JSONB):
        return "json"
    if isinstance(column_type, types.Boolean):
        return "bool"
    if isinstance(column_type, types.Integer):
        return "integer"
    if isinstance(column_type, types.Text):  # before String: Text is a String
        return "text"
    if isinstance(column_type, types.String):
        return f"string({column_type.length})"
    if isinstance(column_type, types.LargeBinary | postgresql.BYTEA):
        return "bytes"
    if isinstance(column_type, types.DateTime):
        return "datetime"
    if isinstance(column_type, types.Time):
        return "time"
    if isinstance(column_type, types.Date):  # attendance_day_counts.day (revision 0014)
        return "date"
    if isinstance(column_type, types.Float | types.Numeric):
        return "float"
    raise AssertionError(f"unexpected column type {column_type!r}")


def describe(engine: Engine) -> dict[str, dict[str, Any]]:
    """Everything about the schema that must agree across dialects, in comparable form."""
    insp = inspect(engine)
    out: dict[str, dict[str, Any]] = {}
    for name in sorted(insp.get_table_names()):
        if schema.is_dialect_only_table(name):  # SQLite's FTS5 search index (0007_search_fts)
            continue
        pk = insp.get_pk_constraint(name)
        out[name] = {
            "columns": [(c["name"], type_family(c["type"]), c["nullable"]) for c in insp.get_columns(name)],
            "primary_key": (pk["name"], tuple(pk["constrained_columns"])),
            # PostgreSQL also lists the index behind each unique constraint: those are compared below.
            # PostgreSQL's trigram search index exists on one dialect only.
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in insp.get_indexes(name)
                if not i.get("duplicates_constraint") and i["name"] not in schema.DIALECT_ONLY_INDEXES
            ),
            "unique": sorted(
                (u["name"], tuple(u["column_names"])) for u in insp.get_unique_constraints(name)
            ),
            "foreign_keys": sorted(
                (
                    f["name"],
                    tuple(f["constrained_columns"]),
                    f["referred_table"],
                    tuple(f["referred_columns"]),
                    (f.get("options") or {}).get("ondelete"),
                )
                for f in insp.get_foreign_keys(name)
            ),
            "checks": sorted(c["name"] for c in insp.get_check_constraints(name)),
        }
    return out


def autogenerate_diffs(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": schema.include_object}
        )
        return list(compare_metadata(context, Base.metadata))


@pytest.mark.postgres
def test_empty_sqlite_and_postgres_upgrade_to_the_same_schema(
    sqlite_engine: Engine, pg_engine: Engine
) -> None:
    schema.upgrade(sqlite_engine)
    schema.upgrade(pg_engine)

    lite, pg = describe(sqlite_engine), describe(pg_engine)
    assert set(lite) == set(pg)
    for name in sorted(lite):
        assert lite[name] == pg[name], f"table {name} differs between SQLite and PostgreSQL"

    # The schema the issue asks for is there, with the rules that matter.
    expected_tables = {
        "alembic_version",
        "classes",
        "students",
        "face_encodings",
        "attendance_sessions",
        "attendance_records",
        "audit_log",
    }
    assert expected_tables <= set(lite)
    assert ("uq_attendance_records_session_student", ("session_id", "student_id")) in lite[
        "attendance_records"
    ]["unique"]
    assert ("uq_students_student_id", ("student_id",)) in lite["students"]["unique"]
    index_columns = {table: {cols for _, cols, _ in lite[table]["indexes"]} for table in lite}
    assert ("name",) in index_columns["students"]
    assert ("class_id", "is_active") in index_columns["students"]
    assert ("marked_at",) in index_columns["attendance_records"]
    assert ("student_id",) in index_columns["attendance_records"]
    assert ("class_id", "started_at") in index_columns["attendance_sessions"]
    pg_indexes = {i["name"] for i in inspect(pg_engine).get_indexes("students")}
    assert "ix_students_name_search_trgm" in pg_indexes  # pg_trgm + unaccent search (0005_records)
    vector = {c[0]: c for c in lite["face_encodings"]["columns"]}["vector"]
    assert vector[1:] == ("bytes", False)

    assert schema.current_revision(sqlite_engine) == schema.head_revision()
    assert schema.current_revision(pg_engine) == schema.head_revision()


@pytest.mark.postgres
def test_migrated_schema_matches_the_models_on_both_dialects(
    sqlite_engine: Engine, pg_engine: Engine
) -> None:
    for engine in (sqlite_engine, pg_engine):
        schema.upgrade(engine)
        assert autogenerate_diffs(engine) == [], f"migrations and models disagree on {engine.dialect.name}"


@pytest.mark.postgres
def test_json_columns_are_jsonb_on_postgres_and_json_on_sqlite(
    sqlite_engine: Engine, pg_engine: Engine
) -> None:
    schema.upgrade(sqlite_engine)
    schema.upgrade(pg_engine)
    json_columns = [
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, types.JSON)
    ]
    assert ("attendance_records", "details") in json_columns
    assert ("attendance_records", "face_box") in json_columns
    assert ("audit_log", "details") in json_columns
    pg_insp, lite_insp = inspect(pg_engine), inspect(sqlite_engine)
    for table, column in json_columns:
        pg_type = {c["name"]: c["type"] for c in pg_insp.get_columns(table)}[column]
        lite_type = {c["name"]: c["type"] for c in lite_insp.get_columns(table)}[column]
        assert isinstance(pg_type, postgresql.JSONB), (table, column, pg_type)
        assert isinstance(lite_type, types.JSON) and not isinstance(lite_type, postgresql.JSONB)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    return str(request.getfixturevalue("empty_pg_url"))


def test_kiosk_db_upgrade_is_idempotent(
    empty_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--database", empty_url, "--data-dir", str(tmp_path / "data"), "db", "upgrade"]
    first = run_cli(capsys, args)
    assert first.code == 0, first
    assert "upgraded empty ->" in first.out
    execute(empty_url, "INSERT INTO classes (code, name) VALUES ('9B', 'Biology 9B')")
    before = row_counts(empty_url)

    second = run_cli(capsys, args)
    assert second.code == 0, second
    assert "already up to date" in second.out
    assert row_counts(empty_url) == before
    assert scalar(empty_url, "SELECT version_num FROM alembic_version") == schema.head_revision()


def test_schema_newer_than_the_code_is_refused_and_left_alone(
    empty_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_engine(empty_url)
    try:
        schema.upgrade(engine)
        execute(empty_url, "INSERT INTO classes (code, name) VALUES ('9B', 'Biology 9B')")
        execute(empty_url, "UPDATE alembic_version SET version_num = :v", v=NEWER_REVISION)
        before = row_counts(empty_url)

        with pytest.raises(SchemaError, match="newer version of the kiosk"):
            schema.upgrade(engine)
        result = run_cli(
            capsys, ["--database", empty_url, "--data-dir", str(tmp_path / "d"), "db", "upgrade"]
        )
        assert_clean_failure(result, "newer version of the kiosk", NEWER_REVISION)

        assert row_counts(empty_url) == before
        assert scalar(empty_url, "SELECT version_num FROM alembic_version") == NEWER_REVISION
    finally:
        engine.dispose()
