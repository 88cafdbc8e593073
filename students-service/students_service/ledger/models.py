"""The append-only money ledger: the balance is always the sum of these rows."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base

ENTRY_KINDS = ("payment", "lesson_charge", "late_cancel_charge", "refund", "adjustment", "package_purchase")
CHARGE_KINDS = ("lesson_charge", "late_cancel_charge")
PAYMENT_METHODS = ("cash", "card", "transfer", "online")


class LedgerEntry(Base):
    __tablename__ = "ledger_entry"
    __table_args__ = (
        CheckConstraint(f"kind IN {ENTRY_KINDS!r}", name="kind"),
        CheckConstraint("amount_minor <> 0", name="amount_not_zero"),
        # Money flows one way per kind, so a sign error cannot reach the balance.
        CheckConstraint(
            "(kind = 'payment' AND amount_minor > 0) OR (kind = 'adjustment')"
            " OR (kind <> 'payment' AND kind <> 'adjustment' AND amount_minor < 0)",
            name="sign",
        ),
        # A lesson is charged at most once per student, whatever the delivery count.
        Index(
            "uq_ledger_entry_lesson_charge",
            "student_id",
            "lesson_id",
            unique=True,
            postgresql_where=text(f"kind IN {CHARGE_KINDS!r}"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(String(500))
    method: Mapped[str | None] = mapped_column(String(20))
    lesson_id: Mapped[uuid.UUID | None]
    package_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("package.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
