"""moneyops: every user's own calendar feed (an admin's shows the whole studio), one active token
per owner, its token kept so the profile can show the same link again

Revision ID: 20261206_0010_moneyops
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "20261206_0010_moneyops"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE feed_token ADD COLUMN token VARCHAR(64)")
    op.execute("ALTER TABLE feed_token DROP CONSTRAINT ck_feed_token_owner_kind_values")
    op.execute(
        "ALTER TABLE feed_token ADD CONSTRAINT ck_feed_token_owner_kind_values"
        " CHECK (owner_kind IN ('teacher', 'student', 'admin'))"
    )
    # Two concurrent issues could have left an owner two live tokens: keep the newest.
    op.execute(
        "UPDATE feed_token AS old SET revoked_at = now() WHERE revoked_at IS NULL AND EXISTS ("
        " SELECT 1 FROM feed_token AS new WHERE new.owner_kind = old.owner_kind AND new.owner_id = old.owner_id"
        " AND new.revoked_at IS NULL AND (new.created_at, new.id) > (old.created_at, old.id))"
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_feed_token_active_owner ON feed_token (owner_kind, owner_id) WHERE revoked_at IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX uq_feed_token_active_owner")
    op.execute("DELETE FROM feed_token WHERE owner_kind = 'admin'")
    op.execute("ALTER TABLE feed_token DROP CONSTRAINT ck_feed_token_owner_kind_values")
    op.execute(
        "ALTER TABLE feed_token ADD CONSTRAINT ck_feed_token_owner_kind_values"
        " CHECK (owner_kind IN ('teacher', 'student'))"
    )
    op.execute("ALTER TABLE feed_token DROP COLUMN token")
