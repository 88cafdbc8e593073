"""audit trail: audit_record, the studio-wide trail gathered from audit.recorded events

Revision ID: 0003_ops
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_ops"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("target_type", sa.String(50), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("summary", postgresql.JSONB(), nullable=False),
        sa.Column("service", sa.String(50), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_record"),
    )
    op.create_index("ix_audit_record_at", "audit_record", ["at"])
    op.create_index("ix_audit_record_actor_at", "audit_record", ["actor_id", "at"])
    op.create_index("ix_audit_record_target_at", "audit_record", ["target_id", "at"])


def downgrade() -> None:
    op.drop_table("audit_record")
