"""face vectors must hold exactly 4 x dimension bytes (CHECK ck_face_encodings_vector_length)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

A malformed vector (5 bytes for a 512-value model) used to pass every write path and then
stop every kiosk loading its class. Rows already breaking the rule cannot be repaired (the
vector is not a vector), and leaving them would make the upgrade fail on the new CHECK.
Decision: such rows are DELETED, each with an ``audit_log`` entry
(``face_encoding.invalid_removed``: encoding id, student, model, dimension and byte length,
never the bytes), and one warning names how many students to re-enroll. The students'
other encodings are untouched.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger("kiosk.infra.db.migrations")

RULE = "length(vector) = 4 * dimension"
# The table as it stands at this revision, for batch mode on SQLite: SQLAlchemy's reflection
# leaves CHECK constraints out, so a rebuild from reflection would silently drop the existing
# dimension_positive rule.
_face_encodings = sa.Table(
    "face_encodings",
    sa.MetaData(),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("student_id", sa.Uuid(), nullable=False),
    sa.Column("model_name", sa.String(length=64), nullable=False),
    sa.Column("dimension", sa.Integer(), nullable=False),
    sa.Column("vector", sa.LargeBinary(), nullable=False),
    sa.Column("quality", sa.Float(), nullable=True),
    sa.Column("source", sa.String(length=200), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("dimension > 0", name="ck_face_encodings_dimension_positive"),
    sa.ForeignKeyConstraint(
        ["student_id"], ["students.id"], name="fk_face_encodings_student_id_students", ondelete="CASCADE"
    ),
    sa.PrimaryKeyConstraint("id", name="pk_face_encodings"),
    sa.Index("ix_face_encodings_student_model", "student_id", "model_name"),
)
_audit = sa.table(
    "audit_log",
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("details", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")),
)


def _remove_invalid_rows() -> None:
    bind = op.get_bind()
    enc = _face_encodings
    bad = bind.execute(
        sa.select(enc.c.id, enc.c.student_id, enc.c.model_name, enc.c.dimension, sa.func.length(enc.c.vector))
        .where(sa.func.length(enc.c.vector) != 4 * enc.c.dimension)
        .order_by(enc.c.id)
    ).all()
    if not bad:
        return
    now = datetime.now(UTC)
    bind.execute(
        _audit.insert(),
        [
            {
                "at": now,
                "actor": "kiosk db upgrade 0003",
                "action": "face_encoding.invalid_removed",
                "entity": "face_encoding",
                "entity_id": str(row_id),
                "details": {
                    "student": str(student),
                    "model_name": model,
                    "dimension": dim,
                    "bytes": length,
                    "reason": f"vector holds {length} bytes, {4 * dim} expected",
                },
            }
            for row_id, student, model, dim, length in bad
        ],
    )
    bind.execute(sa.delete(enc).where(enc.c.id.in_([r[0] for r in bad])))
    log.warning(
        "Removed %d face encoding(s) with a vector of the wrong length (students: %s); "
        "they are listed in the audit log (face_encoding.invalid_removed). Re-enroll those students.",
        len(bad),
        ", ".join(sorted({str(r[1]) for r in bad})),
    )


def upgrade() -> None:
    _remove_invalid_rows()
    with op.batch_alter_table("face_encodings", copy_from=_face_encodings) as batch_op:
        batch_op.create_check_constraint(op.f("ck_face_encodings_vector_length"), RULE)


def downgrade() -> None:
    with_rule = _face_encodings.to_metadata(sa.MetaData())
    with_rule.append_constraint(sa.CheckConstraint(RULE, name="ck_face_encodings_vector_length"))
    with op.batch_alter_table("face_encodings", copy_from=with_rule) as batch_op:
        batch_op.drop_constraint(op.f("ck_face_encodings_vector_length"), type_="check")
