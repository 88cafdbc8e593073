"""domain schema: teacher profiles, feedback ratings, rates with history, payroll lines

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payroll_line",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("students_present", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("rate_id", sa.Uuid(), nullable=True),
        sa.Column("rate_missing", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payroll_line")),
        sa.UniqueConstraint("lesson_id", name=op.f("uq_payroll_line_lesson_id")),
    )
    op.create_index(op.f("ix_payroll_line_starts_at"), "payroll_line", ["starts_at"], unique=False)
    op.create_index(op.f("ix_payroll_line_teacher_id"), "payroll_line", ["teacher_id"], unique=False)
    op.create_table(
        "teacher",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("photo_url", sa.String(length=500), nullable=True),
        sa.Column("levels", postgresql.ARRAY(sa.String(length=2)), nullable=False),
        sa.Column("specialisations", postgresql.ARRAY(sa.String(length=50)), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status IN ('active', 'inactive')", name=op.f("ck_teacher_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher")),
    )
    op.create_index(op.f("ix_teacher_status"), "teacher", ["status"], unique=False)
    op.create_index("uq_teacher_email_lower", "teacher", [sa.literal_column("lower(email)")], unique=True)
    op.create_table(
        "teacher_feedback",
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_teacher_feedback_rating")),
        sa.PrimaryKeyConstraint("lesson_id", "student_id", name=op.f("pk_teacher_feedback")),
    )
    op.create_index(op.f("ix_teacher_feedback_teacher_id"), "teacher_feedback", ["teacher_id"], unique=False)
    op.create_table(
        "teacher_rate",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('individual', 'group', 'trial')", name=op.f("ck_teacher_rate_kind")),
        sa.CheckConstraint("amount_minor >= 0", name=op.f("ck_teacher_rate_amount_not_negative")),
        sa.ForeignKeyConstraint(["teacher_id"], ["teacher.id"], name=op.f("fk_teacher_rate_teacher_id_teacher")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_rate")),
        sa.UniqueConstraint(
            "teacher_id", "kind", "effective_from", name=op.f("uq_teacher_rate_teacher_id_kind_effective_from")
        ),
    )
    op.create_index(op.f("ix_teacher_rate_teacher_id"), "teacher_rate", ["teacher_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_teacher_rate_teacher_id"), table_name="teacher_rate")
    op.drop_table("teacher_rate")
    op.drop_index(op.f("ix_teacher_feedback_teacher_id"), table_name="teacher_feedback")
    op.drop_table("teacher_feedback")
    op.drop_index("uq_teacher_email_lower", table_name="teacher")
    op.drop_index(op.f("ix_teacher_status"), table_name="teacher")
    op.drop_table("teacher")
    op.drop_index(op.f("ix_payroll_line_teacher_id"), table_name="payroll_line")
    op.drop_index(op.f("ix_payroll_line_starts_at"), table_name="payroll_line")
    op.drop_table("payroll_line")
