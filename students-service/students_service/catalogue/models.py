"""Package templates (what the studio sells): a package is made from one at the sale."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base
from ..packages.models import PACKAGE_KINDS


class PackageTemplate(Base):
    __tablename__ = "package_template"
    __table_args__ = (
        CheckConstraint(f"kind IN {PACKAGE_KINDS!r}", name="kind"),
        CheckConstraint("lessons > 0", name="lessons_positive"),
        CheckConstraint("valid_days > 0", name="valid_days_positive"),
        CheckConstraint("price_minor >= 0", name="price_not_negative"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    lessons: Mapped[int]
    valid_days: Mapped[int]
    price_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )
