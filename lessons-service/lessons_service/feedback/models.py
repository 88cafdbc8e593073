"""A student's rating of a completed lesson."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import UUIDPrimaryKeyMixin, utcnow

from ..database import Base


class Feedback(UUIDPrimaryKeyMixin, Base):
    __tablename__ = "lesson_feedback"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        # Once per student and lesson, even when the web app and the bot answer at the same time.
        Index("uq_lesson_feedback_lesson_student", "lesson_id", "student_id", unique=True),
    )

    lesson_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"))
    student_id: Mapped[uuid.UUID]
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
