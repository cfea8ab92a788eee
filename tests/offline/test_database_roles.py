"""Least-privilege PostgreSQL accounts (``kiosk db create-roles``) on the real server.

Role names are cluster-wide: each test makes its own with a random prefix and drops them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from offline_support import TcpProxy, auto_mark, offline_settings, server_records, wait_for
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from kiosk.app.accounts import AccountService
from kiosk.app.bootstrap import build_services
from kiosk.app.session import AttendanceSessionService
from kiosk.cli.main import main
from kiosk.core.authz import Role
from kiosk.core.domain import AttendanceStatus
from kiosk.core.errors import AccessDenied
from kiosk.infra.db.roles import GRANTS, RoleNames, drop_roles
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = pytest.mark.postgres


def as_role(url: str, role: str) -> str:
    return make_url(url).set(username=role).render_as_string(hide_password=False)


class Roles:
    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = f"t{uuid.uuid4().hex[:8]}_"
        self.names = RoleNames.with_prefix(self.prefix)

    def create(self) -> None:
        code = main(["--database", self.url, "db", "create-roles", "--no-passwords", "--prefix", self.prefix])
        assert code == 0

    def url_for(self, role: str, url: str | None = None) -> str:
        return as_role(url or self.url, role)


def _roles(url: str) -> Iterator[Roles]:
    roles = Roles(url)
    yield roles
    superuser = create_engine(url)
    try:
        drop_roles(superuser, roles.names)
    finally:
        superuser.dispose()


@pytest.fixture
def roles(seeded: tuple[str, list[uuid.UUID]]) -> Iterator[Roles]:
    yield from _roles(seeded[0])


@pytest.fixture
def empty_roles(empty_pg_url: str) -> Iterator[Roles]:
    yield from _roles(empty_pg_url)


def _refused(engine: Engine, statement: str) -> None:
    with pytest.raises(ProgrammingError) as caught, engine.begin() as conn:
        conn.execute(text(statement))
    assert getattr(caught.value.orig, "sqlstate", None) == "42501", caught.value  # insufficient privilege


def test_every_table_of_the_schema_has_its_grants() -> None:
    from kiosk.infra.db.models import Base
    from kiosk.infra.db.schema import is_dialect_only_table

    # The search's key table (0015_search_prefix) is raw SQL, not a model, and has its grants.
    assert set(Base.metadata.tables) | {"alembic_version", "student_name_keys"} == set(GRANTS)
    assert all(
        is_dialect_only_table(t) for t in set(GRANTS) - set(Base.metadata.tables) - {"alembic_version"}
    )


def test_the_device_account_may_not_change_the_schema_or_delete(
    roles: Roles, seeded: tuple[str, list[uuid.UUID]]
) -> None:
    ids = seeded[1]
    roles.create()
    roles.create()  # idempotent: a second run (after an upgrade) only re-grants
    device = create_engine(roles.url_for(roles.names.device))
    try:
        with device.connect() as conn:  # what it may do: read the roster, and who teaches which class
            assert conn.execute(text("SELECT count(*) FROM students")).scalar_one() == 12
            assert conn.execute(text("SELECT count(*) FROM class_teachers")).scalar_one() == 0
        _refused(device, "DROP TABLE attendance_records")
        _refused(device, "DELETE FROM students")
        _refused(device, "UPDATE face_encodings SET model_name = 'x'")
        _refused(device, "DELETE FROM audit_log")
        _refused(device, "UPDATE audit_log SET actor = 'someone else'")
        _refused(device, "CREATE TABLE stolen (id integer)")
        _refused(device, "INSERT INTO users (name, role, secret_hash) VALUES ('me', 'admin', 'x')")
        _refused(device, "UPDATE users SET role = 'admin'")
        _refused(device, "INSERT INTO class_teachers (user_id, class_id) SELECT 1, id FROM classes")
        _refused(device, "DELETE FROM class_teachers")
        with device.connect() as conn:  # look-alikes: read (never marked automatically), never changed
            assert conn.execute(text("SELECT count(*) FROM lookalike_pairs")).scalar_one() == 0
        _refused(device, "DELETE FROM lookalike_pairs")
        _refused(
            device, f"INSERT INTO lookalike_pairs (student_a, student_b) VALUES ('{ids[0]}', '{ids[1]}')"
        )
    finally:
        device.dispose()
    admin = create_engine(roles.url_for(roles.names.admin))
    try:  # the admin records and forgets a pair, never edits one
        with admin.begin() as conn:
            conn.execute(
                text("INSERT INTO lookalike_pairs (student_a, student_b) VALUES (:a, :b)"),
                {"a": ids[0], "b": ids[1]},
            )
            conn.execute(text("DELETE FROM lookalike_pairs"))
        _refused(admin, "UPDATE lookalike_pairs SET recorded_by = 'x'")
    finally:
        admin.dispose()


def test_a_session_hand_marks_offline_sync_and_sign_in_work_as_the_device(
    roles: Roles, seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, ids = seeded
    AccountService(create_engine(url)).add("rivera", Role.TEACHER, "2468", ["9B"])
    roles.create()
    device_url = proxy.url_for(roles.url_for(roles.names.device))
    settings = offline_settings(tmp_path / "data", device_url)
    services = build_services(settings)
    try:
        store = services.store
        assert isinstance(store, OfflineFirstStore)
        accounts = services.accounts()
        with pytest.raises(AccessDenied):
            accounts.sign_in("rivera", "0000")  # the device may count wrong PINs
        teacher = accounts.sign_in("rivera", "2468")
        assert teacher.classes == {"9B"}  # read as the device
        session = services.session(actor=teacher.name)
        session.start("9B", started_by=teacher.name, account=teacher)
        # an audit entry:
        session.manual_mark(ids[1], AttendanceStatus.EXCUSED, note="doctor", account=teacher)
        store.mark(auto_mark(_sid(session), ids[0]))
        assert wait_for(lambda: store.outbox.queued() == 0, 10), store.status_line()
        proxy.cut()
        store.mark(auto_mark(_sid(session), ids[2]))
        assert wait_for(lambda: store.online is False, 10)
        offline = accounts.sign_in("rivera", "2468")  # from the local copy, with the classes
        assert offline.name == "rivera" and offline.classes == {"9B"}
        proxy.restore()
        assert wait_for(lambda: store.outbox.queued() == 0, 30), store.status_line()
        summary = session.end(account=offline)
        assert summary.counts["present"] == 2
    finally:
        services.close()
    assert len(server_records(url)) >= 3
    superuser = create_engine(url)
    with superuser.connect() as conn:
        actors = conn.execute(text("SELECT actor FROM audit_log")).scalars().all()
        failures = conn.execute(text("SELECT failures, last_login_at FROM users")).one()
    superuser.dispose()
    assert "rivera" in actors
    assert failures[0] == 0 and failures[1] is not None


def _sid(session: AttendanceSessionService) -> uuid.UUID:
    assert session.session is not None
    return session.session.id


def test_upgrade_runs_as_the_owner_and_is_refused_to_the_device(
    empty_roles: Roles, capsys: pytest.CaptureFixture[str]
) -> None:
    roles = empty_roles
    roles.create()  # on an empty database: the roles, no tables yet
    assert "No tables yet" in capsys.readouterr().out
    device_url = roles.url_for(roles.names.device)
    assert main(["--database", device_url, "db", "upgrade"]) != 0
    err = capsys.readouterr().err
    assert "may not change it" in err and "kiosk_owner" in err
    assert err.count("\n") == 1
    assert main(["--database", roles.url_for(roles.names.owner), "db", "upgrade"]) == 0
    # The owner's upgrade granted the new tables: no second create-roles needed.
    device = create_engine(device_url)
    try:
        with device.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM classes")).scalar_one() == 0
        _refused(device, "DELETE FROM classes")
    finally:
        device.dispose()


def test_the_roster_is_still_copied_when_the_device_may_not_read_the_accounts(
    roles: Roles, seeded: tuple[str, list[uuid.UUID]], tmp_path: Path
) -> None:
    """Grants from before the accounts existed: the offline copy of the roster must not stop."""
    import numpy as np

    from kiosk.infra.offline.cache import LocalCache
    from kiosk.infra.offline.keys import VectorCipher

    roles.create()
    superuser = create_engine(roles.url)
    with superuser.begin() as conn:
        conn.execute(text(f'REVOKE ALL ON users FROM "{roles.names.device}"'))
    superuser.dispose()
    device = create_engine(roles.url_for(roles.names.device))
    cache = LocalCache.open(tmp_path / "cache", VectorCipher(np.random.default_rng(2).bytes(32)))
    try:
        result = cache.refresh_from(device)
        assert result.classes == 1 and result.students == 12
        assert not cache.has_accounts()
    finally:
        cache.close()
        device.dispose()


def test_the_daily_purge_is_left_to_the_admin_account(roles: Roles, caplog: pytest.LogCaptureFixture) -> None:
    """The device may delete nothing: the kiosk's start skips the purge with a note, no warning."""
    import logging

    from kiosk.app.privacy import daily_purge
    from kiosk.infra.config import PrivacySettings

    roles.create()
    caplog.set_level(logging.INFO, logger="kiosk.app.privacy")
    for role, ran in ((roles.names.device, False), (roles.names.admin, True)):
        engine = create_engine(roles.url_for(role))
        try:
            caplog.clear()
            report = daily_purge(engine, PrivacySettings())
        finally:
            engine.dispose()
        assert (report is not None) is ran, role
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
        assert ("left to the admin tools" in caplog.text) is not ran
