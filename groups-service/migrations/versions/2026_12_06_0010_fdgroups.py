"""waitlist offers: a freed seat is offered to the first in line for a limited time

Revision ID: 20261206_0010_fdgroups
Revises: 0003_ops
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261206_0010_fdgroups"
down_revision: str | None = "0003_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "status IN ('waiting', 'enrolled', 'withdrawn')"
NEW_STATUSES = "status IN ('waiting', 'offered', 'enrolled', 'withdrawn', 'declined', 'expired')"


def upgrade() -> None:
    op.add_column("group_waitlist_entry", sa.Column("offered_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("group_waitlist_entry", sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True))
    op.drop_constraint(op.f("ck_group_waitlist_entry_status_known"), "group_waitlist_entry", type_="check")
    op.create_check_constraint(op.f("ck_group_waitlist_entry_status_known"), "group_waitlist_entry", NEW_STATUSES)
    op.create_check_constraint(
        op.f("ck_group_waitlist_entry_offer_expires"),
        "group_waitlist_entry",
        "status <> 'offered' OR offer_expires_at IS NOT NULL",
    )
    # A student holds at most one place in a group's queue, waiting or holding an offer.
    op.drop_index("uq_group_waitlist_entry_waiting", table_name="group_waitlist_entry")
    op.create_index(
        "uq_group_waitlist_entry_waiting",
        "group_waitlist_entry",
        ["group_id", "student_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('waiting', 'offered')"),
    )
    op.create_index(
        "ix_group_waitlist_entry_offer_expiry",
        "group_waitlist_entry",
        ["offer_expires_at"],
        postgresql_where=sa.text("status = 'offered'"),
    )


def downgrade() -> None:
    op.drop_index("ix_group_waitlist_entry_offer_expiry", table_name="group_waitlist_entry")
    op.execute("UPDATE group_waitlist_entry SET status = 'waiting' WHERE status = 'offered'")
    op.execute("UPDATE group_waitlist_entry SET status = 'withdrawn' WHERE status IN ('declined', 'expired')")
    op.drop_index("uq_group_waitlist_entry_waiting", table_name="group_waitlist_entry")
    op.create_index(
        "uq_group_waitlist_entry_waiting",
        "group_waitlist_entry",
        ["group_id", "student_id"],
        unique=True,
        postgresql_where=sa.text("status = 'waiting'"),
    )
    op.drop_constraint(op.f("ck_group_waitlist_entry_offer_expires"), "group_waitlist_entry", type_="check")
    op.drop_constraint(op.f("ck_group_waitlist_entry_status_known"), "group_waitlist_entry", type_="check")
    op.create_check_constraint(op.f("ck_group_waitlist_entry_status_known"), "group_waitlist_entry", OLD_STATUSES)
    op.drop_column("group_waitlist_entry", "offer_expires_at")
    op.drop_column("group_waitlist_entry", "offered_at")
