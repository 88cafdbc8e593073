"""front desk: leads taken at the desk (phone optional, e-mail), conversion and trial outcome

Revision ID: 20261206_0010_frontdesk
Revises: 0004_ops
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261206_0010_frontdesk"
down_revision: str | None = "0004_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "('new', 'contacted', 'trial_scheduled', 'won', 'lost')"
NEW_STATUSES = "('new', 'contacted', 'trial_scheduled', 'trial_done', 'follow_up', 'won', 'lost')"
OLD_OPEN = "status IN ('new', 'contacted', 'trial_scheduled')"
NEW_OPEN = "status IN ('new', 'contacted', 'trial_scheduled', 'trial_done', 'follow_up')"


def upgrade() -> None:
    op.alter_column("lead", "phone", existing_type=sa.String(32), nullable=True)
    op.add_column("lead", sa.Column("email", sa.String(320), nullable=True))
    op.add_column("lead", sa.Column("trial_lesson_id", sa.Uuid(), nullable=True))
    op.add_column("lead", sa.Column("trial_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("lead", sa.Column("converted_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("lead", sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True))
    op.drop_constraint(op.f("ck_lead_status"), "lead", type_="check")
    op.create_check_constraint(op.f("ck_lead_status"), "lead", f"status IN {NEW_STATUSES}")
    op.drop_index("uq_lead_open_phone", table_name="lead")
    op.create_index("uq_lead_open_phone", "lead", ["phone"], unique=True, postgresql_where=sa.text(NEW_OPEN))


def downgrade() -> None:
    op.execute("UPDATE lead SET status = 'trial_scheduled' WHERE status IN ('trial_done', 'follow_up')")
    op.drop_index("uq_lead_open_phone", table_name="lead")
    op.create_index("uq_lead_open_phone", "lead", ["phone"], unique=True, postgresql_where=sa.text(OLD_OPEN))
    op.drop_constraint(op.f("ck_lead_status"), "lead", type_="check")
    op.create_check_constraint(op.f("ck_lead_status"), "lead", f"status IN {OLD_STATUSES}")
    for column in ("paid_at", "converted_at", "trial_at", "trial_lesson_id", "email"):
        op.drop_column("lead", column)
    op.execute("DELETE FROM lead WHERE phone IS NULL")
    op.alter_column("lead", "phone", existing_type=sa.String(32), nullable=False)
