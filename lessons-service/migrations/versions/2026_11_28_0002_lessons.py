"""lessons, rosters with attendance, booking idempotency and feedback

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
        "lesson",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("room_id", sa.Uuid(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("price_minor", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=True),
        sa.Column("homework", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("calendar_event_id", sa.Uuid(), nullable=True),
        sa.Column("booked_by", sa.String(length=200), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_by", sa.String(length=16), nullable=True),
        sa.Column("cancel_reason", sa.String(length=500), nullable=True),
        sa.Column("late_cancel", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson")),
        sa.CheckConstraint("kind IN ('individual', 'group', 'trial')", name=op.f("ck_lesson_kind_known")),
        sa.CheckConstraint(
            "status IN ('scheduled', 'completed', 'cancelled', 'no_show')", name=op.f("ck_lesson_status_known")
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_lesson_time_order")),
        sa.CheckConstraint("price_minor >= 0", name=op.f("ck_lesson_price_not_negative")),
        sa.CheckConstraint(
            "(kind = 'group') = (group_id IS NOT NULL)", name=op.f("ck_lesson_group_kind_has_group")
        ),
    )
    op.create_index(
        "uq_lesson_group_starts",
        "lesson",
        ["group_id", "starts_at"],
        unique=True,
        postgresql_where=sa.text("group_id IS NOT NULL"),
    )
    op.create_index("ix_lesson_teacher_starts", "lesson", ["teacher_id", "starts_at"])
    op.create_index("ix_lesson_starts_at", "lesson", ["starts_at"])

    op.create_table(
        "lesson_student",
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("price_minor", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.String(length=16), nullable=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("lesson_id", "student_id", name=op.f("pk_lesson_student")),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lesson.id"], name=op.f("fk_lesson_student_lesson_id_lesson"), ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "attendance IS NULL OR attendance IN ('present', 'absent', 'late', 'excused')",
            name=op.f("ck_lesson_student_attendance_known"),
        ),
        sa.CheckConstraint("price_minor >= 0", name=op.f("ck_lesson_student_price_not_negative")),
    )
    op.create_index("ix_lesson_student_student_id", "lesson_student", ["student_id"])

    op.create_table(
        "booking_idempotency",
        sa.Column("principal", sa.String(length=200), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("response", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("principal", "idempotency_key", name=op.f("pk_booking_idempotency")),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lesson.id"], name=op.f("fk_booking_idempotency_lesson_id_lesson"), ondelete="CASCADE"
        ),
    )

    op.create_table(
        "lesson_feedback",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_feedback")),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lesson.id"], name=op.f("fk_lesson_feedback_lesson_id_lesson"), ondelete="CASCADE"
        ),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_lesson_feedback_rating_range")),
    )
    op.create_index(
        "uq_lesson_feedback_lesson_student", "lesson_feedback", ["lesson_id", "student_id"], unique=True
    )


def downgrade() -> None:
    op.drop_table("lesson_feedback")
    op.drop_table("booking_idempotency")
    op.drop_table("lesson_student")
    op.drop_table("lesson")
