"""The studio's closed days (holidays): a group's weekly pattern skips them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base


class StudioClosedDay(Base):
    __tablename__ = "studio_closed_day"

    # A date in the studio's timezone: the day a group session would start on is compared with it.
    closed_date: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
