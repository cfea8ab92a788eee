"""class_teachers: which teacher accounts teach which classes (many to many)

Revision ID: 0011_class_teachers
Revises: 0010_consent
Create Date: 2026-11-30

Until now a class's teacher was only free text (``classes.teacher``, e.g. "Ms Reyes"); it
stays, as the label shown beside the class. Existing data: a class is linked to a teacher
account when its free text, with spaces collapsed and case ignored, is exactly that
account's name (the way accounts are matched at sign-in), and only then. Text naming
several people ("Reyes, Okafor"), a title ("Ms Reyes" for the account ``reyes``), an admin
account (admins see every class anyway) or a name two accounts share when case is ignored
(possible only for rows written outside the kiosk) links nothing: guessing would hand a
class's records to the wrong person, and an admin links them with ``kiosk user classes``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_class_teachers"
down_revision = "0010_consent"
branch_labels = None
depends_on = None


def _key(name: str | None) -> str:
    return " ".join((name or "").split()).lower()


def upgrade() -> None:
    op.create_table(
        "class_teachers",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_class_teachers_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["class_id"], ["classes.id"], name="fk_class_teachers_class_id_classes", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "class_id", name="pk_class_teachers"),
    )
    op.create_index("ix_class_teachers_class", "class_teachers", ["class_id"])
    _link_by_name()


def _link_by_name() -> None:
    conn = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("role", sa.String))
    classes = sa.table("classes", sa.column("id", sa.Integer), sa.column("teacher", sa.String))
    links = sa.table("class_teachers", sa.column("user_id", sa.Integer), sa.column("class_id", sa.Integer))
    by_name: dict[str, list[tuple[int, str]]] = {}
    for user_id, name, role in conn.execute(sa.select(users.c.id, users.c.name, users.c.role)):
        by_name.setdefault(_key(name), []).append((int(user_id), str(role)))
    rows = []
    for class_id, teacher in conn.execute(sa.select(classes.c.id, classes.c.teacher)):
        found = by_name.get(_key(teacher), [])
        if _key(teacher) and len(found) == 1 and found[0][1] == "teacher":
            rows.append({"user_id": found[0][0], "class_id": int(class_id)})
    if rows:
        conn.execute(sa.insert(links), rows)


def downgrade() -> None:
    op.drop_index("ix_class_teachers_class", table_name="class_teachers")
    op.drop_table("class_teachers")
