"""audit trail: the append-only audit_entry table (studio_kit.audit)

Revision ID: 20261206_0010_ops
Revises: 20261206_0010_fdgroups
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

from studio_kit.audit import create_audit_entry_table

revision: str = "20261206_0010_ops"
down_revision: str | None = "20261206_0010_fdgroups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_audit_entry_table()


def downgrade() -> None:
    op.drop_table("audit_entry")
