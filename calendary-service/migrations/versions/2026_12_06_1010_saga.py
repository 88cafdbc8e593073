"""saga: the Idempotency-Key replay table becomes the kit's (studio_kit.idempotency); old replays are
dropped, they are a 48-hour cache

Revision ID: saga_1010
Revises: 20261206_0010_moneyops
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

from studio_kit.idempotency import create_idempotency_table

revision: str = "saga_1010"
down_revision: str | None = "20261206_0010_moneyops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DROP TABLE IF EXISTS idempotency_record")
    create_idempotency_table()


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS idempotency_record")
    op.execute(
        """
CREATE TABLE idempotency_record (
    principal VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    status_code INTEGER NOT NULL,
    response JSONB NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_record PRIMARY KEY (principal, idempotency_key)
)"""
    )
    op.execute("CREATE INDEX ix_idempotency_record_created_at ON idempotency_record (created_at)")
