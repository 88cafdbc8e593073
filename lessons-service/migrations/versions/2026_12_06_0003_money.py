"""price list: effective-dated lists of what an individual or trial lesson costs by length

Revision ID: 0003_money
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_money"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "price_list",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_list")),
    )
    op.create_index("ix_price_list_valid_from", "price_list", ["valid_from", "created_at"])
    op.create_table(
        "price_list_item",
        sa.Column("price_list_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('individual', 'trial')", name=op.f("ck_price_list_item_kind_priced")),
        sa.CheckConstraint("amount_minor >= 0", name=op.f("ck_price_list_item_amount_not_negative")),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_price_list_item_duration_positive")),
        sa.ForeignKeyConstraint(
            ["price_list_id"],
            ["price_list.id"],
            name=op.f("fk_price_list_item_price_list_id_price_list"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("price_list_id", "kind", "duration_minutes", name=op.f("pk_price_list_item")),
    )


def downgrade() -> None:
    op.drop_table("price_list_item")
    op.drop_index("ix_price_list_valid_from", table_name="price_list")
    op.drop_table("price_list")
