"""delivery schema: recipients, preferences, push subscriptions, delivery log, reminders, broadcasts

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


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "recipient",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("phone", sa.String(32)),
        sa.Column("telegram_chat_id", sa.BigInteger()),
        sa.Column("language", sa.String(2)),
        sa.Column("timezone", sa.String(64)),
        sa.Column("role", sa.String(20)),
        sa.Column("first_name", sa.String(100)),
        sa.Column("last_name", sa.String(100)),
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("user_id", name="pk_recipient"),
    )
    op.create_index("ix_recipient_role", "recipient", ["role"])

    op.create_table(
        "group_member",
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("event_time", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("group_id", "student_id", name="pk_group_member"),
    )

    op.create_table(
        "preference",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(2)),
        sa.Column("timezone", sa.String(64)),
        sa.Column("quiet_hours_start", sa.Time()),
        sa.Column("quiet_hours_end", sa.Time()),
        sa.Column("channels", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("user_id", name="pk_preference"),
        sa.CheckConstraint(
            "(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)",
            name="ck_preference_quiet_hours_complete",
        ),
    )

    op.create_table(
        "push_subscription",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("p256dh", sa.Text(), nullable=False),
        sa.Column("auth", sa.Text(), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True)),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_push_subscription"),
        sa.UniqueConstraint("endpoint", name="uq_push_subscription_endpoint"),
    )
    op.create_index("ix_push_subscription_user_id", "push_subscription", ["user_id"])

    op.create_table(
        "notification",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("dedup_key", sa.String(200), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("recipient", sa.String(400), nullable=False),
        sa.Column("user_id", sa.Uuid()),
        sa.Column("address", sa.String(400), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text()),
        sa.Column("short_text", sa.Text(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("status", sa.String(20), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_notification"),
        sa.UniqueConstraint(
            "dedup_key", "channel", "recipient", name="uq_notification_dedup_key_channel_recipient"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'deferred', 'sent', 'failed', 'dead')", name="ck_notification_status"
        ),
        sa.CheckConstraint("channel IN ('email', 'sms', 'telegram', 'push')", name="ck_notification_channel"),
        sa.CheckConstraint(
            "category IN ('account', 'lessons', 'reminders', 'billing', 'news')", name="ck_notification_category"
        ),
    )
    op.create_index(
        "ix_notification_due",
        "notification",
        ["next_attempt_at"],
        postgresql_where=sa.text("status IN ('pending', 'deferred', 'failed')"),
    )
    op.create_index("ix_notification_created_at", "notification", ["created_at"])
    op.create_index("ix_notification_event_id", "notification", ["event_id"])

    op.create_table(
        "lesson_snapshot",
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("teacher_id", sa.Uuid()),
        sa.Column("group_id", sa.Uuid()),
        sa.Column("student_ids", postgresql.ARRAY(sa.Uuid()), server_default="{}", nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True)),
        sa.Column("event_time", sa.DateTime(timezone=True), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("lesson_id", name="pk_lesson_snapshot"),
    )

    op.create_table(
        "reminder",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("minutes_before", sa.Integer(), nullable=False),
        sa.Column("lesson_starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("remind_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), server_default="pending", nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True)),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_reminder"),
        sa.UniqueConstraint(
            "lesson_id", "user_id", "minutes_before", "lesson_starts_at",
            name="uq_reminder_lesson_id_user_id_minutes_before_lesson_starts_at",
        ),
        sa.CheckConstraint("status IN ('pending', 'queued', 'cancelled', 'expired')", name="ck_reminder_status"),
    )
    op.create_index("ix_reminder_due", "reminder", ["remind_at"], postgresql_where=sa.text("status = 'pending'"))
    op.create_index("ix_reminder_lesson_id", "reminder", ["lesson_id"])

    op.create_table(
        "broadcast",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("audience", sa.String(20), nullable=False),
        sa.Column("group_id", sa.Uuid()),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(20), server_default="queued", nullable=False),
        sa.Column("recipient_count", sa.Integer()),
        sa.Column("processed_at", sa.DateTime(timezone=True)),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_broadcast"),
        sa.CheckConstraint("audience IN ('all_students', 'group')", name="ck_broadcast_audience"),
        sa.CheckConstraint("status IN ('queued', 'sent')", name="ck_broadcast_status"),
        sa.CheckConstraint("audience <> 'group' OR group_id IS NOT NULL", name="ck_broadcast_group_needs_id"),
    )
    op.create_index("ix_broadcast_queued", "broadcast", ["created_at"], postgresql_where=sa.text("status = 'queued'"))


def downgrade() -> None:
    op.drop_table("broadcast")
    op.drop_table("reminder")
    op.drop_table("lesson_snapshot")
    op.drop_table("notification")
    op.drop_table("push_subscription")
    op.drop_table("preference")
    op.drop_table("group_member")
    op.drop_table("recipient")
