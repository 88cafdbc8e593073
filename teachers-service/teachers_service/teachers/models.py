"""Teacher profiles and the ratings students leave."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, SmallInteger, String, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, utcnow

from ..database import Base


class Teacher(TimestampMixin, Base):
    __tablename__ = "teacher"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'inactive')", name="status"),
        Index("uq_teacher_email_lower", func.lower(text("email")), unique=True),
    )

    # Identity rule: equals the teacher's auth user id.
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(20))
    bio: Mapped[str | None] = mapped_column(Text)
    photo_url: Mapped[str | None] = mapped_column(String(500))
    levels: Mapped[list[str]] = mapped_column(ARRAY(String(2)), default=list)
    specialisations: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)


class TeacherFeedback(Base):
    """One rating per student per lesson, so a redelivered event cannot skew the average."""

    __tablename__ = "teacher_feedback"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),)

    lesson_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    teacher_id: Mapped[uuid.UUID] = mapped_column(index=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
