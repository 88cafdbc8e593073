"""saga: booking replays move from booking_idempotency to the kit's Idempotency-Key table
(studio_kit.idempotency, purged after 48 h); old replays are dropped, they are a replay cache

Revision ID: saga_1010
Revises: 20261206_0010_ops
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from studio_kit.idempotency import create_idempotency_table

revision: str = "saga_1010"
down_revision: str | None = "20261206_0010_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("booking_idempotency")
    create_idempotency_table()


def downgrade() -> None:
    op.drop_table("idempotency_record")
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
