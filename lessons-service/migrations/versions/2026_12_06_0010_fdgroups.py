"""studio closed days: a group's weekly pattern skips them

Revision ID: 20261206_0010_fdgroups
Revises: 0003_money
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261206_0010_fdgroups"
down_revision: str | None = "0003_money"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "studio_closed_day",
        sa.Column("closed_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("closed_date", name=op.f("pk_studio_closed_day")),
    )


def downgrade() -> None:
    op.drop_table("studio_closed_day")
