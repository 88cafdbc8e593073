"""money: make-up policy and credits, debt reminders, package reminder flags

Revision ID: money_1010
Revises: 20261206_0010_money
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "money_1010"
down_revision: str | None = "20261206_0010_money"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "makeup_policy",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("notice_hours", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_makeup_policy_single_row")),
        sa.CheckConstraint("mode IN ('return_to_package', 'makeup_credit')", name=op.f("ck_makeup_policy_mode")),
        sa.CheckConstraint("notice_hours >= 0", name=op.f("ck_makeup_policy_notice_hours")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_makeup_policy")),
    )
    op.create_table(
        "makeup_credit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("source_lesson_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_kind", sa.String(length=20), nullable=False),
        sa.Column("lesson_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=True),
        sa.Column("used_lesson_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('returned', 'available', 'reserved', 'used')", name=op.f("ck_makeup_credit_status")
        ),
        sa.CheckConstraint("reason IN ('excused', 'late_cancel')", name=op.f("ck_makeup_credit_reason")),
        sa.CheckConstraint(
            "(status = 'reserved' OR status = 'used') = (used_lesson_id IS NOT NULL)", name=op.f("ck_makeup_credit_use")
        ),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_makeup_credit_student_id_student")),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"], name=op.f("fk_makeup_credit_package_id_package")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_makeup_credit")),
        sa.UniqueConstraint("student_id", "source_lesson_id", name=op.f("uq_makeup_credit_student_id_source_lesson_id")),
    )
    op.create_index(op.f("ix_makeup_credit_student_id"), "makeup_credit", ["student_id"])
    op.create_index(
        "uq_makeup_credit_used_lesson",
        "makeup_credit",
        ["student_id", "used_lesson_id"],
        unique=True,
        postgresql_where=sa.text("used_lesson_id IS NOT NULL"),
    )
    op.create_table(
        "debt_reminder",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("reminded_on", sa.Date(), nullable=False),
        sa.Column("balance_minor", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_debt_reminder_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debt_reminder")),
        sa.UniqueConstraint("student_id", "reminded_on", name=op.f("uq_debt_reminder_student_id_reminded_on")),
    )
    op.create_index(op.f("ix_debt_reminder_student_id"), "debt_reminder", ["student_id"])
    op.add_column("package", sa.Column("expiry_notified", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("package", sa.Column("low_notified", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column("package", "low_notified")
    op.drop_column("package", "expiry_notified")
    op.drop_index(op.f("ix_debt_reminder_student_id"), table_name="debt_reminder")
    op.drop_table("debt_reminder")
    op.drop_index("uq_makeup_credit_used_lesson", table_name="makeup_credit")
    op.drop_index(op.f("ix_makeup_credit_student_id"), table_name="makeup_credit")
    op.drop_table("makeup_credit")
    op.drop_table("makeup_policy")
