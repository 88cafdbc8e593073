"""secauth: the bootstrap admin's forced password change

Revision ID: 20261206_0010_secauth
Revises: 20261206_0010_ops
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261206_0010_secauth"
down_revision: str | None = "20261206_0010_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "user_account",
        sa.Column("password_change_required", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("user_account", "password_change_required")
