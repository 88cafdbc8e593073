"""document grants: teachers see a student's documents only when explicitly allowed

Revision ID: 0003_security
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_security"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_grant",
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("granted_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_document_grant_student_id_student")),
        sa.PrimaryKeyConstraint("student_id", "teacher_id", name=op.f("pk_document_grant")),
    )


def downgrade() -> None:
    op.drop_table("document_grant")
