"""payroll payments: a teacher's month marked paid freezes its lines

Revision ID: 0004_money
Revises: 0003_ops
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_money"
down_revision: str | None = "0003_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payroll_payment",
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("lessons", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("paid_by", sa.String(length=100), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("teacher_id", "month", name=op.f("pk_payroll_payment")),
    )


def downgrade() -> None:
    op.drop_table("payroll_payment")
