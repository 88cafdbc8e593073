"""domain schema: students, teacher relation, leads, ledger, packages, assessments, documents

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "student",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("level", sa.String(length=2), nullable=True),
        sa.Column("goals", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("guardian_name", sa.String(length=200), nullable=True),
        sa.Column("guardian_phone", sa.String(length=20), nullable=True),
        sa.Column("guardian_email", sa.String(length=320), nullable=True),
        sa.Column("balance_low", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "level IS NULL OR level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')", name=op.f("ck_student_level")
        ),
        sa.CheckConstraint(
            "status IN ('lead', 'trial', 'active', 'paused', 'archived')", name=op.f("ck_student_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student")),
        sa.UniqueConstraint("user_id", name=op.f("uq_student_user_id")),
    )
    op.create_index(op.f("ix_student_phone"), "student", ["phone"], unique=False)
    op.create_index(op.f("ix_student_status"), "student", ["status"], unique=False)
    op.create_index(
        "uq_student_email_lower",
        "student",
        [sa.literal_column("lower(email)")],
        unique=True,
        postgresql_where=sa.text("email IS NOT NULL"),
    )
    op.create_table(
        "teacher_student",
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("ref_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("via IN ('group', 'lesson')", name=op.f("ck_teacher_student_via")),
        sa.PrimaryKeyConstraint("teacher_id", "student_id", "via", "ref_id", name=op.f("pk_teacher_student")),
    )
    op.create_index(op.f("ix_teacher_student_student_id"), "teacher_student", ["student_id"], unique=False)
    op.create_table(
        "assessment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.String(length=2), nullable=False),
        sa.Column("assessed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("assessed_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')", name=op.f("ck_assessment_level")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_assessment_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    op.create_index(op.f("ix_assessment_student_id"), "assessment", ["student_id"], unique=False)
    op.create_table(
        "document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=120), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_document_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    op.create_index(op.f("ix_document_student_id"), "document", ["student_id"], unique=False)
    op.create_table(
        "lead",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.String(length=100), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("is_child", sa.Boolean(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("preferred_slot", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("time_of_day", sa.String(length=50), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("telegram_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("student_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('new', 'contacted', 'trial_scheduled', 'won', 'lost')", name=op.f("ck_lead_status")
        ),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_lead_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead")),
        sa.UniqueConstraint("request_id", name=op.f("uq_lead_request_id")),
    )
    op.create_index(op.f("ix_lead_phone"), "lead", ["phone"], unique=False)
    op.create_index(op.f("ix_lead_status"), "lead", ["status"], unique=False)
    op.create_index(op.f("ix_lead_student_id"), "lead", ["student_id"], unique=False)
    op.create_index(
        "uq_lead_open_phone",
        "lead",
        ["phone"],
        unique=True,
        postgresql_where=sa.text("status IN ('new', 'contacted', 'trial_scheduled')"),
    )
    op.create_table(
        "package",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("lessons_total", sa.Integer(), nullable=False),
        sa.Column("lessons_used", sa.Integer(), nullable=False),
        sa.Column("price_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("frozen_from", sa.Date(), nullable=True),
        sa.Column("frozen_until", sa.Date(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('individual', 'group', 'any')", name=op.f("ck_package_kind")),
        sa.CheckConstraint("lessons_total > 0", name=op.f("ck_package_lessons_total_positive")),
        sa.CheckConstraint(
            "lessons_used >= 0 AND lessons_used <= lessons_total", name=op.f("ck_package_lessons_used_range")
        ),
        sa.CheckConstraint("price_minor >= 0", name=op.f("ck_package_price_not_negative")),
        sa.CheckConstraint("valid_until >= valid_from", name=op.f("ck_package_validity")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_package_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_package_idempotency_key")),
    )
    op.create_index(op.f("ix_package_student_id"), "package", ["student_id"], unique=False)
    op.create_table(
        "ledger_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=True),
        sa.Column("lesson_id", sa.Uuid(), nullable=True),
        sa.Column("package_id", sa.Uuid(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(kind = 'payment' AND amount_minor > 0) OR (kind = 'adjustment')"
            " OR (kind <> 'payment' AND kind <> 'adjustment' AND amount_minor < 0)",
            name=op.f("ck_ledger_entry_sign"),
        ),
        sa.CheckConstraint(
            "kind IN ('payment', 'lesson_charge', 'late_cancel_charge', 'refund', 'adjustment', 'package_purchase')",
            name=op.f("ck_ledger_entry_kind"),
        ),
        sa.CheckConstraint("amount_minor <> 0", name=op.f("ck_ledger_entry_amount_not_zero")),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"], name=op.f("fk_ledger_entry_package_id_package")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_ledger_entry_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entry")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ledger_entry_idempotency_key")),
    )
    op.create_index(op.f("ix_ledger_entry_student_id"), "ledger_entry", ["student_id"], unique=False)
    op.create_index(
        "uq_ledger_entry_lesson_charge",
        "ledger_entry",
        ["student_id", "lesson_id"],
        unique=True,
        postgresql_where=sa.text("kind IN ('lesson_charge', 'late_cancel_charge')"),
    )
    op.create_table(
        "package_usage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("reason IN ('lesson_completed', 'late_cancel')", name=op.f("ck_package_usage_reason")),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"], name=op.f("fk_package_usage_package_id_package")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_package_usage_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_usage")),
        sa.UniqueConstraint("student_id", "lesson_id", name=op.f("uq_package_usage_student_id_lesson_id")),
    )
    op.create_index(op.f("ix_package_usage_package_id"), "package_usage", ["package_id"], unique=False)
    # The ledger is append-only: corrections are new entries, never edits.
    op.execute(
        """
        CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'ledger_entry is append-only';
        END;
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry "
        "FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER ledger_entry_append_only ON ledger_entry")
    op.execute("DROP FUNCTION ledger_entry_append_only()")
    op.drop_index(op.f("ix_package_usage_package_id"), table_name="package_usage")
    op.drop_table("package_usage")
    op.drop_index(
        "uq_ledger_entry_lesson_charge",
        table_name="ledger_entry",
        postgresql_where=sa.text("kind IN ('lesson_charge', 'late_cancel_charge')"),
    )
    op.drop_index(op.f("ix_ledger_entry_student_id"), table_name="ledger_entry")
    op.drop_table("ledger_entry")
    op.drop_index(op.f("ix_package_student_id"), table_name="package")
    op.drop_table("package")
    op.drop_index(
        "uq_lead_open_phone",
        table_name="lead",
        postgresql_where=sa.text("status IN ('new', 'contacted', 'trial_scheduled')"),
    )
    op.drop_index(op.f("ix_lead_student_id"), table_name="lead")
    op.drop_index(op.f("ix_lead_status"), table_name="lead")
    op.drop_index(op.f("ix_lead_phone"), table_name="lead")
    op.drop_table("lead")
    op.drop_index(op.f("ix_document_student_id"), table_name="document")
    op.drop_table("document")
    op.drop_index(op.f("ix_assessment_student_id"), table_name="assessment")
    op.drop_table("assessment")
    op.drop_index(op.f("ix_teacher_student_student_id"), table_name="teacher_student")
    op.drop_table("teacher_student")
    op.drop_index("uq_student_email_lower", table_name="student", postgresql_where=sa.text("email IS NOT NULL"))
    op.drop_index(op.f("ix_student_status"), table_name="student")
    op.drop_index(op.f("ix_student_phone"), table_name="student")
    op.drop_table("student")
