"""An online payment: one checkout of a catalogue package, from creation to its final state."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base

ONLINE_PAYMENT_STATUSES = ("pending", "succeeded", "canceled")


class OnlinePayment(Base):
    __tablename__ = "online_payment"
    __table_args__ = (
        CheckConstraint(f"status IN {ONLINE_PAYMENT_STATUSES!r}", name="status"),
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        # A succeeded payment made exactly one package; the package's own key makes it once.
        CheckConstraint("(status = 'succeeded') = (package_id IS NOT NULL)", name="package_when_succeeded"),
        UniqueConstraint("student_id", "idempotency_key"),
        UniqueConstraint("provider", "provider_payment_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), index=True)
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("package_template.id"))
    provider: Mapped[str] = mapped_column(String(30))
    provider_payment_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(String(200))
    confirmation_url: Mapped[str | None] = mapped_column(String(2000))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    package_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("package.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
