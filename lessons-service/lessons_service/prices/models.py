"""Price lists: rows are only ever added, so the price of any past date stays known."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import UUIDPrimaryKeyMixin, utcnow

from ..database import Base

PRICED_KINDS = ("individual", "trial")


class PriceList(UUIDPrimaryKeyMixin, Base):
    """One edit of the price list, in force from `valid_from` until a later list starts."""

    __tablename__ = "price_list"
    __table_args__ = (Index("ix_price_list_valid_from", "valid_from", "created_at"),)

    valid_from: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PriceListItem(Base):
    """What one lesson of a kind and length costs under a price list."""

    __tablename__ = "price_list_item"
    __table_args__ = (
        CheckConstraint(f"kind IN {PRICED_KINDS!r}", name="kind_priced"),
        CheckConstraint("amount_minor >= 0", name="amount_not_negative"),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
    )

    price_list_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("price_list.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    duration_minutes: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount_minor: Mapped[int] = mapped_column(Integer)
