"""consent ledger and texts, card/PIN check-in credentials, card and PIN marks, audit hash chain

Revision ID: 0010_consent
Revises: 0009_users
Create Date: 2026-11-30

- ``consent_texts`` and ``consent_ledger`` (issue 12): every consent, withdrawal and
  objection is a row. Each student whose old ``consent_given`` flag is true gets ONE ledger
  row "migrated from the previous consent flag" (who gave it, if the flag recorded it, goes
  in the note), so the consent rule (kiosk.core.consent) agrees with the flag it now caches.
- ``checkin_credentials``: hashed card tokens and PINs (the non-biometric way in).
- ``attendance_records.source`` also accepts ``card`` and ``pin`` (the CHECK is rebuilt).
- ``audit_log.prev_hash`` / ``entry_hash`` and the one-row ``audit_chain_head``: existing
  entries are chained in id order, with the same hash function the repository uses.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from kiosk.infra.db.repo.audit import GENESIS_HASH, entry_hash

revision = "0010_consent"
down_revision = "0009_users"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
OLD_SOURCES = ("auto", "manual")
NEW_SOURCES = ("auto", "manual", "card", "pin")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _records_table(sources: tuple[str, ...]) -> sa.Table:
    """attendance_records as it must stand, for SQLite's batch rebuild (reflection drops CHECKs)."""
    return sa.Table(
        "attendance_records",
        sa.MetaData(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("details", _JSON, nullable=True),
        sa.Column("face_box", _JSON, nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True),  # revision 0005_records
        sa.Column("corrected_by", sa.String(length=200), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["attendance_sessions.id"],
                                name="fk_attendance_records_session_id_attendance_sessions", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["student_id"], ["students.id"],
                                name="fk_attendance_records_student_id_students", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_attendance_records"),
        sa.UniqueConstraint("session_id", "student_id", name="uq_attendance_records_session_student"),
        sa.CheckConstraint(_in("status", ("present", "late", "absent", "excused")),
                           name="ck_attendance_records_attendance_status"),
        sa.CheckConstraint(_in("source", sources), name="ck_attendance_records_mark_source"),
        sa.Index("ix_attendance_records_marked_at", "marked_at"),
        sa.Index("ix_attendance_records_student", "student_id"),
        sa.Index("ix_attendance_records_session_student_status", "session_id", "student_id", "status"),
    )


def _set_sources(sources: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Rebuilt from the full definition above, with the new CHECK in it.
        with op.batch_alter_table("attendance_records", copy_from=_records_table(sources), recreate="always"):
            pass
    else:
        op.drop_constraint(op.f("ck_attendance_records_mark_source"), "attendance_records", type_="check")
        op.create_check_constraint(
            op.f("ck_attendance_records_mark_source"), "attendance_records", _in("source", sources)
        )


def _chain_existing_entries() -> None:
    bind = op.get_bind()
    audit = sa.table(
        "audit_log",
        sa.column("id", sa.Integer()),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("actor", sa.String()),
        sa.column("action", sa.String()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.String()),
        sa.column("details", _JSON),
        sa.column("prev_hash", sa.String()),
        sa.column("entry_hash", sa.String()),
    )
    prev = GENESIS_HASH
    last_id = None
    rows = bind.execute(
        sa.select(audit.c.id, audit.c.at, audit.c.actor, audit.c.action, audit.c.entity,
                  audit.c.entity_id, audit.c.details).order_by(audit.c.id)
    ).all()
    for row_id, at, actor, action, entity, entity_id, details in rows:
        digest = entry_hash(
            prev_hash=prev, at=at, actor=actor, action=action,
            entity=entity, entity_id=entity_id, details=details,
        )
        bind.execute(sa.update(audit).where(audit.c.id == row_id).values(prev_hash=prev, entry_hash=digest))
        prev, last_id = digest, row_id
    head = sa.table("audit_chain_head", sa.column("id", sa.Integer()), sa.column("last_id", sa.Integer()),
                    sa.column("last_hash", sa.String()), sa.column("anchor_hash", sa.String()))
    bind.execute(head.insert().values(id=1, last_id=last_id, last_hash=prev, anchor_hash=GENESIS_HASH))


def _migrate_consent_flags() -> None:
    bind = op.get_bind()
    students = sa.table(
        "students", sa.column("id", sa.Uuid()), sa.column("consent_given", sa.Boolean()),
        sa.column("consent_at", sa.DateTime(timezone=True)), sa.column("consent_by", sa.String()),
    )
    ledger = sa.table(
        "consent_ledger", sa.column("student_id", sa.Uuid()), sa.column("kind", sa.String()),
        sa.column("party", sa.String()), sa.column("name", sa.String()),
        sa.column("recorded_at", sa.DateTime(timezone=True)), sa.column("method", sa.String()),
        sa.column("entered_by", sa.String()), sa.column("entered_at", sa.DateTime(timezone=True)),
        sa.column("note", sa.Text()),
    )
    now = datetime.now(UTC)
    rows = bind.execute(
        sa.select(students.c.id, students.c.consent_at, students.c.consent_by).where(
            students.c.consent_given.is_(True)
        )
    ).all()
    if rows:
        bind.execute(
            ledger.insert(),
            [
                {
                    "student_id": sid,
                    "kind": "consent",
                    "party": "school",
                    "name": "(previous consent flag)",
                    "recorded_at": at or now,
                    "method": "migrated from the previous consent flag",
                    "entered_by": "kiosk db upgrade 0010",
                    "entered_at": now,
                    "note": f"recorded as given by: {by}" if by else None,
                }
                for sid, at, by in rows
            ],
        )


def upgrade() -> None:
    op.create_table(
        "consent_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("requires_renewal", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_texts")),
        sa.UniqueConstraint("version", name=op.f("uq_consent_texts_version")),
    )
    op.create_table(
        "consent_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("party", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relation", sa.String(length=100), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(length=100), nullable=False),
        sa.Column("text_version", sa.String(length=32), nullable=True),
        sa.Column("entered_by", sa.String(length=200), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["student_id"], ["students.id"],
                                name=op.f("fk_consent_ledger_student_id_students"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_ledger")),
    )
    op.create_index("ix_consent_ledger_student", "consent_ledger", ["student_id", "recorded_at"])
    op.create_table(
        "checkin_credentials",
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("card_hash", sa.String(length=64), nullable=True),
        sa.Column("card_issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pin_hash", sa.String(length=200), nullable=True),
        sa.Column("pin_set_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["student_id"], ["students.id"],
                                name=op.f("fk_checkin_credentials_student_id_students"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("student_id", name=op.f("pk_checkin_credentials")),
        sa.UniqueConstraint("card_hash", name=op.f("uq_checkin_credentials_card_hash")),
    )
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=True),
        sa.Column("anchor_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("entry_hash", sa.String(length=64), nullable=True))
    _set_sources(NEW_SOURCES)
    _migrate_consent_flags()
    _chain_existing_entries()


def downgrade() -> None:
    op.execute("DELETE FROM attendance_records WHERE source IN ('card', 'pin')")
    _set_sources(OLD_SOURCES)
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("prev_hash")
    op.drop_table("audit_chain_head")
    op.drop_table("checkin_credentials")
    op.drop_index("ix_consent_ledger_student", table_name="consent_ledger")
    op.drop_table("consent_ledger")
    op.drop_table("consent_texts")
