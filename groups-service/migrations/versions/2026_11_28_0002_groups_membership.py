"""groups, membership history and the waitlist

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
        "group",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("level", sa.String(length=2), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Uuid(), nullable=True),
        sa.Column("schedule", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("price_per_lesson_minor", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group")),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_group_capacity_positive")),
        sa.CheckConstraint("price_per_lesson_minor >= 0", name=op.f("ck_group_price_not_negative")),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_group_dates_ordered")),
        sa.CheckConstraint(
            "status IN ('forming', 'active', 'finished', 'archived')", name=op.f("ck_group_status_known")
        ),
        sa.CheckConstraint(
            "level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')", name=op.f("ck_group_level_known")
        ),
    )
    op.create_index("ix_group_teacher_id", "group", ["teacher_id"])
    op.create_index("ix_group_status", "group", ["status"])

    op.create_table(
        "group_membership",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("moved_from_group_id", sa.Uuid(), nullable=True),
        sa.Column("moved_to_group_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_membership")),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_group_membership_group_id_group"), ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "left_at IS NULL OR left_at >= joined_at", name=op.f("ck_group_membership_left_after_joined")
        ),
    )
    op.create_index(
        "uq_group_membership_current",
        "group_membership",
        ["group_id", "student_id"],
        unique=True,
        postgresql_where=sa.text("left_at IS NULL"),
    )
    op.create_index("ix_group_membership_student_id", "group_membership", ["student_id"])

    op.create_table(
        "group_waitlist_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_waitlist_entry")),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_group_waitlist_entry_group_id_group"), ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'enrolled', 'withdrawn')", name=op.f("ck_group_waitlist_entry_status_known")
        ),
    )
    op.create_index(
        "uq_group_waitlist_entry_waiting",
        "group_waitlist_entry",
        ["group_id", "student_id"],
        unique=True,
        postgresql_where=sa.text("status = 'waiting'"),
    )
    op.create_index("ix_group_waitlist_entry_queue", "group_waitlist_entry", ["group_id", "seq"])


def downgrade() -> None:
    op.drop_table("group_waitlist_entry")
    op.drop_table("group_membership")
    op.drop_index("ix_group_status", table_name="group")
    op.drop_index("ix_group_teacher_id", table_name="group")
    op.drop_table("group")
