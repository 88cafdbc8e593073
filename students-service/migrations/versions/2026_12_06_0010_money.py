"""money: package templates (the catalogue) and online payments

Revision ID: 20261206_0010_money
Revises: 20261206_0010_frontdesk
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261206_0010_money"
down_revision: str | None = "20261206_0010_frontdesk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "package_template",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("lessons", sa.Integer(), nullable=False),
        sa.Column("valid_days", sa.Integer(), nullable=False),
        sa.Column("price_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('individual', 'group', 'any')", name=op.f("ck_package_template_kind")),
        sa.CheckConstraint("lessons > 0", name=op.f("ck_package_template_lessons_positive")),
        sa.CheckConstraint("valid_days > 0", name=op.f("ck_package_template_valid_days_positive")),
        sa.CheckConstraint("price_minor >= 0", name=op.f("ck_package_template_price_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_template")),
    )
    op.create_table(
        "online_payment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("provider", sa.String(length=30), nullable=False),
        sa.Column("provider_payment_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("confirmation_url", sa.String(length=2000), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'succeeded', 'canceled')", name=op.f("ck_online_payment_status")
        ),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_online_payment_amount_positive")),
        sa.CheckConstraint(
            "(status = 'succeeded') = (package_id IS NOT NULL)", name=op.f("ck_online_payment_package_when_succeeded")
        ),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_online_payment_student_id_student")),
        sa.ForeignKeyConstraint(
            ["template_id"], ["package_template.id"], name=op.f("fk_online_payment_template_id_package_template")
        ),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"], name=op.f("fk_online_payment_package_id_package")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_payment")),
        sa.UniqueConstraint("student_id", "idempotency_key", name=op.f("uq_online_payment_student_id_idempotency_key")),
        sa.UniqueConstraint("provider", "provider_payment_id", name=op.f("uq_online_payment_provider_provider_payment_id")),
    )
    op.create_index(op.f("ix_online_payment_student_id"), "online_payment", ["student_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_online_payment_student_id"), table_name="online_payment")
    op.drop_table("online_payment")
    op.drop_table("package_template")
